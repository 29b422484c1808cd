package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
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
// the error.
var fastAPI = []string{"--rate-limit", "1000000", "--retries", "2", "--http-timeout", "2s", "--log-level", "error"}

// recon runs recon in-process (Main) against the world's database and
// stand-in, with args after the global flags.
func (w *world) recon(args ...string) result {
	w.t.Helper()
	full := append([]string{"--database-url", w.db.URL, "--elexon-url", w.api.URL}, fastAPI...)
	return runMain(w.t, append(full, args...)...)
}

// runMain runs recon in-process with exactly args and a 60-second deadline.
func runMain(t testing.TB, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
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

// volatileColumns differ between two runs that store the same data:
// surrogate ids, run ids and the times rows were written.
var volatileColumns = map[string]bool{
	"id": true, "run_id": true, "created_at": true, "calculated_at": true, "updated_at": true,
	"fetched_at": true, "added_at": true,
}

// dataTables are every table whose content recon's commands determine (the
// runs table, an append-only log, is left out on purpose).
var dataTables = []string{
	"stack_rows", "settlement_periods", "curtailment_records", "historical_bitcoin_calculations",
	"daily_summaries", "monthly_summaries", "yearly_summaries",
	"bitcoin_daily_summaries", "bitcoin_monthly_summaries", "bitcoin_yearly_summaries",
	"wind_units", "miner_models", "difficulty_epochs", "wind_generation_data",
}

// tableDigest is an md5 of a table's rows in a stable order, volatile
// columns and those named in skip ("table.column") left out, with the row
// count.
func tableDigest(ctx context.Context, pool *pgxpool.Pool, table string, skip ...string) (string, error) {
	rows, err := pool.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return "", err
	}
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return "", err
		}
		if !volatileColumns[c] && !slices.Contains(skip, table+"."+c) {
			cols = append(cols, fmt.Sprintf("%q::text", c))
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return "", fmt.Errorf("table %s has no columns", table)
	}
	q := fmt.Sprintf(`SELECT count(*), coalesce(md5(string_agg(r, E'\n' ORDER BY r)), 'empty')
		FROM (SELECT concat_ws('|', %s) AS r FROM %s) AS x`, strings.Join(cols, ", "), table)
	var n int
	var sum string
	if err := pool.QueryRow(ctx, q).Scan(&n, &sum); err != nil {
		return "", fmt.Errorf("digest %s: %w", table, err)
	}
	return fmt.Sprintf("%d rows %s", n, sum), nil
}

// state is the digest of every data table.
type state map[string]string

// snapshot digests every data table, leaving out the columns in skip
// ("table.column") besides the volatile ones.
func snapshot(t testing.TB, pool *pgxpool.Pool, skip ...string) state {
	t.Helper()
	s := state{}
	for _, table := range dataTables {
		d, err := tableDigest(context.Background(), pool, table, skip...)
		if err != nil {
			t.Fatal(err)
		}
		s[table] = d
	}
	return s
}

// equal reports whether two snapshots match table for table.
func (s state) equal(o state) bool {
	for table, d := range s {
		if o[table] != d {
			return false
		}
	}
	return len(s) == len(o)
}

// diff names the tables that differ.
func (s state) diff(o state) string {
	var out []string
	for _, table := range dataTables {
		if s[table] != o[table] {
			out = append(out, fmt.Sprintf("%s: %s → %s", table, s[table], o[table]))
		}
	}
	return strings.Join(out, "; ")
}

// wantUnchanged fails the test if the database differs from before.
func wantUnchanged(t testing.TB, pool *pgxpool.Pool, before state) {
	t.Helper()
	if after := snapshot(t, pool); !before.equal(after) {
		t.Errorf("the database changed: %s", before.diff(after))
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
