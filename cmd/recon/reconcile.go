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
	Days   *int     `help:"The last N settlement dates, ending yesterday (Europe/London). Default 7 when --from/--to are not given." placeholder:"N"`
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
	opt.Describe = func(rep *recon.VerifyReport) string { return verdict(rep, g.suggest("verify", "--date", rep.Date)) }
	stop, undo := drainOnInterrupt(g)
	defer undo()
	p := newProgress(g.stderr, "reconcile")
	defer p.close()
	opt.Stop = stop
	opt.Progress = func(rp recon.ReconcileProgress) { p.update(reconcileState(rp)) }
	res, err := s.Reconcile(ctx, opt)
	p.close()
	if err != nil {
		return err
	}
	printReconcile(g, opt, res)
	return reconcileStatus(g, opt, res)
}

// reconcileStatus is nil when every date matched or was repaired, and
// otherwise the exit status (1 or 3) with a one-line reason.
func reconcileStatus(g *Globals, opt recon.ReconcileOptions, res *recon.ReconcileResult) error {
	code := res.ExitStatus()
	if code == recon.ExitOK {
		return nil
	}
	t := res.Tally()
	msg := fmt.Sprintf("reconcile %s to %s: %d failed, %d with differences not repaired",
		opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout), t[recon.OutcomeFailed], t[recon.OutcomeDifferences])
	switch {
	case res.Interrupted():
		msg += fmt.Sprintf(", %d aborted, %d not started (interrupted); nothing partial was kept: rerun `%s`",
			t[recon.OutcomeAborted], t[recon.OutcomeNotStarted], g.again())
	case t[recon.OutcomeFailed] > 0:
		msg += fmt.Sprintf(" (the table above says why); once that is fixed, rerun `%s`", g.again())
	}
	return &exitError{code: code, msg: msg}
}

// reconcileState is a reconcile's progress for the progress line.
func reconcileState(rp recon.ReconcileProgress) progressState {
	t := rp.Tally
	st := progressState{finished: rp.Finished, toRun: rp.Total, left: rp.Total - rp.Finished}
	st.words = fmt.Sprintf(": %d matched, %d repaired", t[recon.OutcomeMatched], t[recon.OutcomeRepaired])
	if n := t[recon.OutcomeDifferences]; n > 0 {
		st.words += fmt.Sprintf(", %d with differences", n)
	}
	if n := t[recon.OutcomeFailed] + t[recon.OutcomeAborted]; n > 0 {
		st.words += fmt.Sprintf(", %d failed", n)
	}
	return st
}

// options turns the flags into the window and its settings.
func (c *ReconcileCmd) options(now time.Time) (recon.ReconcileOptions, error) {
	opt := recon.ReconcileOptions{
		Jobs: c.Jobs, Sample: recon.Sample(c.Sample), DryRun: c.DryRun, ReportDir: filepath.Join(c.LogDir, "verify"),
		PriceMaxAge: c.maxAge(),
	}
	if c.Jobs < 1 {
		return opt, recon.BadInput("--jobs %d: give at least 1", c.Jobs)
	}
	if c.Days != nil && *c.Days < 1 {
		return opt, recon.BadInput("--days %d: give at least 1 (the default, without --days, is 7)", *c.Days)
	}
	switch {
	case !c.From.IsZero() || !c.To.IsZero():
		if c.Days != nil {
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
		days := 7
		if c.Days != nil {
			days = *c.Days
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
	g.printf("recon reconcile %s to %s (%s, %s)%s\n", opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout), mode, opt.Sample,
		syntheticLabel(res.Synthetic()))
	for _, line := range referenceLines(g, res.Reference) {
		g.printf("  %s\n", line)
	}
	g.printf("  %-10s  %7s %5s %8s %7s %11s %5s %6s  %-9s  %-11s  %s\n",
		"date", "checked", "match", "mismatch", "missing", "unpublished", "error", "incons", "action", "outcome", "detail")
	for _, d := range res.Dates {
		ds := d.Date.Format(settlement.DateLayout)
		if d.Report == nil {
			detail := ""
			if d.Err != nil && d.Outcome() != recon.OutcomeAborted {
				detail = errorLine(d.Err)
			}
			g.printf("  %-10s  %7s %5s %8s %7s %11s %5s %6s  %-9s  %-11s  %s\n", ds, "-", "-", "-", "-", "-", "-", "-", "none", d.Outcome(), detail)
			continue
		}
		r := d.Report
		c := r.First().Counts
		detail := ""
		switch {
		case d.Err != nil:
			detail = errorLine(d.Err)
		case r.Outcome == recon.OutcomeRepaired:
			detail = fmt.Sprintf("run #%d", r.RunID)
		case r.Outcome != recon.OutcomeMatched:
			detail = r.Verdict
		}
		g.printf("  %-10s  %7d %5d %8d %7d %11d %5d %6d  %-9s  %-11s  %s\n", ds, c.Checked, c.Match, c.Mismatch, c.Missing,
			c.Unpublished, c.Error, len(r.First().Inconsistencies), r.Action, d.Outcome(), detail)
	}
	t := res.Tally()
	g.printf("%d date(s): %d matched, %d repaired, %d with differences, %d failed", len(res.Dates),
		t[recon.OutcomeMatched], t[recon.OutcomeRepaired], t[recon.OutcomeDifferences], t[recon.OutcomeFailed])
	if res.Interrupted() {
		g.printf(", %d aborted, %d not started (interrupted)", t[recon.OutcomeAborted], t[recon.OutcomeNotStarted])
	}
	g.printf("\n")
	if opt.ReportDir != "" {
		g.printf("reports: %s\n", opt.ReportDir)
	}
}
