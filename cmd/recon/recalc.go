package main

import (
	"context"
	"strings"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RecalcCmd is `recon recalc`.
type RecalcCmd struct {
	dateRange
	Model      string           `help:"Only this miner model (e.g. one just added)." placeholder:"NAME"`
	Difficulty *positiveDecimal `help:"What-if: use this network difficulty for every period (recorded on every row)." placeholder:"N" example:"110568428300952.69"`
	valuation
}

// Run recomputes Bitcoin for the stored dates of the range.
func (c *RecalcCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	opt := recon.RecalcOptions{From: c.From.Time, To: c.To.Time, Model: c.Model, PriceMaxAge: c.maxAge()}
	if c.Difficulty != nil {
		opt.Difficulty = &c.Difficulty.Decimal
	}
	results, err := s.Recalc(ctx, opt)
	var gaps recon.PriceGaps
	for _, r := range results {
		g.printf("recalc %s  run #%d  %s\n", r.Date.Format(settlement.DateLayout), r.RunID, btcList(r.Bitcoin))
		gaps.Add(r.Date, r.Prices.PeriodsWithoutPrice)
	}
	if err != nil {
		return err
	}
	g.printf("recalc: %d date(s) recomputed between %s and %s\n", len(results), c.From, c.To)
	printPriceGaps(g, gaps, c.maxAge())
	return nil
}

// btcList is "M20S 1.23456789 (£86,420.13)  S19J_PRO ...".
func btcList(btc []recon.ModelBTC) string {
	parts := make([]string, len(btc))
	for i, b := range btc {
		parts[i] = b.Model + " " + b.Bitcoin.StringFixed(8) + " (" + modelValue(b) + ")"
	}
	return strings.Join(parts, "  ")
}
