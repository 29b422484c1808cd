package main

import (
	"encoding/csv"
	"strings"
	"testing"
)

// csvWhatIf is the what_if column of a CSV report, by period.
func csvWhatIf(t *testing.T, out string) map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "what_if" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no what_if column in %v", recs[0])
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		if r[0] != "top_farm" {
			got[r[1]] = r[col]
		}
	}
	return got
}

// TestWhatIfSaysSo: a what-if run is labelled in its summary, in status and
// in every report row it affects, until a recalc replaces it for every
// model (which says so).
func TestWhatIfSaysSo(t *testing.T) {
	w := newWorld(t)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06"))
	r := w.recon("run", "--date", "2025-03-07", "--difficulty", "100,000,000,000,000")
	wantSucceeded(t, r, "recon run 2025-03-07, periods 1-48  [SYNTHETIC", "[WHAT-IF: difficulty 100,000,000,000,000 for every period, not the difficulty table]",
		"  what-if      ")

	wantSucceeded(t, w.recon("status"), "  WHAT-IF      2025-03-07  48 period(s) at difficulty 100,000,000,000,000",
		"[WHAT-IF difficulty 100,000,000,000,000, SYNTHETIC]")
	wantSucceeded(t, w.recon("report", "daily"), "[WHAT-IF figures:", "2025-03-07 (difficulty 100,000,000,000,000)")
	rep := w.recon("report", "daily", "--format", "csv")
	if got := csvWhatIf(t, rep.stdout); got["2025-03-06"] != "false" || got["2025-03-07"] != "true" || got["total"] != "true" {
		t.Errorf("what_if by period %v, want 2025-03-07 and the total true", got)
	}
	wantSucceeded(t, w.recon("report", "monthly", "--format", "json"), `"what_if": true`, `"what_if_dates": [`)

	// A what-if for one model is refused before anything is opened.
	bad := w.recon("recalc", "--from", "2025-03-07", "--to", "2025-03-07", "--model", "S9", "--difficulty", "1")
	if bad.code != 2 {
		t.Errorf("recalc --difficulty --model: %v, want exit 2", bad)
	}
	wantOneLine(t, bad, "applies to every miner model")

	// recalc of one model replaces the what-if for every model, and says so.
	wantSucceeded(t, w.recon("recalc", "--from", "2025-03-06", "--to", "2025-03-07", "--model", "S9"),
		"recalc 2025-03-07", "[SYNTHETIC", "its what-if figures (difficulty 100,000,000,000,000, 48 periods) were replaced by the difficulty table's figures for every model, not only S9")
	if got := csvWhatIf(t, w.recon("report", "daily", "--format", "csv").stdout); got["2025-03-07"] != "false" || got["total"] != "false" {
		t.Errorf("after the recalc, what_if by period %v, want all false", got)
	}
	if s := w.recon("status"); strings.Contains(s.stdout, "  WHAT-IF      ") {
		t.Errorf("status still lists a what-if date:\n%s", s.stdout)
	}
}

// TestSyntheticOnEveryOutput: reconcile, recalc, rederive and status of data
// from the stand-in say SYNTHETIC.
func TestSyntheticOnEveryOutput(t *testing.T) {
	w := newWorld(t)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06"))
	const label = "[SYNTHETIC data from recon's stand-in Elexon server]"
	for _, args := range [][]string{
		{"reconcile", "--from", "2025-03-06", "--to", "2025-03-06", "--log-dir", t.TempDir()},
		{"recalc", "--from", "2025-03-06", "--to", "2025-03-06"},
		{"rederive", "--from", "2025-03-06", "--to", "2025-03-06"},
		{"status"},
	} {
		wantSucceeded(t, w.recon(args...), label)
	}
}
