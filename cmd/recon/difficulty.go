package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// DifficultyCmd is `recon difficulty`.
type DifficultyCmd struct {
	Import DifficultyImportCmd `cmd:"" help:"Load difficulty adjustments from a CSV file (height,activated_at_utc,difficulty[,time_precision,notes])."`
	Sync   DifficultySyncCmd   `cmd:"" help:"Fill or correct the difficulty table from a public source (mempool.space's difficulty-adjustments shape)."`
}

// DifficultyImportCmd is `recon difficulty import`.
type DifficultyImportCmd struct {
	File   string `arg:"" help:"CSV with header height,activated_at_utc,difficulty[,time_precision,notes]; time_precision is exact, approx, estimated or unknown (the default)." type:"path"`
	DryRun bool   `name:"dry-run" help:"Show what would change, change nothing."`
}

// Run imports the file in one transaction and says what changed.
func (c *DifficultyImportCmd) Run(ctx context.Context, g *Globals) error {
	body, err := os.ReadFile(c.File)
	if err != nil {
		return recon.BadInput("cannot read %s: %v", c.File, err)
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.ImportDifficulty(ctx, recon.DifficultyImportOptions{Name: c.File, CSV: body, DryRun: c.DryRun})
	if err != nil {
		return err
	}
	g.printf("difficulty import %s: %d inserted, %d updated, %d unchanged\n", c.File, res.Inserted(), res.Updated(), res.Unchanged)
	printEpochChanges(g, res)
	return nil
}

// DifficultySyncCmd is `recon difficulty sync`.
type DifficultySyncCmd struct {
	URL    string `name:"url" help:"Source of [[timestamp, height, difficulty, ratio], ...] (default: --difficulty-url, env RECON_DIFFICULTY_URL, itself mempool.space by default)." placeholder:"URL"`
	DryRun bool   `name:"dry-run" help:"Show what would change, change nothing."`
}

// Run syncs the table and says what changed and what to recalculate.
func (c *DifficultySyncCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	url := c.URL
	if url == "" {
		url = g.DifficultyURL
	}
	res, err := s.SyncDifficulty(ctx, recon.DifficultySyncOptions{URL: url, DryRun: c.DryRun})
	if err != nil {
		if recon.Unreachable(err) { // offline, or a wrong --url
			return fmt.Errorf("%w; the source could not be reached: check --url (or RECON_DIFFICULTY_URL) and the network, or load the epochs from a CSV with `%s`",
				err, g.suggest("difficulty", "import", "FILE"))
		}
		return err
	}
	g.printf("difficulty sync from %s: %d epoch(s) fetched: %d inserted, %d corrected, %d unchanged",
		res.Source, res.Offered, res.Inserted(), res.Updated(), res.Unchanged)
	if res.NotInSource > 0 {
		g.printf(" (%d stored epoch(s) the source does not list, kept)", res.NotInSource)
	}
	g.printf("\n")
	printEpochChanges(g, res)
	return nil
}

// maxListed bounds how many epoch changes are listed one per line.
const maxListed = 20

// printEpochChanges lists what a sync or import changed and says what to
// recalculate.
func printEpochChanges(g *Globals, res *recon.DifficultyResult) {
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
	case res.DryRun:
		g.printf("dry run: nothing was changed\n")
	case !changed:
		g.printf("the difficulty table is up to date\n")
	default:
		from := settlement.Date(earliest.In(settlement.London)).Format(settlement.DateLayout)
		g.printf("recorded as run #%d. Bitcoin stored for dates from %s on may be out of date: run\n  %s\n",
			res.RunID, from, g.suggest("recalc", "--from", from, "--to", settlement.Today(time.Now()).Format(settlement.DateLayout)))
	}
}
