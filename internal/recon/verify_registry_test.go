package recon

import (
	"testing"
)

// TestVerifyAfterARegistryChangeSuggestsAndMakesARederive: after `recon bmu
// import` adds a unit with rows like curtailment, the stored curtailment
// differs from what the API's (unchanged) rows give under the new registry.
// verify says the rows are the API's and only the derivation differs, and
// suggests `recon rederive`; --fix rebuilds the date from its archive
// (through the service, under the date's lock, recorded as a run), without
// fetching the day again.
func TestVerifyAfterARegistryChangeSuggestsAndMakesARederive(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	units, err := h.svc.UnknownUnits(h.ctx, d, d)
	if err != nil || len(units) == 0 {
		t.Fatalf("unknown units: %v, %d", err, len(units))
	}
	x := units[0]
	if _, err := h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "found.json",
		Units: []byte(`[{"elexonBmUnit":"` + x.Unit + `","leadPartyName":"Found Wind Ltd","fuelType":"WIND"}]`)}); err != nil {
		t.Fatal(err)
	}
	archive := digest(t, h.db.Pool, "stack_rows", false)

	rep := h.verify(VerifyOptions{Date: d})
	if rep.Outcome != OutcomeDifferences || rep.Finding != FindingDerivationDiffers || rep.Action != ActionNone {
		t.Fatalf("verify: outcome %s, finding %s, action %s; want differences, derivation_differs, none", rep.Outcome, rep.Finding, rep.Action)
	}
	if rep.RepairCommand != "recon rederive --from 2025-03-06 --to 2025-03-06" {
		t.Errorf("repair command %q, want the rederive", rep.RepairCommand)
	}
	mismatched := rep.Before.PeriodsWith(StatusMismatch)
	if len(mismatched) == 0 || len(mismatched) > x.Rows {
		t.Fatalf("%d periods mismatch for a unit with %d rows", len(mismatched), x.Rows)
	}
	for _, p := range rep.Before.Periods {
		if p.Status == StatusMismatch && (!p.DerivationOnly() || p.Note == "") {
			t.Errorf("period %d: differences %+v, note %q; want derived measures only, and said so", p.Period, p.Differences, p.Note)
		}
	}

	// A difference in the rows themselves is not a derivation difference.
	altered := rep.Before.Periods[0]
	altered.Status = StatusMismatch
	altered.Differences = []Difference{{Measure: MeasureRecords}, {Measure: MeasureStackDigest}}
	if altered.DerivationOnly() {
		t.Error("a period whose stack digest differs counts as a derivation difference")
	}

	requests := h.api.Requests()
	rep = h.verify(VerifyOptions{Date: d, Fix: true})
	if rep.Outcome != OutcomeRepaired || rep.Action != ActionRederive || rep.RunID == 0 || rep.RepairCommand != "" {
		t.Fatalf("verify --fix: outcome %s, action %s, run %d, command %q; want repaired by rederive", rep.Outcome, rep.Action, rep.RunID, rep.RepairCommand)
	}
	// Two checks (before and after), each one fetch of the day: no
	// reingestion.
	if got := h.api.Requests() - requests; got != 2*96 {
		t.Errorf("verify --fix sent %d requests, want %d (two checks, no reingestion)", got, 2*96)
	}
	if digest(t, h.db.Pool, "stack_rows", false) != archive {
		t.Error("the archive changed: the repair reingested instead of rebuilding")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE run_id = $1 AND command = 'verify --fix (rederive)'
		AND outcome = 'succeeded' AND requests IS NULL AND periods_rebuilt = 48 AND synthetic`, rep.RunID); n != 1 {
		t.Error("the repair is not recorded as a rebuild run of the date")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM verifications WHERE action = 'rederive' AND outcome = 'repaired' AND repair_run_id = $1`, rep.RunID); n != 1 {
		t.Error("the verification does not record the rederive")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM curtailment_records WHERE farm_id = $1`, x.Unit); n != x.Rows {
		t.Errorf("%d curtailment records of %s after the repair, want %d", n, x.Unit, x.Rows)
	}
	if rep = h.verify(VerifyOptions{Date: d}); rep.Outcome != OutcomeMatched {
		t.Errorf("after the repair: %s", rep.Outcome)
	}
}
