package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RunCmd is `recon run`.
type RunCmd struct {
	Date       dateFlag         `required:"" help:"Settlement date, YYYY-MM-DD (Europe/London day)." placeholder:"YYYY-MM-DD"`
	Periods    periodsFlag      `help:"Only these settlement periods, A-B (e.g. 44-48); default every period of the day." placeholder:"A-B"`
	Difficulty *positiveDecimal `help:"What-if: use this network difficulty for every period instead of the difficulty table (recorded on every row)." placeholder:"N" example:"110568428300952.69"`
	WithWind   bool             `name:"with-wind" help:"After the run, also fetch the date's actual wind generation (as recon wind does)."`
	valuation

	periods *settlement.Range // Periods of Date, set by Validate
}

// Validate refuses a future date and periods the day does not have, before
// anything is opened.
func (c *RunCmd) Validate() error {
	if c.Date.IsZero() {
		return nil // kong says it is missing
	}
	if err := notFuture(c.Date); err != nil {
		return err
	}
	var err error
	c.periods, err = c.Periods.in(c.Date.Time)
	return err
}

// Run reingests the date and prints its summary.
func (c *RunCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, true)
	if err != nil {
		return err
	}
	opt := recon.RunOptions{Date: c.Date.Time, Periods: c.periods, PriceMaxAge: c.maxAge()}
	if c.Difficulty != nil {
		opt.Difficulty = &c.Difficulty.Decimal
	}
	res, err := s.Run(ctx, opt)
	if err != nil {
		return rerunHint(err, g)
	}
	printRun(g, res)
	if c.WithWind {
		return runWind(ctx, g, s, c.Date.Time, c.Date.Time)
	}
	return nil
}

// rerunHint adds to a runtime failure what to do about it: the date is as
// it was (a run is all or nothing), so rerunning the same command is safe.
func rerunHint(err error, g *Globals) error {
	var gap *recon.DifficultyGapError
	if recon.IsBadInput(err) || errors.As(err, &gap) { // the line says what to do
		return err
	}
	err = apiHint(err, g)
	cmd := g.again()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w; a run is all or nothing, so rerun `%s` to do it", err, cmd)
	}
	return fmt.Errorf("%w; a run is all or nothing, so it is safe to rerun `%s` once this is fixed", err, cmd)
}

// printRun prints a run's summary.
func printRun(g *Globals, r *recon.RunResult) {
	date := r.Date.Format(settlement.DateLayout)
	g.printf("recon run %s, periods %s%s%s\n", date, r.Periods, syntheticLabel(r.Synthetic), whatIfLabel(r.WhatIf))
	g.printf("  periods      %d of %d published", r.PeriodsPublished, r.PeriodsExpected)
	if len(r.Unpublished) > 0 {
		g.printf(" (not published yet: %s)", intList(r.Unpublished))
	}
	g.printf("\n")
	g.printf("  records      %s curtailment records from %s stack rows\n", grouped(r.Records), grouped(r.StackRows))
	g.printf("  energy       %s MWh\n", energy(r.EnergyMWh))
	g.printf("  payment      %s (negative: paid to the wind farms)\n", money(r.Payment))
	if r.NullPriceRows > 0 {
		g.printf("  null prices  %d records had no original price (payment null, counted as 0)\n", r.NullPriceRows)
	}
	printTurnUp(g, r.TurnUp, r.Payment)
	for i, b := range r.Bitcoin {
		head := "               "
		if i == 0 {
			head = "  bitcoin      "
		}
		g.printf("%s%-9s %12s BTC  %s\n", head, b.Model, b.Bitcoin.StringFixed(8), modelValue(b))
	}
	printValuation(g, r.Date, r.Prices, r.Reference)
	if u := r.Unregistered; u.Units > 0 {
		g.printf("  unknown      %d %s outside the wind registry had %s MWh of rows like curtailment (volume < 0, soFlag true): %s\n",
			u.Units, plural(u.Units, "unit", "units"), energy(u.EnergyMWh), g.suggest("bmu", "unknown", "--from", date, "--to", date))
	}
	if r.WhatIf != nil {
		g.printf("  what-if      Bitcoin of every period uses difficulty %s, not the difficulty table; status and reports mark %s WHAT-IF until `recon run --date %s` or `recon recalc` replaces it\n",
			fixed(*r.WhatIf, 0), date, date)
	}
	for _, line := range referenceSyncLines(g, r.Reference) {
		g.printf("  %s\n", line)
	}
	g.printf("  run          #%d, %d API requests, %.2f s\n", r.RunID, r.Requests, r.Elapsed.Seconds())
}

// printTurnUp prints the replacement side of a run's periods and the total
// cost of their curtailment (the bid side as a cost plus the turn-up).
func printTurnUp(g *Globals, t recon.TurnUpTotals, payment decimal.Decimal) {
	g.printf("  turn-up      %s MWh taken from the offer stacks to replace it, %s (paid to the units turning up)\n",
		energy(t.TurnUpMWh), money(t.TurnUpCostGBP))
	if t.ShortfallMWh.IsPositive() {
		g.printf("  shortfall    %s MWh could not be replaced: the offer stacks ran out (recon report, turn_up_periods.shortfall_mwh)\n",
			energy(t.ShortfallMWh))
	}
	if t.NullPriceRows > 0 {
		g.printf("               %d offer %s taken had no original price (taken at no cost)\n", t.NullPriceRows, plural(t.NullPriceRows, "row", "rows"))
	}
	g.printf("  total cost   %s (bid side %s + turn-up %s)\n",
		money(t.TotalCostGBP), money(payment.Neg()), money(t.TurnUpCostGBP))
}
