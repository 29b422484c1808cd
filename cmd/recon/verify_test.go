package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/settlement"
)

// verifyCLI runs recon in-process against a test database and stand-in,
// with reports under logDir, and returns the exit status and output.
type verifyCLI struct {
	t      *testing.T
	db     *pgtest.DB
	api    *elexontest.Server
	logDir string
}

func newVerifyCLI(t *testing.T) *verifyCLI {
	t.Helper()
	return &verifyCLI{t: t, db: pgtest.New(t), api: elexontest.Start(t, elexontest.Options{}), logDir: t.TempDir()}
}

func (c *verifyCLI) run(args ...string) (int, string, string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runDeadline)
	defer cancel()
	full := append([]string{"--database-url", c.db.URL, "--elexon-url", c.api.URL, "--rate-limit", "1000000",
		"--retries", "1"}, args...)
	var out, errOut bytes.Buffer
	code := Main(ctx, full, &out, &errOut)
	return code, out.String(), errOut.String()
}

// want runs recon and fails the test unless it exits with code.
func (c *verifyCLI) want(code int, args ...string) string {
	c.t.Helper()
	got, out, errOut := c.run(args...)
	if got != code {
		c.t.Fatalf("recon %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, code, out, errOut)
	}
	return out
}

func (c *verifyCLI) count(query string, args ...any) int {
	c.t.Helper()
	var n int
	if err := c.db.Pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		c.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestVerifyCommandExitStatuses(t *testing.T) {
	c := newVerifyCLI(t)
	d, _ := settlement.ParseDate("2025-03-06")
	logs := []string{"--log-dir", c.logDir}
	c.want(0, "run", "--date", "2025-03-06")

	out := c.want(0, append([]string{"verify", "--date", "2025-03-06"}, logs...)...)
	for _, want := range []string{"SYNTHETIC", "all 48 checked periods match", "48 checked: 48 match", "report: " + filepath.Join(c.logDir, "verify")} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}

	// A revision: exit 3, the table says what differs, the repair command is printed.
	c.api.Revise(d, 12)
	report := filepath.Join(t.TempDir(), "report.json")
	out = c.want(3, "verify", "--date", "2025-03-06", "--sample", "fixed", "--report", report)
	// The repair command keeps every global flag given, and is printed once.
	repair := "recon run --date 2025-03-06 " + shellJoin([]string{"--database-url", c.db.URL, "--elexon-url", c.api.URL,
		"--rate-limit", "1000000", "--retries", "1"})
	for _, want := range []string{" 12  mismatch", "newest_created +6h7m0s", "payment -£", "Repair with: " + repair, "report: " + report} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, repair); n != 1 {
		t.Errorf("verify prints the repair command %d times, want once:\n%s", n, out)
	}
	var rep struct {
		Mode    string `json:"mode"`
		Outcome string `json:"outcome"`
		Before  struct {
			Periods []struct {
				Period int    `json:"period"`
				Status string `json:"status"`
			} `json:"periods"`
		} `json:"before"`
		RepairCommand string `json:"repair_command"`
	}
	body, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Mode != "fixed" || rep.Outcome != "differences" || len(rep.Before.Periods) != 5 ||
		rep.Before.Periods[1].Period != 12 || rep.Before.Periods[1].Status != "mismatch" || rep.RepairCommand != repair {
		t.Errorf("report %+v", rep)
	}

	// --fix repairs: exit 0.
	out = c.want(0, append([]string{"verify", "--date", "2025-03-06", "--fix"}, logs...)...)
	if !strings.Contains(out, "repaired") || !strings.Contains(out, "after repair, 48 checked: 48 match") {
		t.Errorf("verify --fix output:\n%s", out)
	}

	// An API failure: exit 1, nothing repaired.
	c.api.Revise(d, 30)
	c.api.AddFault(elexontest.Fault{Kind: elexontest.HTMLPage, Period: 4})
	runs := c.count(`SELECT count(*) FROM runs`)
	code, out, errOut := c.run(append([]string{"verify", "--date", "2025-03-06", "--fix"}, logs...)...)
	if code != 1 || !strings.Contains(out, "incomplete") || !strings.Contains(errOut, "failed") {
		t.Errorf("verify with a failing period: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := c.count(`SELECT count(*) FROM runs`); n != runs {
		t.Errorf("a failed verification changed the runs table (%d → %d)", runs, n)
	}
	c.api.ClearFaults()

	// Usage errors: exit 2.
	c.want(2, "verify", "--date", "2025-02-30")
	c.want(2, "verify", "--date", "2025-03-06", "--fix", "--force-fix")
	c.want(2, "verify", "--date", "2025-03-06", "--sample", "most")
	c.want(2, "verify", "--date", time.Now().AddDate(0, 0, 3).Format(settlement.DateLayout))

	if n := c.count(`SELECT count(*) FROM verifications`); n != 4 {
		t.Errorf("%d verifications recorded, want 4", n)
	}
	entries, err := os.ReadDir(filepath.Join(c.logDir, "verify"))
	if err != nil || len(entries) != 3 {
		t.Errorf("%d reports in the log directory (%v), want 3", len(entries), err)
	}
}

func TestReconcileCommandExitStatuses(t *testing.T) {
	c := newVerifyCLI(t)
	for _, d := range []string{"2025-03-05", "2025-03-06"} {
		c.want(0, "run", "--date", d)
	}
	d, _ := settlement.ParseDate("2025-03-06")
	c.api.Revise(d, 40)
	window := []string{"reconcile", "--from", "2025-03-05", "--to", "2025-03-06", "--log-dir", c.logDir}

	out := c.want(3, append(window, "--dry-run")...)
	if !strings.Contains(out, "2 date(s): 1 matched, 0 repaired, 1 with differences, 0 failed") {
		t.Errorf("reconcile --dry-run output:\n%s", out)
	}
	out = c.want(0, window...)
	if !strings.Contains(out, "2 date(s): 1 matched, 1 repaired, 0 with differences, 0 failed") {
		t.Errorf("reconcile output:\n%s", out)
	}
	c.api.AddFault(elexontest.Fault{Kind: elexontest.HTMLPage, Period: 2})
	c.want(1, window...)
	c.api.ClearFaults()

	// The trailing window: yesterday and the day before, never run, are
	// ingested (all periods missing, then repaired). The shipped difficulty
	// table ends before them: add an epoch that took effect 10 days ago.
	if _, err := c.db.Pool.Exec(context.Background(), `INSERT INTO difficulty_epochs (height, activated_at, difficulty, source)
		SELECT max(e.height) + 2016 * 20, now() - interval '10 days', 135594876535256.58, 'test'
		FROM difficulty_epochs AS e`); err != nil {
		t.Fatal(err)
	}
	out = c.want(0, "reconcile", "--days", "2", "--jobs", "2", "--log-dir", c.logDir)
	if !strings.Contains(out, "2 date(s): 0 matched, 2 repaired") {
		t.Errorf("reconcile --days 2 output:\n%s", out)
	}
	yesterday := settlement.Today(time.Now()).AddDate(0, 0, -1)
	if n := c.count(`SELECT count(*) FROM runs WHERE command = 'reconcile --fix' AND settlement_date = $1`, yesterday); n != 1 {
		t.Errorf("yesterday was not ingested by reconcile")
	}

	c.want(2, "reconcile", "--days", "3", "--from", "2025-03-05", "--to", "2025-03-06")
	c.want(2, "reconcile", "--from", "2025-03-05")
	c.want(2, "reconcile", "--days", "-1")
	c.want(2, "reconcile", "--days", "2", "--jobs", "0")
}
