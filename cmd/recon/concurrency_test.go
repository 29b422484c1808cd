package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/recon-energy/recon/db"
)

// mainAs runs recon in-process with its database connections named app.
func (w *world) mainAs(app string, args ...string) result {
	w.t.Helper()
	full := append([]string{"--database-url", withParams(w.t, w.db.URL, "application_name", app),
		"--elexon-url", w.api.URL}, fastAPI...)
	return runMain(w.t, append(full, args...)...)
}

// waitersOnDateLock counts the backends of the given applications that wait
// for an advisory lock.
func (w *world) waitersOnDateLock(apps ...string) int {
	w.t.Helper()
	return count(w.t, w.db.Pool, `SELECT count(*) FROM pg_stat_activity
		WHERE application_name = ANY($1) AND wait_event_type = 'Lock' AND wait_event = 'advisory'`, apps)
}

// TestSameDateRunsSerialise: two `recon run` on the same date started
// together wait for each other on the date's advisory lock (seen here while
// the test holds that lock), while a run on another date goes through; once
// the lock is free both complete, and the tables are exactly those of one
// run. Then three rounds of two runs started together with nothing held:
// both succeed every time, and the tables stay those of one run.
func TestSameDateRunsSerialise(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	date := faultDate

	// Hold the date's lock, exactly as a run takes it.
	tx, err := w.db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // released by then
	if err := db.New(tx).DateLockAcquire(ctx, date); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]result, 2)
	apps := []string{"drill_same_0", "drill_same_1"}
	for i := range results {
		wg.Go(func() { results[i] = w.mainAs(apps[i], "run", "--date", "2025-03-06") })
	}
	deadline := time.Now().Add(patience)
	for w.waitersOnDateLock(apps...) < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("the two runs did not both wait for the date's lock")
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A run on another date proceeds meanwhile.
	if r := w.mainAs("drill_other", "run", "--date", "2025-03-07"); r.code != 0 {
		t.Fatalf("run on another date while 2025-03-06 is locked: %s", r)
	}
	if n := w.waitersOnDateLock(apps...); n != 2 {
		t.Fatalf("%d runs still wait for the lock, want 2", n)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Fatalf("run %d: %s", i, r)
		}
	}
	together := snapshot(t, w.db.Pool)
	if r := w.recon("run", "--date", "2025-03-06"); r.code != 0 {
		t.Fatalf("single run: %s", r)
	}
	one := snapshot(t, w.db.Pool)
	if !together.Equal(one) {
		t.Errorf("two runs together left other tables than one run: %s", together.Diff(one))
	}

	for round := range 3 {
		for i := range results {
			wg.Go(func() {
				results[i] = w.mainAs(fmt.Sprintf("drill_round_%d_%d", round, i), "run", "--date", "2025-03-06")
			})
		}
		wg.Wait()
		for i, r := range results {
			if r.code != 0 {
				t.Fatalf("round %d, run %d: %s", round, i, r)
			}
		}
		if got := snapshot(t, w.db.Pool); !got.Equal(one) {
			t.Fatalf("round %d: %s", round, one.Diff(got))
		}
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE outcome = 'succeeded' AND settlement_date = '2025-03-06'`); n != 9 {
		t.Errorf("%d successful runs recorded for 2025-03-06, want 9", n)
	}
}

// TestDifferentDatesInParallel: runs on four different dates, the
// clock-change days among them, started together, all complete, and each
// date ends as a run of it alone leaves it.
func TestDifferentDatesInParallel(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	dates := []string{"2025-03-29", "2025-03-30", "2025-10-26", "2025-10-27"}
	var wg sync.WaitGroup
	results := make([]result, len(dates))
	for i, d := range dates {
		wg.Go(func() { results[i] = w.mainAs(fmt.Sprintf("drill_par_%d", i), "run", "--date", d) })
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Fatalf("run %s: %s", dates[i], r)
		}
	}
	together := snapshot(t, w.db.Pool)
	for _, d := range dates {
		if r := w.recon("run", "--date", d); r.code != 0 {
			t.Fatalf("run %s alone: %s", d, r)
		}
	}
	if alone := snapshot(t, w.db.Pool); !together.Equal(alone) {
		t.Errorf("parallel runs left other tables than runs one at a time: %s", together.Diff(alone))
	}
}

// TestSameMonthRollupsDoNotLoseUpdates: runs on two dates of one month
// meet at the month's rollup. The test holds yearly_summaries, so the first
// run to sum the month waits there, holding its month row, while the
// second sums the month too. Both must succeed, and the month and year
// must count both days: no run may overwrite the other's contribution with
// totals computed before it committed. (Without the per-year rollup lock
// this loses a day every time: the second run's month total, computed
// while the first was uncommitted, lands after the first commits.)
func TestSameMonthRollupsDoNotLoseUpdates(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	dates := []string{"2025-03-05", "2025-03-06"}
	for _, d := range dates { // the API has revised both days since
		for p := 1; p <= 48; p += 2 {
			w.api.Revise(testDate(t, d), p)
		}
	}
	lock := lockTable(t, w.db.Pool, "yearly_summaries")
	apps := []string{"drill_month_0", "drill_month_1"}
	var wg sync.WaitGroup
	results := make([]result, len(dates))
	for i, d := range dates {
		wg.Go(func() { results[i] = w.mainAs(apps[i], "run", "--date", d) })
	}
	// Both wait: one for yearly_summaries, the other for the year's rollup
	// lock (without that lock: for the first one's month row).
	deadline := time.Now().Add(patience)
	for count(t, w.db.Pool, `SELECT count(*) FROM pg_stat_activity
		WHERE application_name = ANY($1) AND wait_event_type = 'Lock'
		  AND wait_event IN ('relation', 'advisory', 'transactionid')`, apps) < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the two runs did not both reach the month's rollup")
		}
		time.Sleep(5 * time.Millisecond)
	}
	lock.release()
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Fatalf("run %s: %s", dates[i], r)
		}
	}
	together := snapshot(t, w.db.Pool)
	for _, d := range dates {
		if r := w.recon("run", "--date", d); r.code != 0 {
			t.Fatalf("run %s alone: %s", d, r)
		}
	}
	if alone := snapshot(t, w.db.Pool); !together.Equal(alone) {
		t.Errorf("runs meeting at the rollups left other tables than runs one at a time: %s", together.Diff(alone))
	}
}

// testDate parses a YYYY-MM-DD the test wrote.
func testDate(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestVerifyFixRacingRun: `recon verify --fix` and `recon run` on the same
// date, started together after the API revised the date, in four rounds.
// In two, both are held at the date's lock and let go together: once with
// the run queued first (verify then finds its fresh data: matched), once
// with verify queued first (it finds the old data and repairs it, its
// repair queued behind the run: repaired). Both always succeed, and the
// tables end exactly as one clean run leaves them; a verify afterwards
// matches.
func TestVerifyFixRacingRun(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	if r := w.recon("run", "--date", "2025-03-06"); r.code != 0 {
		t.Fatalf("first run: %s", r)
	}
	dir := t.TempDir()
	outcomes := map[string]int{}
	for round := range 4 {
		for p := 1 + round; p <= 48; p += 4 {
			w.api.Revise(faultDate, p)
		}
		held := round%2 == 0
		var tx pgx.Tx
		if held {
			var err error
			if tx, err = w.db.Pool.Begin(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.New(tx).DateLockAcquire(ctx, faultDate); err != nil {
				t.Fatal(err)
			}
		}
		apps := []string{fmt.Sprintf("drill_vr_run_%d", round), fmt.Sprintf("drill_vr_verify_%d", round)}
		report := filepath.Join(dir, fmt.Sprintf("verify_%d.json", round))
		var run, verify result
		var wg sync.WaitGroup
		startRun := func() { wg.Go(func() { run = w.mainAs(apps[0], "run", "--date", "2025-03-06") }) }
		startVerify := func() {
			wg.Go(func() { verify = w.mainAs(apps[1], "verify", "--date", "2025-03-06", "--fix", "--report", report) })
		}
		switch round {
		case 0: // the run queues first at the lock: verify should find its data
			startRun()
			w.waitForLockWaiters(apps[:1], 1)
			startVerify()
		case 2: // verify queues first: it should find the old data and repair
			startVerify()
			w.waitForLockWaiters(apps[1:], 1)
			startRun()
		default:
			startRun()
			startVerify()
		}
		if held {
			w.waitForLockWaiters(apps, 2)
			if err := tx.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
		}
		wg.Wait()
		if run.code != 0 {
			t.Fatalf("round %d: run: %s", round, run)
		}
		if verify.code != 0 {
			t.Fatalf("round %d: verify --fix: %s", round, verify)
		}
		outcome := reportOutcome(t, report)
		if outcome != "matched" && outcome != "repaired" {
			t.Fatalf("round %d: verify --fix ended %q", round, outcome)
		}
		if want := map[int]string{0: "matched", 2: "repaired"}[round]; want != "" && outcome != want {
			t.Errorf("round %d: verify --fix ended %q, want %q", round, outcome, want)
		}
		outcomes[outcome]++
		together := snapshot(t, w.db.Pool)
		if r := w.recon("run", "--date", "2025-03-06"); r.code != 0 {
			t.Fatalf("round %d: clean run: %s", round, r)
		}
		if clean := snapshot(t, w.db.Pool); !together.Equal(clean) {
			t.Fatalf("round %d: run racing verify --fix left other tables than one clean run: %s", round, together.Diff(clean))
		}
		if r := w.recon("verify", "--date", "2025-03-06", "--report", report); r.code != 0 {
			t.Fatalf("round %d: verify after the race: %s", round, r)
		}
	}
	t.Logf("verify --fix outcomes: %v", outcomes)
}

// waitForLockWaiters waits until n backends of apps wait for the date's lock.
func (w *world) waitForLockWaiters(apps []string, n int) {
	w.t.Helper()
	deadline := time.Now().Add(patience)
	for w.waitersOnDateLock(apps...) < n {
		if time.Now().After(deadline) {
			w.t.Fatalf("%v: fewer than %d waited for the date's lock", apps, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// reportOutcome reads the outcome of a verify report.
func reportOutcome(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Outcome string `json:"outcome"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rep.Outcome
}
