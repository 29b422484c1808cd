package main

import (
	"context"
	"regexp"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
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
	pool, err := g.openDB(ctx, true)
	if err != nil {
		return err
	}
	models, err := db.New(pool).MinerModelsList(ctx)
	if err != nil {
		return err
	}
	g.printf("%-12s %10s %8s\n", "model", "TH/s", "W")
	for _, m := range models {
		g.printf("%-12s %10s %8s\n", m.Name, m.HashrateThs, m.PowerWatts)
	}
	return nil
}

// ModelAddCmd is `recon model add`.
type ModelAddCmd struct {
	Name     string `arg:"" help:"Model name, e.g. S21."`
	Hashrate string `required:"" help:"Hash rate of one miner in TH/s, e.g. 200."`
	Power    string `required:"" help:"Power of one miner in watts, e.g. 3500."`
}

var modelName = regexp.MustCompile(`^[A-Za-z0-9_.+-]{1,40}$`)

// Run adds the model.
func (c *ModelAddCmd) Run(ctx context.Context, g *Globals) error {
	if !modelName.MatchString(c.Name) {
		return recon.BadInput("model name %q: use letters, digits and _.+- (at most 40)", c.Name)
	}
	h, err := decimal.NewFromString(c.Hashrate)
	if err != nil || !h.IsPositive() {
		return recon.BadInput("--hashrate %q is not a positive number of TH/s", c.Hashrate)
	}
	w, err := decimal.NewFromString(c.Power)
	if err != nil || !w.IsPositive() {
		return recon.BadInput("--power %q is not a positive number of watts", c.Power)
	}
	pool, err := g.openDB(ctx, true)
	if err != nil {
		return err
	}
	if err := db.New(pool).MinerModelUpsert(ctx, db.MinerModelUpsertParams{Name: c.Name, HashrateThs: h, PowerWatts: w}); err != nil {
		return err
	}
	g.printf("model %s: %s TH/s at %s W; run `recon recalc --from D1 --to D2 --model %s` to compute it for stored dates\n", c.Name, h, w, c.Name)
	return nil
}
