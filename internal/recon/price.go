package recon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/settlement"
)

// Commands recorded in runs.command by the price use cases.
const (
	CommandPriceImport = "price import"
	CommandPriceSync   = "price sync"
)

// PriceImportOptions configure ImportPrices.
type PriceImportOptions struct {
	// Name is the file's name: errors name it, and points of a file without
	// a source column are labelled "import:<base name>".
	Name string
	// CSV is the file's content (price.ParseCSV).
	CSV []byte
	// MaxAge is the bound of the price rule used to work out which dates'
	// prices changed; zero means price.DefaultMaxAge.
	MaxAge time.Duration
}

// PriceSyncOptions configure SyncPrices.
type PriceSyncOptions struct {
	// URL is the base URL of a source in mempool.space's shape; "" means
	// price.DefaultBaseURL.
	URL string
	// From, a settlement date, makes the sync take every point observed from
	// its 00:00Z on, inserting or replacing. Zero means only the points
	// observed after the latest stored one: the history is extended, never
	// rewritten.
	From time.Time
	// Source fetches the history; nil means a client with 3 retries.
	Source *price.Client
	// MaxAge is as for PriceImportOptions.
	MaxAge time.Duration
}

// PriceChange is one point inserted or replaced.
type PriceChange struct {
	ObservedAt time.Time
	GBP        decimal.Decimal
	Source     string
	// OldGBP and OldSource are the replaced point's; OldGBP is not Valid for
	// an insert.
	OldGBP    decimal.NullDecimal
	OldSource string
}

// Inserted reports whether the point is new (not a replacement).
func (c PriceChange) Inserted() bool { return !c.OldGBP.Valid }

// PriceResult is what an import or sync changed.
type PriceResult struct {
	RunID     int64
	Command   string // CommandPriceImport or CommandPriceSync
	Source    string // the file name, or the sync's base URL
	Synthetic bool   // the points came from recon's stand-in (sync)
	Requests  int    // HTTP requests made (sync)
	// Offered counts the points considered: the file's, or the fetched ones
	// at or after From (after Latest when From is zero).
	Offered int
	// NoData counts the source's entries without a price (0 or less), left
	// out; Older the fetched points before From (or not after Latest), left
	// alone.
	NoData, Older int
	// Latest is the latest stored point before a sync without From (zero
	// when the history was empty or From was given).
	Latest    time.Time
	Changes   []PriceChange // inserted and replaced, oldest first
	Unchanged int
	// AffectedFrom..AffectedTo are the settlement dates some of whose periods
	// now have another price (or none, or one where they had none); valid
	// only when Changes is not empty. Stored values of those dates are out of
	// date until `recon recalc` runs over them.
	AffectedFrom, AffectedTo time.Time
}

// Inserted counts the new points.
func (r *PriceResult) Inserted() int {
	n := 0
	for _, c := range r.Changes {
		if c.Inserted() {
			n++
		}
	}
	return n
}

// Replaced counts the points replaced.
func (r *PriceResult) Replaced() int { return len(r.Changes) - r.Inserted() }

// EarliestChange is the earliest instant whose point changed; ok is false
// when nothing changed.
func (r *PriceResult) EarliestChange() (t time.Time, ok bool) {
	if len(r.Changes) == 0 {
		return time.Time{}, false
	}
	return r.Changes[0].ObservedAt, true
}

// ImportPrices writes the points of a price file (header
// observed_at,price_gbp[,source]), replacing stored points at the same
// instants, in one transaction under the price lock, recorded as a run
// "price import". A malformed file is refused whole (an InputError naming
// the line) and nothing is written.
func (s *Service) ImportPrices(ctx context.Context, opt PriceImportOptions) (*PriceResult, error) {
	started := s.now()
	points, err := price.ParseCSV(bytes.NewReader(opt.CSV))
	if err != nil {
		return nil, BadInput("%s: %s; nothing was imported", opt.Name, strings.TrimPrefix(err.Error(), price.ErrMalformed.Error()+": "))
	}
	label := price.SourceImportPrefix + filepath.Base(opt.Name)
	for i := range points {
		if points[i].Source == "" {
			points[i].Source = label
		}
	}
	res := &PriceResult{Command: CommandPriceImport, Source: opt.Name, Offered: len(points)}
	if err := s.writePrices(ctx, started, points, time.Time{}, opt.MaxAge, res); err != nil {
		return nil, s.priceFailed(ctx, res, started, err)
	}
	return res, nil
}

// SyncPrices fetches the price history in pounds from a source in
// mempool.space's historical-price shape and writes its points (see
// PriceSyncOptions.From for which), replacing stored points at the same
// instants, in one transaction under the price lock, recorded as a run
// "price sync". Entries without a price are left out; the payload's
// exchange rates (today's) are never used. A source that cannot be reached
// is recorded as a failed run, and the error says what to do.
func (s *Service) SyncPrices(ctx context.Context, opt PriceSyncOptions) (*PriceResult, error) {
	started := s.now()
	base := strings.TrimRight(opt.URL, "/")
	if base == "" {
		base = price.DefaultBaseURL
	}
	if _, err := price.HistoryURL(base, price.Currency); err != nil {
		return nil, BadInput("--url: %v", err)
	}
	src := opt.Source
	if src == nil {
		src = &price.Client{Retries: 3}
	}
	res := &PriceResult{Command: CommandPriceSync, Source: base}
	before := src.Requests()
	hist, err := src.Fetch(ctx, base)
	res.Requests = src.Requests() - before
	if err != nil {
		err = fmt.Errorf("cannot get prices: %w: check --url / RECON_PRICE_URL, or load prices from a file with `recon price import FILE`", err)
		return nil, s.priceFailed(ctx, res, started, err)
	}
	res.Synthetic, res.NoData = hist.Synthetic, hist.NoData
	points := hist.Points
	for i := range points {
		points[i].Source = price.SourceSyncPrefix + base
	}
	if err := s.writePrices(ctx, started, points, opt.From, opt.MaxAge, res); err != nil {
		return nil, s.priceFailed(ctx, res, started, err)
	}
	return res, nil
}

// writePrices writes points in one transaction under the price lock and
// records the run. For a sync (res.Command), points before from are left
// alone, or, when from is zero, the points not after the latest stored one.
func (s *Service) writePrices(ctx context.Context, started time.Time, points []price.Point, from time.Time,
	maxAge time.Duration, res *PriceResult) error {
	if maxAge == 0 {
		maxAge = price.DefaultMaxAge
	}
	if maxAge < 0 {
		return BadInput("the price bound %v is negative: give a positive duration", maxAge)
	}
	return s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error {
		if err := q.BtcPricesLockAcquire(ctx); err != nil {
			return fmt.Errorf("lock the price history: %w", err)
		}
		if res.Command == CommandPriceSync {
			kept, err := s.syncWindow(ctx, q, points, from, res)
			if err != nil {
				return err
			}
			points = kept
			res.Offered = len(points)
		}
		runID, err := q.BtcPriceRunRecord(ctx, db.BtcPriceRunRecordParams{
			Command: res.Command, StartedAt: started, Synthetic: res.Synthetic,
			Requests: requestsOf(res), Details: []byte("{}"),
		})
		if err != nil {
			return fmt.Errorf("record run: %w", err)
		}
		res.RunID = runID
		params := db.BtcPricesUpsertParams{RunID: runID}
		for _, p := range points {
			params.ObservedAt = append(params.ObservedAt, p.ObservedAt)
			params.PriceGbp = append(params.PriceGbp, p.GBP)
			params.Source = append(params.Source, p.Source)
		}
		rows, err := q.BtcPricesUpsert(ctx, params)
		if err != nil {
			return fmt.Errorf("write prices: %w", err)
		}
		for _, r := range rows {
			c := PriceChange{ObservedAt: r.ObservedAt.UTC(), GBP: r.PriceGbp, Source: r.Source, OldGBP: r.OldPriceGbp}
			if r.OldSource != nil {
				c.OldSource = *r.OldSource
			}
			res.Changes = append(res.Changes, c)
		}
		res.Unchanged = len(points) - len(rows)
		if err := s.affectedDates(ctx, q, maxAge, res); err != nil {
			return err
		}
		details, err := json.Marshal(priceDetails(res, maxAge))
		if err != nil {
			return err
		}
		if err := q.BtcPriceRunFinish(ctx, db.BtcPriceRunFinishParams{RunID: runID, Details: details}); err != nil {
			return fmt.Errorf("record run: %w", err)
		}
		return nil
	})
}

// syncWindow keeps the fetched points a sync takes: from from's 00:00Z on,
// or, when from is zero, after the latest stored point.
func (s *Service) syncWindow(ctx context.Context, q *db.Queries, points []price.Point, from time.Time, res *PriceResult) ([]price.Point, error) {
	take := func(p price.Point) bool { return !p.ObservedAt.Before(from) }
	if from.IsZero() {
		latest, err := q.BtcPriceLatest(ctx)
		if err != nil {
			return nil, fmt.Errorf("read the latest price: %w", err)
		}
		if len(latest) > 0 {
			res.Latest = latest[0].ObservedAt.UTC()
			take = func(p price.Point) bool { return p.ObservedAt.After(res.Latest) }
		}
	}
	var kept []price.Point
	for _, p := range points {
		if take(p) {
			kept = append(kept, p)
		} else {
			res.Older++
		}
	}
	return kept, nil
}

// affectedDates works out the settlement dates whose periods' prices the
// changes touched. A point at T prices the periods starting from T until the
// next point, and for at most maxAge: so from T's date to the date of the
// instant before the point that follows the last change (or the last change
// plus maxAge, if earlier), and never beyond today.
func (s *Service) affectedDates(ctx context.Context, q *db.Queries, maxAge time.Duration, res *PriceResult) error {
	first, ok := res.EarliestChange()
	if !ok {
		return nil
	}
	last := res.Changes[len(res.Changes)-1].ObservedAt
	end := last.Add(maxAge)
	next, err := q.BtcPriceNextAfter(ctx, last)
	if err != nil {
		return fmt.Errorf("read the price after %s: %w", last.Format(time.RFC3339), err)
	}
	if len(next) > 0 {
		if n := next[0].ObservedAt.Add(-time.Microsecond); n.Before(end) {
			end = n
		}
	}
	res.AffectedFrom = settlement.Date(first.In(settlement.London))
	res.AffectedTo = settlement.Date(end.In(settlement.London))
	if today := settlement.Today(s.now()); res.AffectedTo.After(today) {
		res.AffectedTo = today
	}
	if res.AffectedTo.Before(res.AffectedFrom) {
		res.AffectedTo = res.AffectedFrom
	}
	return nil
}

func requestsOf(res *PriceResult) *int32 {
	if res.Command != CommandPriceSync {
		return nil
	}
	return ptr(int32(res.Requests))
}

// priceDetails is what runs.details keeps of an import or sync.
func priceDetails(res *PriceResult, maxAge time.Duration) map[string]any {
	d := map[string]any{
		"source": res.Source, "offered": res.Offered, "inserted": res.Inserted(), "replaced": res.Replaced(),
		"unchanged": res.Unchanged, "max_age_hours": maxAge.Hours(),
	}
	if res.Command == CommandPriceSync {
		d["no_data"], d["older"] = res.NoData, res.Older
		if !res.Latest.IsZero() {
			d["after"] = res.Latest.Format(time.RFC3339)
		}
	}
	if t, ok := res.EarliestChange(); ok {
		d["earliest_change"] = t.Format(time.RFC3339)
		d["affected_from"] = res.AffectedFrom.Format(settlement.DateLayout)
		d["affected_to"] = res.AffectedTo.Format(settlement.DateLayout)
	}
	return d
}

// priceFailed records a failed import or sync outside any transaction and
// returns err (bad input is not recorded: nothing was attempted). The record
// is best effort: if it cannot be written, err still stands, joined with the
// reason.
func (s *Service) priceFailed(ctx context.Context, res *PriceResult, started time.Time, err error) error {
	if IsBadInput(err) {
		return err
	}
	err = fmt.Errorf("%s: %w", res.Command, err)
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	recErr := db.New(s.Pool).RunRecordFailure(rctx, db.RunRecordFailureParams{
		Command: res.Command, StartedAt: started, Error: ptr(err.Error()), Requests: requestsOf(res),
	})
	if recErr != nil {
		return errors.Join(err, fmt.Errorf("also failed to record the failed run: %w", recErr))
	}
	return err
}
