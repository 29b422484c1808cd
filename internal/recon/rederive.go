package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// RederiveOptions say which stored dates `recon rederive` rebuilds.
type RederiveOptions struct {
	From, To time.Time
	// PriceMaxAge is the bound of the price rule the Bitcoin is valued with;
	// 0 means price.DefaultMaxAge.
	PriceMaxAge time.Duration
}

// CurtailmentTotals are a date's curtailment figures.
type CurtailmentTotals struct {
	Records   int
	EnergyMWh decimal.Decimal
	Payment   decimal.Decimal
}

// RederiveResult is what rederive did to one date.
type RederiveResult struct {
	Date  time.Time
	RunID int64
	// PeriodsRebuilt is how many periods of the date the database holds
	// (as published): those rebuilt from their archived rows.
	PeriodsRebuilt int
	Before, After  CurtailmentTotals
	Bitcoin        []ModelBTC
	Prices         Valuation
	// Synthetic is true when the date's archive came from recon's stand-in.
	Synthetic bool
	// Replaced are the what-if figures the date held before, now replaced
	// by table figures for every model (nil when it held none).
	Replaced *WhatIfDate
}

// Changed reports whether the date's curtailment totals changed.
func (r RederiveResult) Changed() bool {
	return r.Before.Records != r.After.Records || !r.Before.EnergyMWh.Equal(r.After.EnergyMWh) ||
		!r.Before.Payment.Equal(r.After.Payment)
}

// Rederive rebuilds curtailment, Bitcoin and the rollups of every stored date
// in the range from the archived stack rows and the wind registry as it is
// now, without calling the API: after `recon bmu sync` or `recon bmu import`.
// Each date is one transaction under its advisory lock, recorded as a run
// (command "rederive"); the first failure stops the command, leaving earlier
// dates done and that date untouched. Bitcoin uses the difficulty table (a
// what-if override of an earlier run is not carried over).
func (s *Service) Rederive(ctx context.Context, opt RederiveOptions) ([]RederiveResult, error) {
	if opt.From.After(opt.To) {
		return nil, BadInput("--from %s is after --to %s", opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout))
	}
	bound, err := priceMaxAge(opt.PriceMaxAge)
	if err != nil {
		return nil, err
	}
	dates, err := db.New(s.Pool).StoredDates(ctx, db.StoredDatesParams{FromDate: opt.From, ToDate: opt.To})
	if err != nil {
		return nil, fmt.Errorf("list stored dates: %w", err)
	}
	var out []RederiveResult
	for _, date := range dates {
		res, err := s.rederiveDate(ctx, date, "rederive", bound)
		if err != nil {
			return out, err
		}
		out = append(out, *res)
	}
	return out, nil
}

// rederiveDate rebuilds one stored date from its archive in one
// transaction under the date's lock, recorded as a run of command.
func (s *Service) rederiveDate(ctx context.Context, date time.Time, command string, bound valuationBound) (*RederiveResult, error) {
	started := s.now()
	r := settlement.All(date)
	sp := periodSpan(date, r)
	res := &RederiveResult{Date: date}
	err := s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error {
		if err := q.DateLockAcquire(ctx, date); err != nil {
			return fmt.Errorf("lock %s: %w", date.Format(settlement.DateLayout), err)
		}
		before, err := q.CurtailmentTotalsForPeriods(ctx, db.CurtailmentTotalsForPeriodsParams(sp))
		if err != nil {
			return fmt.Errorf("curtailment totals: %w", err)
		}
		res.Before = CurtailmentTotals{Records: int(before.Records), EnergyMWh: before.EnergyMwh, Payment: before.Payment}
		held, err := whatIfDates(ctx, q, date, date)
		if err != nil {
			return err
		}
		if len(held) > 0 {
			res.Replaced = &held[0]
		}
		// Curtailment derived from stand-in data is synthetic too.
		synthetic, err := q.RunArchiveSynthetic(ctx, date)
		if err != nil {
			return fmt.Errorf("read the archive's provenance: %w", err)
		}
		res.Synthetic = synthetic
		runID, err := q.RunStart(ctx, db.RunStartParams{
			Command: command, SettlementDate: &date, PeriodFrom: ptr(sp.PeriodFrom), PeriodTo: ptr(sp.PeriodTo),
			StartedAt: started, Synthetic: synthetic, PriceMaxAge: bound.interval(),
		})
		if err != nil {
			return fmt.Errorf("record run: %w", err)
		}
		res.RunID = runID
		if err := deriveCurtailment(ctx, q, date, r, runID); err != nil {
			return err
		}
		if err := deriveTurnUp(ctx, q, date, r, runID); err != nil {
			return err
		}
		if err := computeBitcoin(ctx, q, date, r, runID, nil, "", bound); err != nil {
			return err
		}
		if err := refreshRollups(ctx, q, date); err != nil {
			return err
		}
		t, rebuilt, err := finishRebuildRun(ctx, q, runID, sp)
		if err != nil {
			return err
		}
		res.After = CurtailmentTotals{Records: t.Records, EnergyMWh: t.EnergyMWh, Payment: t.Payment}
		res.Bitcoin, res.PeriodsRebuilt, res.Prices = t.Bitcoin, rebuilt, t.Prices
		res.Prices.MaxAge = bound.Duration()
		return nil
	})
	if err != nil {
		return nil, s.recordFailure(ctx, failedRun{Command: command, Date: date, Periods: r, Started: started,
			PriceMaxAge: bound.Duration()}, err)
	}
	return res, nil
}
