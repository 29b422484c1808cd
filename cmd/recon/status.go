package main

import (
	"context"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// StatusCmd is `recon status`.
type StatusCmd struct {
	Runs int `default:"10" help:"How many recent runs to show."`
}

// Run prints coverage and recent runs.
func (c *StatusCmd) Run(ctx context.Context, g *Globals) error {
	pool, err := g.openDB(ctx, true)
	if err != nil {
		return err
	}
	q := db.New(pool)
	cov, err := q.CoverageOverall(ctx)
	if err != nil {
		return err
	}
	if cov.Dates == 0 {
		g.printf("no data yet: run `recon run --date YYYY-MM-DD`\n")
	} else {
		g.printf("%s date(s) from %s to %s, %s curtailment records\n", grouped(cov.Dates), cov.FirstDate, cov.LastDate, grouped(cov.CurtailmentRecords))
	}
	runs, err := q.RunsLatest(ctx, int32(c.Runs))
	if err != nil {
		return err
	}
	if len(runs) > 0 {
		g.printf("\n%-6s %-19s %-12s %-10s %-9s %s\n", "run", "finished (UTC)", "command", "date", "outcome", "records / error")
	}
	for _, r := range runs {
		date := ""
		if r.SettlementDate != nil {
			date = r.SettlementDate.Format(settlement.DateLayout)
		}
		what := ""
		if r.CurtailmentRecords != nil {
			what = grouped(*r.CurtailmentRecords)
		}
		if r.Error != nil {
			what = *r.Error
		}
		g.printf("%-6d %-19s %-12s %-10s %-9s %s\n", r.RunID, r.FinishedAt.UTC().Format("2006-01-02 15:04:05"), r.Command, date, r.Outcome, what)
	}
	return nil
}
