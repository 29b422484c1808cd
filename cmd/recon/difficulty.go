package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/bitcoin"
	"github.com/recon-energy/recon/internal/recon"
)

// DifficultyCmd is `recon difficulty`.
type DifficultyCmd struct {
	Import DifficultyImportCmd `cmd:"" help:"Load difficulty adjustments from a CSV file (height,activated_at_utc,difficulty)."`
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
	epochs, err := bitcoin.ParseEpochsCSV(f)
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
