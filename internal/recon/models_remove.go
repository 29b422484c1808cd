package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// ModelRemoveOptions says which miner model `recon model remove` removes.
type ModelRemoveOptions struct {
	Name string // in any case: s21 removes S21
	// DeleteRows deletes the model's stored Bitcoin (its rows and its rows
	// of the Bitcoin summaries) with it; without it a model in use is
	// refused.
	DeleteRows bool
}

// ModelRemoval is what `recon model remove` did.
type ModelRemoval struct {
	Model string // the name as stored
	RunID int64
	// What was deleted with the model.
	BitcoinRows            int64
	Dates                  int64     // settlement dates those rows covered
	FirstDate, LastDate    time.Time // zero when there were none
	DailyRows, MonthlyRows int64     // rows of bitcoin_daily_summaries, bitcoin_monthly_summaries
	YearlyRows             int64     // rows of bitcoin_yearly_summaries
	// Rows of bitcoin_farm_daily_summaries, bitcoin_farm_monthly_summaries.
	FarmDailyRows, FarmMonthlyRows int64
	Remaining                      []string // the models left
}

// RemoveModel removes a miner model in one transaction under the models'
// lock, recorded as a run (command "model remove"). A model with stored
// Bitcoin is refused (bad input, nothing written) unless DeleteRows; then
// its Bitcoin rows and its rows of the daily, monthly and yearly Bitcoin
// summaries (and of those per farm and day or month) go in the same
// transaction, each by one set-based statement.
// The lock is the one every transaction writing Bitcoin takes shared
// (computeBitcoin, refreshRollups), so no date computes or sums the model
// while it goes. The other models' rows and summaries are untouched, and
// every rollup still equals the sum below it. The last model cannot be
// removed: runs need at least one.
func (s *Service) RemoveModel(ctx context.Context, opt ModelRemoveOptions) (*ModelRemoval, error) {
	started := s.now()
	res := &ModelRemoval{}
	err := s.changeReference(ctx, commandModelRemove, started, func(q *db.Queries) error {
		if err := q.MinerModelsLockAcquire(ctx); err != nil {
			return fmt.Errorf("lock the miner models: %w", err)
		}
		models, err := q.MinerModelsList(ctx)
		if err != nil {
			return fmt.Errorf("read the miner models: %w", err)
		}
		name, err := findModel(ctx, q, opt.Name)
		if err != nil {
			return err
		}
		if name == "" {
			_, err := loadModels(ctx, q, opt.Name) // says which models there are
			return err
		}
		if len(models) == 1 {
			return BadInput("miner model %s is the only one: every run computes Bitcoin for the models listed, so add another (recon model add) before removing it", name)
		}
		res.Model = name
		for _, m := range models {
			if m.Name != name {
				res.Remaining = append(res.Remaining, m.Name)
			}
		}
		usage, err := q.MinerModelUsage(ctx, name)
		if err != nil {
			return fmt.Errorf("read the Bitcoin rows of %s: %w", name, err)
		}
		if len(usage) > 0 {
			u := usage[0]
			if !opt.DeleteRows {
				return BadInput("miner model %s has %d Bitcoin rows on %d settlement dates (%s to %s): pass --delete-rows to delete them with it, or keep the model",
					name, u.BitcoinRows, u.Dates, u.FirstDate.Format(settlement.DateLayout), u.LastDate.Format(settlement.DateLayout))
			}
			res.Dates, res.FirstDate, res.LastDate = u.Dates, u.FirstDate, u.LastDate
		}
		if err := deleteModel(ctx, q, res); err != nil {
			return err
		}
		details := map[string]any{"model": name, "bitcoin_rows": res.BitcoinRows, "dates": res.Dates,
			"daily_summary_rows": res.DailyRows, "monthly_summary_rows": res.MonthlyRows, "yearly_summary_rows": res.YearlyRows,
			"farm_daily_summary_rows": res.FarmDailyRows, "farm_monthly_summary_rows": res.FarmMonthlyRows}
		if res.Dates > 0 {
			details["first_date"] = res.FirstDate.Format(settlement.DateLayout)
			details["last_date"] = res.LastDate.Format(settlement.DateLayout)
		}
		res.RunID, err = recordReference(ctx, q, referenceRun{Command: commandModelRemove, Started: started, Details: details})
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// deleteModel deletes res.Model's Bitcoin rows, its summary rows and the
// model, in that order (miner_models_keep refuses to delete a model that
// Bitcoin rows still name), counting what went.
func deleteModel(ctx context.Context, q *db.Queries, res *ModelRemoval) error {
	steps := []struct {
		what string
		fn   func(context.Context, string) (int64, error)
		n    *int64
	}{
		{"Bitcoin rows", q.BitcoinDeleteForModel, &res.BitcoinRows},
		{"bitcoin_daily_summaries rows", q.BitcoinDailySummaryDeleteModel, &res.DailyRows},
		{"bitcoin_monthly_summaries rows", q.BitcoinMonthlySummaryDeleteModel, &res.MonthlyRows},
		{"bitcoin_yearly_summaries rows", q.BitcoinYearlySummaryDeleteModel, &res.YearlyRows},
		{"bitcoin_farm_daily_summaries rows", q.BitcoinFarmDailySummaryDeleteModel, &res.FarmDailyRows},
		{"bitcoin_farm_monthly_summaries rows", q.BitcoinFarmMonthlySummaryDeleteModel, &res.FarmMonthlyRows},
	}
	for _, st := range steps {
		n, err := st.fn(ctx, res.Model)
		if err != nil {
			return fmt.Errorf("delete the %s of %s: %w", st.what, res.Model, err)
		}
		*st.n = n
	}
	n, err := q.MinerModelDelete(ctx, res.Model)
	if err != nil {
		return fmt.Errorf("delete miner model %s: %w", res.Model, err)
	}
	if n != 1 {
		return fmt.Errorf("delete miner model %s: %d rows deleted, want 1", res.Model, n)
	}
	return nil
}
