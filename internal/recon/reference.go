package recon

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/settlement"
)

// The reference data that dates need beyond Elexon's rows: the difficulty
// table (a date's Bitcoin cannot be computed without the difficulty in
// force at each period's start) and the BTC price history (a period without
// a price simply has no value). The commands that fetch dates (run,
// backfill, verify --fix, reconcile) call ensureReference for their dates
// before any date's transaction: when the stored data does not cover them
// and the Service has Sources, it fetches what is missing through the same
// use cases as `recon difficulty sync` and `recon price sync` (their locks,
// their transactions, their runs rows), then the dates run. Without Sources
// (--offline) nothing is fetched. Either way a date whose difficulty is
// still unknown fails on its own with one line (DifficultyGapError), and a
// period without a price is stored without a value.

// Sources says where recon fetches reference data when dates need it, and
// how. A Service without Sources fetches none (--offline).
type Sources struct {
	// DifficultyURL is the difficulty-adjustment history in mempool.space's
	// shape; "" means difficulty.DefaultURL.
	DifficultyURL string
	// PriceURL is the base URL of the price history in mempool.space's
	// shape; "" means price.DefaultBaseURL.
	PriceURL string
	// HTTP sends the requests; nil means each client's default.
	HTTP *http.Client
	// Retries is how many times a failed request (network error, time-out,
	// 429, 5xx) is retried; RetryWait the first wait (1 s when zero),
	// doubled each time.
	Retries   int
	RetryWait time.Duration
}

func (s *Sources) difficultyURL() string {
	if s.DifficultyURL == "" {
		return difficulty.DefaultURL
	}
	return s.DifficultyURL
}

// ReferenceReport is what ensureReference found and did for some dates.
type ReferenceReport struct {
	From, To time.Time // the dates
	// Offline is true when the Service has no Sources: nothing was fetched.
	Offline bool

	// DifficultyDates counts the dates that lacked a difficulty for some
	// period before any sync; DifficultyGaps those that still do (they
	// fail).
	DifficultyDates, DifficultyGaps int
	// DifficultySync is the sync made (nil when none was needed, or it
	// failed: DifficultyErr says why; the failure is recorded as a run).
	DifficultySync *DifficultyResult
	DifficultyErr  error

	// PriceMaxAge is the bound of the price rule the dates were checked
	// with (the run's --price-max-age): a period whose latest price point
	// is older has no price.
	PriceMaxAge time.Duration
	// PriceDates counts the dates that lacked a price for some period
	// before any sync; Unpriced lists those that still do (their periods
	// without a price are stored without a value).
	PriceDates int
	Unpriced   []DatePriceCoverage
	// PriceSync is the sync made (nil when none was needed, or it failed:
	// PriceErr says why; the failure is recorded as a run).
	PriceSync *PriceResult
	PriceErr  error
	// StaleValues are the stored dates outside From..To whose periods the
	// synced points now price differently: their stored values are out of
	// date until `recon recalc` runs over them.
	StaleValues []time.Time
}

// Fetched reports whether anything was fetched or tried.
func (r *ReferenceReport) Fetched() bool {
	return r.DifficultySync != nil || r.DifficultyErr != nil || r.PriceSync != nil || r.PriceErr != nil
}

// UnpricedPeriods counts the periods of the dates without a price.
func (r *ReferenceReport) UnpricedPeriods() (n, of int) {
	for _, c := range r.Unpriced {
		n += c.Periods - c.Priced
		of += c.Periods
	}
	return n, of
}

// ensureReference makes sure the reference data the dates from..to need is
// stored, fetching what is missing when the Service has Sources. It runs
// outside any date's transaction. Difficulty is checked only when
// needDifficulty (a what-if run brings its own); prices by the price rule
// with the bound maxAge (0: price.DefaultMaxAge), the one the dates' runs
// value their Bitcoin with. A failed fetch is not an error here (it is
// recorded as a failed run and reported); the error is for the database.
func (s *Service) ensureReference(ctx context.Context, from, to time.Time, needDifficulty bool, maxAge time.Duration) (*ReferenceReport, error) {
	bound, err := priceMaxAge(maxAge)
	if err != nil {
		return nil, err
	}
	rep := &ReferenceReport{From: from, To: to, Offline: s.Sources == nil, PriceMaxAge: bound.Duration()}
	if needDifficulty {
		if err := s.ensureDifficulty(ctx, rep); err != nil {
			return nil, err
		}
	}
	if err := s.ensurePrices(ctx, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// ensureDifficulty syncs the difficulty table when some period of the dates
// has no difficulty in force.
func (s *Service) ensureDifficulty(ctx context.Context, rep *ReferenceReport) error {
	gaps, err := s.difficultyGaps(ctx, rep.From, rep.To)
	if err != nil {
		return err
	}
	rep.DifficultyDates, rep.DifficultyGaps = gaps, gaps
	if gaps == 0 || s.Sources == nil {
		return nil
	}
	src := &difficulty.Client{HTTP: s.Sources.HTTP, Retries: s.Sources.Retries, RetryWait: s.Sources.RetryWait}
	res, err := s.SyncDifficulty(ctx, DifficultySyncOptions{URL: s.Sources.difficultyURL(), Source: src})
	if err != nil {
		rep.DifficultyErr = err
		s.log().Warn("the difficulty table could not be brought up to date", "error", err)
		return nil
	}
	rep.DifficultySync = res
	s.log().Info("difficulty table synced for the dates", "from", rep.From.Format(settlement.DateLayout),
		"to", rep.To.Format(settlement.DateLayout), "inserted", res.Inserted(), "corrected", res.Updated(), "run", res.RunID)
	rep.DifficultyGaps, err = s.difficultyGaps(ctx, rep.From, rep.To)
	return err
}

// difficultyGaps counts the dates of from..to with a period whose start has
// no difficulty in force by the stored table.
func (s *Service) difficultyGaps(ctx context.Context, from, to time.Time) (int, error) {
	rows, err := db.New(s.Pool).DifficultyEpochsList(ctx)
	if err != nil {
		return 0, fmt.Errorf("read the difficulty table: %w", err)
	}
	sched := difficulty.NewSchedule(toEpochs(rows))
	n := 0
	for d := settlement.Date(from); !d.After(to); d = d.AddDate(0, 0, 1) {
		for p := 1; p <= settlement.Periods(d); p++ {
			if _, ok := sched.At(settlement.PeriodStart(d, p)); !ok {
				n++
				break
			}
		}
	}
	return n, nil
}

// ensurePrices syncs the price history when some period of the dates has
// no price by the bound rep.PriceMaxAge. A gap after the latest stored
// point is filled by a plain sync (points after it); a gap inside the
// history by a sync from the earliest date lacking a price less the bound,
// which takes (and replaces) every point from there on.
func (s *Service) ensurePrices(ctx context.Context, rep *ReferenceReport) error {
	unpriced, err := s.unpricedDates(ctx, rep.From, rep.To, rep.PriceMaxAge)
	if err != nil {
		return err
	}
	rep.PriceDates, rep.Unpriced = len(unpriced), unpriced
	if len(unpriced) == 0 || s.Sources == nil {
		return nil
	}
	opt := PriceSyncOptions{URL: s.Sources.PriceURL,
		Source: &price.Client{HTTP: s.Sources.HTTP, Retries: s.Sources.Retries, RetryWait: s.Sources.RetryWait}}
	latest, err := db.New(s.Pool).BtcPriceLatest(ctx)
	if err != nil {
		return fmt.Errorf("read the latest price: %w", err)
	}
	earliest := unpriced[0].Date
	if len(latest) > 0 && settlement.PeriodStart(earliest, 1).Before(latest[0].ObservedAt) {
		opt.From = earliest.Add(-rep.PriceMaxAge)
	}
	res, err := s.SyncPrices(ctx, opt)
	if err != nil {
		rep.PriceErr = err
		s.log().Warn("the price history could not be brought up to date; periods without a price have no value", "error", err)
		return nil
	}
	rep.PriceSync = res
	if rep.Unpriced, err = s.unpricedDates(ctx, rep.From, rep.To, rep.PriceMaxAge); err != nil {
		return err
	}
	if len(res.Changes) == 0 {
		return nil
	}
	stored, err := db.New(s.Pool).StoredDates(ctx, db.StoredDatesParams{FromDate: res.AffectedFrom, ToDate: res.AffectedTo})
	if err != nil {
		return fmt.Errorf("list stored dates: %w", err)
	}
	for _, d := range stored {
		if d.Before(rep.From) || d.After(rep.To) {
			rep.StaleValues = append(rep.StaleValues, settlement.Date(d))
		}
	}
	return nil
}

// unpricedDates lists the dates of from..to with a period without a price
// by the bound maxAge.
func (s *Service) unpricedDates(ctx context.Context, from, to time.Time, maxAge time.Duration) ([]DatePriceCoverage, error) {
	cov, err := s.PriceCoverage(ctx, from, to, maxAge)
	if err != nil {
		return nil, err
	}
	var out []DatePriceCoverage
	for _, c := range cov {
		if !c.Complete() {
			out = append(out, c)
		}
	}
	return out, nil
}
