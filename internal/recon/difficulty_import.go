package recon

import (
	"bytes"
	"context"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/difficulty"
)

// DifficultyImportOptions configure ImportDifficulty.
type DifficultyImportOptions struct {
	// Name is the file's name, recorded as the source "import:<base name>".
	Name string
	// CSV is the file's content, in the format of
	// internal/refdata/difficulty_epochs.csv (difficulty.ParseEpochsCSV).
	CSV    []byte
	DryRun bool
}

// ImportDifficulty fills or corrects difficulty_epochs from a CSV file in
// one transaction under the difficulty lock (the one `recon difficulty
// sync` takes), recorded as a run (command "difficulty import"). An epoch
// is written when anything the file says of it differs from the table:
// activation time, difficulty, and time_precision and notes where the file
// gives them. An epoch written without a time_precision is stored as
// unknown, and without notes with none. A malformed file is bad input:
// nothing is written.
func (s *Service) ImportDifficulty(ctx context.Context, opt DifficultyImportOptions) (*DifficultyResult, error) {
	started := s.now()
	epochs, err := difficulty.ParseEpochsCSV(bytes.NewReader(opt.CSV))
	if err != nil {
		return nil, BadInput("%s: %v", opt.Name, err)
	}
	if len(epochs) == 0 {
		return nil, BadInput("%s has no epochs: give a header line and one epoch a line", opt.Name)
	}
	res := &DifficultyResult{Source: opt.Name, DryRun: opt.DryRun}
	err = s.changeDifficulty(ctx, started, epochs, epochWrite{
		command: commandDifficultyImport,
		source:  "import:" + baseName(opt.Name),
		same: func(stored db.DifficultyEpoch, given difficulty.Epoch) bool {
			return sameDifficulty(stored, given) &&
				(given.TimePrecision == "" || stored.TimePrecision == given.TimePrecision) &&
				(given.DifficultyPrecision == "" || stored.DifficultyPrecision == given.DifficultyPrecision) &&
				(given.Notes == "" || sameText(stored.Notes, &given.Notes))
		},
		row: func(e difficulty.Epoch) db.DifficultyEpochPutParams {
			p := db.DifficultyEpochPutParams{TimePrecision: e.TimePrecision, Notes: nonEmpty(e.Notes),
				DifficultyPrecision: nonEmpty(e.DifficultyPrecision)}
			if p.TimePrecision == "" {
				p.TimePrecision = difficulty.PrecisionUnknown
			}
			return p
		},
		details: map[string]any{"file": opt.Name},
	}, res)
	if err != nil {
		return nil, err
	}
	return res, nil
}
