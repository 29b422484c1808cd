package recon

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

func TestCandidatesMirrorCurtailment(t *testing.T) {
	h := newHarness(t)
	h.run(RunOptions{Date: date(t, "2025-03-06")})
	// Spelled out independently of both views: the rows that would count if
	// every unit were a wind unit.
	const likeCurtailment = `SELECT count(*) FROM stack_rows WHERE volume < 0 AND so_flag AND bm_unit IS NOT NULL`
	all := count(t, h.db.Pool, likeCurtailment)
	curtailed := count(t, h.db.Pool, `SELECT count(*) FROM curtailed_stack_rows`)
	candidates := count(t, h.db.Pool, `SELECT count(*) FROM curtailment_candidates_unregistered`)
	if curtailed == 0 || candidates == 0 || curtailed+candidates != all {
		t.Fatalf("curtailed %d + candidates %d != %d rows like curtailment", curtailed, candidates, all)
	}
	// Registering every candidate unit moves exactly its rows across.
	if _, err := h.db.Pool.Exec(h.ctx, `INSERT INTO wind_units (elexon_bm_unit, source)
		SELECT DISTINCT bm_unit, 'test' FROM curtailment_candidates_unregistered`); err != nil {
		t.Fatal(err)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM curtailed_stack_rows`); n != all {
		t.Errorf("after registering every candidate, %d curtailed rows, want %d", n, all)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM curtailment_candidates_unregistered`); n != 0 {
		t.Errorf("%d candidates left", n)
	}
}

func TestUnknownUnitThenRederive(t *testing.T) {
	h := newHarness(t)
	d1, d2 := date(t, "2025-03-06"), date(t, "2025-03-07")
	h.run(RunOptions{Date: d1})
	h.run(RunOptions{Date: d2})

	units, err := h.svc.UnknownUnits(h.ctx, d1, d1)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) == 0 {
		t.Fatal("no unknown units on a generated day, which has system-flagged bids of non-wind units")
	}
	x := units[0]
	var wantRows int
	var wantMWh decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT count(*), sum(abs(volume)) FROM stack_rows
		WHERE settlement_date = $1 AND bm_unit = $2 AND volume < 0 AND so_flag`, d1, x.Unit).Scan(&wantRows, &wantMWh); err != nil {
		t.Fatal(err)
	}
	if x.Rows != wantRows || !x.EnergyMWh.Equal(wantMWh) || x.Days != 1 {
		t.Fatalf("unknown unit %s: %d rows, %s MWh, %d days; stack rows say %d rows, %s MWh", x.Unit, x.Rows, x.EnergyMWh, x.Days, wantRows, wantMWh)
	}
	for i := 1; i < len(units); i++ {
		if units[i].EnergyMWh.GreaterThan(units[i-1].EnergyMWh) {
			t.Errorf("unknown units are not sorted by energy: %s after %s", units[i].Unit, units[i-1].Unit)
		}
	}

	// What must not change, and what must.
	periodsWithX := fmt.Sprintf(`(settlement_date, settlement_period) IN (SELECT settlement_date, settlement_period
		FROM stack_rows WHERE settlement_date = '2025-03-06' AND bm_unit = '%s' AND volume < 0 AND so_flag)`, x.Unit)
	pool := h.db.Pool
	where := func(table string, stable bool, cond string) func() string {
		return func() string { return digestWhere(t, pool, table, stable, cond) }
	}
	stable := map[string]func() string{
		"curtailment of other farms":   where("curtailment_records", true, fmt.Sprintf("farm_id <> '%s'", x.Unit)),
		"bitcoin of other periods":     where("historical_bitcoin_calculations", true, "NOT "+periodsWithX),
		"the other date's summary":     where("daily_summaries", true, "summary_date = '2025-03-07'"),
		"the other date's bitcoin":     where("bitcoin_daily_summaries", true, "summary_date = '2025-03-07'"),
		"the other date's curtailment": where("curtailment_records", false, "settlement_date = '2025-03-07'"),
		"archived stack rows":          where("stack_rows", false, "true"),
		"coverage":                     where("settlement_periods", false, "true"),
	}
	changing := map[string]func() string{
		"bitcoin of the periods with the unit": where("historical_bitcoin_calculations", true, periodsWithX),
		"the date's bitcoin summary":           where("bitcoin_daily_summaries", true, "summary_date = '2025-03-06'"),
		"the month's bitcoin":                  where("bitcoin_monthly_summaries", true, "true"),
		"the year's bitcoin":                   where("bitcoin_yearly_summaries", true, "true"),
	}
	before := map[string]string{}
	for what, probe := range stable {
		before[what] = probe()
	}
	for what, probe := range changing {
		before[what] = probe()
	}
	var dayBefore, monthBefore, yearBefore decimal.Decimal
	sums := `SELECT (SELECT total_curtailed_energy FROM daily_summaries WHERE summary_date = '2025-03-06'),
		(SELECT total_curtailed_energy FROM monthly_summaries), (SELECT total_curtailed_energy FROM yearly_summaries)`
	if err := h.db.Pool.QueryRow(h.ctx, sums).Scan(&dayBefore, &monthBefore, &yearBefore); err != nil {
		t.Fatal(err)
	}

	if _, err := h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "found.json",
		Units: []byte(`[{"elexonBmUnit":"` + x.Unit + `","leadPartyName":"Found Wind Ltd","fuelType":"WIND"}]`)}); err != nil {
		t.Fatal(err)
	}
	requests := h.api.Requests()
	results, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d1, To: d1})
	if err != nil {
		t.Fatal(err)
	}
	if h.api.Requests() != requests {
		t.Errorf("rederive sent %d API requests, want none", h.api.Requests()-requests)
	}
	if len(results) != 1 || !results[0].Changed() || results[0].RunID == 0 {
		t.Fatalf("rederive results %+v", results)
	}
	r := results[0]
	if r.After.Records != r.Before.Records+x.Rows || !r.After.EnergyMWh.Equal(r.Before.EnergyMWh.Add(x.EnergyMWh)) ||
		!r.After.Payment.Equal(r.Before.Payment.Add(x.Payment)) {
		t.Errorf("rederive: %+v -> %+v; want %d more records, %s more MWh, £%s more", r.Before, r.After, x.Rows, x.EnergyMWh, x.Payment)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM curtailment_records WHERE farm_id = $1 AND lead_party_name = 'Found Wind Ltd'`, x.Unit); n != x.Rows {
		t.Errorf("%d curtailment records for %s, want %d", n, x.Unit, x.Rows)
	}
	for what, probe := range stable {
		if after := probe(); after != before[what] {
			t.Errorf("%s changed: %s -> %s", what, before[what], after)
		}
	}
	for what, probe := range changing {
		if probe() == before[what] {
			t.Errorf("%s did not change", what)
		}
	}
	var dayAfter, monthAfter, yearAfter decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, sums).Scan(&dayAfter, &monthAfter, &yearAfter); err != nil {
		t.Fatal(err)
	}
	for what, pair := range map[string][2]decimal.Decimal{"day": {dayBefore, dayAfter}, "month": {monthBefore, monthAfter}, "year": {yearBefore, yearAfter}} {
		if !pair[1].Equal(pair[0].Add(x.EnergyMWh)) {
			t.Errorf("%s summary: %s -> %s, want +%s", what, pair[0], pair[1], x.EnergyMWh)
		}
	}
	// Bitcoin rows for the new farm, every model, in every period it curtailed.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations WHERE farm_id = $1`, x.Unit); n != 3*count(t, h.db.Pool,
		`SELECT count(DISTINCT settlement_period) FROM curtailment_records WHERE farm_id = $1`, x.Unit) {
		t.Errorf("%d bitcoin rows for %s, want one per period and model", n, x.Unit)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'rederive' AND outcome = 'succeeded' AND settlement_date = $1`, d1); n != 1 {
		t.Errorf("%d rederive runs recorded, want 1", n)
	}
	// The unit is no longer unknown, and rederiving again changes nothing.
	units, err = h.svc.UnknownUnits(h.ctx, d1, d2)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Unit == x.Unit {
			t.Errorf("%s is still listed as unknown", x.Unit)
		}
	}
	first := snapshot(t, h.db.Pool, true)
	again, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d1, To: d1})
	if err != nil || again[0].Changed() {
		t.Fatalf("second rederive: %v, %+v", err, again)
	}
	sameSnapshots(t, first, snapshot(t, h.db.Pool, true))
}

func TestRederiveFailureChangesNothing(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	if _, err := h.db.Pool.Exec(h.ctx, `INSERT INTO wind_units (elexon_bm_unit, source)
		SELECT DISTINCT bm_unit, 'test' FROM curtailment_candidates_unregistered`); err != nil {
		t.Fatal(err)
	}
	// No difficulty in force: Bitcoin cannot be computed, so the whole date stays as it was.
	if _, err := h.db.Pool.Exec(h.ctx, `DELETE FROM difficulty_epochs WHERE activated_at > '2025-01-01'`); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, h.db.Pool, false)
	_, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d, To: d})
	if err == nil {
		t.Fatal("rederive succeeded without a difficulty in force")
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'rederive' AND outcome = 'failed'`); n != 1 {
		t.Errorf("%d failed rederive runs recorded, want 1", n)
	}
}
