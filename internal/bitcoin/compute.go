package bitcoin

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// PeriodEnergy is the curtailment of one settlement period, by farm.
type PeriodEnergy struct {
	Period int       // settlement period number within its day
	Start  time.Time // the instant the period starts
	Farms  []Share   // one entry per farm curtailed in the period
}

// Row is one result row: the satoshis one farm's curtailment in one period
// could have mined on one miner model, and the difficulty that was used.
type Row struct {
	Period     int
	FarmID     string
	Model      string
	Satoshis   int64
	Difficulty decimal.Decimal
}

// Difficulties tells the network difficulty in force at an instant, and ok
// false when it is not known (before the first adjustment known, or too long
// after the last). internal/difficulty's Schedule is the one recon uses; the
// arithmetic here only asks it.
type Difficulties interface {
	At(t time.Time) (diff decimal.Decimal, ok bool)
}

// Compute produces one Row for every (period, farm of that period, model),
// even at 0 satoshi, ordered by period, farm id and model name. The periods
// are those of one settlement day; a period without farms produces no rows
// and needs no difficulty.
//
// For each period the difficulty is *override if override is non-nil, else
// diffs.At(Start); the subsidy is SubsidyAt(Start); the period's Bitcoin on
// each model is PeriodBTC of the sum of the farms' MWh, and it is shared
// among the farms by Allocate, so the rows of a period and model add up to it
// exactly. Row.Difficulty is the difficulty used, exactly as given.
//
// If any period has no known difficulty, Compute returns only a
// *MissingDifficultyError listing every such period. Other errors report bad
// input: duplicate periods, farms or models, negative energy, a model without
// positive hashrate and power, a non-positive override, an unknown subsidy.
func Compute(periods []PeriodEnergy, models []Model, diffs Difficulties, override *decimal.Decimal) ([]Row, error) {
	models, err := sortedModels(models)
	if err != nil {
		return nil, err
	}
	periods, err = sortedPeriods(periods)
	if err != nil {
		return nil, err
	}
	difficulties, err := periodDifficulties(periods, diffs, override)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for i, p := range periods {
		pr, err := periodRows(p, models, difficulties[i])
		if err != nil {
			return nil, err
		}
		rows = append(rows, pr...)
	}
	return rows, nil
}

// sortedModels checks the models and returns a copy sorted by name.
func sortedModels(models []Model) ([]Model, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("bitcoin: no miner models given")
	}
	sorted := slices.Clone(models)
	slices.SortFunc(sorted, func(a, b Model) int { return strings.Compare(a.Name, b.Name) })
	for i, m := range sorted {
		if m.Name == "" {
			return nil, fmt.Errorf("bitcoin: a miner model has no name")
		}
		if i > 0 && sorted[i-1].Name == m.Name {
			return nil, fmt.Errorf("bitcoin: miner model %q is given twice", m.Name)
		}
		if !m.HashrateTHs.IsPositive() || !m.PowerWatts.IsPositive() {
			return nil, fmt.Errorf("bitcoin: miner model %q needs a positive hashrate and power, got %s TH/s and %s W",
				m.Name, m.HashrateTHs, m.PowerWatts)
		}
	}
	return sorted, nil
}

// sortedPeriods returns the periods that have farms, sorted by number, each
// with its farms sorted by id, after checking that no period or farm within a
// period repeats.
func sortedPeriods(periods []PeriodEnergy) ([]PeriodEnergy, error) {
	var sorted []PeriodEnergy
	for _, p := range periods {
		if len(p.Farms) == 0 {
			continue
		}
		p.Farms = slices.Clone(p.Farms)
		slices.SortStableFunc(p.Farms, func(a, b Share) int { return strings.Compare(a.FarmID, b.FarmID) })
		for i := 1; i < len(p.Farms); i++ {
			if p.Farms[i-1].FarmID == p.Farms[i].FarmID {
				return nil, fmt.Errorf("bitcoin: period %d lists farm %q twice", p.Period, p.Farms[i].FarmID)
			}
		}
		sorted = append(sorted, p)
	}
	slices.SortStableFunc(sorted, func(a, b PeriodEnergy) int { return cmp.Compare(a.Period, b.Period) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1].Period == sorted[i].Period {
			return nil, fmt.Errorf("bitcoin: period %d is given twice", sorted[i].Period)
		}
	}
	return sorted, nil
}

// periodDifficulties returns the difficulty to use for each period, or a
// *MissingDifficultyError naming every period that has none.
func periodDifficulties(periods []PeriodEnergy, diffs Difficulties, override *decimal.Decimal) ([]decimal.Decimal, error) {
	out := make([]decimal.Decimal, len(periods))
	if override != nil {
		if !override.IsPositive() {
			return nil, fmt.Errorf("bitcoin: the difficulty override must be positive, got %s", override)
		}
		for i := range out {
			out[i] = *override
		}
		return out, nil
	}
	var missing []MissingPeriod
	for i, p := range periods {
		var d decimal.Decimal
		ok := false
		if diffs != nil {
			d, ok = diffs.At(p.Start)
		}
		if !ok {
			missing = append(missing, MissingPeriod{Period: p.Period, Start: p.Start.UTC()})
		}
		out[i] = d
	}
	if len(missing) > 0 {
		return nil, &MissingDifficultyError{Periods: missing}
	}
	return out, nil
}

// periodRows computes the rows of one period (whose farms are sorted by id)
// on each model (sorted by name).
func periodRows(p PeriodEnergy, models []Model, difficulty decimal.Decimal) ([]Row, error) {
	subsidy, err := SubsidyAt(p.Start)
	if err != nil {
		return nil, fmt.Errorf("period %d: %w", p.Period, err)
	}
	energy := decimal.Zero
	for _, f := range p.Farms {
		energy = energy.Add(f.MWh)
	}
	sats := make([][]int64, len(models)) // sats[model][farm]
	for j, m := range models {
		total, err := toSatoshis(PeriodBTC(energy, m, difficulty, subsidy))
		if err != nil {
			return nil, fmt.Errorf("period %d, model %s: %w", p.Period, m.Name, err)
		}
		if sats[j], err = Allocate(total, p.Farms); err != nil {
			return nil, fmt.Errorf("period %d, model %s: %w", p.Period, m.Name, err)
		}
	}
	rows := make([]Row, 0, len(p.Farms)*len(models))
	for i, f := range p.Farms {
		for j, m := range models {
			rows = append(rows, Row{Period: p.Period, FarmID: f.FarmID, Model: m.Name, Satoshis: sats[j][i], Difficulty: difficulty})
		}
	}
	return rows, nil
}

// MissingPeriod is a settlement period whose difficulty is unknown.
type MissingPeriod struct {
	Period int
	Start  time.Time // UTC
}

// MissingDifficultyError reports every period for which no difficulty is
// known, and how to fix it.
type MissingDifficultyError struct {
	Periods []MissingPeriod
}

// Error names the periods (as ranges, with the first one's UTC start) and
// the commands that supply a difficulty, in one short line.
func (e *MissingDifficultyError) Error() string {
	var ranges []string
	for i := 0; i < len(e.Periods); {
		j := i
		for j+1 < len(e.Periods) && e.Periods[j+1].Period == e.Periods[j].Period+1 {
			j++
		}
		if j == i {
			ranges = append(ranges, fmt.Sprint(e.Periods[i].Period))
		} else {
			ranges = append(ranges, fmt.Sprintf("%d-%d", e.Periods[i].Period, e.Periods[j].Period))
		}
		i = j + 1
	}
	noun := "periods"
	if len(e.Periods) == 1 {
		noun = "period"
	}
	first := ""
	if len(e.Periods) > 0 {
		first = fmt.Sprintf("; the first starts %s", e.Periods[0].Start.UTC().Format(time.RFC3339))
	}
	return fmt.Sprintf("no Bitcoin difficulty is known for %d settlement %s (%s%s); "+
		"run `recon difficulty sync` or `recon difficulty import FILE`, or pass --difficulty N as an explicit what-if override",
		len(e.Periods), noun, strings.Join(ranges, ", "), first)
}
