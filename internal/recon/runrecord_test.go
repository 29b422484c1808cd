package recon

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/settlement"
)

// TestRebuildRunsRecordRebuiltPeriodsNotAPI: recalc and rederive ask the
// API nothing. Their runs rows say so (every API column null, not "0
// requests, 0 of 48 published") and say how many periods they rebuilt;
// a fetching run says the opposite. A failed rebuild is recorded without
// an API URL or a request count either.
func TestRebuildRunsRecordRebuiltPeriodsNotAPI(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d, Periods: &settlement.Range{From: 1, To: 20}}) // the database holds 20 periods
	requests := h.api.Requests()

	rd, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d, To: d})
	if err != nil || len(rd) != 1 || rd[0].PeriodsRebuilt != 20 {
		t.Fatalf("rederive: %+v, %v; want one date, 20 periods rebuilt", rd, err)
	}
	rc, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d})
	if err != nil || len(rc) != 1 || rc[0].PeriodsRebuilt != 20 {
		t.Fatalf("recalc: %+v, %v; want one date, 20 periods rebuilt", rc, err)
	}
	if n := h.api.Requests() - requests; n != 0 {
		t.Errorf("recalc and rederive sent %d API requests", n)
	}
	for _, command := range []string{"rederive", "recalc"} {
		if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = $1 AND outcome = 'succeeded'
			AND periods_rebuilt = 20 AND period_from = 1 AND period_to = 48
			AND requests IS NULL AND stack_rows IS NULL AND periods_expected IS NULL
			AND periods_published IS NULL AND periods_unpublished IS NULL AND elexon_url IS NULL
			AND synthetic -- rebuilt from the stand-in's (synthetic) archive
			AND curtailment_records > 0 AND energy_mwh > 0`, command); n != 1 {
			t.Errorf("%s: %d runs rows recording a rebuild of 20 periods with null API columns, want 1", command, n)
		}
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'run' AND periods_rebuilt IS NULL
		AND requests = 40 AND stack_rows > 0 AND periods_expected = 20 AND periods_published = 20
		AND periods_unpublished = '{}' AND elexon_url IS NOT NULL AND synthetic`); n != 1 {
		t.Errorf("%d fetching runs recorded with what the API was asked and answered, want 1", n)
	}

	// A rebuild that fails (no difficulty in force) is recorded as a
	// failure that asked the API nothing.
	if _, err := h.db.Pool.Exec(h.ctx, `DELETE FROM difficulty_epochs WHERE activated_at > '2025-01-01'`); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d}); err == nil {
		t.Fatal("recalc succeeded without a difficulty in force")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'recalc' AND outcome = 'failed'
		AND requests IS NULL AND elexon_url IS NULL AND periods_rebuilt IS NULL AND error LIKE '%difficulty%'`); n != 1 {
		t.Errorf("%d failed recalc runs recorded without API columns, want 1", n)
	}
}

// TestRunCountsUnregisteredUnits: a run's result says how many units
// outside the wind registry have rows that look like curtailment in its
// periods, and their MWh, as the view curtailment_candidates_unregistered
// has them; none once they are registered.
func TestRunCountsUnregisteredUnits(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	res := h.run(RunOptions{Date: d, Periods: &settlement.Range{From: 10, To: 30}})
	var units int
	var mwh decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT count(DISTINCT bm_unit), coalesce(sum(abs(volume)), 0) FROM stack_rows
		WHERE settlement_date = $1 AND volume < 0 AND so_flag AND bm_unit IS NOT NULL
		  AND bm_unit NOT IN (SELECT elexon_bm_unit FROM wind_units)`, d).Scan(&units, &mwh); err != nil {
		t.Fatal(err)
	}
	if units == 0 {
		t.Fatal("the generated day has no system-flagged bids of units outside the registry; the test's premise changed")
	}
	if res.Unregistered.Units != units || !res.Unregistered.EnergyMWh.Equal(mwh) {
		t.Errorf("unregistered: %d units, %s MWh; the archive says %d units, %s MWh", res.Unregistered.Units, res.Unregistered.EnergyMWh, units, mwh)
	}
	// The same rows as the view curtailment_candidates_unregistered, which
	// `recon bmu unknown` lists.
	listed, err := h.svc.UnknownUnits(h.ctx, d, d)
	if err != nil {
		t.Fatal(err)
	}
	listedMWh := decimal.Zero
	for _, u := range listed {
		listedMWh = listedMWh.Add(u.EnergyMWh)
	}
	if len(listed) != res.Unregistered.Units || !listedMWh.Equal(res.Unregistered.EnergyMWh) {
		t.Errorf("unregistered: %d units, %s MWh; recon bmu unknown lists %d units, %s MWh", res.Unregistered.Units,
			res.Unregistered.EnergyMWh, len(listed), listedMWh)
	}
	if _, err := h.db.Pool.Exec(h.ctx, `INSERT INTO wind_units (elexon_bm_unit, source)
		SELECT DISTINCT bm_unit, 'test' FROM curtailment_candidates_unregistered`); err != nil {
		t.Fatal(err)
	}
	res = h.run(RunOptions{Date: d, Periods: &settlement.Range{From: 10, To: 30}})
	if res.Unregistered.Units != 0 || !res.Unregistered.EnergyMWh.IsZero() {
		t.Errorf("with every unit registered: %+v, want none", res.Unregistered)
	}
}
