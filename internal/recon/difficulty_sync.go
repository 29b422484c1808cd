package recon

import (
	"context"
	"fmt"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/difficulty"
)

// DifficultySyncOptions configure SyncDifficulty.
type DifficultySyncOptions struct {
	URL    string             // the source, in mempool.space's shape
	Source *difficulty.Client // nil means a default client
	DryRun bool
}

// syncNote is what difficulty_epochs.notes says of an epoch a sync wrote.
const syncNote = "activation time is the block timestamp of the adjustment block"

// SyncDifficulty fetches the difficulty-adjustment history and fills or
// corrects difficulty_epochs in one transaction under the difficulty lock,
// recorded as a run (command "difficulty sync"). An epoch is corrected when
// its activation time or difficulty differs; stored epochs the source does
// not list are kept. A fetch that fails is recorded as a failed run.
func (s *Service) SyncDifficulty(ctx context.Context, opt DifficultySyncOptions) (*DifficultyResult, error) {
	started := s.now()
	src := opt.Source
	if src == nil {
		src = &difficulty.Client{Retries: 3}
	}
	epochs, err := src.Fetch(ctx, opt.URL)
	if err == nil && len(epochs) == 0 {
		err = fmt.Errorf("difficulty adjustments from %s: the list is empty; check the URL (--url / RECON_DIFFICULTY_URL)", opt.URL)
	}
	if err != nil {
		return nil, s.recordFailure(ctx, failedRun{Command: commandDifficultySync, Started: started}, err)
	}
	res := &DifficultyResult{Source: opt.URL, DryRun: opt.DryRun}
	err = s.changeDifficulty(ctx, started, epochs, epochWrite{
		command:      commandDifficultySync,
		source:       "sync:" + opt.URL,
		same:         sameDifficulty,
		keepPreciser: true,
		row: func(difficulty.Epoch) db.DifficultyEpochPutParams {
			return db.DifficultyEpochPutParams{TimePrecision: difficulty.PrecisionExact, Notes: ptr(syncNote)}
		},
		details: map[string]any{"url": opt.URL},
	}, res)
	if err != nil {
		return nil, err
	}
	return res, nil
}
