package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/recon"
)

func TestBackfillCommand(t *testing.T) {
	w := newWorld(t)
	bad := time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)
	w.api.AddFault(elexontest.Fault{Kind: elexontest.ServerError, Date: bad})

	// At the default log level, to see every line a user would.
	r := w.recon("backfill", "--from", "2025-04-01", "--to", "2025-04-03", "--log-level", "warn")
	if r.code != recon.ExitFailure {
		t.Fatalf("a failed date: %v, want exit 1", r)
	}
	total := regexp.MustCompile(`(?m)^  total +2 +0 +1 +0 `)
	if !total.MatchString(r.stdout) || !strings.Contains(r.stdout, "2025-04-02  failed: elexon: stack 2025-04-02") {
		t.Errorf("stdout lacks the totals (2 done, 1 failed) or the failure:\n%s", r.stdout)
	}
	// The rerun hint is the command as given, every flag included.
	if !strings.Contains(r.stderr, "rerun `recon --database-url") || !strings.Contains(r.stderr, "--elexon-url "+w.api.URL) ||
		!strings.Contains(r.stderr, "backfill --from 2025-04-01 --to 2025-04-03 --log-level warn`") {
		t.Errorf("stderr does not say how to resume: %q", r.stderr)
	}
	// The failed date is reported once: in the final list, not in the log or
	// the progress lines too.
	if n := strings.Count(r.stdout+r.stderr, "elexon: stack 2025-04-02"); n != 1 {
		t.Errorf("the failed date appears %d times, want once:\n%s\n%s", n, r.stdout, r.stderr)
	}

	w.api.ClearFaults()
	before := w.api.Requests()
	r = w.recon("backfill", "--from", "2025-04-01", "--to", "2025-04-03")
	if r.code != recon.ExitOK || !regexp.MustCompile(`(?m)^  total +1 +2 +0 +0 `).MatchString(r.stdout) {
		t.Fatalf("the rerun: %v, want exit 0 with 1 done and 2 complete", r)
	}
	if sent := w.api.Requests() - before; sent != 96 {
		t.Errorf("the rerun sent %d requests, want 96 (the failed date only)", sent)
	}
}

func TestBackfillCommandRejectsBadInput(t *testing.T) {
	w := newWorld(t)
	for _, args := range [][]string{
		{"backfill", "--from", "2025-04-03", "--to", "2025-04-01"},
		{"backfill", "--from", "2025-04-01", "--to", "2025-04-31"},
		{"backfill", "--from", "2025-04-01", "--to", "2025-04-02", "--concurrency", "0"},
		{"backfill", "--from", "2025-04-01", "--to", "2099-01-01"},
	} {
		if r := w.recon(args...); r.code != recon.ExitUsage {
			t.Errorf("%v: %v, want exit 2", args, r)
		}
	}
	if n := w.api.Requests(); n != 0 {
		t.Errorf("%d API requests for bad input", n)
	}
}
