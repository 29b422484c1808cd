package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/recon"
)

// withParams returns a database URL with query parameters added (pgx sends
// unknown ones, e.g. statement_timeout, as run-time parameters).
func withParams(t testing.TB, u string, kv ...string) string {
	t.Helper()
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := parsed.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	parsed.RawQuery = q.Encode()
	return parsed.String()
}

// tableLock holds a table in EXCLUSIVE mode (others may read it, nobody may
// write it) in a transaction of its own, so that a run waits inside its own
// transaction, after it has written everything else, when it reaches that
// table.
type tableLock struct {
	tx pgx.Tx
}

func lockTable(t testing.TB, pool *pgxpool.Pool, table string) *tableLock {
	t.Helper()
	tx, err := pool.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(context.Background(), "LOCK TABLE "+table+" IN EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	l := &tableLock{tx: tx}
	t.Cleanup(l.release)
	return l
}

func (l *tableLock) release() { _ = l.tx.Rollback(context.Background()) }

// blockedBackend waits until a backend of application app waits for a
// table lock and returns its pid and whether its transaction has written anything (has
// a transaction id). It fails the test after patience.
func blockedBackend(t testing.TB, pool *pgxpool.Pool, app string) (pid int, wrote bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		// wait_event 'relation': a table lock (not, say, 'extend', a brief
		// wait to grow a table).
		err := pool.QueryRow(context.Background(), `SELECT pid, backend_xid IS NOT NULL FROM pg_stat_activity
			WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'relation'`, app).Scan(&pid, &wrote)
		if err == nil {
			return pid, wrote
		}
		if err != pgx.ErrNoRows {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no backend of %s waited for a lock within %v", app, patience)
	return 0, false
}

// backendsGone waits until no backend of application app is left; it fails
// the test after patience.
func backendsGone(t testing.TB, pool *pgxpool.Pool, app string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		if count(t, pool, "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", app) == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("backends of %s still there after %v", app, patience)
}

// reviseDay makes the stand-in revise every third period, so that a run
// that went through would change the tables.
func (w *world) reviseDay() {
	for p := 1; p <= 48; p += 3 {
		w.api.Revise(faultDate, p)
	}
}

// TestDatabaseBackendTerminatedMidTransaction: the run's backend is
// terminated (pg_terminate_backend) while its transaction has written the
// archive, curtailment and Bitcoin and waits to write the rollups. The run
// fails with exit 1 and a one-line message, every table is as before, and
// a rerun succeeds.
func TestDatabaseBackendTerminatedMidTransaction(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if r := w.recon("run", "--date", "2025-03-06"); r.code != 0 {
		t.Fatalf("first run: %s", r)
	}
	w.reviseDay()
	before := snapshot(t, w.db.Pool)

	lock := lockTable(t, w.db.Pool, "daily_summaries")
	app := "drill_terminate"
	done := make(chan result, 1)
	go func() {
		done <- runMain(t, append(append([]string{"--database-url", withParams(t, w.db.URL, "application_name", app),
			"--elexon-url", w.api.URL}, fastAPI...), "run", "--date", "2025-03-06")...)
	}()
	pid, wrote := blockedBackend(t, w.db.Pool, app)
	if !wrote {
		t.Error("the run's transaction had written nothing when it reached the rollups")
	}
	var ok bool
	if err := w.db.Pool.QueryRow(context.Background(), "SELECT pg_terminate_backend($1)", pid).Scan(&ok); err != nil || !ok {
		t.Fatalf("pg_terminate_backend(%d): %v, %v", pid, ok, err)
	}
	lock.release()
	r := <-done
	t.Log(r.stderr)
	if r.code != recon.ExitFailure {
		t.Errorf("want exit 1, got %s", r)
	}
	wantOneLine(t, r, "daily summary 2025-03-06", "terminating connection", "safe to rerun")
	wantUnchanged(t, w.db.Pool, before)
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE outcome = 'failed' AND error LIKE '%terminating connection%'`); n != 1 {
		t.Errorf("%d failed runs recorded, want 1", n)
	}

	if r := w.recon("run", "--date", "2025-03-06"); r.code != 0 {
		t.Fatalf("rerun: %s", r)
	}
	if after := snapshot(t, w.db.Pool); after.Equal(before) {
		t.Error("the rerun did not store the revised day")
	}
}

// TestDatabaseStatementTimeout: a statement that outlives statement_timeout
// (here: waiting for a lock inside the run's transaction) fails the run
// with exit 1 and a one-line message; nothing changes; a rerun succeeds.
// The timeout applies to every statement of the run, so it is ten seconds:
// far more than any of the others takes on a busy machine.
func TestDatabaseStatementTimeout(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if r := w.recon("run", "--date", "2025-03-06", "--periods", "1-12"); r.code != 0 {
		t.Fatalf("first run: %s", r)
	}
	w.reviseDay()
	before := snapshot(t, w.db.Pool)

	lock := lockTable(t, w.db.Pool, "monthly_summaries")
	short := withParams(t, w.db.URL, "statement_timeout", "10s")
	r := runMain(t, append(append([]string{"--database-url", short, "--elexon-url", w.api.URL}, fastAPI...),
		"run", "--date", "2025-03-06", "--periods", "1-12")...)
	lock.release()
	t.Log(r.stderr)
	if r.code != recon.ExitFailure {
		t.Errorf("want exit 1, got %s", r)
	}
	wantOneLine(t, r, "monthly summary 2025-03", "statement timeout", "safe to rerun")
	wantUnchanged(t, w.db.Pool, before)

	if r := w.recon("run", "--date", "2025-03-06", "--periods", "1-12"); r.code != 0 {
		t.Fatalf("rerun: %s", r)
	}
	if after := snapshot(t, w.db.Pool); after.Equal(before) {
		t.Error("the rerun did not store the revised periods")
	}
}

// TestDatabaseUnreachableAtStart: a database that does not answer fails the
// run before any API request, with exit 1 and one line saying what to
// check; the same run against the database succeeds.
func TestDatabaseUnreachableAtStart(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	dead := fmt.Sprintf("postgres://recon@127.0.0.1:1/%s?connect_timeout=2", w.db.Name)
	r := runMain(t, append(append([]string{"--database-url", dead, "--elexon-url", w.api.URL}, fastAPI...),
		"run", "--date", "2025-03-06")...)
	if r.code != recon.ExitFailure {
		t.Errorf("want exit 1, got %s", r)
	}
	wantOneLine(t, r, "cannot reach the database at 127.0.0.1:1", "check that PostgreSQL is running")
	if n := w.api.Requests(); n != 0 {
		t.Errorf("%d API requests sent before the database was reached", n)
	}
	if r := w.recon("run", "--date", "2025-03-06", "--periods", "1-4"); r.code != 0 {
		t.Fatalf("run against the database: %s", r)
	}
}

// TestDatabaseNotMigrated: every command that needs the schema refuses an
// empty database with a line saying to run `recon migrate`, and creates
// nothing; `recon migrate` applied twice is harmless; then the run works.
func TestDatabaseNotMigrated(t *testing.T) {
	t.Parallel()
	w := &world{t: t, db: pgtest.NewEmpty(t), api: elexontest.Start(t, elexontest.Options{})}
	tables := `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`
	for _, args := range [][]string{
		{"run", "--date", "2025-03-06"},
		{"recalc", "--from", "2025-03-01", "--to", "2025-03-06"},
		{"status"},
	} {
		r := w.recon(args...)
		if r.code != recon.ExitFailure {
			t.Errorf("recon %v on an empty database: want exit 1, got %s", args, r)
		}
		wantOneLine(t, r, "not migrated", "recon migrate")
	}
	if n := count(t, w.db.Pool, tables); n != 0 {
		t.Errorf("refused commands created %d tables", n)
	}
	if n := w.api.Requests(); n != 0 {
		t.Errorf("%d API requests sent to fill an unmigrated database", n)
	}

	r := w.recon("migrate")
	if r.code != 0 || !strings.Contains(r.stdout, "applied") {
		t.Fatalf("migrate: %s", r)
	}
	schema := snapshot(t, w.db.Pool)
	nTables := count(t, w.db.Pool, tables)
	r = w.recon("migrate")
	if r.code != 0 || !strings.Contains(r.stdout, "up to date") {
		t.Fatalf("migrate again: %s", r)
	}
	wantUnchanged(t, w.db.Pool, schema)
	if n := count(t, w.db.Pool, tables); n != nTables {
		t.Errorf("the second migrate changed the number of tables: %d → %d", nTables, n)
	}
	if r := w.recon("run", "--date", "2025-03-06", "--periods", "1-4"); r.code != 0 {
		t.Fatalf("run after migrate: %s", r)
	}
}
