package recon

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/settlement"
)

// DifficultyReach is how far the difficulty table reaches.
type DifficultyReach struct {
	Epochs     int // 0: the table is empty, and nothing below is set
	Height     int64
	Activated  time.Time // UTC
	Difficulty decimal.Decimal
	Source     string
	// CompleteUntil is when the table stops being known complete: the last
	// activation plus difficulty.MaxEpochAge. Periods starting later have
	// no difficulty until a sync or import adds the epochs after it.
	CompleteUntil time.Time
}

// RegistryReach is the wind registry's size and latest changes.
type RegistryReach struct {
	Units int
	// LastChange is the latest change of the registry and what made it
	// (wind_unit_history.source); zero when it has none.
	LastChange       time.Time
	LastChangeSource string
	// The latest successful sync and import (0 and zero time: none).
	LastSyncRun, LastImportRun int64
	LastSync, LastImport       time.Time
}

// PriceReach is how far the BTC price history reaches.
type PriceReach struct {
	Points      int // 0: the history is empty, and nothing below is set
	First, Last time.Time
	LastGBP     decimal.Decimal
	LastSource  string
	// PricedUntil is when the last point stops pricing periods: periods
	// starting later have no price (price.DefaultMaxAge).
	PricedUntil time.Time
}

// PartialDate is a stored date that does not hold every period of its day
// as published.
type PartialDate struct {
	Date         time.Time
	Periods      int // periods held as published
	PeriodsInDay int
}

// referenceReach reads how far each piece of reference data reaches into
// st.
func referenceReach(ctx context.Context, q *db.Queries, st *DatabaseStatus) error {
	d, err := q.StatusDifficultyReach(ctx)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return fmt.Errorf("read the difficulty table's reach: %w", err)
	default:
		st.Difficulty = DifficultyReach{Epochs: int(d.Epochs), Height: d.Height, Activated: d.ActivatedAt.UTC(),
			Difficulty: d.Difficulty, Source: d.Source, CompleteUntil: d.ActivatedAt.Add(difficulty.MaxEpochAge).UTC()}
	}
	r, err := q.StatusWindRegistry(ctx)
	if err != nil {
		return fmt.Errorf("read the wind registry's state: %w", err)
	}
	st.Registry = RegistryReach{Units: int(r.Units), LastChangeSource: r.LastChangeSource,
		LastSyncRun: r.LastSyncRun, LastImportRun: r.LastImportRun}
	if r.LastChangeSource != "" {
		st.Registry.LastChange = r.LastChangeAt.UTC()
	}
	if r.LastSyncRun != 0 {
		st.Registry.LastSync = r.LastSyncAt.UTC()
	}
	if r.LastImportRun != 0 {
		st.Registry.LastImport = r.LastImportAt.UTC()
	}
	p, err := q.StatusPriceReach(ctx)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return fmt.Errorf("read the price history's reach: %w", err)
	default:
		st.Prices = PriceReach{Points: int(p.Points), First: p.FirstObservedAt.UTC(), Last: p.ObservedAt.UTC(),
			LastGBP: p.PriceGbp, LastSource: p.Source, PricedUntil: p.ObservedAt.Add(price.DefaultMaxAge).UTC()}
	}
	return nil
}

// partialDates reads the stored dates that lack some period.
func partialDates(ctx context.Context, q *db.Queries) ([]PartialDate, error) {
	rows, err := q.StatusPartialDates(ctx)
	if err != nil {
		return nil, fmt.Errorf("read partial dates: %w", err)
	}
	out := make([]PartialDate, len(rows))
	for i, r := range rows {
		out[i] = PartialDate{Date: settlement.Date(r.SummaryDate), Periods: int(r.PeriodsCovered), PeriodsInDay: int(r.PeriodsInDay)}
	}
	return out, nil
}
