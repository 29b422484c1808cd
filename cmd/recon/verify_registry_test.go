package main

import (
	"os"
	"strings"
	"testing"
)

// TestVerifyAfterBmuImport: a change of the wind registry is not an API
// difference; verify says only the derivation differs and suggests the
// rederive, and --fix makes it.
func TestVerifyAfterBmuImport(t *testing.T) {
	w := newWorld(t)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06"))
	unit := ""
	if err := w.db.Pool.QueryRow(t.Context(), `SELECT bm_unit FROM curtailment_candidates_unregistered
		GROUP BY bm_unit ORDER BY count(*) DESC, bm_unit LIMIT 1`).Scan(&unit); err != nil {
		t.Fatal(err)
	}
	file := t.TempDir() + "/found.json"
	if err := os.WriteFile(file, []byte(`[{"elexonBmUnit":"`+unit+`","leadPartyName":"Found Wind Ltd","fuelType":"WIND"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	wantSucceeded(t, w.recon("bmu", "import", file))

	r := w.recon("verify", "--date", "2025-03-06", "--log-dir", t.TempDir())
	if r.code != 3 {
		t.Fatalf("verify after the import: %v, want exit 3", r)
	}
	for _, want := range []string{"same archived rows: derivation differs", "only the curtailment derived from them differs", "the archived rows are exactly the API's",
		"Rebuild from the archive with: recon rederive --from 2025-03-06 --to 2025-03-06"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("verify output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "recon run --date") {
		t.Errorf("verify suggests a reingestion for a registry change:\n%s", r.stdout)
	}
	r = w.recon("verify", "--date", "2025-03-06", "--fix", "--log-dir", t.TempDir())
	wantSucceeded(t, r, "repair (rederive): rebuilt from the archive as run #", "repaired:", "after rebuilding from the archive")
}
