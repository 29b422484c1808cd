package main

import (
	"context"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RederiveCmd is `recon rederive`.
type RederiveCmd struct {
	dateRange
	valuation
}

// Run rebuilds the stored dates of the range from the archive.
func (c *RederiveCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	results, err := s.Rederive(ctx, recon.RederiveOptions{From: c.From.Time, To: c.To.Time, PriceMaxAge: c.maxAge()})
	changed := 0
	var gaps recon.PriceGaps
	for _, r := range results {
		gaps.Add(r.Date, r.Prices.PeriodsWithoutPrice)
		mark := "unchanged"
		if r.Changed() {
			mark, changed = "changed", changed+1
		}
		g.printf("rederive %s  run #%d  %-9s  records %s -> %s  MWh %s -> %s  BTC %s%s\n", r.Date.Format(settlement.DateLayout), r.RunID, mark,
			grouped(r.Before.Records), grouped(r.After.Records), energy(r.Before.EnergyMWh), energy(r.After.EnergyMWh), btcList(r.Bitcoin),
			syntheticLabel(r.Synthetic))
		if note := replacedNote(r.Replaced, nil, false, ""); note != "" {
			g.printf("  %s\n", note)
		}
	}
	if err != nil {
		return err
	}
	g.printf("rederive: %d stored date(s) between %s and %s rebuilt from the archive, %d changed; no API call made\n", len(results), c.From, c.To, changed)
	printPriceGaps(g, gaps, c.maxAge(), nil)
	return nil
}
