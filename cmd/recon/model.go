package main

import (
	"context"

	"github.com/recon-energy/recon/internal/recon"
)

// ModelCmd is `recon model`.
type ModelCmd struct {
	List ModelListCmd `cmd:"" default:"1" help:"List the miner models every run computes for."`
	Add  ModelAddCmd  `cmd:"" help:"Add a miner model (or change one); later runs and recalc include it."`
}

// ModelListCmd is `recon model list`.
type ModelListCmd struct{}

// Run prints the models.
func (c *ModelListCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	models, err := s.Models(ctx)
	if err != nil {
		return err
	}
	g.printf("%-12s %10s %8s\n", "model", "TH/s", "W")
	for _, m := range models {
		g.printf("%-12s %10s %8s\n", m.Name, m.HashrateTHs, m.PowerWatts)
	}
	return nil
}

// ModelAddCmd is `recon model add`.
type ModelAddCmd struct {
	Name     string          `arg:"" help:"Model name, e.g. S21."`
	Hashrate positiveDecimal `required:"" help:"Hash rate of one miner in TH/s, e.g. 200." unit:"TH/s"`
	Power    positiveDecimal `required:"" help:"Power of one miner in watts, e.g. 3500." unit:"watts"`
}

// Run adds the model.
func (c *ModelAddCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.AddModel(ctx, recon.MinerModel{Name: c.Name, HashrateTHs: c.Hashrate.Decimal, PowerWatts: c.Power.Decimal})
	if err != nil {
		return err
	}
	m := res.Model
	g.printf("model %s: %s TH/s at %s W", m.Name, m.HashrateTHs, m.PowerWatts)
	switch res.Change {
	case recon.Unchanged:
		g.printf(" (unchanged)")
	default:
		g.printf(" (%s, run #%d)", res.Change, res.RunID)
	}
	g.printf("; run `recon recalc --from D1 --to D2 --model %s` to compute it for stored dates\n", m.Name)
	return nil
}
