package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// BackfillCmd is `recon backfill`.
type BackfillCmd struct {
	dateRange
	Concurrency int  `default:"2" help:"Dates processed at once; they share the API rate limit (--rate-limit)."`
	Force       bool `help:"Reingest dates that are already complete too (by default they are skipped)."`
	valuation
}

// Validate refuses a reversed or future range and no concurrency before
// anything is opened.
func (c *BackfillCmd) Validate() error {
	if c.Concurrency < 1 {
		return recon.BadInput("--concurrency %d: give at least 1 date at once", c.Concurrency)
	}
	if err := c.dateRange.Validate(); err != nil {
		return err
	}
	return notFuture(c.To)
}

// Run reingests the range and prints a table of what happened.
func (c *BackfillCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, true)
	if err != nil {
		return err
	}
	limitMemory(c.Concurrency)

	stop, undo := drainOnInterrupt(g)
	defer undo()
	p := newProgress(g.stderr, "backfill")
	defer p.close()
	res, err := s.Backfill(ctx, recon.BackfillOptions{
		From: c.From.Time, To: c.To.Time, Concurrency: c.Concurrency, Force: c.Force, Stop: stop,
		Progress:    func(bp recon.BackfillProgress) { p.update(backfillState(bp)) },
		PriceMaxAge: c.maxAge(),
	})
	p.close()
	if err != nil {
		return err
	}
	printBackfill(g, c, res)
	return backfillStatus(g, c, res)
}

// backfillStatus is nil when every date is done or complete, and otherwise
// an exit status 1 with a one-line reason and the command that resumes.
func backfillStatus(g *Globals, c *BackfillCmd, res *recon.BackfillResult) error {
	failed, aborted := res.Count(recon.DateFailed), res.Count(recon.DateAborted)
	notStarted := res.Count(recon.DateNotStarted)
	if failed+aborted+notStarted == 0 {
		return nil
	}
	var parts []string
	if failed > 0 {
		parts = append(parts, fmt.Sprintf("%d %s failed (listed above)", failed, plural(failed, "date", "dates")))
	}
	if aborted > 0 {
		parts = append(parts, fmt.Sprintf("%d aborted", aborted))
	}
	if notStarted > 0 {
		parts = append(parts, fmt.Sprintf("%d not started (interrupted)", notStarted))
	}
	resume := fmt.Sprintf("rerun `%s`: it skips the complete dates", g.again())
	if c.Force {
		// The same command would reingest every date again: resume from
		// the first date not done instead.
		resume = fmt.Sprintf("resume with `%s`", g.suggest(resumeArgs(c, res)...))
	}
	return &exitError{code: recon.ExitFailure, msg: fmt.Sprintf(
		"backfill incomplete: %s; each date is all or nothing, so %s", strings.Join(parts, ", "), resume)}
}

// resumeArgs is the backfill --force that takes up from the first date not
// done, with the command's other flags.
func resumeArgs(c *BackfillCmd, res *recon.BackfillResult) []string {
	from := c.From.String()
	for _, d := range res.Dates {
		if d.Outcome != recon.DateDone && d.Outcome != recon.DateComplete {
			from = d.Date.Format(settlement.DateLayout)
			break
		}
	}
	return []string{"backfill", "--from", from, "--to", c.To.String(), "--concurrency", fmt.Sprint(c.Concurrency), "--force"}
}

// printBackfill prints a table by month, the totals and the failures.
func printBackfill(g *Globals, c *BackfillCmd, res *recon.BackfillResult) {
	g.printf("recon backfill %s to %s, %s %s%s\n", c.From, c.To, grouped(len(res.Dates)), plural(len(res.Dates), "date", "dates"),
		syntheticLabel(synthetic(res)))
	g.printf("  %-7s  %5s  %8s  %6s  %11s  %13s  %14s  %16s\n",
		"month", "done", "complete", "failed", "not started", "records", "MWh", "payment")
	for _, m := range byMonth(res) {
		g.printf("  %-7s  %5d  %8d  %6d  %11d  %13s  %14s  %16s\n",
			m.month, m.done, m.complete, m.failed, m.notStarted, grouped(m.records), energy(m.mwh), money(m.payment))
	}
	g.printf("  %-7s  %5d  %8d  %6d  %11d  %13s  %14s  %16s\n", "total",
		res.Count(recon.DateDone), res.Count(recon.DateComplete), len(res.Problems()), res.Count(recon.DateNotStarted),
		grouped(res.Records), energy(res.EnergyMWh), money(res.Payment))
	for i, b := range res.Bitcoin {
		head := "           "
		if i == 0 {
			head = "  bitcoin  "
		}
		g.printf("%s%-9s %s BTC  %s (dates done)\n", head, b.Model, fixed(b.Bitcoin, 8), modelValue(b))
	}
	printPriceGaps(g, res.PriceGaps, c.maxAge(), res.Reference)
	secs := res.Elapsed.Seconds()
	g.printf("  archived   %s stack rows\n", grouped(res.Rows))
	g.printf("  requests   %s API requests in %.1f s", grouped(res.Requests), secs)
	if secs >= 60 { // an average over less than a minute says nothing about any minute
		g.printf(" (%s a minute on average; limit %s)\n", grouped(int(float64(res.Requests)/secs*60)), grouped(g.RateLimit))
	} else {
		g.printf(" (limit %s a minute)\n", grouped(g.RateLimit))
	}
	if done := res.Count(recon.DateDone); done > 0 && secs > 0 {
		g.printf("  speed      %.2f dates a second\n", float64(done)/secs)
	}
	for _, line := range referenceSyncLines(g, res.Reference) {
		g.printf("  %s\n", line)
	}
	if probs := res.Problems(); len(probs) > 0 {
		g.printf("failed dates (nothing of them was written):\n")
		for _, d := range probs {
			g.printf("  %s  %s: %s\n", d.Date.Format(settlement.DateLayout), d.Outcome, errorLine(d.Err))
		}
	}
}

func synthetic(res *recon.BackfillResult) bool {
	for _, d := range res.Dates {
		if d.Result != nil && d.Result.Synthetic {
			return true
		}
	}
	return false
}

type monthRow struct {
	month                              string
	done, complete, failed, notStarted int
	records                            int
	mwh, payment                       decimal.Decimal
}

func byMonth(res *recon.BackfillResult) []*monthRow {
	var rows []*monthRow
	for _, d := range res.Dates {
		m := d.Date.Format("2006-01")
		if len(rows) == 0 || rows[len(rows)-1].month != m {
			rows = append(rows, &monthRow{month: m})
		}
		r := rows[len(rows)-1]
		switch d.Outcome {
		case recon.DateDone:
			r.done++
			r.records += d.Result.Records
			r.mwh = r.mwh.Add(d.Result.EnergyMWh)
			r.payment = r.payment.Add(d.Result.Payment)
		case recon.DateComplete:
			r.complete++
		case recon.DateNotStarted:
			r.notStarted++
		default:
			r.failed++
		}
	}
	return rows
}

// backfillState is a backfill's progress for the progress line.
func backfillState(bp recon.BackfillProgress) progressState {
	st := progressState{finished: bp.Done + bp.Failed, toRun: bp.Total - bp.Complete, left: bp.Remaining() + bp.Running}
	if bp.Complete > 0 {
		st.words += fmt.Sprintf(" (+%s complete, skipped)", grouped(bp.Complete))
	}
	if bp.Failed > 0 {
		st.words += fmt.Sprintf(", %d failed", bp.Failed)
	}
	st.words += fmt.Sprintf(", %s rows, %s records", grouped(bp.Rows), grouped(bp.Records))
	return st
}
