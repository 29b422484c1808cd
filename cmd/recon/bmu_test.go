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
	wantSucceeded(t, w.recon("bmu", "sync", "--dry-run"), "added                  5", "lead party changed    11", "= E_EAONE-1", "dry run: nothing was changed")
	wantUnchanged(t, w.db.Pool, before)

	r := w.recon("bmu", "unknown", "--from", "2025-03-06", "--to", "2025-03-06")
	wantSucceeded(t, r, "would count as curtailment", "recon bmu import FILE")
	m := regexp.MustCompile(`(?m)^unit .*\n(\S+)\s+(\d+)\s`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no unit listed:\n%s", r.stdout)
	}
	unit, rows := m[1], m[2]
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
