package recon

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// DefaultBackfillConcurrency is how many dates a backfill runs at once unless
// told otherwise: enough to keep the API busy while the database stores the
// other date, without two dates' rows crowding memory.
const DefaultBackfillConcurrency = 2

// BackfillOptions says which dates `recon backfill` reingests.
type BackfillOptions struct {
	From, To time.Time // settlement dates, both included
	// Concurrency is how many dates run at once; 0 means
	// DefaultBackfillConcurrency. The API's rate limit is the Service's
	// Client's, shared by all of them.
	Concurrency int
	// Force reingests dates that are already complete.
	Force bool
	// PriceMaxAge is each run's RunOptions.PriceMaxAge.
	PriceMaxAge time.Duration
	// Stop, when closed, lets the running dates finish and starts no more:
	// the first Ctrl-C. Cancelling the context aborts the running dates
	// (each rolls back whole): the second.
	Stop <-chan struct{}
	// Progress, if set, is called after each date ends, one call at a time.
	Progress func(BackfillProgress)
}

// DateOutcome is what happened to a date in a backfill.
type DateOutcome string

// The outcomes of a date in a backfill.
const (
	DateDone       DateOutcome = "done"        // reingested and committed
	DateComplete   DateOutcome = "complete"    // skipped: every period already published in the database
	DateFailed     DateOutcome = "failed"      // the run failed; nothing of it was written
	DateAborted    DateOutcome = "aborted"     // cancelled while running; nothing of it was written
	DateNotStarted DateOutcome = "not started" // the backfill stopped before reaching it
)

// BackfillDate is what happened to one date.
type BackfillDate struct {
	Date    time.Time
	Outcome DateOutcome
	Result  *RunResult // set when Outcome is DateDone
	Err     error      // set when Outcome is DateFailed or DateAborted
}

// BackfillProgress is a backfill's progress after a date ended.
type BackfillProgress struct {
	Total    int // dates in the range
	Complete int // skipped because already complete
	Done     int
	Failed   int // failed or aborted
	Running  int
	Records  int   // curtailment records written so far
	Rows     int   // stack rows archived so far
	Requests int64 // API requests sent so far (the shared client's count)
	Elapsed  time.Duration
	Last     BackfillDate // the date that just ended
}

// Remaining is how many dates are still to run.
func (p BackfillProgress) Remaining() int {
	return p.Total - p.Complete - p.Done - p.Failed - p.Running
}

// BackfillResult is the outcome of a backfill, one entry per date in order.
type BackfillResult struct {
	Dates       []BackfillDate
	Records     int
	Rows        int
	EnergyMWh   decimal.Decimal
	Payment     decimal.Decimal
	Bitcoin     []ModelBTC // summed over the dates done
	Requests    int
	Elapsed     time.Duration
	Interrupted bool // stopped or cancelled before every date was tried
	// PriceGaps are the dates done whose Bitcoin is not all valued, for
	// want of a BTC price.
	PriceGaps PriceGaps
	// Reference is what was found and fetched of the reference data the
	// dates to run need, before the first of them ran (nil when every date
	// was complete already).
	Reference *ReferenceReport
}

// Count is how many dates had the outcome.
func (r *BackfillResult) Count(outcome DateOutcome) int {
	n := 0
	for _, d := range r.Dates {
		if d.Outcome == outcome {
			n++
		}
	}
	return n
}

// Problems lists the dates that failed or were aborted.
func (r *BackfillResult) Problems() []BackfillDate {
	var out []BackfillDate
	for _, d := range r.Dates {
		if d.Outcome == DateFailed || d.Outcome == DateAborted {
			out = append(out, d)
		}
	}
	return out
}

// Backfill reingests every date from opt.From to opt.To, opt.Concurrency at
// a time, each through Run with all its guarantees (one transaction per date;
// a failed date leaves nothing but the record of its failure). Dates whose
// every period is already published in the database are skipped unless
// opt.Force. A failing date does not stop the others: it is listed in the
// result, and Backfill returns an error only when it cannot start at all
// (bad input, the database unreachable).
func (s *Service) Backfill(ctx context.Context, opt BackfillOptions) (*BackfillResult, error) {
	dates, err := s.backfillDates(opt)
	if err != nil {
		return nil, err
	}
	complete := map[time.Time]bool{}
	if !opt.Force {
		if complete, err = s.completeDates(ctx, opt.From, opt.To); err != nil {
			return nil, err
		}
	}
	b := &backfill{s: s, opt: opt, started: time.Now(), requests0: s.Client.Requests()}
	b.res.Dates = make([]BackfillDate, len(dates))
	var todo []int
	for i, d := range dates {
		b.res.Dates[i] = BackfillDate{Date: d, Outcome: DateNotStarted}
		if complete[d] {
			b.res.Dates[i].Outcome = DateComplete
			b.progress.Complete++
		} else {
			todo = append(todo, i)
		}
	}
	b.progress.Total = len(dates)
	if len(todo) > 0 {
		first, last := b.res.Dates[todo[0]].Date, b.res.Dates[todo[len(todo)-1]].Date
		if b.res.Reference, err = s.ensureReference(ctx, first, last, true, opt.PriceMaxAge); err != nil {
			return nil, err
		}
	}
	s.log().Info("backfill", "from", opt.From.Format(settlement.DateLayout), "to", opt.To.Format(settlement.DateLayout),
		"dates", len(dates), "complete_already", b.progress.Complete, "to_run", len(todo))

	b.work(ctx, todo)

	res := &b.res
	res.Elapsed = time.Since(b.started)
	res.Requests = int(s.Client.Requests() - b.requests0)
	res.Interrupted = res.Count(DateNotStarted) > 0 || res.Count(DateAborted) > 0
	res.sum()
	return res, nil
}

// backfillDates checks the options and lists the dates of the range.
func (s *Service) backfillDates(opt BackfillOptions) ([]time.Time, error) {
	if s.Client == nil {
		return nil, errors.New("backfill needs an API client")
	}
	if opt.To.Before(opt.From) {
		return nil, BadInput("--from %s is after --to %s", opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout))
	}
	if err := s.CheckDate(opt.To); err != nil {
		return nil, err
	}
	if opt.Concurrency < 0 {
		return nil, BadInput("--concurrency %d: give at least 1 date at once", opt.Concurrency)
	}
	if _, err := priceMaxAge(opt.PriceMaxAge); err != nil {
		return nil, err
	}
	var dates []time.Time
	for d := settlement.Date(opt.From); !d.After(opt.To); d = d.AddDate(0, 0, 1) {
		dates = append(dates, d)
	}
	return dates, nil
}

// completeDates are the dates of the range whose every period the database
// holds as published.
func (s *Service) completeDates(ctx context.Context, from, to time.Time) (map[time.Time]bool, error) {
	cov, err := db.New(s.Pool).CoverageByDate(ctx, db.CoverageByDateParams{FromDate: from, ToDate: to})
	if err != nil {
		return nil, fmt.Errorf("read coverage %s to %s: %w", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout), err)
	}
	out := make(map[time.Time]bool, len(cov))
	for _, c := range cov {
		d := settlement.Date(c.SettlementDate)
		if int(c.PeriodsPublished) == settlement.Periods(d) {
			out[d] = true
		}
	}
	return out, nil
}

// backfill is one backfill in progress.
type backfill struct {
	s         *Service
	opt       BackfillOptions
	started   time.Time
	requests0 int64

	mu       sync.Mutex // guards res, progress and calls to opt.Progress
	res      BackfillResult
	progress BackfillProgress
}

// work runs the dates at todo (indexes into res.Dates) on a few workers,
// in date order, until they are done, Stop is closed or ctx is cancelled.
func (b *backfill) work(ctx context.Context, todo []int) {
	n := b.opt.Concurrency
	if n == 0 {
		n = DefaultBackfillConcurrency
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for _, i := range todo {
			if b.stopped(ctx) {
				return
			}
			select {
			case next <- i:
			case <-b.opt.Stop:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(n, max(len(todo), 1)) {
		wg.Go(func() {
			for i := range next {
				if !b.stopped(ctx) { // a date handed over just as the stop came stays not started
					b.runDate(ctx, i)
				}
			}
		})
	}
	wg.Wait()
}

// stopped reports whether the backfill was told to start no more dates.
func (b *backfill) stopped(ctx context.Context) bool {
	select {
	case <-b.opt.Stop:
		return true
	case <-ctx.Done():
		return true
	default:
		return false
	}
}

// runDate runs one date and records its outcome.
func (b *backfill) runDate(ctx context.Context, i int) {
	b.mu.Lock()
	date := b.res.Dates[i].Date
	b.progress.Running++
	b.mu.Unlock()

	res, err := b.s.Run(ctx, RunOptions{Date: date, Command: "backfill", PriceMaxAge: b.opt.PriceMaxAge, referenceReady: true})

	b.mu.Lock()
	defer b.mu.Unlock()
	d := &b.res.Dates[i]
	b.progress.Running--
	switch {
	case err == nil:
		d.Outcome, d.Result = DateDone, res
		b.progress.Done++
		b.progress.Records += res.Records
		b.progress.Rows += res.StackRows
	case ctx.Err() != nil:
		d.Outcome, d.Err = DateAborted, err
		b.progress.Failed++
	default:
		d.Outcome, d.Err = DateFailed, err
		b.progress.Failed++
		// Reported once, by the command's final list; this is for debugging.
		b.s.log().Debug("backfill: date failed", "date", date.Format(settlement.DateLayout), "err", err)
	}
	b.progress.Requests = b.s.Client.Requests() - b.requests0
	b.progress.Elapsed = time.Since(b.started)
	b.progress.Last = *d
	if b.opt.Progress != nil {
		b.opt.Progress(b.progress)
	}
}

// sum adds up the dates done.
func (r *BackfillResult) sum() {
	btc := map[string]decimal.Decimal{}
	value := map[string]decimal.NullDecimal{}
	var models []string
	for _, d := range r.Dates {
		if d.Result == nil {
			continue
		}
		r.Records += d.Result.Records
		r.Rows += d.Result.StackRows
		r.EnergyMWh = r.EnergyMWh.Add(d.Result.EnergyMWh)
		r.Payment = r.Payment.Add(d.Result.Payment)
		for _, b := range d.Result.Bitcoin {
			if _, ok := btc[b.Model]; !ok {
				models = append(models, b.Model)
			}
			btc[b.Model] = btc[b.Model].Add(b.Bitcoin)
			if b.Value.Valid {
				value[b.Model] = decimal.NewNullDecimal(value[b.Model].Decimal.Add(b.Value.Decimal))
			}
		}
		r.PriceGaps.Add(d.Date, d.Result.Prices.PeriodsWithoutPrice)
	}
	for _, m := range models {
		r.Bitcoin = append(r.Bitcoin, ModelBTC{Model: m, Bitcoin: btc[m], Value: value[m]})
	}
}
