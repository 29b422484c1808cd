package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RecalcCmd is `recon recalc`.
type RecalcCmd struct {
	dateRange
	Model      string           `help:"Only this miner model (e.g. one just added); a date holding what-if figures is recomputed for every model." placeholder:"NAME"`
	Difficulty *positiveDecimal `help:"What-if: use this network difficulty for every period and every model (recorded on every row; not with --model)." placeholder:"N" example:"110568428300952.69"`
	valuation
}

// Validate refuses a what-if for one model: a what-if covers every model.
func (c *RecalcCmd) Validate() error {
	if err := c.dateRange.Validate(); err != nil {
		return err
	}
	if c.Difficulty != nil && c.Model != "" {
		return recon.BadInput("--difficulty with --model: a what-if applies to every miner model of a date, never to one; drop --model")
	}
	return nil
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
		g.printf("recalc %s  run #%d  %s%s%s\n", r.Date.Format(settlement.DateLayout), r.RunID, btcList(r.Bitcoin),
			syntheticLabel(r.Synthetic), whatIfLabel(r.WhatIf))
		if note := replacedNote(r.Replaced, r.WhatIf, r.EveryModel, c.Model); note != "" {
			g.printf("  %s\n", note)
		}
		gaps.Add(r.Date, r.Prices.PeriodsWithoutPrice)
	}
	if err != nil {
		return err
	}
	g.printf("recalc: %d date(s) recomputed between %s and %s\n", len(results), c.From, c.To)
	printPriceGaps(g, gaps, c.maxAge(), nil)
	return nil
}

// replacedNote says what became of the what-if figures a date held before
// a recalc or rederive ("" when it held none): they are replaced for every
// model, by the table or by the new what-if, never for some models only.
func replacedNote(held *recon.WhatIfDate, now *decimal.Decimal, everyModel bool, model string) string {
	if held == nil {
		return ""
	}
	by := "the difficulty table's figures"
	if now != nil {
		by = "what-if figures at difficulty " + fixed(*now, 0)
	}
	note := fmt.Sprintf("its what-if figures (difficulty %s, %d periods) were replaced by %s for every model", fixed(held.DifficultyMin, 0), held.Periods, by)
	if everyModel {
		note += fmt.Sprintf(", not only %s: a date never mixes what-if and table figures", model)
	}
	return note
}

// btcList is "M20S 1.23456789 (£86,420.13)  S19J_PRO ...".
func btcList(btc []recon.ModelBTC) string {
	parts := make([]string, len(btc))
	for i, b := range btc {
		parts[i] = b.Model + " " + b.Bitcoin.StringFixed(8) + " (" + modelValue(b) + ")"
	}
	return strings.Join(parts, "  ")
}
