package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/recon"
)

// TestModelNamesAndRemove: miner model names are compared without regard
// to case (a second spelling is refused; recalc --model and model remove
// find a model in any case), and `recon model remove` refuses a model in
// use unless --delete-rows, which deletes its Bitcoin rows and rollups in
// one run and leaves the date consistent (verify's internal-consistency
// check passes).
func TestModelNamesAndRemove(t *testing.T) {
	w := newWorld(t)
	if r := w.recon("model", "add", "S21", "--hashrate", "200", "--power", "3500"); r.code != 0 {
		t.Fatalf("model add S21: %s", r)
	}
	before := snapshot(t, w.db.Pool)
	r := w.recon("model", "add", "s21", "--hashrate", "210", "--power", "3500")
	if r.code != recon.ExitUsage {
		t.Errorf("model add s21 beside S21: %s, want exit 2", r)
	}
	wantOneLine(t, r, `"s21"`, "model S21 exists", "recon model add S21 --hashrate 210 --power 3500")
	wantUnchanged(t, w.db.Pool, before)

	for _, d := range []string{"2025-03-06", "2025-04-02"} {
		if r := w.recon("run", "--date", d); r.code != 0 {
			t.Fatalf("run %s: %s", d, r)
		}
	}
	s21 := `SELECT count(*) FROM historical_bitcoin_calculations WHERE miner_model = 'S21'`
	if r := w.recon("recalc", "--from", "2025-03-06", "--to", "2025-03-06", "--model", "s21"); r.code != 0 || !strings.Contains(r.stdout, "S21 ") {
		t.Errorf("recalc --model s21: %s", r)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'recalc --model S21'`); n != 1 {
		t.Errorf("recalc --model s21 recorded %d runs of recalc --model S21, want 1", n)
	}
	rows := count(t, w.db.Pool, s21)
	if rows == 0 {
		t.Fatal("the runs computed no S21 rows")
	}

	// In use: refused, nothing written.
	before = snapshot(t, w.db.Pool)
	r = w.recon("model", "remove", "s21")
	if r.code != recon.ExitUsage {
		t.Errorf("model remove s21 in use: %s, want exit 2", r)
	}
	wantOneLine(t, r, "miner model S21 has "+strconv.Itoa(rows)+" Bitcoin rows on 2 settlement dates (2025-03-06 to 2025-04-02)", "--delete-rows")
	wantUnchanged(t, w.db.Pool, before)

	r = w.recon("model", "remove", "nope")
	if r.code != recon.ExitUsage {
		t.Errorf("model remove nope: %s, want exit 2", r)
	}
	wantOneLine(t, r, `unknown miner model "nope"`, "S19J_PRO", "S21")

	// --delete-rows: the model, its rows and its rollups go, in one run.
	r = w.recon("model", "remove", "s21", "--delete-rows")
	if r.code != 0 || !strings.Contains(r.stdout, "model S21 removed (run #") ||
		!strings.Contains(r.stdout, "with its "+grouped(rows)+" Bitcoin rows on 2 settlement dates (2025-03-06 to 2025-04-02) and 2 daily, 2 monthly and 1 yearly summary rows") {
		t.Fatalf("model remove s21 --delete-rows: %s", r)
	}
	for _, q := range []string{s21,
		`SELECT count(*) FROM bitcoin_daily_summaries WHERE miner_model = 'S21'`,
		`SELECT count(*) FROM bitcoin_monthly_summaries WHERE miner_model = 'S21'`,
		`SELECT count(*) FROM bitcoin_yearly_summaries WHERE miner_model = 'S21'`,
		`SELECT count(*) FROM bitcoin_farm_daily_summaries WHERE miner_model = 'S21'`,
		`SELECT count(*) FROM bitcoin_farm_monthly_summaries WHERE miner_model = 'S21'`,
		`SELECT count(*) FROM miner_models WHERE lower(name) = 's21'`} {
		if n := count(t, w.db.Pool, q); n != 0 {
			t.Errorf("%s: %d, want 0", q, n)
		}
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'model remove' AND outcome = 'succeeded'
		AND (details->>'bitcoin_rows')::int = $1 AND details->>'model' = 'S21'`, rows); n != 1 {
		t.Errorf("%d runs record the removal, want 1", n)
	}
	// Every rollup still equals the rows below it: verify's
	// internal-consistency check passes on both dates.
	for _, d := range []string{"2025-03-06", "2025-04-02"} {
		r := w.recon("verify", "--date", d, "--log-dir", t.TempDir())
		if r.code != 0 || !strings.Contains(r.stdout, "; 0 internal inconsistencies") {
			t.Errorf("verify %s after the removal: %s", d, r)
		}
	}
	if r := w.recon("model", "list"); r.code != 0 || strings.Contains(r.stdout, "S21") {
		t.Errorf("model list after the removal: %s", r)
	}
}

// TestModelRemoveWaitsForRunningDates: `recon model remove --delete-rows`
// takes the miner models' lock, which every transaction writing Bitcoin
// holds shared. A run that has computed the model's rows and waits inside
// its transaction (daily_summaries is locked) holds the removal back; when
// the run commits, the removal goes on and deletes that date's rows too,
// and the date stays consistent.
func TestModelRemoveWaitsForRunningDates(t *testing.T) {
	w := newWorld(t)
	if r := w.recon("model", "add", "S21", "--hashrate", "200", "--power", "3500"); r.code != 0 {
		t.Fatalf("model add S21: %s", r)
	}
	globals := func(app string) []string {
		return append([]string{"--database-url", withParams(t, w.db.URL, "application_name", app), "--elexon-url", w.api.URL}, fastAPI...)
	}
	lock := lockTable(t, w.db.Pool, "daily_summaries")
	runDone, removeDone := make(chan result), make(chan result)
	go func() { runDone <- runMain(t, append(globals("model_rm_run"), "run", "--date", "2025-03-06")...) }()
	blockedBackend(t, w.db.Pool, "model_rm_run")
	go func() {
		removeDone <- runMain(t, append(globals("model_rm"), "model", "remove", "S21", "--delete-rows")...)
	}()
	waitAdvisory(t, w, "model_rm", removeDone)
	lock.release()
	if r := <-runDone; r.code != 0 {
		t.Fatalf("the run: %s", r)
	}
	if r := <-removeDone; r.code != 0 || !strings.Contains(r.stdout, "model S21 removed") {
		t.Fatalf("the removal: %s", r)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations WHERE miner_model = 'S21'`); n != 0 {
		t.Errorf("%d S21 rows left", n)
	}
	if r := w.recon("verify", "--date", "2025-03-06", "--log-dir", t.TempDir()); r.code != 0 || !strings.Contains(r.stdout, "; 0 internal inconsistencies") {
		t.Errorf("verify after the removal: %s", r)
	}
}

// waitAdvisory waits until a backend of app waits for an advisory lock; it
// fails the test if the command ends first.
func waitAdvisory(t *testing.T, w *world, app string, done <-chan result) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		select {
		case r := <-done:
			t.Fatalf("%s ended without waiting for the lock: %s", app, r)
		default:
		}
		if count(t, w.db.Pool, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1
			AND wait_event_type = 'Lock' AND wait_event = 'advisory'`, app) > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no backend of %s waited for an advisory lock within %v", app, patience)
}
