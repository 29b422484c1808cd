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

// findModel is the stored name of the miner model called name in any case
// ("S21" for "s21"), or "" when there is none.
func findModel(ctx context.Context, q *db.Queries, name string) (string, error) {
	rows, err := q.MinerModelFind(ctx, name)
	if err != nil {
		return "", fmt.Errorf("read miner model %s: %w", name, err)
	}
	if len(rows) == 0 {
		return "", nil
	}
	return rows[0].Name, nil
}

// ModelName is the stored name of the miner model the user called name, in
// any case (s21 finds S21); bad input naming the known models when there is
// none.
func (s *Service) ModelName(ctx context.Context, name string) (string, error) {
	found, err := findModel(ctx, db.New(s.Pool), name)
	if err != nil || found != "" {
		return found, err
	}
	_, err = loadModels(ctx, db.New(s.Pool), name) // the message that lists the models
	return "", err
}

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
		if found, err := findModel(ctx, q, m.Name); err != nil {
			return err
		} else if found != "" && found != m.Name {
			return BadInput("miner model %q: model %s exists, and model names are compared without regard to case; to change its figures run `recon model add %s --hashrate %s --power %s`",
				m.Name, found, found, m.HashrateTHs, m.PowerWatts)
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
