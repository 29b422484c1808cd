package main

import (
	"context"
	"strings"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RederiveCmd is `recon rederive`.
type RederiveCmd struct {
	From string `required:"" help:"First settlement date, YYYY-MM-DD." placeholder:"YYYY-MM-DD"`
	To   string `required:"" help:"Last settlement date, YYYY-MM-DD." placeholder:"YYYY-MM-DD"`
}

// Run rebuilds the stored dates of the range from the archive.
func (c *RederiveCmd) Run(ctx context.Context, g *Globals) error {
	from, to, err := dateRange(c.From, c.To)
	if err != nil {
		return err
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	results, err := s.Rederive(ctx, recon.RederiveOptions{From: from, To: to})
	changed := 0
	for _, r := range results {
		mark := "unchanged"
		if r.Changed() {
			mark, changed = "changed", changed+1
		}
		parts := make([]string, len(r.Bitcoin))
		for i, b := range r.Bitcoin {
			parts[i] = b.Model + " " + b.Bitcoin.StringFixed(8)
		}
		g.printf("rederive %s  run #%d  %-9s  records %s -> %s  MWh %s -> %s  BTC %s\n", r.Date.Format(settlement.DateLayout), r.RunID, mark,
			grouped(r.Before.Records), grouped(r.After.Records), fixed(r.Before.EnergyMWh, 3), fixed(r.After.EnergyMWh, 3), strings.Join(parts, "  "))
	}
	if err != nil {
		return err
	}
	g.printf("rederive: %d stored date(s) between %s and %s rebuilt from the archive, %d changed; no API call made\n", len(results), c.From, c.To, changed)
	return nil
}
