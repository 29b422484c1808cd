package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// refreshRollups recomputes the summaries a change to date affects: the
// day (and its farms), its month (and its farms) and its year, for
// curtailment and for Bitcoin. Between the
// day and the month it waits for any other transaction refreshing the same
// year to end, so that concurrent dates (a backfill) each sum a month that
// includes the other's committed day.
func refreshRollups(ctx context.Context, q *db.Queries, date time.Time) error {
	// The Bitcoin summaries are per model: no model is added or removed
	// while they are summed (a run holds this already, from computeBitcoin).
	if err := q.MinerModelsLockShare(ctx); err != nil {
		return fmt.Errorf("lock the miner models: %w", err)
	}
	if err := refreshDay(ctx, q, date); err != nil {
		return err
	}
	if err := q.YearRollupLockAcquire(ctx, int32(date.Year())); err != nil {
		return fmt.Errorf("lock the rollups of %d: %w", date.Year(), err)
	}
	return refreshMonthAndYear(ctx, q, date.Format("2006-01"))
}

// refreshDay recomputes one date's summaries from its base rows.
func refreshDay(ctx context.Context, q *db.Queries, date time.Time) error {
	d := date.Format(settlement.DateLayout)
	if err := q.DailySummaryRefresh(ctx, date); err != nil {
		return fmt.Errorf("daily summary %s: %w", d, err)
	}
	if err := q.BitcoinDailySummaryClear(ctx, date); err != nil {
		return fmt.Errorf("bitcoin daily summary %s: %w", d, err)
	}
	if _, err := q.BitcoinDailySummaryRefresh(ctx, date); err != nil {
		return fmt.Errorf("bitcoin daily summary %s: %w", d, err)
	}
	if err := q.FarmDailySummaryClear(ctx, date); err != nil {
		return fmt.Errorf("farm daily summaries %s: %w", d, err)
	}
	if _, err := q.FarmDailySummaryRefresh(ctx, date); err != nil {
		return fmt.Errorf("farm daily summaries %s: %w", d, err)
	}
	if err := q.BitcoinFarmDailySummaryClear(ctx, date); err != nil {
		return fmt.Errorf("bitcoin farm daily summaries %s: %w", d, err)
	}
	if _, err := q.BitcoinFarmDailySummaryRefresh(ctx, date); err != nil {
		return fmt.Errorf("bitcoin farm daily summaries %s: %w", d, err)
	}
	return nil
}

// refreshMonthAndYear recomputes a month (YYYY-MM) from its days, its farms'
// month from their days, and its year from its months.
func refreshMonthAndYear(ctx context.Context, q *db.Queries, yearMonth string) error {
	year := yearMonth[:4]
	steps := []struct {
		what string
		fn   func() error
	}{
		{"monthly summary " + yearMonth, func() error { return q.MonthlySummaryRefresh(ctx, yearMonth) }},
		{"bitcoin monthly summary " + yearMonth, func() error { return q.BitcoinMonthlySummaryClear(ctx, yearMonth) }},
		{"bitcoin monthly summary " + yearMonth, func() error { _, err := q.BitcoinMonthlySummaryRefresh(ctx, yearMonth); return err }},
		{"farm monthly summaries " + yearMonth, func() error { return q.FarmMonthlySummaryClear(ctx, yearMonth) }},
		{"farm monthly summaries " + yearMonth, func() error { _, err := q.FarmMonthlySummaryRefresh(ctx, yearMonth); return err }},
		{"bitcoin farm monthly summaries " + yearMonth, func() error { return q.BitcoinFarmMonthlySummaryClear(ctx, yearMonth) }},
		{"bitcoin farm monthly summaries " + yearMonth, func() error { _, err := q.BitcoinFarmMonthlySummaryRefresh(ctx, yearMonth); return err }},
		{"yearly summary " + year, func() error { return q.YearlySummaryRefresh(ctx, year) }},
		{"bitcoin yearly summary " + year, func() error { return q.BitcoinYearlySummaryClear(ctx, year) }},
		{"bitcoin yearly summary " + year, func() error { _, err := q.BitcoinYearlySummaryRefresh(ctx, year); return err }},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("%s: %w", s.what, err)
		}
	}
	return nil
}
