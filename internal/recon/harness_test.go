package recon

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/settlement"
)

// harness is one test's world: a migrated database, a stand-in Elexon
// server and a Service wired to both, with "today" pinned.
type harness struct {
	t      *testing.T
	ctx    context.Context
	db     *pgtest.DB
	api    *elexontest.Server
	svc    *Service
	client *elexon.Client
}

// fixedNow is "today" for the tests: well after every date they use.
var fixedNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func newHarness(t *testing.T) *harness {
	t.Helper()
	d := pgtest.New(t)
	api := elexontest.Start(t, elexontest.Options{})
	client, err := elexon.New(elexon.Config{
		BaseURL:      api.URL,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		MaxRetries:   3,
		Timeout:      5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{
		t:      t,
		ctx:    context.Background(),
		db:     d,
		api:    api,
		client: client,
		svc:    &Service{Pool: d.Pool, Client: client, ElexonURL: api.URL, Now: func() time.Time { return fixedNow }},
	}
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := settlement.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// run runs a date and fails the test on error.
func (h *harness) run(opt RunOptions) *RunResult {
	h.t.Helper()
	res, err := h.svc.Run(h.ctx, opt)
	if err != nil {
		h.t.Fatalf("run %s: %v", opt.Date.Format(settlement.DateLayout), err)
	}
	return res
}

// volatileColumns are the columns that legitimately differ between two runs
// that store the same data: surrogate ids, run ids and write timestamps.
var volatileColumns = map[string]bool{
	"id": true, "run_id": true, "created_at": true, "calculated_at": true, "updated_at": true,
	"fetched_at": true, "added_at": true,
}

// dataTables are the tables whose content a run determines.
var dataTables = []string{
	"stack_rows", "settlement_periods", "curtailment_records", "historical_bitcoin_calculations",
	"daily_summaries", "monthly_summaries", "yearly_summaries",
	"bitcoin_daily_summaries", "bitcoin_monthly_summaries", "bitcoin_yearly_summaries",
	"wind_units", "miner_models", "difficulty_epochs", "wind_generation_data",
}

// digest is an md5 of a table's rows, in a stable order. With stable, the
// volatile columns are left out (for idempotency checks); otherwise every
// column counts (for "byte-identical" checks).
func digest(t testing.TB, pool *pgxpool.Pool, table string, stable bool) string {
	t.Helper()
	return digestWhere(t, pool, table, stable, "true")
}

// digestWhere is digest over the rows matching a condition.
func digestWhere(t testing.TB, pool *pgxpool.Pool, table string, stable bool, where string) string {
	t.Helper()
	ctx := context.Background()
	rows, err := pool.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		if stable && volatileColumns[c] {
			continue
		}
		cols = append(cols, fmt.Sprintf("%q::text", c))
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if len(cols) == 0 {
		t.Fatalf("table %s has no columns", table)
	}
	row := "concat_ws('|', " + strings.Join(cols, ", ") + ")"
	var sum *string
	var n int
	q := fmt.Sprintf("SELECT md5(string_agg(r, E'\\n' ORDER BY r)), count(*) FROM (SELECT %s AS r FROM %s WHERE %s) AS x", row, table, where)
	if err := pool.QueryRow(ctx, q).Scan(&sum, &n); err != nil {
		t.Fatalf("digest %s: %v", table, err)
	}
	if sum == nil {
		return "empty"
	}
	return fmt.Sprintf("%d rows %s", n, *sum)
}

// snapshot digests every data table.
func snapshot(t testing.TB, pool *pgxpool.Pool, stable bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range dataTables {
		out[table] = digest(t, pool, table, stable)
	}
	return out
}

func sameSnapshots(t testing.TB, before, after map[string]string) {
	t.Helper()
	for table, b := range before {
		if a := after[table]; a != b {
			t.Errorf("table %s changed: before %s, after %s", table, b, a)
		}
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
