package recon

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/shopspring/decimal"
)

// standInWindMWh asks the stand-in directly (not through the client) for a
// date's generation and sums it as MWh: MW × 0.5 h per period.
func standInWindMWh(t *testing.T, h *harness, day string) (onshore, offshore decimal.Decimal, periods int) {
	t.Helper()
	resp, err := http.Get(h.api.URL + "/generation/actual/per-type/wind-and-solar?from=" + day + "&to=" + day)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var payload struct {
		Data []struct {
			Date     string          `json:"settlementDate"`
			Period   int             `json:"settlementPeriod"`
			PsrType  string          `json:"psrType"`
			Quantity decimal.Decimal `json:"quantity"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &payload); err != nil {
		t.Fatal(err)
	}
	half := decimal.RequireFromString("0.5")
	seen := map[int]bool{}
	for _, r := range payload.Data {
		switch r.PsrType {
		case "Wind Onshore":
			onshore = onshore.Add(r.Quantity.Mul(half))
		case "Wind Offshore":
			offshore = offshore.Add(r.Quantity.Mul(half))
		default:
			continue
		}
		seen[r.Period] = true
	}
	return onshore, offshore, len(seen)
}

func TestWindTenDaysTwoRequests(t *testing.T) {
	h := newHarness(t)
	stored := date(t, "2025-03-06")
	h.run(RunOptions{Date: stored})
	requests := h.api.Requests()
	res, err := h.svc.Wind(h.ctx, WindOptions{From: date(t, "2025-03-01"), To: date(t, "2025-03-10")})
	if err != nil {
		t.Fatal(err)
	}
	if n := h.api.Requests() - requests; n != 2 || res.Requests != 2 {
		t.Errorf("%d requests for 10 days (client counted %d), want 2 (7 days + 3 days)", n, res.Requests)
	}
	if len(res.Days) != 10 || len(res.Unpublished) != 0 {
		t.Fatalf("%d days stored, %d unpublished", len(res.Days), len(res.Unpublished))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_generation_data`); n != 480 {
		t.Errorf("%d wind rows, want 10 × 48", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_generation_data WHERE total_wind <> wind_onshore + wind_offshore`); n != 0 {
		t.Errorf("%d rows whose total is not onshore + offshore", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'wind' AND outcome = 'succeeded'`); n != 10 {
		t.Errorf("%d wind runs recorded, want one per date", n)
	}

	// The stored date's summary holds MWh = MW × 0.5, its month and year too.
	on, off, periods := standInWindMWh(t, h, "2025-03-06")
	if periods != 48 {
		t.Fatalf("stand-in gave %d wind periods", periods)
	}
	total := on.Add(off)
	var sOn, sOff, sTotal, mTotal, yTotal decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT d.wind_onshore_generation, d.wind_offshore_generation, d.total_wind_generation,
			m.total_wind_generation, y.total_wind_generation
		FROM daily_summaries AS d, monthly_summaries AS m, yearly_summaries AS y
		WHERE d.summary_date = '2025-03-06' AND m.year_month = '2025-03' AND y.year = '2025'`).Scan(&sOn, &sOff, &sTotal, &mTotal, &yTotal); err != nil {
		t.Fatal(err)
	}
	for what, got := range map[string]decimal.Decimal{"onshore": sOn, "offshore": sOff, "total": sTotal, "month": mTotal, "year": yTotal} {
		want := total
		switch what {
		case "onshore":
			want = on
		case "offshore":
			want = off
		}
		if !got.Equal(want) {
			t.Errorf("%s wind generation %s MWh, want %s (MW × 0.5 h)", what, got, want)
		}
	}
	for _, d := range res.Days {
		if d.Summarised != d.Date.Equal(stored) {
			t.Errorf("%s summarised = %v: only the date recon has run gets a summary", d.Date.Format("2006-01-02"), d.Summarised)
		}
		if d.Date.Equal(stored) && !d.TotalMWh.Equal(total) {
			t.Errorf("result says %s MWh, want %s", d.TotalMWh, total)
		}
	}
	// Dates without curtailment data get no summary (it would read as zero curtailment).
	if n := count(t, h.db.Pool, `SELECT count(*) FROM daily_summaries`); n != 1 {
		t.Errorf("%d daily summaries, want 1", n)
	}

	// When recon runs another of those dates, its summary picks the wind up.
	h.run(RunOptions{Date: date(t, "2025-03-07")})
	on7, off7, _ := standInWindMWh(t, h, "2025-03-07")
	if n := count(t, h.db.Pool, `SELECT count(*) FROM daily_summaries WHERE summary_date = '2025-03-07' AND total_wind_generation = $1`, on7.Add(off7)); n != 1 {
		t.Error("a date run after its wind was fetched has no wind in its summary")
	}

	// Fetching again changes nothing.
	before := snapshot(t, h.db.Pool, true)
	if _, err := h.svc.Wind(h.ctx, WindOptions{From: date(t, "2025-03-01"), To: date(t, "2025-03-10")}); err != nil {
		t.Fatal(err)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, true))
}

func TestWindClockChangeAndBadInput(t *testing.T) {
	h := newHarness(t)
	res, err := h.svc.Wind(h.ctx, WindOptions{From: date(t, "2025-03-30"), To: date(t, "2025-03-30")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Days) != 1 || res.Days[0].Periods != 46 {
		t.Errorf("spring clock-change day: %+v, want 46 periods", res.Days)
	}
	for name, opt := range map[string]WindOptions{
		"reversed": {From: date(t, "2025-03-10"), To: date(t, "2025-03-01")},
		"future":   {From: date(t, "2025-03-10"), To: fixedNow.AddDate(0, 0, 3)},
	} {
		requests := h.api.Requests()
		if _, err := h.svc.Wind(h.ctx, opt); !IsBadInput(err) {
			t.Errorf("%s: %v, want bad input", name, err)
		}
		if h.api.Requests() != requests {
			t.Errorf("%s: requests sent for bad input", name)
		}
	}
}
