package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
)

// world is one CLI test's world: a migrated database and a stand-in Elexon
// server, both private to the test.
type world struct {
	t   *testing.T
	db  *pgtest.DB
	api *elexontest.Server
}

func newWorld(t *testing.T) *world {
	t.Helper()
	return &world{t: t, db: pgtest.New(t), api: elexontest.Start(t, elexontest.Options{})}
}

// result is what one invocation of recon did.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
}

// fastAPI are the flags that keep the API client's retries quick in tests.
// Retry warnings are silenced (--log-level error) so that stderr holds only
// the error. --offline keeps recon from fetching reference data from the
// public sources when a date lies beyond the shipped tables: the tests of
// that pass --no-offline and the stand-ins' URLs. The timeout of one request stays recon's default (30 s): on a
// busy machine the stand-in can take seconds to answer a day's requests in
// flight together, and a tighter timeout would fail runs that should pass.
// The drills that need a timeout to strike use the stand-in's Hang fault.
var fastAPI = []string{"--rate-limit", "1000000", "--retries", "2", "--log-level", "error", "--offline"}

// recon runs recon in-process (Main) against the world's database and
// stand-in, with args after the global flags.
func (w *world) recon(args ...string) result {
	w.t.Helper()
	full := append([]string{"--database-url", w.db.URL, "--elexon-url", w.api.URL}, fastAPI...)
	return runMain(w.t, append(full, args...)...)
}

// runDeadline bounds one in-process invocation of recon: far more than a
// run takes on a busy machine, so that it only ever stops a hung test.
const runDeadline = 3 * time.Minute

// patience is how long a test polls for a condition (a backend waiting for
// a lock, a process gone) before it gives up: far more than the condition
// takes on a busy machine.
const patience = 2 * time.Minute

// runMain runs recon in-process with exactly args and runDeadline.
func runMain(t testing.TB, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runDeadline)
	defer cancel()
	var out, errOut bytes.Buffer
	code := Main(ctx, args, &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// wantOneLine fails the test unless stderr is exactly one line that
// contains every fragment (case-insensitively).
func wantOneLine(t testing.TB, r result, fragments ...string) {
	t.Helper()
	line := strings.TrimSuffix(r.stderr, "\n")
	if line == "" || strings.Contains(line, "\n") {
		t.Errorf("stderr is not one line: %q", r.stderr)
	}
	for _, f := range fragments {
		if !strings.Contains(strings.ToLower(line), strings.ToLower(f)) {
			t.Errorf("stderr %q does not mention %q", line, f)
		}
	}
}

// snapshot digests every data table (pgtest.DataTables), the volatile
// columns (ids, run ids, write times) and those named in skip
// ("table.column") left out.
func snapshot(t testing.TB, pool *pgxpool.Pool, skip ...string) pgtest.Digests {
	t.Helper()
	return pgtest.Snapshot(t, pool, pgtest.Columns{Skip: skip})
}

// wantUnchanged fails the test if the database differs from before.
func wantUnchanged(t testing.TB, pool *pgxpool.Pool, before pgtest.Digests) {
	t.Helper()
	if after := snapshot(t, pool); !before.Equal(after) {
		t.Errorf("the database changed: %s", before.Diff(after))
	}
}

// count runs a count(*) query.
func count(t testing.TB, pool *pgxpool.Pool, query string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
