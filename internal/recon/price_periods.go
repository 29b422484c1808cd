package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/settlement"
)

// PeriodPrice is the price of one settlement period by the price rule (the
// SQL function btc_price_point_in_force).
type PeriodPrice struct {
	Date   time.Time // settlement date
	Period int
	Start  time.Time // UTC
	// GBP is the price in force, not Valid when the period has none.
	GBP decimal.NullDecimal
	// Latest is the latest point at or before Start, used or not; nil when
	// the history starts after the period.
	Latest *price.Point
	// Stale is true when Latest exists but is older than the bound, so the
	// period has no price.
	Stale bool
}

// DatePriceCoverage says how many periods of a date have a price.
type DatePriceCoverage struct {
	Date    time.Time
	Periods int
	Priced  int
	// Stale periods have no price because the latest point is too old;
	// BeforeHistory ones because no point precedes them.
	Stale, BeforeHistory int
}

// Complete reports whether every period of the date has a price.
func (c DatePriceCoverage) Complete() bool { return c.Priced == c.Periods }

// PeriodPrices prices every settlement period of the dates from..to by the
// price rule with the bound maxAge (0: price.DefaultMaxAge).
func (s *Service) PeriodPrices(ctx context.Context, from, to time.Time, maxAge time.Duration) ([]PeriodPrice, error) {
	bound, err := priceBound(from, to, maxAge)
	if err != nil {
		return nil, err
	}
	return periodPrices(ctx, db.New(s.Pool), from, to, bound)
}

// periodPrices is PeriodPrices on q, e.g. inside a run's transaction. The
// query returns the periods that have a point at or before their start; the
// others (before the history starts) are filled in here from the
// settlement calendar, which is the SQL one (a test keeps them equal).
func periodPrices(ctx context.Context, q *db.Queries, from, to time.Time, bound pgtype.Interval) ([]PeriodPrice, error) {
	rows, err := q.BtcPricePeriods(ctx, db.BtcPricePeriodsParams{FromDate: from, ToDate: to, MaxAge: bound})
	if err != nil {
		return nil, fmt.Errorf("price the periods of %s..%s: %w", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout), err)
	}
	type key struct {
		date   time.Time
		period int
	}
	found := make(map[key]db.BtcPricePeriodsRow, len(rows))
	for _, r := range rows {
		found[key{settlement.Date(r.SettlementDate), int(r.SettlementPeriod)}] = r
	}
	var out []PeriodPrice
	for d := settlement.Date(from); !d.After(to); d = d.AddDate(0, 0, 1) {
		for n := 1; n <= settlement.Periods(d); n++ {
			p := PeriodPrice{Date: d, Period: n, Start: settlement.PeriodStart(d, n)}
			if r, ok := found[key{d, n}]; ok {
				p.Latest = &price.Point{ObservedAt: r.ObservedAt.UTC(), GBP: r.PriceGbp, Source: r.Source}
				p.Stale = !r.InForce
				if r.InForce {
					p.GBP = decimal.NewNullDecimal(r.PriceGbp)
				}
				delete(found, key{d, n})
			}
			out = append(out, p)
		}
	}
	if len(found) > 0 {
		return nil, fmt.Errorf("price the periods of %s..%s: the database's settlement calendar has %d period(s) the Go calendar lacks",
			from.Format(settlement.DateLayout), to.Format(settlement.DateLayout), len(found))
	}
	return out, nil
}

// PriceCoverage says, for each date of from..to, how many of its periods
// have a price by the price rule with the bound maxAge (0:
// price.DefaultMaxAge).
func (s *Service) PriceCoverage(ctx context.Context, from, to time.Time, maxAge time.Duration) ([]DatePriceCoverage, error) {
	bound, err := priceBound(from, to, maxAge)
	if err != nil {
		return nil, err
	}
	rows, err := db.New(s.Pool).BtcPriceCoverageByDate(ctx, db.BtcPriceCoverageByDateParams{FromDate: from, ToDate: to, MaxAge: bound})
	if err != nil {
		return nil, fmt.Errorf("price coverage of %s..%s: %w", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout), err)
	}
	out := make([]DatePriceCoverage, len(rows))
	for i, r := range rows {
		out[i] = DatePriceCoverage{Date: r.SettlementDate, Periods: int(r.Periods), Priced: int(r.PeriodsPriced),
			Stale: int(r.PeriodsStale), BeforeHistory: int(r.PeriodsBeforeHistory)}
	}
	return out, nil
}

// priceBound checks a date range and a bound and gives the bound as the
// price queries take it.
func priceBound(from, to time.Time, maxAge time.Duration) (pgtype.Interval, error) {
	if from.After(to) {
		return pgtype.Interval{}, BadInput("--from %s is after --to %s", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout))
	}
	if maxAge == 0 {
		maxAge = price.DefaultMaxAge
	}
	if maxAge < 0 {
		return pgtype.Interval{}, BadInput("the price bound %v is negative: give a positive duration", maxAge)
	}
	return pgtype.Interval{Microseconds: maxAge.Microseconds(), Valid: true}, nil
}
