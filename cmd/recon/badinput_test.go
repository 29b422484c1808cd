package main

import (
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// TestBadInput: every kind of bad input gets exit status 2 and one line on
// stderr that says what was wrong and what to do, and writes nothing (not
// even a failed-run record).
func TestBadInput(t *testing.T) {
	w := newWorld(t)
	if r := w.recon("run", "--date", "2025-03-06", "--periods", "1-4"); r.code != 0 {
		t.Fatalf("first run: %s", r)
	}
	before := snapshot(t, w.db.Pool)
	runsBefore := count(t, w.db.Pool, "SELECT count(*) FROM runs")
	requestsBefore := w.api.Requests()
	tomorrow := settlement.Today(time.Now()).AddDate(0, 0, 1).Format(settlement.DateLayout)

	for _, tc := range []struct {
		name      string
		args      []string
		fragments []string // what the line must say (besides "recon:")
	}{
		{"malformed date", []string{"run", "--date", "2025-3-6"}, []string{`"2025-3-6" is not a date`, "YYYY-MM-DD"}},
		{"date in another layout", []string{"run", "--date", "06/03/2025"}, []string{"not a date", "YYYY-MM-DD"}},
		{"impossible day", []string{"run", "--date", "2025-02-30"}, []string{"not a date", "February 2025 has 28 days"}},
		{"impossible month", []string{"run", "--date", "2025-13-01"}, []string{"not a date", "no month 13"}},
		{"date in the future", []string{"run", "--date", tomorrow}, []string{tomorrow, "in the future", "give a date up to today"}},
		{"period 0", []string{"run", "--date", "2025-03-06", "--periods", "0-4"}, []string{"outside 2025-03-06", "periods 1-48"}},
		{"period after the day", []string{"run", "--date", "2025-03-06", "--periods", "40-49"}, []string{"outside", "periods 1-48"}},
		{"period 47 of a 46-period day", []string{"run", "--date", "2025-03-30", "--periods", "47"}, []string{"outside 2025-03-30", "periods 1-46"}},
		{"periods reversed", []string{"run", "--date", "2025-03-06", "--periods", "9-4"}, []string{"reversed", "4-9"}},
		{"periods not a range", []string{"run", "--date", "2025-03-06", "--periods", "all"}, []string{"not a range", "A-B"}},
		{"difficulty not a number", []string{"run", "--date", "2025-03-06", "--difficulty", "lots"}, []string{"--difficulty", "positive number"}},
		{"unknown miner model", []string{"recalc", "--from", "2025-03-06", "--to", "2025-03-06", "--model", "X"}, []string{`unknown miner model "X"`, "S19J_PRO", "recon model add"}},
		{"--from after --to", []string{"recalc", "--from", "2025-03-07", "--to", "2025-03-06"}, []string{"--from 2025-03-07 is after --to 2025-03-06", "earlier date first"}},
		{"malformed --from", []string{"recalc", "--from", "2025-02-29", "--to", "2025-03-06"}, []string{"--from", "February 2025 has 28 days"}},
		{"backfill --from after --to", []string{"backfill", "--from", "2025-03-07", "--to", "2025-03-06"}, []string{"--from 2025-03-07 is after --to 2025-03-06"}},
		{"backfill into the future", []string{"backfill", "--from", "2025-03-06", "--to", tomorrow}, []string{tomorrow, "future"}},
		{"wind --from after --to", []string{"wind", "--from", "2025-03-07", "--to", "2025-03-06"}, []string{"--from 2025-03-07 is after --to 2025-03-06"}},
		{"verify an impossible date", []string{"verify", "--date", "2025-04-31", "--report", "/dev/null"}, []string{"not a date", "April 2025 has 30 days"}},
		{"verify a future date", []string{"verify", "--date", tomorrow, "--report", "/dev/null"}, []string{tomorrow, "future"}},
		{"verify --fix with --force-fix", []string{"verify", "--date", "2025-03-06", "--fix", "--force-fix"}, []string{"--fix", "--force-fix"}},
		{"reconcile --from after --to", []string{"reconcile", "--from", "2025-03-07", "--to", "2025-03-06", "--log-dir", "/dev/null"}, []string{"--from", "--to"}},
		{"model with no power", []string{"model", "add", "S21", "--hashrate", "200", "--power", "0"}, []string{"--power"}},
		{"malformed Elexon URL", []string{"--elexon-url", "ftp://example.com", "run", "--date", "2025-03-06"}, []string{"ftp://example.com", "http(s)", "--elexon-url"}},
		{"zero rate limit", []string{"--rate-limit", "0", "run", "--date", "2025-03-06"}, []string{"--rate-limit", "at least 1"}},
		{"negative retries", []string{"--retries=-1", "run", "--date", "2025-03-06"}, []string{"--retries", "0 or more"}},
		// kong's own parse errors.
		{"unknown flag", []string{"run", "--date", "2025-03-06", "--frobnicate"}, []string{"unknown flag --frobnicate", "recon --help"}},
		{"missing required flag", []string{"run"}, []string{"missing flags: --date", "recon --help"}},
		{"unknown command", []string{"rnu", "--date", "2025-03-06"}, []string{"unexpected argument rnu", "recon --help"}},
		{"flag of the wrong type", []string{"--rate-limit", "fast", "run", "--date", "2025-03-06"}, []string{"--rate-limit", "recon --help"}},
		{"bad log level", []string{"--log-level", "loud", "run", "--date", "2025-03-06"}, []string{"--log-level", "debug"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.t = t
			r := w.recon(tc.args...)
			t.Log(r.stderr)
			if r.code != recon.ExitUsage {
				t.Errorf("want exit %d, got %s", recon.ExitUsage, r)
			}
			if !strings.HasPrefix(r.stderr, "recon: ") {
				t.Errorf("stderr does not start with recon: %q", r.stderr)
			}
			wantOneLine(t, r, tc.fragments...)
			if r.stdout != "" {
				t.Errorf("stdout is not empty: %q", r.stdout)
			}
		})
	}
	w.t = t
	wantUnchanged(t, w.db.Pool, before)
	if n := count(t, w.db.Pool, "SELECT count(*) FROM runs"); n != runsBefore {
		t.Errorf("bad input recorded %d runs", n-runsBefore)
	}
	if n := w.api.Requests() - requestsBefore; n != 0 {
		t.Errorf("bad input sent %d API requests", n)
	}
}

// TestBadDatabaseURL: a missing or malformed DATABASE_URL is a usage error
// (exit 2); a well-formed one nobody answers at is a runtime failure (exit
// 1). Each gets one line saying what to do, and the password never shows.
func TestBadDatabaseURL(t *testing.T) {
	w := newWorld(t)
	before := snapshot(t, w.db.Pool)
	t.Setenv("DATABASE_URL", "")
	for _, tc := range []struct {
		name      string
		url       string
		code      int
		fragments []string
	}{
		{"none given", "", recon.ExitUsage, []string{"no database given", "DATABASE_URL"}},
		{"malformed", "postgres://recon:s3cret@:99999/recon", recon.ExitUsage, []string{"DATABASE_URL is malformed", "postgres://user:password@host:port/dbname"}},
		{"not a URL", "::nope", recon.ExitUsage, []string{"DATABASE_URL is malformed"}},
		{"unreachable", "postgres://recon:s3cret@127.0.0.1:1/recon?connect_timeout=2", recon.ExitFailure, []string{"cannot reach the database at 127.0.0.1:1/recon", "check that PostgreSQL is running"}},
		{"no such database", strings.Replace(w.db.URL, w.db.Name, w.db.Name+"_missing", 1), recon.ExitFailure, []string{"the database " + w.db.Name + "_missing does not exist", "createdb"}},
		{"wrong password", "postgres://analyst:s3cret@" + refusingPostgres(t) + "/recon?sslmode=disable&connect_timeout=10", recon.ExitFailure,
			[]string{"refused the password for user analyst", "check the password in DATABASE_URL"}},
		{"not a PostgreSQL URL", "mysql://recon:s3cret@db.internal:3306/recon", recon.ExitUsage, []string{"mysql:// URL", "recon needs PostgreSQL", "postgres://user:password@host:port/dbname"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--elexon-url", w.api.URL}, fastAPI...)
			if tc.url != "" {
				args = append(args, "--database-url", tc.url)
			}
			r := runMain(t, append(args, "run", "--date", "2025-03-06")...)
			t.Log(r.stderr)
			if r.code != tc.code {
				t.Errorf("want exit %d, got %s", tc.code, r)
			}
			wantOneLine(t, r, tc.fragments...)
			if strings.Contains(r.stderr, "s3cret") {
				t.Errorf("the password leaked: %q", r.stderr)
			}
		})
	}
	if n := w.api.Requests(); n != 0 {
		t.Errorf("%d API requests were sent without a database", n)
	}
	wantUnchanged(t, w.db.Pool, before)
}

// TestHelpExitsZero: --help is not an error.
func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}} {
		r := runMain(t, args...)
		if r.code != recon.ExitOK || !strings.Contains(r.stdout, "Usage: recon") {
			t.Errorf("recon %v: %s", args, r)
		}
	}
}
