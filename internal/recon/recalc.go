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

// RecalcOptions says which stored dates `recon recalc` recomputes.
type RecalcOptions struct {
	From, To time.Time
	// Model limits the recalc to one miner model (empty: all), except on a
	// date holding what-if figures: those are replaced for every model, so
	// that a date never mixes what-if and table figures.
	Model string
	// Difficulty is an explicit what-if override, for every period and
	// every model (with Model it is refused).
	Difficulty *decimal.Decimal
	// PriceMaxAge is the bound of the price rule the Bitcoin is valued with;
	// 0 means price.DefaultMaxAge.
	PriceMaxAge time.Duration
}

// RecalcResult is what recalc did to one date.
type RecalcResult struct {
	Date  time.Time
	RunID int64
	// PeriodsRebuilt is how many periods of the date the database holds
	// (as published): those whose Bitcoin was recomputed.
	PeriodsRebuilt int
	Bitcoin        []ModelBTC
	Prices         Valuation
	// Synthetic is true when the date's archive came from recon's stand-in.
	Synthetic bool
	// WhatIf is the what-if difficulty applied (RecalcOptions.Difficulty);
	// nil for table figures.
	WhatIf *decimal.Decimal
	// Replaced are the what-if figures the date held before (nil when it
	// held none). EveryModel is true when, to replace them, a recalc asked
	// for one model recomputed every model.
	Replaced   *WhatIfDate
	EveryModel bool
}

// Recalc recomputes Bitcoin, its value and its rollups for every stored
// date in the range from the stored curtailment and the price history,
// without calling the API: after a difficulty correction, a price import or
// sync, or when a miner model was added. Each date is one
// transaction under its advisory lock, recorded as a run; the first failure
// stops the command, leaving earlier dates done and that date untouched.
func (s *Service) Recalc(ctx context.Context, opt RecalcOptions) ([]RecalcResult, error) {
	if opt.From.After(opt.To) {
		return nil, BadInput("--from %s is after --to %s", opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout))
	}
	bound, err := priceMaxAge(opt.PriceMaxAge)
	if err != nil {
		return nil, err
	}
	opt.PriceMaxAge = bound.Duration()
	if opt.Model != "" {
		if opt.Difficulty != nil {
			return nil, BadInput("--difficulty with --model: a what-if applies to every miner model of a date, never to one; drop --model")
		}
		name, err := s.ModelName(ctx, opt.Model) // in any case: s21 is S21
		if err != nil {
			return nil, err
		}
		opt.Model = name
	}
	dates, err := db.New(s.Pool).StoredDates(ctx, db.StoredDatesParams{FromDate: opt.From, ToDate: opt.To})
	if err != nil {
		return nil, fmt.Errorf("list stored dates: %w", err)
	}
	var out []RecalcResult
	for _, date := range dates {
		res, err := s.recalcDate(ctx, date, opt)
		if err != nil {
			return out, err
		}
		out = append(out, *res)
	}
	return out, nil
}

func (s *Service) recalcDate(ctx context.Context, date time.Time, opt RecalcOptions) (*RecalcResult, error) {
	started := s.now()
	command := "recalc"
	if opt.Model != "" {
		command += " --model " + opt.Model
	}
	r := settlement.All(date)
	res := &RecalcResult{Date: date, WhatIf: opt.Difficulty}
	err := s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error {
		if err := q.DateLockAcquire(ctx, date); err != nil {
			return err
		}
		// A date holding what-if figures gets them replaced for every
		// model: by the table, or by the new what-if.
		held, err := whatIfDates(ctx, q, date, date)
		if err != nil {
			return err
		}
		model := opt.Model
		if len(held) > 0 {
			res.Replaced = &held[0]
			if model != "" {
				model, res.EveryModel = "", true
				command = "recalc"
			}
		}
		// Bitcoin derived from stand-in data is synthetic too.
		synthetic, err := q.RunArchiveSynthetic(ctx, date)
		if err != nil {
			return fmt.Errorf("read the archive's provenance: %w", err)
		}
		res.Synthetic = synthetic
		runID, err := q.RunStart(ctx, db.RunStartParams{
			Command: command, SettlementDate: &date, PeriodFrom: ptr(int16(r.From)), PeriodTo: ptr(int16(r.To)),
			StartedAt: started, DifficultyOverride: nullDecimal(opt.Difficulty), Synthetic: synthetic,
			PriceMaxAge: valuationBound(opt.PriceMaxAge).interval(),
		})
		if err != nil {
			return fmt.Errorf("record run: %w", err)
		}
		res.RunID = runID
		if err := computeBitcoin(ctx, q, date, r, runID, opt.Difficulty, model, valuationBound(opt.PriceMaxAge)); err != nil {
			return err
		}
		if err := refreshRollups(ctx, q, date); err != nil {
			return err
		}
		t, rebuilt, err := finishRebuildRun(ctx, q, runID, periodSpan(date, r))
		if err != nil {
			return err
		}
		res.Bitcoin, res.PeriodsRebuilt, res.Prices = t.Bitcoin, rebuilt, t.Prices
		res.Prices.MaxAge = opt.PriceMaxAge
		return nil
	})
	if err != nil {
		return nil, s.recordFailure(ctx, failedRun{Command: command, Date: date, Periods: r, Started: started, Difficulty: opt.Difficulty,
			PriceMaxAge: opt.PriceMaxAge}, err)
	}
	return res, nil
}
