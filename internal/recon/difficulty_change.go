package recon

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/difficulty"
)

// A change to the difficulty table, from `recon difficulty sync` (the
// public adjustment history) or `recon difficulty import` (a CSV file), is
// planned against the table as it stands under the difficulty lock and
// written in the same transaction with a run record (refchange.go). It does
// not touch stored Bitcoin: `recon recalc` over the dates from
// EarliestChange on brings that up to date.

// EpochChange is one difficulty epoch a sync or import added or corrected.
type EpochChange struct {
	Height                  int64
	Inserted                bool
	OldDifficulty           decimal.NullDecimal
	NewDifficulty           decimal.Decimal
	OldActivated, Activated time.Time
}

// DifficultyResult is what a difficulty sync or import changed (or, with
// DryRun, would change).
type DifficultyResult struct {
	RunID   int64  // the run recording the change; 0 for a dry run or no change
	Source  string // the sync's URL, or the imported file
	DryRun  bool
	Offered int           // epochs the source gave
	Changes []EpochChange // by height
	// Unchanged counts the epochs the table already held as given.
	Unchanged int
	// NotInSource counts stored epochs the source does not list (kept).
	NotInSource int
}

// Inserted counts the epochs added.
func (r *DifficultyResult) Inserted() int {
	n := 0
	for _, c := range r.Changes {
		if c.Inserted {
			n++
		}
	}
	return n
}

// Updated counts the epochs corrected.
func (r *DifficultyResult) Updated() int { return len(r.Changes) - r.Inserted() }

// EarliestChange is the earliest activation time a change affects (the old
// or new time, whichever is earlier): stored Bitcoin from then on may be
// out of date. ok is false when nothing changed.
func (r *DifficultyResult) EarliestChange() (t time.Time, ok bool) {
	for _, c := range r.Changes {
		at := c.Activated
		if !c.Inserted && c.OldActivated.Before(at) {
			at = c.OldActivated
		}
		if !ok || at.Before(t) {
			t, ok = at, true
		}
	}
	return t, ok
}

// epochWrite is how a sync or import writes the epochs it changes.
type epochWrite struct {
	command string
	source  string // difficulty_epochs.source: "sync:<url>" or "import:<file>"
	// same says whether a stored epoch already says what the source says.
	same func(stored db.DifficultyEpoch, given difficulty.Epoch) bool
	// row fills the columns the source does not give.
	row func(e difficulty.Epoch) db.DifficultyEpochPutParams
	// keepPreciser keeps a stored difficulty whose precision is known when
	// the source gives the same figure less precisely (difficulty.SameFigure:
	// truncated to an integer, or a float), so a sync cannot overwrite the
	// shipped table's exact cents.
	keepPreciser bool
	details      map[string]any
}

// changeDifficulty plans epochs against the table under the difficulty lock
// and, unless res.DryRun, writes the changed ones and records the run.
func (s *Service) changeDifficulty(ctx context.Context, started time.Time, epochs []difficulty.Epoch, w epochWrite, res *DifficultyResult) error {
	epochs = slices.Clone(epochs)
	slices.SortFunc(epochs, func(a, b difficulty.Epoch) int { return cmp.Compare(a.Height, b.Height) })
	res.Offered = len(epochs)
	return s.changeReference(ctx, w.command, started, func(q *db.Queries) error {
		if err := q.DifficultyLockAcquire(ctx); err != nil {
			return fmt.Errorf("lock the difficulty table: %w", err)
		}
		stored, err := q.DifficultyEpochsList(ctx)
		if err != nil {
			return fmt.Errorf("read difficulty epochs: %w", err)
		}
		changed := planEpochs(stored, epochs, w.same, w.keepPreciser, res)
		switch {
		case res.DryRun:
			return errDryRun
		case len(changed) == 0:
			return nil
		}
		for _, e := range changed {
			p := w.row(e)
			p.Height, p.ActivatedAt, p.Difficulty, p.Source = e.Height, e.ActivatedAt, e.Difficulty, w.source
			if _, err := q.DifficultyEpochPut(ctx, p); err != nil {
				return fmt.Errorf("write epoch at height %d: %w", e.Height, err)
			}
		}
		details := map[string]any{"offered": res.Offered, "inserted": res.Inserted(), "updated": res.Updated(),
			"unchanged": res.Unchanged, "not_in_source": res.NotInSource}
		for k, v := range w.details {
			details[k] = v
		}
		res.RunID, err = recordReference(ctx, q, referenceRun{Command: w.command, Started: started, Details: details})
		return err
	})
}

// planEpochs compares the stored epochs with the given ones (sorted by
// height), fills res's changes and counts, and answers the epochs to write.
func planEpochs(stored []db.DifficultyEpoch, given []difficulty.Epoch, same func(db.DifficultyEpoch, difficulty.Epoch) bool,
	keepPreciser bool, res *DifficultyResult) []difficulty.Epoch {
	byHeight := make(map[int64]db.DifficultyEpoch, len(stored))
	for _, e := range stored {
		byHeight[e.Height] = e
	}
	var write []difficulty.Epoch
	listed := make(map[int64]bool, len(given))
	for _, e := range given {
		listed[e.Height] = true
		old, ok := byHeight[e.Height]
		if ok && keepPreciser && old.DifficultyPrecision != difficulty.PrecisionUnknown && difficulty.SameFigure(old.Difficulty, e.Difficulty) {
			e.Difficulty = old.Difficulty // the same figure, written less precisely: keep ours
		}
		switch {
		case !ok:
			res.Changes = append(res.Changes, EpochChange{Height: e.Height, Inserted: true, NewDifficulty: e.Difficulty, Activated: e.ActivatedAt})
		case !same(old, e):
			res.Changes = append(res.Changes, EpochChange{Height: e.Height, OldDifficulty: decimal.NewNullDecimal(old.Difficulty),
				NewDifficulty: e.Difficulty, OldActivated: old.ActivatedAt.UTC(), Activated: e.ActivatedAt})
		default:
			res.Unchanged++
			continue
		}
		write = append(write, e)
	}
	for _, e := range stored {
		if !listed[e.Height] {
			res.NotInSource++
		}
	}
	return write
}

// sameDifficulty says whether a stored epoch has the given one's activation
// time and difficulty: all the arithmetic uses.
func sameDifficulty(stored db.DifficultyEpoch, given difficulty.Epoch) bool {
	return stored.Difficulty.Equal(given.Difficulty) && stored.ActivatedAt.Equal(given.ActivatedAt)
}
