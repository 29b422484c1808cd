package recon

import (
	"context"
	"fmt"
	"regexp"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
)

// MinerModel is a miner model: one miner's hash rate and power draw.
type MinerModel struct {
	Name        string
	HashrateTHs decimal.Decimal // TH/s of one miner
	PowerWatts  decimal.Decimal // W of one miner
}

// Change is what writing a row of reference data did to it.
type Change string

// The changes a row can undergo.
const (
	Inserted  Change = "inserted"
	Updated   Change = "updated"
	Unchanged Change = "unchanged"
)

// ModelResult is what `recon model add` did.
type ModelResult struct {
	Model  MinerModel
	Change Change
	RunID  int64 // the run recording the change; 0 when nothing changed
}

// modelName is what a miner model may be called: it appears in commands,
// reports and CSV headers.
var modelName = regexp.MustCompile(`^[A-Za-z0-9_.+-]{1,40}$`)

// Models lists the miner models every run computes Bitcoin for, by name.
func (s *Service) Models(ctx context.Context) ([]MinerModel, error) {
	rows, err := db.New(s.Pool).MinerModelsList(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the miner models: %w", err)
	}
	out := make([]MinerModel, len(rows))
	for i, m := range rows {
		out[i] = MinerModel{Name: m.Name, HashrateTHs: m.HashrateThs, PowerWatts: m.PowerWatts}
	}
	return out, nil
}

// AddModel adds a miner model, or changes the figures of one, in one
// transaction under the models' lock, recorded as a run (command "model
// add") when anything changed. Later runs and recalcs compute it; stored
// dates need `recon recalc --model NAME`.
func (s *Service) AddModel(ctx context.Context, m MinerModel) (*ModelResult, error) {
	switch {
	case !modelName.MatchString(m.Name):
		return nil, BadInput("model name %q: use letters, digits and _.+- (at most 40)", m.Name)
	case !m.HashrateTHs.IsPositive():
		return nil, BadInput("--hashrate %s is not a positive number of TH/s", m.HashrateTHs)
	case !m.PowerWatts.IsPositive():
		return nil, BadInput("--power %s is not a positive number of watts", m.PowerWatts)
	}
	started := s.now()
	res := &ModelResult{Model: m}
	err := s.changeReference(ctx, commandModelAdd, started, func(q *db.Queries) error {
		if err := q.MinerModelsLockAcquire(ctx); err != nil {
			return fmt.Errorf("lock the miner models: %w", err)
		}
		change, err := q.MinerModelPut(ctx, db.MinerModelPutParams{Name: m.Name, HashrateThs: m.HashrateTHs, PowerWatts: m.PowerWatts})
		if err != nil {
			return fmt.Errorf("write miner model %s: %w", m.Name, err)
		}
		res.Change = Change(change)
		if res.Change == Unchanged {
			return nil
		}
		res.RunID, err = recordReference(ctx, q, referenceRun{Command: commandModelAdd, Started: started, Details: map[string]any{
			"model": m.Name, "hashrate_ths": m.HashrateTHs.String(), "power_watts": m.PowerWatts.String(), "change": change,
		}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
