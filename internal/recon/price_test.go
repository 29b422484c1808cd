package recon

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/price/pricetest"
	"github.com/recon-energy/recon/internal/settlement"
)

// priceWorld is a migrated database (with the shipped price history) and a
// Service on it, "today" pinned to fixedNow.
type priceWorld struct {
	t   *testing.T
	ctx context.Context
	db  *pgtest.DB
	svc *Service
}

func newPriceWorld(t *testing.T) *priceWorld {
	t.Helper()
	d := pgtest.New(t)
	return &priceWorld{t: t, ctx: context.Background(), db: d,
		svc: &Service{Pool: d.Pool, Now: func() time.Time { return fixedNow }}}
}

// periods prices the periods of one date with the default bound.
func (w *priceWorld) periods(day string, maxAge time.Duration) []PeriodPrice {
	w.t.Helper()
	d := date(w.t, day)
	pp, err := w.svc.PeriodPrices(w.ctx, d, d, maxAge)
	if err != nil {
		w.t.Fatal(err)
	}
	if len(pp) != settlement.Periods(d) {
		w.t.Fatalf("%s: %d periods priced, want %d", day, len(pp), settlement.Periods(d))
	}
	return pp
}

func (w *priceWorld) count(query string, args ...any) int {
	w.t.Helper()
	var n int
	if err := w.db.Pool.QueryRow(w.ctx, query, args...).Scan(&n); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// wantPrice checks that period p of a date takes the point observed at at
// (RFC 3339) with price gbp.
func wantPrice(t *testing.T, pp []PeriodPrice, period int, at, gbp string) {
	t.Helper()
	p := pp[period-1]
	if p.Latest == nil || p.Latest.ObservedAt.Format(time.RFC3339) != at || !p.GBP.Valid || !p.GBP.Decimal.Equal(decimal.RequireFromString(gbp)) || p.Stale {
		t.Errorf("%s period %d (starts %s): latest %+v, price %v, stale %v; want the point of %s at £%s",
			p.Date.Format(settlement.DateLayout), period, p.Start.Format(time.RFC3339), p.Latest, p.GBP, p.Stale, at, gbp)
	}
}

// TestPeriodPriceAtPeriodStart: the price of a period is the latest point at
// or before its start (UTC). On a BST day periods 1 and 2 start on the
// previous UTC day and take the previous day's point; on the autumn
// clock-change day (50 periods) likewise; on a winter day every period takes
// the close of the day before.
func TestPeriodPriceAtPeriodStart(t *testing.T) {
	w := newPriceWorld(t)

	bst := w.periods("2025-06-15", 0)
	if got := bst[0].Start.Format(time.RFC3339); got != "2025-06-14T23:00:00Z" {
		t.Fatalf("period 1 of 2025-06-15 starts %s, want 2025-06-14T23:00:00Z", got)
	}
	wantPrice(t, bst, 1, "2025-06-14T00:00:00Z", "77852.51") // the close of 13 June
	wantPrice(t, bst, 2, "2025-06-14T00:00:00Z", "77852.51")
	wantPrice(t, bst, 3, "2025-06-15T00:00:00Z", "77398.29") // the close of 14 June, from 00:00Z
	wantPrice(t, bst, 48, "2025-06-15T00:00:00Z", "77398.29")

	autumn := w.periods("2025-10-26", 0)
	wantPrice(t, autumn, 2, "2025-10-25T00:00:00Z", "82739.31")
	wantPrice(t, autumn, 3, "2025-10-26T00:00:00Z", "83174.4")
	wantPrice(t, autumn, 50, "2025-10-26T00:00:00Z", "83174.4") // starts 23:30Z

	winter := w.periods("2025-01-15", 0)
	for _, n := range []int{1, 24, 48} {
		wantPrice(t, winter, n, "2025-01-15T00:00:00Z", "79073.53")
	}
	if p := winter[0]; p.Latest.Source != price.SourceDerived {
		t.Errorf("source %q, want %s", p.Latest.Source, price.SourceDerived)
	}
	if p := w.periods("2023-06-15", 0)[0]; p.Latest.Source != price.SourceYahoo {
		t.Errorf("2023 source %q, want %s", p.Latest.Source, price.SourceYahoo)
	}

	// The shipped history prices every period from 2016-01-01 to
	// 2025-12-31: its first point is the close of 2015-12-31, observed at
	// 2016-01-01 00:00Z, the start of the first period of 2016.
	cov, err := w.svc.PriceCoverage(w.ctx, date(t, "2016-01-01"), date(t, "2025-12-31"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(cov) != 3653 {
		t.Fatalf("coverage of %d dates, want 3,653", len(cov))
	}
	for _, c := range cov {
		if !c.Complete() || c.Periods != settlement.Periods(c.Date) {
			t.Errorf("%s: %+v, want every period priced", c.Date.Format(settlement.DateLayout), c)
		}
	}
	first := w.periods("2016-01-01", 0)
	wantPrice(t, first, 1, "2016-01-01T00:00:00Z", "291.949402")  // the close of 2015-12-31
	wantPrice(t, first, 48, "2016-01-01T00:00:00Z", "291.949402") // 23:30Z: the close of 2016-01-01 is observed at 2016-01-02 00:00Z
	if first[0].Latest.Source != price.SourceYahoo {
		t.Errorf("2016-01-01 source %q, want %s", first[0].Latest.Source, price.SourceYahoo)
	}
	// Before the history there is no point and no price.
	if p := w.periods("2015-12-31", 0)[47]; p.Latest != nil || p.GBP.Valid || p.Stale {
		t.Errorf("2015-12-31 period 48: %+v, want no point and no price", p)
	}
}

// TestPriceGapLongerThanTheBound: a period whose latest point is older than
// the bound (8 days) has no price, never the old one; exactly 8 days is
// still in force; a wider bound prices it.
func TestPriceGapLongerThanTheBound(t *testing.T) {
	w := newPriceWorld(t)
	if _, err := w.db.Pool.Exec(w.ctx, `DELETE FROM btc_prices WHERE observed_at > '2025-03-01' AND observed_at < '2025-03-20'`); err != nil {
		t.Fatal(err)
	}
	day := w.periods("2025-03-09", 0)
	wantPrice(t, day, 1, "2025-03-01T00:00:00Z", "66901.07") // exactly 8 days old
	for _, p := range day[1:] {
		if p.GBP.Valid || !p.Stale || p.Latest == nil || p.Latest.ObservedAt.Format(time.RFC3339) != "2025-03-01T00:00:00Z" {
			t.Fatalf("period %d: price %v, stale %v, latest %+v; want no price, stale, latest 2025-03-01", p.Period, p.GBP, p.Stale, p.Latest)
		}
	}
	wantPrice(t, w.periods("2025-03-20", 0), 1, "2025-03-20T00:00:00Z", "66822.08")
	wantPrice(t, w.periods("2025-03-19", 30*24*time.Hour), 48, "2025-03-01T00:00:00Z", "66901.07")

	cov, err := w.svc.PriceCoverage(w.ctx, date(t, "2025-03-08"), date(t, "2025-03-20"), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]int{"2025-03-08": {48, 0, 0}, "2025-03-09": {1, 47, 0}, "2025-03-19": {0, 48, 0}, "2025-03-20": {48, 0, 0}}
	for _, c := range cov {
		if wc, ok := want[c.Date.Format(settlement.DateLayout)]; ok && (c.Priced != wc[0] || c.Stale != wc[1] || c.BeforeHistory != wc[2]) {
			t.Errorf("%s: priced %d, stale %d, before history %d; want %v", c.Date.Format(settlement.DateLayout), c.Priced, c.Stale, c.BeforeHistory, wc)
		}
	}
	if _, err := w.svc.PeriodPrices(w.ctx, date(t, "2025-03-09"), date(t, "2025-03-08"), 0); !IsBadInput(err) {
		t.Errorf("from after to: %v, want bad input", err)
	}
}

func TestImportPricesReplacesPoints(t *testing.T) {
	w := newPriceWorld(t)
	csv := "observed_at,price_gbp,source\n" +
		"2025-03-06T00:00:00Z,72103.12,derived-bitstamp-usd-x-gbp\n" + // as shipped: unchanged
		"2025-03-07T00:00:00Z,70000.5,\n" + // replaces the shipped close of 6 March
		"2025-03-07T12:00:00Z,70500,my-feed\n" // a new point at noon
	var shipped string
	if err := w.db.Pool.QueryRow(w.ctx, `SELECT price_gbp::text FROM btc_prices WHERE observed_at = '2025-03-06T00:00:00Z'`).Scan(&shipped); err != nil {
		t.Fatal(err)
	}
	csv = strings.Replace(csv, "72103.12", shipped, 1)
	res, err := w.svc.ImportPrices(w.ctx, PriceImportOptions{Name: "dir/fix.csv", CSV: []byte(csv)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Offered != 3 || res.Inserted() != 1 || res.Replaced() != 1 || res.Unchanged != 1 || res.RunID == 0 {
		t.Fatalf("offered %d, inserted %d, replaced %d, unchanged %d, run %d; want 3, 1, 1, 1 and a run",
			res.Offered, res.Inserted(), res.Replaced(), res.Unchanged, res.RunID)
	}
	c := res.Changes[0]
	if c.Inserted() || c.OldSource != price.SourceDerived || c.Source != "import:fix.csv" || c.GBP.String() != "70000.5" {
		t.Errorf("replacement %+v", c)
	}
	if c := res.Changes[1]; !c.Inserted() || c.Source != "my-feed" {
		t.Errorf("insert %+v", c)
	}
	if at, ok := res.EarliestChange(); !ok || at.Format(time.RFC3339) != "2025-03-07T00:00:00Z" {
		t.Errorf("earliest change %v", at)
	}
	// The noon point holds until the next point (8 March 00:00Z): only 7 March changes.
	if f, to := res.AffectedFrom.Format(settlement.DateLayout), res.AffectedTo.Format(settlement.DateLayout); f != "2025-03-07" || to != "2025-03-07" {
		t.Errorf("affected %s..%s, want 2025-03-07..2025-03-07", f, to)
	}
	day := w.periods("2025-03-07", 0)
	wantPrice(t, day, 1, "2025-03-07T00:00:00Z", "70000.5")
	wantPrice(t, day, 24, "2025-03-07T00:00:00Z", "70000.5")
	wantPrice(t, day, 25, "2025-03-07T12:00:00Z", "70500")

	// The run is recorded, and the written points name it.
	var details []byte
	if err := w.db.Pool.QueryRow(w.ctx, `SELECT details FROM runs WHERE run_id = $1 AND command = 'price import' AND outcome = 'succeeded'`,
		res.RunID).Scan(&details); err != nil {
		t.Fatalf("run #%d: %v", res.RunID, err)
	}
	var d map[string]any
	if err := json.Unmarshal(details, &d); err != nil || d["inserted"] != 1.0 || d["replaced"] != 1.0 || d["unchanged"] != 1.0 || d["affected_from"] != "2025-03-07" {
		t.Errorf("run details %s (%v)", details, err)
	}
	if n := w.count(`SELECT count(*) FROM btc_prices WHERE run_id = $1`, res.RunID); n != 2 {
		t.Errorf("%d points name the run, want the 2 written", n)
	}

	// Importing the same file again changes nothing (and says so).
	before := pgtest.Digest(t, w.db.Pool, "btc_prices", "", pgtest.Columns{KeepVolatile: true})
	again, err := w.svc.ImportPrices(w.ctx, PriceImportOptions{Name: "fix.csv", CSV: []byte(strings.Replace(csv, "70000.5,", "70000.5,import:fix.csv", 1))})
	if err != nil || len(again.Changes) != 0 || again.Unchanged != 3 {
		t.Errorf("second import: %v, %d changes, %d unchanged", err, len(again.Changes), again.Unchanged)
	}
	if after := pgtest.Digest(t, w.db.Pool, "btc_prices", "", pgtest.Columns{KeepVolatile: true}); after != before {
		t.Error("an import without changes rewrote points")
	}

	// A point at 00:00Z on a BST day prices periods 3-48 of that day and
	// periods 1-2 of the next, which start before the next point.
	bst, err := w.svc.ImportPrices(w.ctx, PriceImportOptions{Name: "bst.csv", CSV: []byte("observed_at,price_gbp\n2025-06-15T00:00:00Z,77000\n")})
	if err != nil {
		t.Fatal(err)
	}
	if f, to := bst.AffectedFrom.Format(settlement.DateLayout), bst.AffectedTo.Format(settlement.DateLayout); f != "2025-06-15" || to != "2025-06-16" {
		t.Errorf("BST change affects %s..%s, want 2025-06-15..2025-06-16", f, to)
	}
	wantPrice(t, w.periods("2025-06-16", 0), 2, "2025-06-15T00:00:00Z", "77000")
}

func TestImportPricesRefusesAMalformedFile(t *testing.T) {
	w := newPriceWorld(t)
	before := pgtest.Snapshot(t, w.db.Pool, pgtest.Columns{KeepVolatile: true})
	runs := w.count(`SELECT count(*) FROM runs`)
	bad := "observed_at,price_gbp\n2025-03-07T00:00:00Z,70000\n2025-03-08T00:00:00Z,70,5\n"
	_, err := w.svc.ImportPrices(w.ctx, PriceImportOptions{Name: "bad.csv", CSV: []byte(bad)})
	if !IsBadInput(err) || !strings.Contains(err.Error(), "bad.csv: line 3") || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("%v, want bad input naming bad.csv line 3", err)
	}
	if after := pgtest.Snapshot(t, w.db.Pool, pgtest.Columns{KeepVolatile: true}); !before.Equal(after) {
		t.Errorf("a refused import changed the database: %s", before.Diff(after))
	}
	if n := w.count(`SELECT count(*) FROM runs`); n != runs {
		t.Errorf("a refused import recorded %d run(s)", n-runs)
	}
}

// TestSyncPricesFromStandIn syncs weekly and hourly points, two of them
// without data, first after the latest stored point, then again (nothing to
// do), then from a date, replacing shipped closes.
func TestSyncPricesFromStandIn(t *testing.T) {
	w := newPriceWorld(t)
	src := pricetest.Start(t)
	client := &price.Client{Retries: 1, RetryWait: time.Millisecond}
	series := pricetest.Series(pricetest.DefaultEnd)
	latest := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // the shipped history's last point
	var after, older, noData int
	for _, e := range series {
		switch {
		case !e.GBP.IsPositive():
			noData++
		case e.Time.After(latest):
			after++
		default:
			older++
		}
	}

	res, err := w.svc.SyncPrices(w.ctx, PriceSyncOptions{URL: src.URL + "/", Source: client})
	if err != nil {
		t.Fatal(err)
	}
	if res.Offered != after || res.Inserted() != after || res.Replaced() != 0 || res.Older != older || res.NoData != noData || noData != 2 {
		t.Fatalf("offered %d, inserted %d, replaced %d, older %d, no data %d; want %d, %d, 0, %d, 2",
			res.Offered, res.Inserted(), res.Replaced(), res.Older, res.NoData, after, after, older)
	}
	if !res.Synthetic || res.Requests != 1 || res.Source != src.URL || !res.Latest.Equal(latest) {
		t.Errorf("synthetic %v, %d requests, source %q, latest %s", res.Synthetic, res.Requests, res.Source, res.Latest)
	}
	if n := w.count(`SELECT count(*) FROM runs WHERE run_id = $1 AND command = 'price sync' AND synthetic AND requests = 1`, res.RunID); n != 1 {
		t.Error("the sync's run is not recorded as synthetic with its request")
	}
	if n := w.count(`SELECT count(*) FROM btc_prices WHERE source = $1`, "sync:"+src.URL); n != after {
		t.Errorf("%d points labelled sync:%s, want %d", n, src.URL, after)
	}
	// The entries without data wrote no point, whatever the USD price and
	// the exchange rates (one falls on a shipped close, which stays).
	for _, e := range series {
		if !e.GBP.IsPositive() && w.count(`SELECT count(*) FROM btc_prices WHERE observed_at = $1 AND run_id IS NOT NULL`, e.Time) != 0 {
			t.Errorf("a point was written at %s, which has no GBP price", e.Time)
		}
	}
	if f, to := res.AffectedFrom.Format(settlement.DateLayout), res.AffectedTo.Format(settlement.DateLayout); f != "2026-01-05" || to != "2026-03-10" {
		t.Errorf("affected %s..%s, want 2026-01-05 (first weekly point) to 2026-03-10 (the last hourly one plus 8 days)", f, to)
	}

	// Weekly points price the days between them; hourly ones each hour.
	wantPrice(t, w.periods("2026-02-11", 0), 30, "2026-02-09T00:00:00Z", series[findEntry(t, series, "2026-02-09T00:00:00Z")].GBP.String())
	hourly := w.periods("2026-03-01", 0)
	wantPrice(t, hourly, 21, "2026-03-01T10:00:00Z", series[findEntry(t, series, "2026-03-01T10:00:00Z")].GBP.String())
	// 06:00Z had no data: its periods keep the 05:00Z point.
	wantPrice(t, hourly, 13, "2026-03-01T05:00:00Z", series[findEntry(t, series, "2026-03-01T05:00:00Z")].GBP.String())
	// After the last point (2026-03-02 12:00Z) prices hold 8 days, then stop.
	if p := w.periods("2026-03-11", 0)[0]; p.GBP.Valid || !p.Stale {
		t.Errorf("2026-03-11 period 1: %+v, want no price (stale)", p)
	}

	again, err := w.svc.SyncPrices(w.ctx, PriceSyncOptions{URL: src.URL, Source: client})
	if err != nil || again.Offered != 0 || len(again.Changes) != 0 || again.RunID == 0 {
		t.Errorf("second sync: %v, offered %d, %d changes, run %d", err, again.Offered, len(again.Changes), again.RunID)
	}

	// From a date: the weekly points from then on replace the shipped closes
	// at the same instants; the later ones are already there.
	from := date(t, "2025-10-01")
	replaced := 0
	for _, e := range series {
		if e.GBP.IsPositive() && !e.Time.Before(from) && !e.Time.After(latest) {
			replaced++
		}
	}
	res, err = w.svc.SyncPrices(w.ctx, PriceSyncOptions{URL: src.URL, From: from, Source: client})
	if err != nil {
		t.Fatal(err)
	}
	if res.Replaced() != replaced || res.Inserted() != 0 || res.Unchanged != after || replaced == 0 {
		t.Errorf("sync from 2025-10-01: replaced %d, inserted %d, unchanged %d; want %d, 0, %d", res.Replaced(), res.Inserted(), res.Unchanged, replaced, after)
	}
	if c := res.Changes[0]; c.OldSource != price.SourceDerived || c.ObservedAt.Weekday() != time.Monday {
		t.Errorf("first replacement %+v, want a Monday's shipped close", c)
	}
}

func findEntry(t *testing.T, series []pricetest.Entry, at string) int {
	t.Helper()
	for i, e := range series {
		if e.Time.Format(time.RFC3339) == at {
			return i
		}
	}
	t.Fatalf("the stand-in serves no entry at %s", at)
	return -1
}

func TestSyncPricesFailures(t *testing.T) {
	w := newPriceWorld(t)
	src := pricetest.Start(t)
	before := pgtest.Digest(t, w.db.Pool, "btc_prices", "", pgtest.Columns{KeepVolatile: true})

	src.SetStatus(503)
	_, err := w.svc.SyncPrices(w.ctx, PriceSyncOptions{URL: src.URL, Source: &price.Client{Retries: 1, RetryWait: time.Millisecond}})
	if err == nil || IsBadInput(err) {
		t.Fatalf("unreachable source: %v, want a runtime failure", err)
	}
	for _, want := range []string{"price sync", "HTTP 503", "--url", "recon price import"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if n := w.count(`SELECT count(*) FROM runs WHERE command = 'price sync' AND outcome = 'failed' AND requests = 2 AND error LIKE '%HTTP 503%'`); n != 1 {
		t.Error("the failed sync is not recorded")
	}

	src.SetStatus(0)
	src.SetBody([]byte(`{"prices":[{"time":1767225600,"GBP":"70000"}]}`))
	if _, err := w.svc.SyncPrices(w.ctx, PriceSyncOptions{URL: src.URL, Source: &price.Client{}}); err == nil || !strings.Contains(err.Error(), "not a JSON number") {
		t.Errorf("malformed payload: %v", err)
	}

	for _, bad := range []string{"mempool.space", "ftp://x"} {
		if _, err := w.svc.SyncPrices(w.ctx, PriceSyncOptions{URL: bad}); !IsBadInput(err) {
			t.Errorf("--url %s: %v, want bad input", bad, err)
		}
	}
	if after := pgtest.Digest(t, w.db.Pool, "btc_prices", "", pgtest.Columns{KeepVolatile: true}); after != before {
		t.Error("a failed sync changed the price history")
	}
}
