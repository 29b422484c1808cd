package main

import (
	"context"

	"github.com/recon-energy/recon/internal/database"
)

// MigrateCmd is `recon migrate`.
type MigrateCmd struct{}

// Run applies the pending migrations.
func (c *MigrateCmd) Run(ctx context.Context, g *Globals) error {
	pool, err := g.openDB(ctx, false)
	if err != nil {
		return err
	}
	n, err := database.Migrate(ctx, pool, nil)
	if err != nil {
		return err
	}
	if n == 0 {
		g.printf("recon migrate: the database is up to date\n")
	} else {
		g.printf("recon migrate: applied %d migration(s)\n", n)
	}
	return nil
}
