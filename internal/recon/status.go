package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// DatabaseStatus is what the database holds and what was done to it
// lately: the read behind `recon status`. Everything is read from
// summaries, small tables and one end of indexes, never the archive, so it
// stays fast on a decade of data.
type DatabaseStatus struct {
	Dates              int       // settlement dates with at least one period fetched
	First, Last        time.Time // the first and last of them; zero when there are none
	CurtailmentRecords int64
	// PriceGaps are the stored dates whose Bitcoin is not all valued, for
	// want of a BTC price (bitcoin_daily_summaries.periods_without_price).
	PriceGaps PriceGaps
	// Synthetic is true when some stored data came from recon's stand-in
	// server (as for a report over every stored date).
	Synthetic bool
	// Partial are the stored dates that do not hold every period of their
	// day as published; the others are complete.
	Partial []PartialDate
	// WhatIf are the stored dates whose Bitcoin holds what-if figures.
	WhatIf []WhatIfDate
	// How far each piece of reference data reaches.
	Difficulty DifficultyReach
	Registry   RegistryReach
	Prices     PriceReach
	Runs       []RunRecord // the latest runs, newest first
}

// RunRecord is one row of runs, as `recon status` lists it.
type RunRecord struct {
	ID         int64
	Command    string
	Date       *time.Time // nil for a change of reference data
	FinishedAt time.Time  // UTC
	Succeeded  bool
	Records    *int32 // curtailment records of the covered periods, when recorded
	Error      string // why a failed run failed
	// Synthetic marks a run on data from recon's stand-in server, WhatIf
	// the what-if difficulty it was given.
	Synthetic bool
	WhatIf    *decimal.Decimal
}

// Status reads the coverage of the database, how far its reference data
// reaches, and its latest runs (at most runs of them).
func (s *Service) Status(ctx context.Context, runs int) (*DatabaseStatus, error) {
	if runs < 0 {
		return nil, BadInput("--runs %d: give 0 or more", runs)
	}
	q := db.New(s.Pool)
	cov, err := q.CoverageOverall(ctx)
	if err != nil {
		return nil, fmt.Errorf("read coverage: %w", err)
	}
	st := &DatabaseStatus{Dates: int(cov.Dates), CurtailmentRecords: cov.CurtailmentRecords}
	if st.Dates > 0 {
		if st.First, err = settlement.ParseDate(cov.FirstDate); err != nil {
			return nil, fmt.Errorf("read coverage: first date: %w", err)
		}
		if st.Last, err = settlement.ParseDate(cov.LastDate); err != nil {
			return nil, fmt.Errorf("read coverage: last date: %w", err)
		}
		if st.Synthetic, err = q.StatusSynthetic(ctx); err != nil {
			return nil, fmt.Errorf("read the data's sources: %w", err)
		}
		if st.WhatIf, err = whatIfDates(ctx, q, st.First, st.Last); err != nil {
			return nil, err
		}
	}
	if st.Partial, err = partialDates(ctx, q); err != nil {
		return nil, err
	}
	if err := referenceReach(ctx, q, st); err != nil {
		return nil, err
	}
	if st.PriceGaps, err = priceGaps(ctx, q); err != nil {
		return nil, err
	}
	rows, err := q.RunsLatest(ctx, int32(runs))
	if err != nil {
		return nil, fmt.Errorf("read the latest runs: %w", err)
	}
	for _, r := range rows {
		rec := RunRecord{ID: r.RunID, Command: r.Command, Date: r.SettlementDate, FinishedAt: r.FinishedAt.UTC(),
			Succeeded: r.Outcome == "succeeded", Records: r.CurtailmentRecords, Synthetic: r.Synthetic}
		if r.Error != nil {
			rec.Error = *r.Error
		}
		if r.DifficultyOverride.Valid {
			rec.WhatIf = &r.DifficultyOverride.Decimal
		}
		st.Runs = append(st.Runs, rec)
	}
	return st, nil
}

// priceGaps reads the stored dates whose Bitcoin lacks a price somewhere.
func priceGaps(ctx context.Context, q *db.Queries) (PriceGaps, error) {
	g, err := q.BitcoinPriceGaps(ctx)
	if err != nil {
		return PriceGaps{}, fmt.Errorf("read the periods without a BTC price: %w", err)
	}
	gaps := PriceGaps{Dates: int(g.Dates), Periods: int(g.Periods)}
	if gaps.Dates > 0 {
		if gaps.First, err = settlement.ParseDate(g.FirstDate); err != nil {
			return PriceGaps{}, fmt.Errorf("read the periods without a BTC price: first date: %w", err)
		}
		if gaps.Last, err = settlement.ParseDate(g.LastDate); err != nil {
			return PriceGaps{}, fmt.Errorf("read the periods without a BTC price: last date: %w", err)
		}
	}
	return gaps, nil
}
