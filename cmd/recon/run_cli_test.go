package main

import (
	"strings"
	"testing"
)

// TestRunPrintsTheSummaryAndStatusShowsIt is the README's first command as a
// user sees it: the summary names the synthetic data, the periods, the
// records and BTC for every miner model; `recon model add` and
// `recon status` then show the new model and the run.
func TestRunPrintsTheSummaryAndStatusShowsIt(t *testing.T) {
	w := newWorld(t)
	r := w.recon("run", "--date", "2025-03-06")
	if r.code != 0 {
		t.Fatalf("recon run: %v", r)
	}
	for _, want := range []string{
		"recon run 2025-03-06, periods 1-48  [SYNTHETIC",
		"48 of 48 published",
		"curtailment records from",
		"MWh", "payment      -£",
		"M20S", "S19J_PRO", "S9", " BTC",
		"96 API requests",
		"outside the wind registry had", "recon bmu unknown --from 2025-03-06 --to 2025-03-06",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	units := count(t, w.db.Pool, `SELECT count(DISTINCT bm_unit) FROM curtailment_candidates_unregistered`)
	if !strings.Contains(r.stdout, "  unknown      "+grouped(units)+" units outside the wind registry") {
		t.Errorf("summary does not count the %d units outside the registry with rows like curtailment:\n%s", units, r.stdout)
	}
	records := count(t, w.db.Pool, `SELECT count(*) FROM curtailment_records`)
	if !strings.Contains(r.stdout, grouped(records)+" curtailment records") {
		t.Errorf("summary does not give the %d records stored:\n%s", records, r.stdout)
	}

	if r := w.recon("model", "add", "S21", "--hashrate", "200", "--power", "3500"); r.code != 0 || !strings.Contains(r.stdout, "(inserted, run #") {
		t.Fatalf("model add: %v", r)
	}
	if r := w.recon("model", "add", "S21", "--hashrate", "200", "--power", "3500"); r.code != 0 || !strings.Contains(r.stdout, "(unchanged)") {
		t.Fatalf("model add again: %v", r)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'model add' AND outcome = 'succeeded'
		AND settlement_date IS NULL AND requests IS NULL AND details->>'model' = 'S21' AND details->>'hashrate_ths' = '200'`); n != 1 {
		t.Errorf("%d runs recorded for adding S21 (then adding it unchanged), want 1", n)
	}
	if r := w.recon("model", "list"); r.code != 0 || !strings.Contains(r.stdout, "S21") {
		t.Errorf("model list: %v, want S21 listed", r)
	}
	if r := w.recon("model", "add", "S21", "--hashrate", "-1", "--power", "3500"); r.code != 2 {
		t.Errorf("model add with a negative hash rate: %v, want exit 2", r)
	}

	s := w.recon("status")
	if s.code != 0 {
		t.Fatalf("status: %v", s)
	}
	for _, want := range []string{"1 date(s) from 2025-03-06 to 2025-03-06", grouped(records) + " curtailment records", "run", "succeeded"} {
		if !strings.Contains(s.stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, s.stdout)
		}
	}
}
