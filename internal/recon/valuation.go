package recon

import (
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/recon-energy/recon/internal/price"
)

// valuationBound is the bound of the price rule with which a command values
// the Bitcoin it computes: a period whose latest price point is older has no
// price (and its Bitcoin no value). Every command that computes Bitcoin
// takes it as an option (price-max-age) and records it in
// runs.price_max_age.
type valuationBound time.Duration

// priceMaxAge checks a command's bound: 0 means price.DefaultMaxAge; a
// negative one is bad input.
func priceMaxAge(d time.Duration) (valuationBound, error) {
	switch {
	case d == 0:
		return valuationBound(price.DefaultMaxAge), nil
	case d < 0:
		return 0, BadInput("--price-max-age %v is negative: give a positive duration such as 8d or 36h", d)
	}
	return valuationBound(d), nil
}

// interval is the bound as the SQL queries take it.
func (b valuationBound) interval() pgtype.Interval {
	return pgtype.Interval{Microseconds: time.Duration(b).Microseconds(), Valid: true}
}

// Duration is the bound as a duration.
func (b valuationBound) Duration() time.Duration { return time.Duration(b) }

// Valuation says how the Bitcoin of some periods was valued.
type Valuation struct {
	// MaxAge is the bound of the price rule used.
	MaxAge time.Duration
	// PeriodsWithoutPrice counts the periods with Bitcoin but no BTC price
	// (their Bitcoin has no value); PeriodsWithDerivedPrice those valued
	// with a derived price (price.SourceDerived). Both are the most of any
	// miner model: the same for all unless a model was recalculated alone.
	PeriodsWithoutPrice, PeriodsWithDerivedPrice int
}

// add takes one miner model's counts into v.
func (v *Valuation) add(withoutPrice, derived int) {
	v.PeriodsWithoutPrice = max(v.PeriodsWithoutPrice, withoutPrice)
	v.PeriodsWithDerivedPrice = max(v.PeriodsWithDerivedPrice, derived)
}

// PriceGaps are the dates whose Bitcoin is not all valued because some of
// their periods have no BTC price.
type PriceGaps struct {
	Dates   int // dates with periods without a price
	Periods int // those periods, in all
	// First and Last are the first and last such dates; zero when Dates is 0.
	First, Last time.Time
}

// Add takes a date with periods without a price into g.
func (g *PriceGaps) Add(date time.Time, periods int) {
	if periods <= 0 {
		return
	}
	g.Dates++
	g.Periods += periods
	if g.First.IsZero() || date.Before(g.First) {
		g.First = date
	}
	if date.After(g.Last) {
		g.Last = date
	}
}
