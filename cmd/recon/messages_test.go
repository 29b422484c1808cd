package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kong"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// deadURL is a URL on loopback where nothing listens.
func deadURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// TestErrorsSayWhatToDo: each of these errors is one line that says what
// to do about it.
func TestErrorsSayWhatToDo(t *testing.T) {
	w := newWorld(t)
	dead := deadURL(t)
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	for _, tc := range []struct {
		name      string
		args      []string
		code      int
		fragments []string
	}{
		{"a date without --date", []string{"run", "2025-03-06"}, recon.ExitUsage,
			[]string{"unexpected argument 2025-03-06", "give the date with --date: recon --database-url", " run --date 2025-03-06"}},
		{"dates without --from and --to", []string{"backfill", "2025-03-01", "2025-03-31", "--force"}, recon.ExitUsage,
			[]string{"give dates with --from and --to: recon --database-url", " backfill --from 2025-03-01 --to 2025-03-31 --force"}},
		{"--out into a missing folder", []string{"report", "daily", "--out", filepath.Join(missing, "r.html")}, recon.ExitUsage,
			[]string{"the folder " + missing + " does not exist", "mkdir -p " + missing}},
		{"--report into a missing folder", []string{"verify", "--date", "2025-03-06", "--report", filepath.Join(missing, "v.json")}, recon.ExitUsage,
			[]string{"--report", "the folder " + missing + " does not exist"}},
		{"difficulty sync offline", []string{"difficulty", "sync", "--url", dead + "/api/v1/mining/difficulty-adjustments"}, recon.ExitFailure,
			[]string{"connection refused", "could not be reached", "check --url (or RECON_DIFFICULTY_URL)", "recon difficulty import FILE"}},
		{"price sync offline", []string{"price", "sync", "--url", dead}, recon.ExitFailure,
			[]string{"unreachable", "--url", "recon price import FILE"}},
		{"an unreachable --elexon-url", []string{"--elexon-url", dead, "run", "--date", "2025-03-06", "--periods", "1-2"}, recon.ExitFailure,
			[]string{"the API at " + dead + " could not be reached: check --elexon-url (or ELEXON_BASE_URL)",
				"rerun `recon --database-url", "--elexon-url " + dead + " run --date 2025-03-06 --periods 1-2`"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.t = t
			r := w.recon(tc.args...)
			t.Log(r.stderr)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d: %s", r.code, tc.code, r)
			}
			wantOneLine(t, r, tc.fragments...)
		})
	}
	w.t = t

	// verify against an unreachable API: the verdict points at the flag,
	// and its retry keeps every flag given.
	r := w.recon("--elexon-url", dead, "verify", "--date", "2025-03-06", "--sample", "fixed", "--log-dir", t.TempDir())
	if r.code != recon.ExitFailure || !strings.Contains(r.stdout, "could not be reached for 5 of 5 periods: check --elexon-url") ||
		!strings.Contains(r.stdout, "Once that is fixed, retry: recon --database-url") || !strings.Contains(r.stdout, "--elexon-url "+dead+" verify --date 2025-03-06 --sample fixed") {
		t.Errorf("verify against an unreachable API: %s", r)
	}
}

// TestHintsLeaveOutPasswords: a command recon suggests repeats the flags
// given, but never a password of a database URL, neither on the terminal
// nor in a verification's JSON report.
func TestHintsLeaveOutPasswords(t *testing.T) {
	w := newWorld(t)
	withPassword := strings.Replace(w.db.URL, "postgres://recon@", "postgres://recon:s3cret@", 1)
	if withPassword == w.db.URL {
		t.Fatalf("cannot add a password to %s", w.db.URL)
	}
	if got := withoutPassword("--database-url=" + withPassword); got != "--database-url="+w.db.URL {
		t.Errorf("withoutPassword: %q", got)
	}
	if got := shellJoin([]string{"recon", "it's", "a b", "x?y", "--from=2025-03-01"}); got != `recon 'it'\''s' 'a b' 'x?y' --from=2025-03-01` {
		t.Errorf("shellJoin: %q", got)
	}
	dead := deadURL(t)
	r := runMain(t, append([]string{"--database-url", withPassword, "--elexon-url", dead}, append(fastAPI, "run", "--date", "2025-03-06")...)...)
	if r.code != recon.ExitFailure || strings.Contains(r.stderr, "s3cret") || !strings.Contains(r.stderr, "--database-url '"+w.db.URL+"'") {
		t.Errorf("a failed run with a password in --database-url: %s", r)
	}
	if r := runMain(t, "--database-url", withPassword, "run", "2025-03-06"); strings.Contains(r.stderr, "s3cret") {
		t.Errorf("the --date hint repeats the password: %s", r)
	}
	if r := runMain(t, append([]string{"--database-url", withPassword, "--elexon-url", w.api.URL}, append(fastAPI, "run", "--date", "2025-03-06")...)...); r.code != 0 {
		t.Fatalf("run: %s", r)
	}
	w.api.Revise(mustDate(t, "2025-03-06"), 12) // one of the fixed sample's periods
	report := filepath.Join(t.TempDir(), "v.json")
	r = runMain(t, append([]string{"--database-url", withPassword, "--elexon-url", w.api.URL}, append(fastAPI, "verify", "--date", "2025-03-06", "--sample", "fixed", "--report", report)...)...)
	body, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if r.code != recon.ExitDifferences || strings.Contains(r.stdout+r.stderr+string(body), "s3cret") || !strings.Contains(string(body), `"repair_command": "recon run --date 2025-03-06 --database-url`) {
		t.Errorf("verify with a password in --database-url: %s\n%s", r, body)
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := settlement.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSuggestedCommandsRepeatSwitchesAsSwitches: a global switch given on
// the command line is repeated as the switch (--offline, --no-offline), never
// as "--offline true", which recon would refuse.
func TestSuggestedCommandsRepeatSwitchesAsSwitches(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--offline", "status"}, "recon recalc --offline"},
		{[]string{"--no-offline", "status"}, "recon recalc --no-offline"},
		{[]string{"--offline", "--elexon-url", "http://127.0.0.1:9/x", "--no-offline", "status"}, "recon recalc --no-offline --elexon-url http://127.0.0.1:9/x"},
	} {
		var cli CLI
		parser, err := kong.New(&cli, kong.Name("recon"), modelOptions())
		if err != nil {
			t.Fatal(err)
		}
		kctx, err := parser.Parse(tc.args)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		cli.Globals.noteGiven(kctx, tc.args)
		if got := cli.Globals.suggest("recalc"); got != tc.want {
			t.Errorf("%v: suggested %q, want %q", tc.args, got, tc.want)
		}
	}
}
