package recon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// A run of a date is recorded in runs in one of two shapes, each written by
// its own statement so that they cannot be mistaken for each other:
//
//   - a run that fetched (run, backfill, verify's repair): what the API was
//     asked and answered (requests, stack rows, periods expected, published
//     and not), finishFetchRun;
//   - a run that rebuilt stored periods without the API (recalc, rederive):
//     how many periods it rebuilt, its API columns null, finishRebuildRun.
//
// Both add what the covered periods' curtailment, turn-up and Bitcoin now
// add up to.

// periodTotals is what the curtailment and Bitcoin of some periods add up
// to, as a run records them.
type periodTotals struct {
	Records       int
	EnergyMWh     decimal.Decimal
	Payment       decimal.Decimal
	NullPriceRows int
	Bitcoin       []ModelBTC
	TurnUp        TurnUpTotals
	Prices        Valuation
	details       []byte // BTC and value per miner model and the turn-up figures, for runs.details
}

// readTotals reads back the totals of what was written.
func readTotals(ctx context.Context, q *db.Queries, sp span) (*periodTotals, error) {
	totals, err := q.CurtailmentTotalsForPeriods(ctx, db.CurtailmentTotalsForPeriodsParams(sp))
	if err != nil {
		return nil, fmt.Errorf("curtailment totals: %w", err)
	}
	btc, err := q.BitcoinTotalsForPeriods(ctx, db.BitcoinTotalsForPeriodsParams(sp))
	if err != nil {
		return nil, fmt.Errorf("bitcoin totals: %w", err)
	}
	t := &periodTotals{Records: int(totals.Records), EnergyMWh: totals.EnergyMwh, Payment: totals.Payment,
		NullPriceRows: int(totals.NullPriceRows)}
	if t.TurnUp, err = turnUpTotalsOf(ctx, q, sp); err != nil {
		return nil, err
	}
	details := t.TurnUp.details()
	for _, b := range btc {
		m := ModelBTC{Model: b.MinerModel, Bitcoin: b.BitcoinMined, Value: decimal.NullDecimal{Decimal: b.ValueGbp, Valid: b.HasValue}}
		t.Bitcoin = append(t.Bitcoin, m)
		details["btc_"+b.MinerModel] = b.BitcoinMined.StringFixed(8)
		details["value_gbp_"+b.MinerModel] = nil
		if m.Value.Valid {
			details["value_gbp_"+b.MinerModel] = m.Value.Decimal.String()
		}
		t.Prices.add(int(b.PeriodsWithoutPrice), int(b.PeriodsWithDerivedPrice))
	}
	details["periods_without_price"] = t.Prices.PeriodsWithoutPrice
	details["periods_with_derived_price"] = t.Prices.PeriodsWithDerivedPrice
	if t.details, err = json.Marshal(details); err != nil {
		return nil, err
	}
	return t, nil
}

// finishFetchRun completes the record of a run that fetched from the API,
// and fills res with the totals of what it wrote.
func finishFetchRun(ctx context.Context, q *db.Queries, runID int64, sp span, res *RunResult) error {
	t, err := readTotals(ctx, q, sp)
	if err != nil {
		return err
	}
	res.Records, res.EnergyMWh, res.Payment, res.NullPriceRows, res.Bitcoin = t.Records, t.EnergyMWh, t.Payment, t.NullPriceRows, t.Bitcoin
	res.TurnUp = t.TurnUp
	res.Prices.PeriodsWithoutPrice, res.Prices.PeriodsWithDerivedPrice = t.Prices.PeriodsWithoutPrice, t.Prices.PeriodsWithDerivedPrice
	unpublished := make([]int32, 0, len(res.Unpublished))
	for _, p := range res.Unpublished {
		unpublished = append(unpublished, int32(p))
	}
	return q.RunFinish(ctx, db.RunFinishParams{
		RunID:              runID,
		Requests:           ptr(int32(res.Requests)),
		StackRows:          ptr(int32(res.StackRows)),
		CurtailmentRecords: ptr(int32(t.Records)),
		PeriodsExpected:    ptr(int32(res.PeriodsExpected)),
		PeriodsPublished:   ptr(int32(res.PeriodsPublished)),
		PeriodsUnpublished: unpublished,
		EnergyMwh:          decimal.NewNullDecimal(t.EnergyMWh),
		Payment:            decimal.NewNullDecimal(t.Payment),
		NullPriceRows:      ptr(int32(t.NullPriceRows)),
		Details:            t.details,
	})
}

// finishRebuildRun completes the record of a run that rebuilt stored
// periods without the API, and answers the totals and how many periods it
// rebuilt (those the database holds as published).
func finishRebuildRun(ctx context.Context, q *db.Queries, runID int64, sp span) (*periodTotals, int, error) {
	t, err := readTotals(ctx, q, sp)
	if err != nil {
		return nil, 0, err
	}
	rebuilt, err := q.RunFinishRebuild(ctx, db.RunFinishRebuildParams{
		RunID:              runID,
		SettlementDate:     sp.SettlementDate,
		PeriodFrom:         sp.PeriodFrom,
		PeriodTo:           sp.PeriodTo,
		CurtailmentRecords: ptr(int32(t.Records)),
		EnergyMwh:          decimal.NewNullDecimal(t.EnergyMWh),
		Payment:            decimal.NewNullDecimal(t.Payment),
		NullPriceRows:      ptr(int32(t.NullPriceRows)),
		Details:            t.details,
	})
	if err != nil {
		return nil, 0, fmt.Errorf("record run: %w", err)
	}
	if rebuilt == nil {
		return nil, 0, fmt.Errorf("record run: run #%d is not in runs", runID)
	}
	return t, int(*rebuilt), nil
}

// failedRun is what the record of a failed run says.
type failedRun struct {
	Command string
	// Date and Periods are what the run worked on; a zero Date for a change
	// of reference data, which has none.
	Date       time.Time
	Periods    settlement.Range
	Started    time.Time
	Difficulty *decimal.Decimal // the what-if override, if any
	// PriceMaxAge is the bound the run was to value its Bitcoin with; 0 for
	// a run that values none.
	PriceMaxAge time.Duration
	// Requests is how many API requests the run sent; nil for a run that
	// does not call the API.
	Requests *int32
}

// failed records a failed run that called the API (reqs requests) and
// returns err; see recordFailure.
func (s *Service) failed(ctx context.Context, opt RunOptions, r settlement.Range, started time.Time, reqs int, err error) error {
	return s.recordFailure(ctx, failedRun{Command: opt.Command, Date: opt.Date, Periods: r, Started: started,
		Difficulty: opt.Difficulty, PriceMaxAge: opt.PriceMaxAge, Requests: ptr(int32(reqs))}, err)
}

// recordFailure records a failed run outside any transaction and returns
// err. The record is best effort: if it cannot be written, the original
// error still stands, joined with the reason. Bad input is not a run:
// nothing is recorded.
func (s *Service) recordFailure(ctx context.Context, f failedRun, err error) error {
	if IsBadInput(err) {
		return err
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	params := db.RunRecordFailureParams{
		Command:            f.Command,
		StartedAt:          f.Started,
		Error:              ptr(err.Error()),
		Requests:           f.Requests,
		DifficultyOverride: nullDecimal(f.Difficulty),
	}
	if f.PriceMaxAge > 0 {
		params.PriceMaxAge = valuationBound(f.PriceMaxAge).interval()
	}
	if f.Requests != nil {
		params.ElexonUrl = &s.ElexonURL
	}
	if !f.Date.IsZero() {
		params.SettlementDate = &f.Date
		params.PeriodFrom, params.PeriodTo = ptr(int16(f.Periods.From)), ptr(int16(f.Periods.To))
	}
	recErr := db.New(s.Pool).RunRecordFailure(rctx, params)
	if recErr != nil {
		return errors.Join(err, fmt.Errorf("also failed to record the failed run: %w", recErr))
	}
	return err
}

func ptr[T any](v T) *T { return &v }

func nullDecimal(d *decimal.Decimal) decimal.NullDecimal {
	if d == nil {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(*d)
}
