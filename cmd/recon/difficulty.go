package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// DifficultyCmd is `recon difficulty`.
type DifficultyCmd struct {
	Import DifficultyImportCmd `cmd:"" help:"Load difficulty adjustments from a CSV file (height,activated_at_utc,difficulty)."`
	Sync   DifficultySyncCmd   `cmd:"" help:"Fill or correct the difficulty table from a public source (mempool.space's difficulty-adjustments shape)."`
}

// DifficultyImportCmd is `recon difficulty import`.
type DifficultyImportCmd struct {
	File string `arg:"" help:"CSV with header height,activated_at_utc,difficulty[,time_precision,notes]." type:"path"`
}

// Run imports the file in one transaction.
func (c *DifficultyImportCmd) Run(ctx context.Context, g *Globals) error {
	f, err := os.Open(c.File)
	if err != nil {
		return recon.BadInput("cannot open %s: %v", c.File, err)
	}
	defer f.Close()
	epochs, err := difficulty.ParseEpochsCSV(f)
	if err != nil {
		return recon.BadInput("%s: %v", c.File, err)
	}
	pool, err := g.openDB(ctx, true)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after Commit
	q := db.New(tx)
	source := "import:" + filepath.Base(c.File)
	for _, e := range epochs {
		change, err := q.DifficultyEpochUpsert(ctx, db.DifficultyEpochUpsertParams{
			Height: e.Height, ActivatedAt: e.ActivatedAt, Difficulty: e.Difficulty,
			TimePrecision: "unknown", Source: source,
		})
		if err != nil {
			return fmt.Errorf("import epoch at height %d: %w", e.Height, err)
		}
		counts[change]++
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	g.printf("difficulty import %s: %d inserted, %d updated, %d unchanged\n", c.File, counts["inserted"], counts["updated"], counts["unchanged"])
	if counts["inserted"]+counts["updated"] > 0 {
		g.printf("run `recon recalc --from D1 --to D2` to bring stored Bitcoin up to date\n")
	}
	return nil
}

// DifficultySyncCmd is `recon difficulty sync`.
type DifficultySyncCmd struct {
	URL    string `name:"url" env:"RECON_DIFFICULTY_URL" default:"https://mempool.space/api/v1/mining/difficulty-adjustments" help:"Source of [[timestamp, height, difficulty, ratio], ...] (default ${default})." placeholder:"URL"`
	DryRun bool   `name:"dry-run" help:"Show what would change, change nothing."`
}

// maxListed bounds how many epoch changes are listed one per line.
const maxListed = 20

// Run syncs the table and says what changed and what to recalculate.
func (c *DifficultySyncCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.SyncDifficulty(ctx, recon.DifficultySyncOptions{URL: c.URL, DryRun: c.DryRun})
	if err != nil {
		return err
	}
	g.printf("difficulty sync from %s: %d epoch(s) fetched: %d inserted, %d corrected, %d unchanged",
		res.URL, res.Fetched, res.Inserted(), res.Updated(), res.Unchanged)
	if res.NotInSource > 0 {
		g.printf(" (%d stored epoch(s) the source does not list, kept)", res.NotInSource)
	}
	g.printf("\n")
	for i, ch := range res.Changes {
		if i == maxListed {
			g.printf("  ... and %d more\n", len(res.Changes)-maxListed)
			break
		}
		at := ch.Activated.Format("2006-01-02 15:04:05Z")
		if ch.Inserted {
			g.printf("  + height %d  %s  difficulty %s\n", ch.Height, at, ch.NewDifficulty)
			continue
		}
		g.printf("  ~ height %d  %s  difficulty %s -> %s", ch.Height, at, ch.OldDifficulty.Decimal, ch.NewDifficulty)
		if !ch.OldActivated.Equal(ch.Activated) {
			g.printf("  (activation was %s)", ch.OldActivated.Format("2006-01-02 15:04:05Z"))
		}
		g.printf("\n")
	}
	earliest, changed := res.EarliestChange()
	switch {
	case c.DryRun:
		g.printf("dry run: nothing was changed\n")
	case !changed:
		g.printf("the difficulty table is up to date\n")
	default:
		from := settlement.Date(earliest.In(settlement.London)).Format(settlement.DateLayout)
		g.printf("recorded as run #%d. Bitcoin stored for dates from %s on may be out of date: run\n  recon recalc --from %s --to %s\n",
			res.RunID, from, from, settlement.Today(time.Now()).Format(settlement.DateLayout))
	}
	return nil
}
