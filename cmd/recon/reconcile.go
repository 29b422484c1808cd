package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// ReconcileCmd is `recon reconcile`.
type ReconcileCmd struct {
	Days   int      `help:"The last N settlement dates, ending yesterday (Europe/London). Default 7 when --from/--to are not given." placeholder:"N"`
	From   dateFlag `help:"First settlement date, YYYY-MM-DD (with --to, instead of --days)." placeholder:"YYYY-MM-DD"`
	To     dateFlag `help:"Last settlement date, YYYY-MM-DD." placeholder:"YYYY-MM-DD"`
	Jobs   int      `default:"2" help:"Dates verified and repaired at once (they share the API rate limit)."`
	Sample string   `default:"full" enum:"full,progressive,random,fixed" help:"Which periods to check per date (see recon verify)."`
	DryRun bool     `name:"dry-run" help:"Verify only, repair nothing: differences give exit status 3."`
	LogDir string   `name:"log-dir" env:"RECON_LOG_DIR" default:"logs" help:"Directory for reports; one per date goes to its verify/ folder." placeholder:"DIR" type:"path"`
	valuation
}

// Run verifies and repairs the window, prints a table of dates and
// outcomes, and returns an error carrying exit status 1 (something failed)
// or 3 (differences found, dry run).
func (c *ReconcileCmd) Run(ctx context.Context, g *Globals) error {
	opt, err := c.options(time.Now())
	if err != nil {
		return err
	}
	s, err := g.service(ctx, true)
	if err != nil {
		return err
	}
	res, err := s.Reconcile(ctx, opt)
	if err != nil {
		return err
	}
	printReconcile(g, opt, res)
	code := res.ExitStatus()
	if code == recon.ExitOK {
		return nil
	}
	t := res.Tally()
	return &exitError{code: code, msg: fmt.Sprintf("reconcile %s to %s: %d failed, %d with differences not repaired",
		opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout), t[recon.OutcomeFailed], t[recon.OutcomeDifferences])}
}

// options turns the flags into the window and its settings.
func (c *ReconcileCmd) options(now time.Time) (recon.ReconcileOptions, error) {
	opt := recon.ReconcileOptions{
		Jobs: c.Jobs, Sample: recon.Sample(c.Sample), DryRun: c.DryRun, ReportDir: filepath.Join(c.LogDir, "verify"),
		Describe: verdict, PriceMaxAge: c.maxAge(),
	}
	if c.Jobs < 1 {
		return opt, recon.BadInput("--jobs %d: give at least 1", c.Jobs)
	}
	switch {
	case !c.From.IsZero() || !c.To.IsZero():
		if c.Days != 0 {
			return opt, recon.BadInput("give either --days or --from/--to, not both")
		}
		if c.From.IsZero() || c.To.IsZero() {
			return opt, recon.BadInput("--from and --to go together: give both, e.g. --from 2025-03-01 --to 2025-03-07")
		}
		if err := dateOrder(c.From, c.To); err != nil {
			return opt, err
		}
		opt.From, opt.To = c.From.Time, c.To.Time
	default:
		days := c.Days
		if days == 0 {
			days = 7
		}
		from, to, err := recon.TrailingWindow(now, days)
		if err != nil {
			return opt, err
		}
		opt.From, opt.To = from, to
	}
	return opt, nil
}

// printReconcile prints one line per date, then a tally.
func printReconcile(g *Globals, opt recon.ReconcileOptions, res *recon.ReconcileResult) {
	mode := "verify and repair"
	if opt.DryRun {
		mode = "verify only"
	}
	g.printf("recon reconcile %s to %s (%s, %s)\n", opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout), mode, opt.Sample)
	g.printf("  %-10s  %7s %5s %8s %7s %11s %5s %6s  %-9s  %-11s  %s\n",
		"date", "checked", "match", "mismatch", "missing", "unpublished", "error", "incons", "action", "outcome", "detail")
	for _, d := range res.Dates {
		ds := d.Date.Format(settlement.DateLayout)
		if d.Report == nil {
			g.printf("  %-10s  %7s %5s %8s %7s %11s %5s %6s  %-9s  %-11s  %v\n", ds, "-", "-", "-", "-", "-", "-", "-", "none", recon.OutcomeFailed, d.Err)
			continue
		}
		r := d.Report
		c := r.First().Counts
		detail := ""
		switch {
		case d.Err != nil:
			detail = d.Err.Error()
		case r.Outcome == recon.OutcomeRepaired:
			detail = fmt.Sprintf("run #%d", r.RunID)
		case r.Outcome != recon.OutcomeMatched:
			detail = verdict(r)
		}
		g.printf("  %-10s  %7d %5d %8d %7d %11d %5d %6d  %-9s  %-11s  %s\n", ds, c.Checked, c.Match, c.Mismatch, c.Missing,
			c.Unpublished, c.Error, len(r.First().Inconsistencies), r.Action, d.Outcome(), detail)
	}
	t := res.Tally()
	g.printf("%d date(s): %d matched, %d repaired, %d with differences, %d failed\n", len(res.Dates),
		t[recon.OutcomeMatched], t[recon.OutcomeRepaired], t[recon.OutcomeDifferences], t[recon.OutcomeFailed])
	if opt.ReportDir != "" {
		g.printf("reports: %s\n", opt.ReportDir)
	}
}
