package main

import (
	"context"
	"time"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// WindCmd is `recon wind`.
type WindCmd struct {
	dateRange
}

// Validate refuses a reversed or future range before anything is opened.
func (c *WindCmd) Validate() error {
	if err := c.dateRange.Validate(); err != nil {
		return err
	}
	return notFuture(c.To)
}

// Run fetches and stores the wind generation of the range.
func (c *WindCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, true)
	if err != nil {
		return err
	}
	return runWind(ctx, g, s, c.From.Time, c.To.Time)
}

// runWind fetches the wind generation of from..to with s and prints what was
// stored. `recon run --with-wind` (and backfill) call it after their run.
func runWind(ctx context.Context, g *Globals, s *recon.Service, from, to time.Time) error {
	res, err := s.Wind(ctx, recon.WindOptions{From: from, To: to})
	if res != nil {
		printWind(g, res)
	}
	return err
}

func printWind(g *Globals, res *recon.WindResult) {
	for _, d := range res.Days {
		note := "summaries refreshed"
		if !d.Summarised {
			note = "no curtailment stored yet: its summary will include it after `recon run`"
		}
		g.printf("wind %s  run #%d  %2d periods  onshore %s  offshore %s  total %s MWh  (%s)\n", d.Date.Format(settlement.DateLayout), d.RunID,
			d.Periods, energy(d.OnshoreMWh), energy(d.OffshoreMWh), energy(d.TotalMWh), note)
		if len(d.Incomplete) > 0 {
			g.printf("  periods %s had only one of onshore and offshore: not stored\n", intList(d.Incomplete))
		}
	}
	for _, d := range res.Unpublished {
		g.printf("wind %s  not published by the API yet: nothing stored\n", d.Format(settlement.DateLayout))
	}
	label := ""
	if res.Synthetic {
		label = "  [SYNTHETIC data from recon's stand-in Elexon server]"
	}
	g.printf("wind: %d date(s) stored, %d API request(s)%s\n", len(res.Days), res.Requests, label)
}
