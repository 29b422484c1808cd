package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/recon"
)

// TestReconcileInterrupted: Ctrl-C (SIGINT) during `recon reconcile`
// behaves as in backfill. Two dates are held in their repair's transaction
// (daily_summaries is locked) when the signal comes. The first signal lets
// them finish and starts no more: they are repaired, the other 18 dates are
// "not started" (not failed, no ERROR logged), and the command says so. Two
// signals abort the dates in progress: each rolls back whole, nothing of
// them is stored.
func TestReconcileInterrupted(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct {
		name     string
		from, to string
		signals  int
		want     recon.Outcome // of the two dates in progress
	}{
		{"first Ctrl-C finishes the dates in progress", "2025-03-01", "2025-03-20", 1, recon.OutcomeRepaired},
		{"second Ctrl-C aborts them", "2025-04-01", "2025-04-20", 2, recon.OutcomeAborted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := "reconcile_int_" + tc.from
			lock := lockTable(t, w.db.Pool, "daily_summaries")
			ctx, stop := interruptible(context.Background())
			defer stop()
			args := append([]string{"--database-url", withParams(t, w.db.URL, "application_name", app),
				"--elexon-url", w.api.URL, "--rate-limit", "1000000", "--retries", "2"},
				"reconcile", "--from", tc.from, "--to", tc.to, "--jobs", "2", "--log-dir", t.TempDir())
			var out, errOut bytes.Buffer
			done := make(chan int)
			go func() { done <- Main(ctx, args, &out, &errOut) }()

			blocked(t, w, app, 2) // both dates in progress wait inside their transactions
			for range tc.signals {
				if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
					t.Fatal(err)
				}
				time.Sleep(50 * time.Millisecond) // the two signals arrive one after the other
			}
			if tc.signals == 1 {
				time.Sleep(200 * time.Millisecond) // no new date starts while the two finish
				if n := count(t, w.db.Pool, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1
					AND wait_event_type = 'Lock' AND wait_event = 'relation'`, app); n != 2 {
					t.Errorf("%d dates wait for the lock after the first Ctrl-C, want the 2 in progress", n)
				}
			}
			lock.release()
			var code int
			select {
			case code = <-done:
			case <-time.After(patience):
				t.Fatalf("reconcile did not stop within %v", patience)
			}
			r := result{code: code, stdout: out.String(), stderr: errOut.String()}
			t.Log(r.stdout, r.stderr)

			if code != recon.ExitFailure {
				t.Errorf("exit %d, want 1", code)
			}
			rows := map[string]int{}
			for _, m := range regexp.MustCompile(`(?m)^  \d{4}-\d\d-\d\d  .*?  (matched|repaired|differences|failed|aborted|not started) `).FindAllStringSubmatch(r.stdout, -1) {
				rows[m[1]]++
			}
			if rows[string(tc.want)] != 2 || rows[string(recon.OutcomeNotStarted)] != 18 || len(rows) != 2 {
				t.Errorf("outcomes %v, want 2 %s and 18 not started", rows, tc.want)
			}
			if !strings.Contains(r.stderr, "interrupted: finishing the dates in progress and starting no more") {
				t.Errorf("stderr does not say what the interruption does: %q", r.stderr)
			}
			if strings.Contains(r.stderr, "ERROR") {
				t.Errorf("dates not started were logged as errors: %q", r.stderr)
			}
			if !strings.Contains(r.stderr, "18 not started (interrupted)") || !strings.Contains(r.stderr, "reconcile --from "+tc.from) {
				t.Errorf("the last line does not say what was not started and how to go on: %q", r.stderr)
			}
			stored := count(t, w.db.Pool, `SELECT count(DISTINCT settlement_date) FROM stack_rows
				WHERE settlement_date BETWEEN $1::date AND $2::date`, tc.from, tc.to)
			summaries := count(t, w.db.Pool, `SELECT count(*) FROM daily_summaries
				WHERE summary_date BETWEEN $1::date AND $2::date`, tc.from, tc.to)
			wantStored := 2
			if tc.want == recon.OutcomeAborted {
				wantStored = 0 // each rolled back whole
			}
			if stored != wantStored || summaries != wantStored {
				t.Errorf("%d dates archived and %d summarised, want %d", stored, summaries, wantStored)
			}
			backendsGone(t, w.db.Pool, app)
		})
	}
}

// blocked waits until n backends of app wait for a table lock.
func blocked(t *testing.T, w *world, app string, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	for ctx.Err() == nil {
		if count(t, w.db.Pool, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1
			AND wait_event_type = 'Lock' AND wait_event = 'relation'`, app) >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%d backends of %s did not wait for a lock within %v", n, app, patience)
}

// TestReconcileDaysMustBePositive: --days 0 (or less) is bad input, not
// the default window.
func TestReconcileDaysMustBePositive(t *testing.T) {
	w := newWorld(t)
	for _, days := range []string{"0", "-3"} { // --days=-3: kong reads a bare -3 as a short flag
		r := w.recon("reconcile", "--days="+days, "--log-dir", t.TempDir())
		if r.code != recon.ExitUsage {
			t.Errorf("--days %s: %s, want exit 2", days, r)
		}
		wantOneLine(t, r, "--days "+days, "at least 1")
	}
	if n := w.api.Requests(); n != 0 {
		t.Errorf("%d API requests for bad input", n)
	}
}

// TestReconcileProgress: reconcile shows its progress on stderr as
// backfill does (a plain line when stderr is not a terminal, and at the
// end), and a failed date is reported once, in the table, with the command
// that reruns the window.
func TestReconcileProgress(t *testing.T) {
	w := newWorld(t)
	w.api.AddFault(elexontest.Fault{Kind: elexontest.HTMLPage, Date: mustDate(t, "2025-03-07"), Period: 3})
	r := w.recon("reconcile", "--from", "2025-03-05", "--to", "2025-03-07", "--log-dir", t.TempDir(), "--log-level", "warn")
	if r.code != recon.ExitFailure {
		t.Fatalf("reconcile with a failing date: %s, want exit 1", r)
	}
	if !regexp.MustCompile(`(?m)^reconcile: 3/3 dates: 0 matched, 2 repaired, 1 failed, [0-9.]+ dates/s, elapsed `).MatchString(r.stderr) {
		t.Errorf("no progress line on stderr: %q", r.stderr)
	}
	if !strings.Contains(r.stderr, "once that is fixed, rerun `recon --database-url") || !strings.Contains(r.stderr, "reconcile --from 2025-03-05 --to 2025-03-07") {
		t.Errorf("the last line does not say how to rerun: %q", r.stderr)
	}
	if n := strings.Count(r.stdout+r.stderr, "2025-03-07: verification incomplete"); n != 1 {
		t.Errorf("the failure is reported %d times, want once (in the table):\n%s\n%s", n, r.stdout, r.stderr)
	}
}
