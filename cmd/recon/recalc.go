package main

import (
	"context"
	"strings"
	"time"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RecalcCmd is `recon recalc`.
type RecalcCmd struct {
	From       string `required:"" help:"First settlement date, YYYY-MM-DD." placeholder:"YYYY-MM-DD"`
	To         string `required:"" help:"Last settlement date, YYYY-MM-DD." placeholder:"YYYY-MM-DD"`
	Model      string `help:"Only this miner model (e.g. one just added)." placeholder:"NAME"`
	Difficulty string `help:"What-if: use this network difficulty for every period (recorded on every row)." placeholder:"N"`
}

// Run recomputes Bitcoin for the stored dates of the range.
func (c *RecalcCmd) Run(ctx context.Context, g *Globals) error {
	from, to, err := dateRange(c.From, c.To)
	if err != nil {
		return err
	}
	opt := recon.RecalcOptions{From: from, To: to, Model: c.Model}
	if c.Difficulty != "" {
		o, err := runOptions(c.From, "", c.Difficulty)
		if err != nil {
			return err
		}
		opt.Difficulty = o.Difficulty
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	results, err := s.Recalc(ctx, opt)
	for _, r := range results {
		parts := make([]string, len(r.Bitcoin))
		for i, b := range r.Bitcoin {
			parts[i] = b.Model + " " + b.Bitcoin.StringFixed(8)
		}
		g.printf("recalc %s  run #%d  %s\n", r.Date.Format(settlement.DateLayout), r.RunID, strings.Join(parts, "  "))
	}
	if err != nil {
		return err
	}
	g.printf("recalc: %d date(s) recomputed between %s and %s\n", len(results), c.From, c.To)
	return nil
}

// dateRange parses --from and --to and checks their order.
func dateRange(from, to string) (time.Time, time.Time, error) {
	f, err := settlement.ParseDate(from)
	if err != nil {
		return time.Time{}, time.Time{}, recon.BadInput("--from %v", err)
	}
	t, err := settlement.ParseDate(to)
	if err != nil {
		return time.Time{}, time.Time{}, recon.BadInput("--to %v", err)
	}
	if f.After(t) {
		return time.Time{}, time.Time{}, recon.BadInput("--from %s is after --to %s: give the earlier date first", from, to)
	}
	return f, t, nil
}
