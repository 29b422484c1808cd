package price_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/refdata"
	"github.com/recon-energy/recon/internal/settlement"
)

// TestSeedMigrationMatchesRefdata checks that the points the migrations
// seed (00012 the closes of 2016-01-01 to 2025-12-31, 00017 the close of
// 2015-12-31) are exactly the shipped file: every instant, the price's text
// (no rounding) and the source.
func TestSeedMigrationMatchesRefdata(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	points, err := price.ParseCSV(bytes.NewReader(refdata.BTCGBPDailyCSV))
	if err != nil {
		t.Fatalf("the shipped price file does not parse: %v", err)
	}
	if len(points) != 3654 {
		t.Fatalf("%d points in the shipped file, want 3,654", len(points))
	}
	// The first point is the close of 2015-12-31 (Yahoo Finance BTC-GBP, see
	// internal/refdata/README.md): the first period of 2016 starts at it.
	if first := points[0]; !first.ObservedAt.Equal(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)) ||
		first.GBP.String() != "291.949402" || first.Source != price.SourceYahoo {
		t.Errorf("first point %+v, want 2016-01-01T00:00:00Z £291.949402 %s", first, price.SourceYahoo)
	}
	// The rows as written in the file: the price's text, not a decimal
	// re-printed (41332.343750 must stay 41332.343750).
	records, err := csv.NewReader(bytes.NewReader(refdata.BTCGBPDailyCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, r := range records[1:] {
		if !points[i].ObservedAt.Equal(mustInstant(t, r[0])) {
			t.Fatalf("line %d: ParseCSV and the raw file disagree", i+2)
		}
		want = append(want, strings.Join(r, "|"))
	}
	rows, err := d.Pool.Query(ctx, `SELECT to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
		|| '|' || price_gbp::text || '|' || source FROM btc_prices WHERE run_id IS NULL ORDER BY observed_at`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d points seeded, %d in the file", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d: seeded %s, file %s", i, got[i], want[i])
		}
	}
	for _, row := range []string{"2025-10-26T00:00:00Z|83174.4|derived-bitstamp-usd-x-gbp", "2024-02-19T00:00:00Z|41332.343750|yahoo-btc-gbp"} {
		if !slices.Contains(got, row) {
			t.Errorf("%s is not stored as written", row)
		}
	}
}

// TestSettlementPeriodStartMatchesGo checks the SQL calendar
// (settlement_day_periods, settlement_period_start) against
// internal/settlement for every day of 2016-2026, clock changes included.
func TestSettlementPeriodStartMatchesGo(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	rows, err := d.Pool.Query(ctx, `SELECT d::date, n, settlement_period_start(d::date, n)
		FROM generate_series('2016-01-01'::date, '2026-12-31'::date, interval '1 day') AS d
		CROSS JOIN LATERAL generate_series(1, settlement_day_periods(d::date)) AS n
		ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	perDay := map[time.Time]int{}
	var n int
	var date, start time.Time
	_, err = pgx.ForEachRow(rows, []any{&date, &n, &start}, func() error {
		perDay[date]++
		if want := settlement.PeriodStart(date, n); !start.Equal(want) {
			return fmt.Errorf("%s period %d: SQL starts it at %s, Go at %s", date.Format(settlement.DateLayout), n, start.UTC(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	days := 0
	for day := date0(); !day.After(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)); day = day.AddDate(0, 0, 1) {
		days++
		if perDay[day] != settlement.Periods(day) {
			t.Errorf("%s: SQL has %d periods, Go %d", day.Format(settlement.DateLayout), perDay[day], settlement.Periods(day))
		}
	}
	if days != len(perDay) {
		t.Errorf("SQL listed %d days, want %d", len(perDay), days)
	}
}

func mustInstant(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func date0() time.Time { return time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC) }

// TestPeriodPricesUseTheIndex prices every period of a year (and counts its
// priced periods per date) and checks,
// with the table's scan counters of the transaction, that btc_prices was
// never read by a sequential scan: each period costs index probes only.
func TestPeriodPricesUseTheIndex(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	if _, err := d.Pool.Exec(ctx, `ANALYZE btc_prices`); err != nil {
		t.Fatal(err)
	}
	tx, err := d.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read only
	rows, err := db.New(tx).BtcPricePeriods(ctx, db.BtcPricePeriodsParams{
		FromDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), ToDate: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
		MaxAge: pgtype.Interval{Microseconds: price.DefaultMaxAge.Microseconds(), Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 366*48 { // 2024 has 366 days, two of them with 46 and 50 periods
		t.Fatalf("%d periods priced in 2024, want %d", len(rows), 366*48)
	}
	cov, err := db.New(tx).BtcPriceCoverageByDate(ctx, db.BtcPriceCoverageByDateParams{
		FromDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), ToDate: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
		MaxAge: pgtype.Interval{Microseconds: price.DefaultMaxAge.Microseconds(), Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cov) != 366 {
		t.Fatalf("coverage of %d dates in 2024, want 366", len(cov))
	}
	var seq, idx int64
	if err := tx.QueryRow(ctx, `SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'btc_prices'`).Scan(&seq, &idx); err != nil {
		t.Fatal(err)
	}
	if seq != 0 {
		t.Errorf("btc_prices was scanned sequentially %d time(s) to price a year", seq)
	}
	if idx < 2*int64(len(rows)) {
		t.Errorf("%d index scans of btc_prices for %d periods: the lookups do not go through the index", idx, len(rows))
	}
}

// TestDefaultBoundIsTheSameInSQLAndGo checks that the price rule's default
// max_age in SQL is price.DefaultMaxAge.
func TestDefaultBoundIsTheSameInSQLAndGo(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	want := fmt.Sprintf("DEFAULT '%d days'::interval", int(price.DefaultMaxAge/(24*time.Hour)))
	for _, fn := range []string{"btc_price_point_in_force"} {
		var args string
		if err := d.Pool.QueryRow(ctx, `SELECT pg_get_function_arguments(oid) FROM pg_proc WHERE proname = $1`, fn).Scan(&args); err != nil {
			t.Fatalf("%s: %v", fn, err)
		}
		if !strings.Contains(args, want) {
			t.Errorf("%s(%s): want max_age %s (price.DefaultMaxAge)", fn, args, want)
		}
	}
}
