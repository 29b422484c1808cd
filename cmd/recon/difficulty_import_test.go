package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDifficultyImport loads a CSV that corrects one shipped epoch and adds
// one, then loads it again (nothing changes), and refuses a malformed file.
func TestDifficultyImport(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "epochs.csv")
	csv := "height,activated_at_utc,difficulty\n" +
		"887040,2025-03-09T16:09:00Z,112149504190350\n" + // shipped as 112149504190349.28
		"963648,2026-08-22T12:00:00Z,140000000000000\n" // new
	if err := os.WriteFile(good, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	r := w.recon("difficulty", "import", good)
	if r.code != 0 || !strings.Contains(r.stdout, "1 inserted, 1 updated, 0 unchanged") {
		t.Fatalf("first import: %v", r)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM difficulty_epochs
		WHERE (height = 887040 AND difficulty = 112149504190350 AND source = 'import:epochs.csv')
		   OR (height = 963648 AND difficulty = 140000000000000)`); n != 2 {
		t.Errorf("%d of the 2 imported epochs stored as given", n)
	}
	if r := w.recon("difficulty", "import", good); r.code != 0 || !strings.Contains(r.stdout, "0 inserted, 0 updated, 2 unchanged") {
		t.Errorf("second import: %v", r)
	}
	// Written without a time_precision column: unknown, no notes; one run
	// recorded (the second import changed nothing).
	if n := count(t, w.db.Pool, `SELECT count(*) FROM difficulty_epochs WHERE height IN (887040, 963648)
		AND time_precision = 'unknown' AND notes IS NULL`); n != 2 {
		t.Errorf("%d of the 2 epochs imported without a precision stored as unknown without notes", n)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'difficulty import' AND outcome = 'succeeded'
		AND settlement_date IS NULL AND requests IS NULL AND (details->>'inserted')::int = 1 AND (details->>'updated')::int = 1`); n != 1 {
		t.Errorf("%d runs recorded for the import, want 1", n)
	}

	// The columns the help advertises are stored: a row marked exact is
	// exact, with its notes; only they changed, so the epoch is updated.
	full := filepath.Join(dir, "full.csv")
	csv = "height,activated_at_utc,difficulty,time_precision,difficulty_precision,notes\n" +
		"963648,2026-08-22T12:00:00Z,140000000000000,exact,exact,\"block 963,648's timestamp\"\n"
	if err := os.WriteFile(full, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := w.recon("difficulty", "import", full); r.code != 0 || !strings.Contains(r.stdout, "0 inserted, 1 updated, 0 unchanged") {
		t.Errorf("import with precision and notes: %v", r)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM difficulty_epochs WHERE height = 963648
		AND time_precision = 'exact' AND difficulty_precision = 'exact' AND notes = 'block 963,648''s timestamp'
		AND source = 'import:full.csv'`); n != 1 {
		t.Error("time_precision, difficulty_precision and notes were not stored as the file gives them")
	}

	runs := count(t, w.db.Pool, `SELECT count(*) FROM runs`)
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("height,activated_at_utc,difficulty\n963648,yesterday,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := count(t, w.db.Pool, `SELECT count(*) FROM difficulty_epochs`)
	r = w.recon("difficulty", "import", bad)
	if r.code != 2 {
		t.Errorf("malformed CSV: %v, want exit 2", r)
	}
	wantOneLine(t, r, "bad.csv")
	if after := count(t, w.db.Pool, `SELECT count(*) FROM difficulty_epochs`); after != before {
		t.Errorf("a refused import changed the table: %d epochs, then %d", before, after)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs`); n != runs {
		t.Errorf("a refused import recorded %d runs", n-runs)
	}
}
