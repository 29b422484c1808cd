package main

import (
	"context"
	"strings"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// ModelCmd is `recon model`.
type ModelCmd struct {
	List   ModelListCmd   `cmd:"" default:"1" help:"List the miner models every run computes for."`
	Add    ModelAddCmd    `cmd:"" help:"Add a miner model (or change one); later runs and recalc include it. Names are compared without regard to case."`
	Remove ModelRemoveCmd `cmd:"" help:"Remove a miner model; refused while stored Bitcoin rows use it, unless --delete-rows."`
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
	Name     string          `arg:"" help:"Model name, e.g. S21 (s21 is the same model)."`
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
	g.printf("; to compute it for stored dates run `%s`\n", g.suggest("recalc", "--from", "YYYY-MM-DD", "--to", "YYYY-MM-DD", "--model", m.Name))
	return nil
}

// ModelRemoveCmd is `recon model remove`.
type ModelRemoveCmd struct {
	Name       string `arg:"" help:"Model name, in any case."`
	DeleteRows bool   `name:"delete-rows" help:"Also delete the model's stored Bitcoin: its rows and its rows of the daily, monthly and yearly Bitcoin summaries, per farm too (the other models' are untouched)."`
}

// Run removes the model and says what went with it.
func (c *ModelRemoveCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.RemoveModel(ctx, recon.ModelRemoveOptions{Name: c.Name, DeleteRows: c.DeleteRows})
	if err != nil {
		return err
	}
	g.printf("model %s removed (run #%d)", res.Model, res.RunID)
	if res.BitcoinRows > 0 {
		g.printf(" with its %s Bitcoin rows on %s settlement dates (%s to %s) and %s daily, %s monthly and %s yearly summary rows (and %s per farm and day, %s per farm and month)",
			grouped(res.BitcoinRows), grouped(res.Dates), res.FirstDate.Format(settlement.DateLayout), res.LastDate.Format(settlement.DateLayout),
			grouped(res.DailyRows), grouped(res.MonthlyRows), grouped(res.YearlyRows), grouped(res.FarmDailyRows), grouped(res.FarmMonthlyRows))
	}
	g.printf("; models left: %s\n", strings.Join(res.Remaining, ", "))
	return nil
}
