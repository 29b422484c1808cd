package recon

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
)

// realLike is a Service whose API answers as the stand-in does but without
// its synthetic header, as the real API would: data fetched through it is
// not synthetic.
func realLike(t *testing.T, h *harness) *Service {
	t.Helper()
	target, err := url.Parse(h.api.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		r.Header.Del(elexon.SyntheticHeader)
		return nil
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	client, err := elexon.New(elexon.Config{BaseURL: srv.URL, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		MaxRetries: 3, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return &Service{Pool: h.db.Pool, Client: client, ElexonURL: srv.URL, Now: h.svc.Now}
}

// TestWindRecordsItsProvenance: every stored period of wind generation names
// the run that fetched it, that run says the data came from the stand-in,
// and the runs' requests add up to the requests sent.
func TestWindRecordsItsProvenance(t *testing.T) {
	h := newHarness(t)
	res, err := h.svc.Wind(h.ctx, WindOptions{From: date(t, "2025-03-01"), To: date(t, "2025-03-10")})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Synthetic || len(res.Days) != 10 || !res.Days[0].Synthetic {
		t.Errorf("result synthetic %v, %d days: data from the stand-in must say so", res.Synthetic, len(res.Days))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_generation_data AS w
		WHERE NOT EXISTS (SELECT 1 FROM runs AS r WHERE r.run_id = w.run_id AND r.command = 'wind'
		                  AND r.settlement_date = w.settlement_date AND r.synthetic)`); n != 0 {
		t.Errorf("%d wind rows whose run is not a synthetic wind run of their date", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'wind' AND (NOT synthetic OR requests IS NULL)`); n != 0 {
		t.Errorf("%d wind runs recorded as not synthetic or without their requests", n)
	}
	// Two requests (7 days, then 3), each counted once, on its first date.
	if n := count(t, h.db.Pool, `SELECT sum(requests) FROM runs WHERE command = 'wind'`); n != res.Requests || n != 2 {
		t.Errorf("wind runs count %d requests, the client sent %d, want 2", n, res.Requests)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'wind' AND requests > 0
		AND settlement_date IN ('2025-03-01', '2025-03-08')
		AND details ->> 'fetched_from' = settlement_date::text`); n != 2 {
		t.Errorf("%d wind runs carry their request's count on its first date, want 2", n)
	}

	// The same through an API that does not mark its data: not synthetic.
	realAPI := realLike(t, h)
	res, err = realAPI.Wind(h.ctx, WindOptions{From: date(t, "2025-03-02"), To: date(t, "2025-03-02")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Synthetic || count(t, h.db.Pool, `SELECT count(*) FROM wind_generation_data AS w JOIN runs AS r USING (run_id)
		WHERE w.settlement_date = '2025-03-02' AND r.synthetic`) != 0 {
		t.Error("wind fetched from an API that does not mark its data is recorded as synthetic")
	}
}

// TestReportLabelsSyntheticWind: a report whose curtailment is real but
// whose wind generation came from the stand-in is labelled SYNTHETIC, and
// one whose every source is real is not.
func TestReportLabelsSyntheticWind(t *testing.T) {
	h := newHarness(t)
	realAPI := realLike(t, h)
	d6, d7 := date(t, "2025-03-06"), date(t, "2025-03-07")
	for _, d := range []time.Time{d6, d7} {
		if _, err := realAPI.Run(h.ctx, RunOptions{Date: d}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := realAPI.Wind(h.ctx, WindOptions{From: d7, To: d7}); err != nil {
		t.Fatal(err)
	}
	synthetic := func(from, to time.Time) bool {
		t.Helper()
		rep, err := h.svc.Report(h.ctx, ReportOptions{Level: ReportDaily, From: &from, To: &to})
		if err != nil {
			t.Fatal(err)
		}
		return rep.Synthetic
	}
	if synthetic(d6, d7) {
		t.Fatal("a report of real data only is labelled synthetic")
	}
	if _, err := h.svc.Wind(h.ctx, WindOptions{From: d6, To: d6}); err != nil { // the stand-in
		t.Fatal(err)
	}
	if !synthetic(d6, d7) || !synthetic(d6, d6) {
		t.Error("a report using wind generation from the stand-in is not labelled synthetic")
	}
	if synthetic(d7, d7) {
		t.Error("a report of a date whose data is all real is labelled synthetic")
	}
}

// TestDerivedRunsInheritSynthetic: recalc and rederive, which derive from
// the archive without fetching, record their runs as synthetic exactly when
// the archived periods came from the stand-in.
func TestDerivedRunsInheritSynthetic(t *testing.T) {
	h := newHarness(t)
	stand, realDay := date(t, "2025-03-06"), date(t, "2025-03-07")
	h.run(RunOptions{Date: stand})
	if _, err := realLike(t, h).Run(h.ctx, RunOptions{Date: realDay}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Rederive(h.ctx, RederiveOptions{From: stand, To: realDay}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Recalc(h.ctx, RecalcOptions{From: stand, To: realDay}); err != nil {
		t.Fatal(err)
	}
	rows, err := h.db.Pool.Query(h.ctx, `SELECT command, settlement_date::text, synthetic FROM runs
		WHERE command IN ('rederive', 'recalc') ORDER BY run_id`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var command, day string
		var synthetic bool
		if err := rows.Scan(&command, &day, &synthetic); err != nil {
			t.Fatal(err)
		}
		n++
		if want := day == "2025-03-06"; synthetic != want {
			t.Errorf("%s of %s recorded synthetic = %v, want %v (as its archive)", command, day, synthetic, want)
		}
	}
	if rows.Err() != nil || n != 4 {
		t.Fatalf("%d recalc and rederive runs (%v), want 4", n, rows.Err())
	}
}
