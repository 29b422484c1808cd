package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// DatabaseStatus is what the database holds and what was done to it
// lately: the read behind `recon status`.
type DatabaseStatus struct {
	Dates              int       // settlement dates with at least one period fetched
	First, Last        time.Time // the first and last of them; zero when there are none
	CurtailmentRecords int64
	// PriceGaps are the stored dates whose Bitcoin is not all valued, for
	// want of a BTC price (bitcoin_daily_summaries.periods_without_price).
	PriceGaps PriceGaps
	Runs      []RunRecord // the latest runs, newest first
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
}

// Status reads the coverage of the database and its latest runs (at most
// runs of them).
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
			Succeeded: r.Outcome == "succeeded", Records: r.CurtailmentRecords}
		if r.Error != nil {
			rec.Error = *r.Error
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
