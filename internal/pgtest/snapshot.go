package pgtest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// VolatileColumns are the columns that legitimately differ between two runs
// that store the same data: surrogate ids, run ids and the times rows were
// written.
var VolatileColumns = []string{"id", "run_id", "created_at", "calculated_at", "updated_at", "fetched_at", "added_at"}

// DataTables are the tables whose content recon's commands determine (the
// runs table, an append-only log, is left out on purpose).
var DataTables = []string{
	"stack_rows", "settlement_periods", "curtailment_records", "historical_bitcoin_calculations",
	"daily_summaries", "monthly_summaries", "yearly_summaries",
	"bitcoin_daily_summaries", "bitcoin_monthly_summaries", "bitcoin_yearly_summaries",
	"wind_units", "miner_models", "difficulty_epochs", "wind_generation_data",
	"turn_up_periods", "bm_units", "turn_up_unit_days", "so_offer_unit_days",
	"farm_daily_summaries", "bitcoin_farm_daily_summaries", "farm_monthly_summaries", "bitcoin_farm_monthly_summaries",
	"btc_prices",
}

// Columns chooses the columns a digest covers.
type Columns struct {
	// KeepVolatile keeps VolatileColumns in the digest, so that any rewrite
	// of a row shows ("nothing was touched" checks). Without it they are
	// left out ("the same data was stored" checks).
	KeepVolatile bool
	// Skip leaves out further columns, each named "table.column".
	Skip []string
}

func (c Columns) keep(table, column string) bool {
	if !c.KeepVolatile && slices.Contains(VolatileColumns, column) {
		return false
	}
	return !slices.Contains(c.Skip, table+"."+column)
}

// Digest is "N rows <md5>" of the rows of table for which the SQL condition
// where holds ("" for every row), or "empty" when none does. The md5 covers
// the chosen columns of every row, in a stable order. It fails the test on
// a database error.
func Digest(t testing.TB, pool *pgxpool.Pool, table, where string, cols Columns) string {
	t.Helper()
	ctx := context.Background()
	rows, err := pool.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		t.Fatalf("digest %s: list columns: %v", table, err)
	}
	var names []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatalf("digest %s: list columns: %v", table, err)
		}
		if cols.keep(table, c) {
			names = append(names, fmt.Sprintf("%q::text", c))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("digest %s: list columns: %v", table, err)
	}
	if len(names) == 0 {
		t.Fatalf("digest %s: no columns to digest (is the table name right?)", table)
	}
	if where == "" {
		where = "true"
	}
	q := fmt.Sprintf(`SELECT md5(string_agg(r, E'\n' ORDER BY r)), count(*)
		FROM (SELECT concat_ws('|', %s) AS r FROM %s WHERE %s) AS x`, strings.Join(names, ", "), table, where)
	var sum *string
	var n int
	if err := pool.QueryRow(ctx, q).Scan(&sum, &n); err != nil {
		t.Fatalf("digest %s: %v", table, err)
	}
	if sum == nil {
		return "empty"
	}
	return fmt.Sprintf("%d rows %s", n, *sum)
}

// Digests maps table names to their Digest.
type Digests map[string]string

// Snapshot digests every table of DataTables, all rows.
func Snapshot(t testing.TB, pool *pgxpool.Pool, cols Columns) Digests {
	t.Helper()
	s := Digests{}
	for _, table := range DataTables {
		s[table] = Digest(t, pool, table, "", cols)
	}
	return s
}

// Equal reports whether two sets of digests match table for table.
func (s Digests) Equal(o Digests) bool {
	return maps.Equal(s, o)
}

// Diff names the tables whose digests differ, with both digests, in table
// name order; "" when none does.
func (s Digests) Diff(o Digests) string {
	var out []string
	for _, table := range tablesOf(s, o) {
		if s[table] != o[table] {
			out = append(out, fmt.Sprintf("%s: %s → %s", table, s[table], o[table]))
		}
	}
	return strings.Join(out, "; ")
}

// SameSnapshots fails the test (without stopping it), naming each table
// whose digest differs between before and after.
func SameSnapshots(t testing.TB, before, after Digests) {
	t.Helper()
	for _, table := range tablesOf(before, after) {
		if b, a := before[table], after[table]; a != b {
			t.Errorf("table %s changed: before %s, after %s", table, b, a)
		}
	}
}

// tablesOf lists the tables named in either set of digests, sorted.
func tablesOf(a, b Digests) []string {
	all := Digests{}
	maps.Copy(all, a)
	maps.Copy(all, b)
	return slices.Sorted(maps.Keys(all))
}
