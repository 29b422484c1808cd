package recon

import (
	"context"
	"fmt"
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
}

// ReconcileDate is what reconcile found and did on one date.
type ReconcileDate struct {
	Date   time.Time
	Report *VerifyReport // nil when Err stopped the verification
	Err    error         // bad input or a database failure
}

// Outcome is the date's outcome; OutcomeFailed when Err is set.
func (d ReconcileDate) Outcome() Outcome {
	if d.Err != nil || d.Report == nil {
		return OutcomeFailed
	}
	return d.Report.Outcome
}

// ReconcileResult is reconcile's work, one entry per date in date order.
type ReconcileResult struct {
	Dates []ReconcileDate
}

// ExitStatus is 1 when anything failed, else 3 when differences were found
// and not repaired (DryRun), else 0: everything matched or was repaired.
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
// those that differ from the API, several dates at once. A failure on one
// date never stops the others; each has its report and its row in
// verifications. The error is for bad options only.
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
	res := &ReconcileResult{Dates: make([]ReconcileDate, len(dates))}
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, d := range dates {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			res.Dates[i] = s.reconcileDate(ctx, d, i, opt)
		})
	}
	wg.Wait()
	return res, nil
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
		Describe: opt.Describe, PriceMaxAge: opt.PriceMaxAge,
	}
	if opt.Seed != 0 {
		vo.Seed = opt.Seed + uint64(i)
	}
	rep, err := s.Verify(ctx, vo)
	if err != nil {
		err = fmt.Errorf("%s: %w", date.Format(settlement.DateLayout), err)
		s.log().Error("reconcile", "date", date.Format(settlement.DateLayout), "error", err)
	}
	return ReconcileDate{Date: date, Report: rep, Err: err}
}
