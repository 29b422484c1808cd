package recon

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/recon-energy/recon/internal/settlement"
)

// DefaultReconcileJobs is how many dates reconcile works on at once.
const DefaultReconcileJobs = 2

// ReconcileOptions says which dates `recon reconcile` keeps right.
type ReconcileOptions struct {
	From, To time.Time // settlement dates, both included
	// Jobs bounds the dates verified (and repaired) at once; 0 means
	// DefaultReconcileJobs. The API client's rate limit is shared by all.
	Jobs   int
	Sample Sample // empty means SampleFull
	// DryRun verifies without repairing: differences give exit status 3.
	DryRun bool
	// Seed, when not 0, makes the random choice of periods reproducible
	// (date i uses Seed+i).
	Seed uint64
	// ReportDir receives one JSON report per date; empty writes none.
	ReportDir string
	// Describe writes each date's verdict (VerifyOptions.Describe).
	Describe func(*VerifyReport) string
	// PriceMaxAge is each repair's RunOptions.PriceMaxAge.
	PriceMaxAge time.Duration
	// Stop, when closed, lets the dates in progress finish and starts no
	// more: the first Ctrl-C. Cancelling the context aborts the dates in
	// progress (a repair rolls back whole): the second.
	Stop <-chan struct{}
	// Progress, if set, is called after each date ends, one call at a time.
	Progress func(ReconcileProgress)
}

// The outcomes of a date in a reconcile beside a verification's: they
// describe dates an interruption stopped, and no verification is recorded
// as either.
const (
	// OutcomeNotStarted: reconcile was interrupted before it reached the
	// date; nothing was done to it.
	OutcomeNotStarted Outcome = "not started"
	// OutcomeAborted: the date was in progress when reconcile was cancelled
	// (the second Ctrl-C); a repair in progress rolled back whole.
	OutcomeAborted Outcome = "aborted"
)

// ReconcileDate is what reconcile found and did on one date.
type ReconcileDate struct {
	Date       time.Time
	Report     *VerifyReport // nil when Err stopped the verification
	Err        error         // bad input, a database failure, a cancellation
	NotStarted bool          // reconcile was interrupted before the date
}

// Outcome is the date's outcome: OutcomeNotStarted, OutcomeAborted when
// it was cancelled, OutcomeFailed when Err is set, else the verification's.
func (d ReconcileDate) Outcome() Outcome {
	switch {
	case d.NotStarted:
		return OutcomeNotStarted
	case d.Err != nil && errors.Is(d.Err, context.Canceled):
		return OutcomeAborted
	case d.Err != nil || d.Report == nil:
		return OutcomeFailed
	}
	return d.Report.Outcome
}

// ReconcileProgress is where a reconcile stands after a date ended.
type ReconcileProgress struct {
	Total    int // dates in the window
	Finished int // dates ended (whatever their outcome)
	Running  int
	Tally    map[Outcome]int // the finished dates by outcome
	Last     ReconcileDate   // the date that just ended
}

// ReconcileResult is reconcile's work, one entry per date in date order.
type ReconcileResult struct {
	Dates []ReconcileDate
	// Reference is what was found and fetched of the reference data the
	// window needs, before any date (nil for a dry run, which repairs
	// nothing).
	Reference *ReferenceReport
}

// Interrupted reports whether an interruption left dates not started or
// aborted.
func (r *ReconcileResult) Interrupted() bool {
	t := r.Tally()
	return t[OutcomeNotStarted]+t[OutcomeAborted] > 0
}

// ExitStatus is 1 when anything failed (or was not started), else 3 when
// differences were found and not repaired (DryRun), else 0: everything
// matched or was repaired.
func (r *ReconcileResult) ExitStatus() int {
	status := ExitOK
	for _, d := range r.Dates {
		switch d.Outcome().ExitStatus() {
		case ExitFailure:
			return ExitFailure
		case ExitDifferences:
			status = ExitDifferences
		}
	}
	return status
}

// Synthetic reports whether any date's verification used data from recon's
// stand-in server.
func (r *ReconcileResult) Synthetic() bool {
	for _, d := range r.Dates {
		if d.Report != nil && d.Report.Synthetic {
			return true
		}
	}
	return false
}

// Tally counts the dates by outcome.
func (r *ReconcileResult) Tally() map[Outcome]int {
	out := map[Outcome]int{}
	for _, d := range r.Dates {
		out[d.Outcome()]++
	}
	return out
}

// TrailingWindow is the last days settlement dates ending yesterday in
// Europe/London: the window `recon reconcile --days N` keeps right.
func TrailingWindow(now time.Time, days int) (from, to time.Time, err error) {
	if days < 1 {
		return time.Time{}, time.Time{}, BadInput("--days %d: give at least 1", days)
	}
	to = settlement.Today(now).AddDate(0, 0, -1)
	return to.AddDate(0, 0, -(days - 1)), to, nil
}

// Reconcile verifies every date of the window and, unless DryRun, repairs
// those that differ from the API, several dates at once, in date order. A
// failure on one date never stops the others; each has its report and its
// row in verifications. Stop (or a cancelled context) starts no more
// dates: those are OutcomeNotStarted. The error is for bad options only.
func (s *Service) Reconcile(ctx context.Context, opt ReconcileOptions) (*ReconcileResult, error) {
	dates, err := s.reconcileDates(opt)
	if err != nil {
		return nil, err
	}
	jobs := opt.Jobs
	if jobs == 0 {
		jobs = DefaultReconcileJobs
	}
	if jobs < 1 {
		return nil, BadInput("--jobs %d: give at least 1", jobs)
	}
	r := &reconcile{s: s, opt: opt, res: ReconcileResult{Dates: make([]ReconcileDate, len(dates))},
		progress: ReconcileProgress{Total: len(dates), Tally: map[Outcome]int{}}}
	if !opt.DryRun && len(dates) > 0 {
		// Once for the window, before any date's transaction: a date that
		// must be repaired can then compute its Bitcoin.
		if r.res.Reference, err = s.ensureReference(ctx, dates[0], dates[len(dates)-1], true, opt.PriceMaxAge); err != nil {
			return nil, err
		}
	}
	for i, d := range dates {
		r.res.Dates[i] = ReconcileDate{Date: d, NotStarted: true}
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range dates {
			if stopped(ctx, opt.Stop) {
				return
			}
			select {
			case next <- i:
			case <-opt.Stop:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(jobs, len(dates)) {
		wg.Go(func() {
			for i := range next {
				if !stopped(ctx, opt.Stop) { // a date handed over just as the stop came stays not started
					r.date(ctx, i)
				}
			}
		})
	}
	wg.Wait()
	return &r.res, nil
}

// stopped reports whether no more dates are to start.
func stopped(ctx context.Context, stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	case <-ctx.Done():
		return true
	default:
		return false
	}
}

// reconcile is one reconcile in progress.
type reconcile struct {
	s        *Service
	opt      ReconcileOptions
	mu       sync.Mutex // guards res, progress and calls to opt.Progress
	res      ReconcileResult
	progress ReconcileProgress
}

// date verifies (and repairs) the i-th date and reports progress.
func (r *reconcile) date(ctx context.Context, i int) {
	r.mu.Lock()
	d := r.res.Dates[i].Date
	r.progress.Running++
	r.mu.Unlock()

	done := r.s.reconcileDate(ctx, d, i, r.opt)

	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Dates[i] = done
	r.progress.Running--
	r.progress.Finished++
	r.progress.Tally[done.Outcome()]++
	r.progress.Last = done
	if r.opt.Progress != nil {
		p := r.progress
		p.Tally = maps.Clone(r.progress.Tally)
		r.opt.Progress(p)
	}
}

// reconcileDates lists the window's dates, refusing a reversed or future
// window.
func (s *Service) reconcileDates(opt ReconcileOptions) ([]time.Time, error) {
	from, to := settlement.Date(opt.From), settlement.Date(opt.To)
	if from.After(to) {
		return nil, BadInput("--from %s is after --to %s", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout))
	}
	if err := s.CheckDate(to); err != nil {
		return nil, err
	}
	if _, err := priceMaxAge(opt.PriceMaxAge); err != nil {
		return nil, err
	}
	var dates []time.Time
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		dates = append(dates, d)
	}
	return dates, nil
}

// reconcileDate verifies (and repairs) one date of the window.
func (s *Service) reconcileDate(ctx context.Context, date time.Time, i int, opt ReconcileOptions) ReconcileDate {
	vo := VerifyOptions{
		Date: date, Sample: opt.Sample, Fix: !opt.DryRun, ReportDir: opt.ReportDir, Caller: CallerReconcile,
		Describe: opt.Describe, PriceMaxAge: opt.PriceMaxAge, referenceReady: !opt.DryRun,
	}
	if opt.Seed != 0 {
		vo.Seed = opt.Seed + uint64(i)
	}
	rep, err := s.Verify(ctx, vo)
	if err == nil && rep != nil && rep.Outcome == OutcomeFailed && ctx.Err() != nil {
		err = ctx.Err() // cancelled mid-way: aborted, not a failure of the date
	}
	if err != nil {
		err = fmt.Errorf("%s: %w", date.Format(settlement.DateLayout), err)
		// Reported once, in the command's table; this is for debugging.
		s.log().Debug("reconcile: date failed", "date", date.Format(settlement.DateLayout), "error", err)
	}
	return ReconcileDate{Date: date, Report: rep, Err: err}
}
