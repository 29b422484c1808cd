package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/recon-energy/recon/internal/difficulty/difficultytest"
)

// wantSucceeded fails the test unless recon exited 0 and printed every fragment.
func wantSucceeded(t *testing.T, r result, fragments ...string) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r)
	}
	for _, f := range fragments {
		if !strings.Contains(r.stdout, f) {
			t.Errorf("stdout lacks %q:\n%s", f, r.stdout)
		}
	}
}

func TestBmuUnknownImportRederive(t *testing.T) {
	w := newWorld(t)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06", "--with-wind"), "wind 2025-03-06", "48 periods", "summaries refreshed")
	if n := count(t, w.db.Pool, `SELECT count(*) FROM daily_summaries WHERE total_wind_generation > 0`); n != 1 {
		t.Errorf("run --with-wind: %d summaries with wind, want 1", n)
	}

	before := snapshot(t, w.db.Pool)
	r := w.recon("bmu", "sync", "--dry-run")
	wantSucceeded(t, r, "added                  5", "lead party changed    11", "kept, not offered      4 (-v lists them)", "dry run: nothing was changed")
	if strings.Contains(r.stdout, "= E_EAONE-1") {
		t.Errorf("bmu sync lists the units kept without -v:\n%s", r.stdout)
	}
	wantSucceeded(t, w.recon("bmu", "sync", "--dry-run", "-v"), "= E_EAONE-1")
	wantUnchanged(t, w.db.Pool, before)

	r = w.recon("bmu", "unknown", "--from", "2025-03-06", "--to", "2025-03-06")
	wantSucceeded(t, r, "would count as curtailment", "recon bmu import FILE")
	m := regexp.MustCompile(`(?m)^unit .*\n(\S+) `).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no unit listed:\n%s", r.stdout)
	}
	unit := m[1]
	rows := strconv.Itoa(count(t, w.db.Pool, `SELECT count(*) FROM curtailment_candidates_unregistered WHERE bm_unit = $1`, unit))
	file := filepath.Join(t.TempDir(), "found.json")
	if err := os.WriteFile(file, []byte(`[{"elexonBmUnit":"`+unit+`","leadPartyName":"Found Wind Ltd","fuelType":"WIND"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	wantSucceeded(t, w.recon("bmu", "import", file), "+ "+unit, "recon rederive --from")
	records := count(t, w.db.Pool, `SELECT count(*) FROM curtailment_records`)
	r = w.recon("rederive", "--from", "2025-03-01", "--to", "2025-03-31")
	wantSucceeded(t, r, "rederive 2025-03-06", "changed", "1 changed", "no API call made")
	if n := count(t, w.db.Pool, `SELECT count(*) FROM curtailment_records WHERE farm_id = $1`, unit); strconv.Itoa(n) != rows {
		t.Errorf("%d records for %s after rederive, `bmu unknown` said %s", n, unit, rows)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM curtailment_records`); strconv.Itoa(n-records) != rows {
		t.Errorf("records grew by %d, want %s", n-records, rows)
	}
	wantSucceeded(t, w.recon("bmu", "history", "--unit", unit), unit, "added", "import:found.json", "Found Wind Ltd")

	r = w.recon("rederive", "--from", "2025-03-07", "--to", "2025-03-06")
	if r.code != 2 {
		t.Errorf("reversed range: %s, want exit 2", r)
	}
	r = w.recon("bmu", "import", filepath.Join(t.TempDir(), "missing.json"))
	if r.code != 2 {
		t.Errorf("missing file: %s, want exit 2", r)
	}
}

func TestDifficultySyncCommand(t *testing.T) {
	w := newWorld(t)
	src := difficultytest.Start(t)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06"))
	good := snapshot(t, w.db.Pool)["historical_bitcoin_calculations"]
	if _, err := w.db.Pool.Exec(t.Context(), `UPDATE difficulty_epochs SET difficulty = difficulty + 1
		WHERE height = (SELECT height FROM difficulty_epochs WHERE activated_at <= '2025-03-06' ORDER BY activated_at DESC LIMIT 1)`); err != nil {
		t.Fatal(err)
	}
	wantSucceeded(t, w.recon("recalc", "--from", "2025-03-06", "--to", "2025-03-06"))
	wantSucceeded(t, w.recon("difficulty", "sync", "--url", src.URL), "1 corrected", "~ height", "recon recalc --from 2025-0")
	wantSucceeded(t, w.recon("recalc", "--from", "2025-03-06", "--to", "2025-03-06"))
	if got := snapshot(t, w.db.Pool)["historical_bitcoin_calculations"]; got != good {
		t.Errorf("Bitcoin after sync and recalc differs from a run with the right difficulty")
	}
	wantSucceeded(t, w.recon("difficulty", "sync", "--url", src.URL), "0 corrected", "up to date")
	t.Setenv("RECON_DIFFICULTY_URL", src.URL+"/nowhere")
	if r := w.recon("difficulty", "sync"); r.code != 1 || !strings.Contains(r.stderr, "404") {
		t.Errorf("sync from a wrong URL: %s, want exit 1 naming the 404", r)
	}
}

// TestBmuQuietOutputs: importing one unit prints what changed and counts
// the rest (-v lists the units kept); bmu unknown shows each unit's fuel
// type and lead party from Elexon's list, and --limit bounds the list.
func TestBmuQuietOutputs(t *testing.T) {
	w := newWorld(t)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06"))
	file := filepath.Join(t.TempDir(), "one.json")
	if err := os.WriteFile(file, []byte(`[{"elexonBmUnit":"T_NEWW-1","leadPartyName":"New Wind Ltd","fuelType":"WIND"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := w.recon("bmu", "import", file, "--dry-run")
	wantSucceeded(t, r, "+ T_NEWW-1", "added                  1", "kept, not offered    212 (-v lists them)")
	if lines := strings.Count(r.stdout, "\n"); lines > 12 {
		t.Errorf("importing one unit printed %d lines, want what changed and a few counts:\n%s", lines, r.stdout)
	}
	if r := w.recon("bmu", "import", file, "--dry-run", "--verbose"); strings.Count(r.stdout, "    = ") != 212 {
		t.Errorf("bmu import --verbose lists %d units kept, want 212:\n%s", strings.Count(r.stdout, "    = "), r.stdout)
	}

	total := count(t, w.db.Pool, `SELECT count(DISTINCT bm_unit) FROM curtailment_candidates_unregistered`)
	r = w.recon("bmu", "unknown", "--from", "2025-03-06", "--to", "2025-03-06", "--limit", "3")
	wantSucceeded(t, r, grouped(total)+" units outside the wind registry", "the 3 with the most energy (--limit 0 lists all)", "fuel", "lead party")
	lines := regexp.MustCompile(`(?m)^(\S+) +(\S+) +(.{30}) +[\d,]+ `).FindAllStringSubmatch(r.stdout, -1)
	if len(lines) != 3 {
		t.Fatalf("--limit 3 listed %d units:\n%s", len(lines), r.stdout)
	}
	for _, l := range lines {
		var fuel, lead *string
		if err := w.db.Pool.QueryRow(t.Context(), `SELECT fuel_type, lead_party_name FROM bm_units WHERE elexon_bm_unit = $1`, l[1]).Scan(&fuel, &lead); err != nil {
			t.Fatalf("%s: %v", l[1], err)
		}
		if l[2] != orUnknown(fuel) || strings.TrimSpace(l[3]) != clip(orUnknown(lead), 30) {
			t.Errorf("%s: fuel %q, lead party %q; bm_units says %q, %q", l[1], l[2], strings.TrimSpace(l[3]), orUnknown(fuel), orUnknown(lead))
		}
	}
	if r := w.recon("bmu", "unknown", "--from", "2025-03-06", "--to", "2025-03-06", "--limit", "0"); strings.Count(r.stdout, "\n") < total {
		t.Errorf("--limit 0 does not list all %d units:\n%s", total, r.stdout)
	}
}
