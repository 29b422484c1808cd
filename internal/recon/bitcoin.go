package recon

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/bitcoin"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/settlement"
)

// computeBitcoin replaces the Bitcoin rows of some periods of a date: it reads
// the per-period, per-farm energy of the stored curtailment, computes every
// miner model's satoshis in internal/bitcoin, and writes the rows with one
// statement that also values them at the BTC price in force at each
// period's start, by the price rule with the bound maxAge (SQL:
// BitcoinInsert). With onlyModel set, only that model's rows are replaced.
func computeBitcoin(ctx context.Context, q *db.Queries, date time.Time, r settlement.Range, runID int64,
	override *decimal.Decimal, onlyModel string, maxAge valuationBound) error {
	if err := q.MinerModelsLockShare(ctx); err != nil { // no model is added or removed meanwhile
		return fmt.Errorf("lock the miner models: %w", err)
	}
	models, err := loadModels(ctx, q, onlyModel)
	if err != nil {
		return err
	}
	epochs, err := q.DifficultyEpochsList(ctx)
	if err != nil {
		return fmt.Errorf("load difficulty epochs: %w", err)
	}
	diffs := difficulty.NewSchedule(toEpochs(epochs))

	sp := periodSpan(date, r)
	energy, err := q.CurtailmentEnergyByPeriodFarm(ctx, db.CurtailmentEnergyByPeriodFarmParams(sp))
	if err != nil {
		return fmt.Errorf("read curtailed energy: %w", err)
	}
	rows, err := bitcoin.Compute(periodEnergies(date, energy), models, diffs, override)
	var missing *bitcoin.MissingDifficultyError
	switch {
	case errors.As(err, &missing):
		return gapError(date, missing, diffs)
	case err != nil:
		return fmt.Errorf("bitcoin for %s: %w", date.Format(settlement.DateLayout), err)
	}

	var model *string
	if onlyModel != "" {
		model = &onlyModel
	}
	if _, err := q.BitcoinDeleteForPeriods(ctx, db.BitcoinDeleteForPeriodsParams{
		SettlementDate: date, PeriodFrom: sp.PeriodFrom, PeriodTo: sp.PeriodTo, MinerModel: model,
	}); err != nil {
		return fmt.Errorf("delete bitcoin rows: %w", err)
	}
	params := db.BitcoinInsertParams{
		SettlementDate:     date,
		DifficultyOverride: override != nil,
		RunID:              runID,
		PriceMaxAge:        maxAge.interval(),
		SettlementPeriod:   make([]int16, len(rows)),
		FarmID:             make([]string, len(rows)),
		MinerModel:         make([]string, len(rows)),
		BitcoinMined:       make([]decimal.Decimal, len(rows)),
		Difficulty:         make([]decimal.Decimal, len(rows)),
	}
	for i, row := range rows {
		params.SettlementPeriod[i] = int16(row.Period)
		params.FarmID[i] = row.FarmID
		params.MinerModel[i] = row.Model
		params.BitcoinMined[i] = bitcoin.FromSatoshis(row.Satoshis)
		params.Difficulty[i] = row.Difficulty
	}
	if _, err := q.BitcoinInsert(ctx, params); err != nil {
		return fmt.Errorf("write and value bitcoin rows: %w", err)
	}
	return nil
}

// loadModels reads the miner models, or just the one named.
func loadModels(ctx context.Context, q *db.Queries, only string) ([]bitcoin.Model, error) {
	rows, err := q.MinerModelsList(ctx)
	if err != nil {
		return nil, fmt.Errorf("load miner models: %w", err)
	}
	var models []bitcoin.Model
	var names []string
	for _, m := range rows {
		names = append(names, m.Name)
		if only == "" || strings.EqualFold(m.Name, only) {
			models = append(models, bitcoin.Model{Name: m.Name, HashrateTHs: m.HashrateThs, PowerWatts: m.PowerWatts})
		}
	}
	switch {
	case len(rows) == 0:
		return nil, fmt.Errorf("the miner_models table is empty: run `recon migrate`, or add a model with `recon model add`")
	case len(models) == 0:
		return nil, BadInput("unknown miner model %q: the known models are %v (add one with `recon model add`)", only, names)
	}
	return models, nil
}

func toEpochs(rows []db.DifficultyEpoch) []difficulty.Epoch {
	out := make([]difficulty.Epoch, len(rows))
	for i, e := range rows {
		out[i] = difficulty.Epoch{Height: e.Height, ActivatedAt: e.ActivatedAt, Difficulty: e.Difficulty}
	}
	return out
}

// periodEnergies groups the per-farm energy rows (ordered by period) by period.
func periodEnergies(date time.Time, rows []db.CurtailmentEnergyByPeriodFarmRow) []bitcoin.PeriodEnergy {
	var out []bitcoin.PeriodEnergy
	for _, r := range rows {
		p := int(r.SettlementPeriod)
		if len(out) == 0 || out[len(out)-1].Period != p {
			out = append(out, bitcoin.PeriodEnergy{Period: p, Start: settlement.PeriodStart(date, p)})
		}
		last := &out[len(out)-1]
		last.Farms = append(last.Farms, bitcoin.Share{FarmID: r.FarmID, MWh: r.EnergyMwh})
	}
	return out
}
