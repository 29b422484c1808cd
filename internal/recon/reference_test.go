package recon

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/difficulty/difficultytest"
	"github.com/recon-energy/recon/internal/price/pricetest"
	"github.com/recon-energy/recon/internal/settlement"
)

// refWorld is a harness whose Service fetches reference data from the
// difficulty and price stand-ins: the difficulty one serves the shipped
// table extended to "today" with made-up epochs, the price one a synthetic
// history ending today.
type refWorld struct {
	*harness
	diff   *difficultytest.Server
	prices *pricetest.Server
}

func newRefWorld(t *testing.T) *refWorld {
	t.Helper()
	h := newHarness(t)
	w := &refWorld{harness: h, diff: difficultytest.Start(t), prices: pricetest.Start(t)}
	w.diff.SetEpochs(difficultytest.Extended(difficultytest.RefEpochs(t), fixedNow))
	w.prices.SetEntries(pricetest.Series(fixedNow))
	h.svc.Sources = &Sources{DifficultyURL: w.diff.URL, PriceURL: w.prices.URL, Retries: 1, RetryWait: time.Millisecond}
	return w
}

// lateDate is after the shipped difficulty table's reach (block 961,632,
// 2026-08-08, trusted until 2026-08-29) and after the shipped prices
// (2026-01-01).
const lateDate = "2026-11-20"

func TestRunBringsTheDifficultyTableAndPricesUpToDate(t *testing.T) {
	w := newRefWorld(t)
	d := date(t, lateDate)
	res := w.run(RunOptions{Date: d})
	ref := res.Reference
	if ref == nil || ref.DifficultySync == nil || ref.DifficultySync.Inserted() == 0 || ref.DifficultyGaps != 0 || ref.DifficultyDates != 1 {
		t.Fatalf("reference report %+v: want one date synced, none left", ref)
	}
	if ref.PriceSync == nil || ref.PriceSync.Inserted() == 0 || len(ref.Unpriced) != 0 || ref.PriceDates != 1 {
		t.Fatalf("reference report %+v: want prices synced, every period priced", ref)
	}
	// Through the use cases of `recon difficulty sync` and `recon price
	// sync`: each recorded as a run of its own, before the date's run.
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'difficulty sync' AND outcome = 'succeeded' AND run_id < $1`, res.RunID); n != 1 {
		t.Errorf("%d difficulty sync runs before the date's run, want 1", n)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'price sync' AND outcome = 'succeeded' AND run_id < $1`, res.RunID); n != 1 {
		t.Errorf("%d price sync runs before the date's run, want 1", n)
	}
	// The date's Bitcoin uses the synced epoch in force.
	if n := count(t, w.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations h
		WHERE h.difficulty <> (SELECT e.difficulty FROM difficulty_epochs e WHERE e.activated_at <= settlement_period_start(h.settlement_date, h.settlement_period)
		                       ORDER BY e.activated_at DESC LIMIT 1)`); n != 0 {
		t.Errorf("%d Bitcoin rows do not use the synced epoch in force", n)
	}
	if count(t, w.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations`) == 0 {
		t.Fatal("no Bitcoin rows")
	}

	// The next date needs nothing more: no request.
	diffReq, priceReq := w.diff.Requests(), w.prices.Requests()
	res = w.run(RunOptions{Date: d.AddDate(0, 0, 1)})
	if w.diff.Requests() != diffReq || w.prices.Requests() != priceReq || res.Reference.Fetched() {
		t.Errorf("a date the stored data covers fetched reference data: %+v", res.Reference)
	}
}

func TestOfflineDateBeyondTheTableFailsWithOneShortLine(t *testing.T) {
	w := newRefWorld(t)
	w.svc.Sources = nil // --offline
	d := date(t, lateDate)
	before := snapshot(t, w.db.Pool, false)
	_, err := w.svc.Run(w.ctx, RunOptions{Date: d})
	var gap *DifficultyGapError
	if !errors.As(err, &gap) {
		t.Fatalf("run: %v, want a DifficultyGapError", err)
	}
	msg := err.Error()
	for _, want := range []string{lateDate + ": no Bitcoin difficulty for 48 of its periods",
		"reaches block 961,632 (2026-08-08 19:35Z), trusted until 2026-08-29 19:35Z",
		"`recon difficulty sync`", "`recon difficulty import FILE`", "--difficulty N"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if len(msg) > 300 || strings.Contains(msg, "\n") {
		t.Errorf("error is not one short line (%d characters): %q", len(msg), msg)
	}
	if w.diff.Requests()+w.prices.Requests() != 0 {
		t.Error("offline, recon asked a reference source")
	}
	// Nothing written but the record of the failed run, which says the same.
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'run' AND outcome = 'failed' AND error = $1`, msg); n != 1 {
		t.Errorf("%d failed runs recording the line, want 1", n)
	}
	after := snapshot(t, w.db.Pool, false)
	delete(before, "runs")
	delete(after, "runs")
	sameSnapshots(t, before, after)

	// A date inside the table's reach runs offline as ever.
	w.run(RunOptions{Date: date(t, "2026-08-20")})
}

func TestUnreachableSourcesFailTheDateNotTheRecord(t *testing.T) {
	w := newRefWorld(t)
	w.diff.SetStatus(http.StatusServiceUnavailable)
	w.prices.SetStatus(http.StatusServiceUnavailable)
	_, err := w.svc.Run(w.ctx, RunOptions{Date: date(t, lateDate)})
	var gap *DifficultyGapError
	if !errors.As(err, &gap) {
		t.Fatalf("run: %v, want a DifficultyGapError", err)
	}
	// The failed syncs are recorded, as `recon difficulty sync` records
	// them.
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'difficulty sync' AND outcome = 'failed' AND error LIKE '%HTTP 503%'`); n != 1 {
		t.Errorf("%d failed difficulty sync runs, want 1", n)
	}

	// A what-if needs no table; a price gap never fails a run: the value
	// is simply missing, and the run says so.
	override := decimal.RequireFromString("130000000000000")
	res := w.run(RunOptions{Date: date(t, lateDate), Difficulty: &override})
	ref := res.Reference
	if ref.DifficultyDates != 0 || ref.PriceErr == nil || len(ref.Unpriced) != 1 || ref.PriceSync != nil {
		t.Errorf("reference report %+v: want no difficulty check, the price sync failed and the date unpriced", ref)
	}
	if n, of := ref.UnpricedPeriods(); n != 48 || of != 48 {
		t.Errorf("unpriced periods %d of %d, want 48 of 48", n, of)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'price sync' AND outcome = 'failed'`); n != 2 {
		t.Errorf("%d failed price sync runs, want 2 (one a run)", n)
	}
}

func TestPriceGapInsideTheHistorySyncsFromBeforeIt(t *testing.T) {
	w := newRefWorld(t)
	// A hole in the stored history: 2025-03-01 to 2025-03-20.
	if _, err := w.db.Pool.Exec(w.ctx, `DELETE FROM btc_prices WHERE observed_at BETWEEN '2025-03-01' AND '2025-03-20'`); err != nil {
		t.Fatal(err)
	}
	// The source has daily points there, and one before the bound.
	at := func(s string) time.Time { t.Helper(); v, _ := time.Parse(time.RFC3339, s); return v }
	entries := []pricetest.Entry{{Time: at("2025-02-20T00:00:00Z"), GBP: decimal.NewFromInt(1), USD: decimal.NewFromInt(1)}}
	for d := at("2025-03-01T00:00:00Z"); !d.After(at("2025-03-20T00:00:00Z")); d = d.AddDate(0, 0, 1) {
		entries = append(entries, pricetest.Entry{Time: d, GBP: decimal.NewFromInt(70000), USD: decimal.NewFromInt(88000)})
	}
	w.prices.SetEntries(entries)
	// 2025-03-12, run offline, is stored without prices.
	sources := w.svc.Sources
	w.svc.Sources = nil
	if ref := w.run(RunOptions{Date: date(t, "2025-03-12")}).Reference; len(ref.Unpriced) != 1 || !ref.Offline {
		t.Fatalf("offline run's reference report %+v, want the date unpriced", ref)
	}
	w.svc.Sources = sources
	d := date(t, "2025-03-15") // its periods' latest point is 2025-02-28's: 15 days old
	res := w.run(RunOptions{Date: d})
	ref := res.Reference
	if ref.PriceSync == nil || len(ref.Unpriced) != 0 || ref.DifficultySync != nil {
		t.Fatalf("reference report %+v: want a price sync only, the date priced", ref)
	}
	// From = 2025-03-15 less the 8-day bound, 2025-03-07: the points before
	// it are left alone (2025-02-20 and 2025-03-01 to 06), every later one
	// taken. A plain sync would have taken none: they are all older than
	// the latest stored point.
	if ref.PriceSync.Older != 7 || ref.PriceSync.Inserted() != 14 {
		t.Errorf("price sync left %d older point(s) alone and inserted %d, want 7 and 14", ref.PriceSync.Older, ref.PriceSync.Inserted())
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM btc_prices WHERE observed_at = '2025-02-20' AND price_gbp = 1`); n != 0 {
		t.Error("the point before From was taken")
	}
	// The date stored before, whose periods the new points now price, is
	// named: its values are out of date until a recalc.
	if len(ref.StaleValues) != 1 || !ref.StaleValues[0].Equal(date(t, "2025-03-12")) {
		t.Errorf("stale values %v, want 2025-03-12", ref.StaleValues)
	}
}

func TestBackfillAndReconcileEnsureOnceForTheirDates(t *testing.T) {
	w := newRefWorld(t)
	from := date(t, "2026-11-10")
	res, err := w.svc.Backfill(w.ctx, BackfillOptions{From: from, To: from.AddDate(0, 0, 2)})
	if err != nil || res.Count(DateDone) != 3 {
		t.Fatalf("backfill: %v, %+v", err, res)
	}
	if w.diff.Requests() != 1 || w.prices.Requests() != 1 || res.Reference.DifficultyDates != 3 {
		t.Errorf("backfill asked the difficulty source %d times and the price source %d times for %d dates, want once each for 3",
			w.diff.Requests(), w.prices.Requests(), res.Reference.DifficultyDates)
	}

	// Offline, reconcile fails each date beyond the stored table on its own,
	// with the short line, and repairs the others.
	w2 := newRefWorld(t)
	w2.svc.Sources = nil
	rec, err := w2.svc.Reconcile(w2.ctx, ReconcileOptions{From: date(t, "2026-08-28"), To: date(t, "2026-08-31")})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rec.Dates {
		ds := d.Date.Format(settlement.DateLayout)
		// 2026-08-29 19:35Z ends the trust: the 29th lacks some periods.
		beyond := ds >= "2026-08-29"
		switch {
		case d.Err != nil:
			t.Errorf("%s: %v", ds, d.Err)
		case beyond && (d.Report.Finding != FindingNoDifficulty || !strings.HasPrefix(d.Report.Error, ds+": no Bitcoin difficulty") || len(d.Report.Error) > 300):
			t.Errorf("%s: finding %s, error %q; want no_difficulty and one short line", ds, d.Report.Finding, d.Report.Error)
		case !beyond && d.Report.Outcome != OutcomeRepaired:
			t.Errorf("%s: %s, want repaired", ds, d.Report.Outcome)
		}
	}
	if rec.Reference == nil || !rec.Reference.Offline || rec.Reference.DifficultyGaps != 3 {
		t.Errorf("reconcile's reference report %+v, want offline with 3 dates beyond the table", rec.Reference)
	}
}
