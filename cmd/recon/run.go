package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RunCmd is `recon run`.
type RunCmd struct {
	Date       string `required:"" help:"Settlement date, YYYY-MM-DD (Europe/London day)." placeholder:"YYYY-MM-DD"`
	Periods    string `help:"Only these settlement periods, A-B (e.g. 44-48); default every period of the day." placeholder:"A-B"`
	Difficulty string `help:"What-if: use this network difficulty for every period instead of the difficulty table (recorded on every row)." placeholder:"N"`
	WithWind   bool   `name:"with-wind" help:"After the run, also fetch the date's actual wind generation (as recon wind does)."`
}

// Run reingests the date and prints its summary.
func (c *RunCmd) Run(ctx context.Context, g *Globals) error {
	opt, err := runOptions(c.Date, c.Periods, c.Difficulty)
	if err != nil {
		return err
	}
	// Bad input is refused before anything is opened.
	if err := (&recon.Service{}).CheckDate(opt.Date); err != nil {
		return err
	}
	s, err := g.service(ctx, true)
	if err != nil {
		return err
	}
	res, err := s.Run(ctx, opt)
	if err != nil {
		return rerunHint(err, c.Date, c.Periods)
	}
	printRun(g, res)
	if c.WithWind {
		return runWind(ctx, g, s, opt.Date, opt.Date)
	}
	return nil
}

// rerunHint adds to a runtime failure what to do about it: the date is as
// it was (a run is all or nothing), so rerunning is safe.
func rerunHint(err error, date, periods string) error {
	if recon.IsBadInput(err) {
		return err
	}
	cmd := "recon run --date " + date
	if periods != "" {
		cmd += " --periods " + periods
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w; a run is all or nothing, so rerun `%s` to do it", err, cmd)
	}
	return fmt.Errorf("%w; a run is all or nothing, so it is safe to rerun `%s` once this is fixed", err, cmd)
}

// runOptions parses the flags shared by run and verify --fix.
func runOptions(date, periods, difficulty string) (recon.RunOptions, error) {
	d, err := settlement.ParseDate(date)
	if err != nil {
		return recon.RunOptions{}, recon.BadInput("--date %v", err)
	}
	opt := recon.RunOptions{Date: d}
	if periods != "" {
		r, err := settlement.ParseRange(periods, d)
		if err != nil {
			return recon.RunOptions{}, recon.BadInput("%v", err)
		}
		opt.Periods = &r
	}
	if difficulty != "" {
		v, err := decimal.NewFromString(strings.ReplaceAll(difficulty, ",", ""))
		if err != nil || !v.IsPositive() {
			return recon.RunOptions{}, recon.BadInput("--difficulty %q is not a positive number, e.g. 110568428300952.69", difficulty)
		}
		opt.Difficulty = &v
	}
	return opt, nil
}

// printRun prints a run's summary.
func printRun(g *Globals, r *recon.RunResult) {
	label := ""
	if r.Synthetic {
		label = "  [SYNTHETIC data from recon's stand-in Elexon server]"
	}
	g.printf("recon run %s, periods %s%s\n", r.Date.Format(settlement.DateLayout), r.Periods, label)
	g.printf("  periods      %d of %d published", r.PeriodsPublished, r.PeriodsExpected)
	if len(r.Unpublished) > 0 {
		g.printf(" (not published yet: %s)", intList(r.Unpublished))
	}
	g.printf("\n")
	g.printf("  records      %s curtailment records from %s stack rows\n", grouped(r.Records), grouped(r.StackRows))
	g.printf("  energy       %s MWh\n", fixed(r.EnergyMWh, 3))
	g.printf("  payment      £%s (negative: paid to the wind farms)\n", fixed(r.Payment, 2))
	if r.NullPriceRows > 0 {
		g.printf("  null prices  %d records had no original price (payment null, counted as 0)\n", r.NullPriceRows)
	}
	for i, b := range r.Bitcoin {
		head := "               "
		if i == 0 {
			head = "  bitcoin      "
		}
		g.printf("%s%-9s %12s BTC\n", head, b.Model, b.Bitcoin.StringFixed(8))
	}
	g.printf("  run          #%d, %d API requests, %.2f s\n", r.RunID, r.Requests, r.Elapsed.Seconds())
}

func intList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}
