package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
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

	stop := make(chan struct{})
	var once sync.Once
	drain := func() {
		once.Do(func() {
			fmt.Fprintln(g.stderr, "\nrecon: interrupted: finishing the dates in progress and starting no more; interrupt again to abort them (nothing partial is kept)")
			close(stop)
		})
	}
	onFirstInterrupt.Store(&drain)
	defer onFirstInterrupt.Store(nil)

	p := newProgress(g.stderr)
	defer p.close()
	res, err := s.Backfill(ctx, recon.BackfillOptions{
		From: c.From.Time, To: c.To.Time, Concurrency: c.Concurrency, Force: c.Force, Stop: stop, Progress: p.update,
		PriceMaxAge: c.maxAge(),
	})
	p.close()
	if err != nil {
		return err
	}
	printBackfill(g, c, res)
	return backfillStatus(c, res)
}

// backfillStatus is nil when every date is done or complete, and otherwise
// an exit status 1 with a one-line reason.
func backfillStatus(c *BackfillCmd, res *recon.BackfillResult) error {
	failed, aborted := res.Count(recon.DateFailed), res.Count(recon.DateAborted)
	notStarted := res.Count(recon.DateNotStarted)
	if failed+aborted+notStarted == 0 {
		return nil
	}
	again := fmt.Sprintf("recon backfill --from %s --to %s", c.From, c.To)
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
	return &exitError{code: recon.ExitFailure, msg: fmt.Sprintf(
		"backfill incomplete: %s; each date is all or nothing, so rerun `%s`: it skips the complete dates",
		strings.Join(parts, ", "), again)}
}

// printBackfill prints a table by month, the totals and the failures.
func printBackfill(g *Globals, c *BackfillCmd, res *recon.BackfillResult) {
	g.printf("recon backfill %s to %s, %s %s%s\n", c.From, c.To, grouped(len(res.Dates)), plural(len(res.Dates), "date", "dates"),
		syntheticLabel(synthetic(res)))
	g.printf("  %-7s  %5s  %8s  %6s  %11s  %13s  %14s  %16s\n",
		"month", "done", "complete", "failed", "not started", "records", "MWh", "payment £")
	for _, m := range byMonth(res) {
		g.printf("  %-7s  %5d  %8d  %6d  %11d  %13s  %14s  %16s\n",
			m.month, m.done, m.complete, m.failed, m.notStarted, grouped(m.records), fixed(m.mwh, 3), fixed(m.payment, 2))
	}
	g.printf("  %-7s  %5d  %8d  %6d  %11d  %13s  %14s  %16s\n", "total",
		res.Count(recon.DateDone), res.Count(recon.DateComplete), len(res.Problems()), res.Count(recon.DateNotStarted),
		grouped(res.Records), fixed(res.EnergyMWh, 3), fixed(res.Payment, 2))
	for i, b := range res.Bitcoin {
		head := "           "
		if i == 0 {
			head = "  bitcoin  "
		}
		g.printf("%s%-9s %s BTC  %s (dates done)\n", head, b.Model, fixed(b.Bitcoin, 8), modelValue(b))
	}
	printPriceGaps(g, res.PriceGaps, c.maxAge())
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

// progress shows a backfill's progress on stderr: a bar redrawn in place on
// a terminal, otherwise a plain line every logEvery (and one per failure).
type progress struct {
	w        io.Writer
	tty      bool
	started  time.Time
	mu       sync.Mutex
	last     recon.BackfillProgress
	seen     bool
	lastLog  time.Time
	done     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup
}

const (
	redrawEvery = 200 * time.Millisecond
	logEvery    = 10 * time.Second
)

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, started: time.Now(), lastLog: time.Now(), done: make(chan struct{})}
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		p.tty = true
		p.wg.Go(p.redraw)
	}
	return p
}

// update receives the backfill's progress after each date.
func (p *progress) update(bp recon.BackfillProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last, p.seen = bp, true
	if p.tty {
		return // the redraw loop shows it
	}
	if o := bp.Last.Outcome; o == recon.DateFailed || o == recon.DateAborted {
		fmt.Fprintf(p.w, "backfill: %s %s: %s\n", bp.Last.Date.Format(settlement.DateLayout), o, errorLine(bp.Last.Err))
	}
	if time.Since(p.lastLog) >= logEvery || bp.Remaining()+bp.Running == 0 {
		p.lastLog = time.Now()
		fmt.Fprintf(p.w, "backfill: %s\n", p.line(bp))
	}
}

// redraw repaints the bar until close.
func (p *progress) redraw() {
	t := time.NewTicker(redrawEvery)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		p.mu.Lock()
		if p.seen {
			fmt.Fprintf(p.w, "\r\033[K%s %s", bar(p.last, 24), p.line(p.last))
		}
		p.mu.Unlock()
	}
}

// close stops the redraw loop and ends the bar's line.
func (p *progress) close() {
	p.stopOnce.Do(func() {
		close(p.done)
		p.wg.Wait()
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.tty && p.seen {
			fmt.Fprintf(p.w, "\r\033[K%s %s\n", bar(p.last, 24), p.line(p.last))
		}
	})
}

// line is the progress in words: dates, rows, rate, ETA.
func (p *progress) line(bp recon.BackfillProgress) string {
	finished := bp.Done + bp.Failed
	toRun := bp.Total - bp.Complete
	s := fmt.Sprintf("%s/%s dates", grouped(finished), grouped(toRun))
	if bp.Complete > 0 {
		s += fmt.Sprintf(" (+%s complete, skipped)", grouped(bp.Complete))
	}
	if bp.Failed > 0 {
		s += fmt.Sprintf(", %d failed", bp.Failed)
	}
	elapsed := time.Since(p.started)
	s += fmt.Sprintf(", %s rows, %s records", grouped(bp.Rows), grouped(bp.Records))
	if finished > 0 && elapsed > 0 {
		rate := float64(finished) / elapsed.Seconds()
		s += fmt.Sprintf(", %.2f dates/s", rate)
		left := bp.Remaining() + bp.Running
		if left > 0 {
			s += ", ETA " + time.Duration(float64(left)/rate*float64(time.Second)).Round(time.Second).String()
		}
	}
	return s + ", elapsed " + elapsed.Round(time.Second).String()
}

// bar draws the share of dates finished.
func bar(bp recon.BackfillProgress, width int) string {
	toRun := bp.Total - bp.Complete
	filled := width
	if toRun > 0 {
		filled = (bp.Done + bp.Failed) * width / toRun
	}
	return "[" + strings.Repeat("=", filled) + strings.Repeat(" ", width-filled) + "]"
}
