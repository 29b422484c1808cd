package database_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/sql/schema"
)

// migrateTo moves a database to exactly version v of the embedded
// migrations, up or down.
func migrateTo(t *testing.T, pool *pgxpool.Pool, v int64) {
	t.Helper()
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer func(db *sql.DB) { db.Close() }(sqlDB)
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, schema.FS)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cur, err := p.GetDBVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cur < v {
		_, err = p.UpTo(ctx, v)
	} else {
		_, err = p.DownTo(ctx, v)
	}
	if err != nil {
		t.Fatalf("migrate from %d to %d: %v", cur, v, err)
	}
}

// TestMigration00008OnStoredData applies migration 00008 to a database that
// already holds data stored before it: wind generation gets the run that
// fetched it, wind runs fetched from a stand-in get their synthetic flag,
// months and years get the days their curtailed share covers, and every
// foreign key holds. Then its Down gives back the schema 00007 left.
func TestMigration00008OnStoredData(t *testing.T) {
	ctx := context.Background()
	d := pgtest.NewEmpty(t)
	migrateTo(t, d.Pool, 7)
	at7 := schemaDescription(t, d.Pool)

	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := d.Pool.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// Two dates of April 2025: a stack run from a stand-in at :1 (marked
	// synthetic, as runs recorded it), and wind fetched twice for the 1st
	// from that stand-in (recorded, wrongly, as not synthetic) and once for
	// the 2nd from another server at :2.
	exec(`INSERT INTO runs (run_id, command, settlement_date, started_at, outcome, elexon_url, synthetic) VALUES
		(1, 'run',  '2025-04-01', now(), 'succeeded', 'http://127.0.0.1:1', true),
		(2, 'run',  '2025-04-02', now(), 'succeeded', 'http://127.0.0.1:1', true),
		(3, 'wind', '2025-04-01', now(), 'succeeded', 'http://127.0.0.1:1', false),
		(4, 'wind', '2025-04-01', now(), 'succeeded', 'http://127.0.0.1:1', false),
		(5, 'wind', '2025-04-02', now(), 'succeeded', 'http://127.0.0.1:2', false),
		(6, 'wind', '2025-04-02', now(), 'failed',    'http://127.0.0.1:2', false)`)
	exec(`INSERT INTO settlement_periods (settlement_date, settlement_period, published, bid_rows, offer_rows, run_id) VALUES
		('2025-04-01', 1, true, 0, 0, 1), ('2025-04-02', 1, true, 0, 0, 2)`)
	exec(`INSERT INTO wind_generation_data (settlement_date, settlement_period, wind_onshore, wind_offshore, total_wind) VALUES
		('2025-04-01', 1, 10, 20, 30), ('2025-04-02', 1, 1, 2, 3)`)
	// The 1st has wind, the 2nd none yet in its summary: the month's share
	// covers one day.
	exec(`INSERT INTO daily_summaries (summary_date, total_curtailed_energy, total_payment, total_wind_generation,
		wind_onshore_generation, wind_offshore_generation, curtailment_records, periods_covered) VALUES
		('2025-04-01', 5, -50, 15, 5, 10, 0, 1), ('2025-04-02', 7, -70, NULL, NULL, NULL, 0, 1)`)
	exec(`INSERT INTO monthly_summaries (year_month, total_curtailed_energy, total_payment, total_wind_generation,
		wind_onshore_generation, wind_offshore_generation, curtailment_records, days_covered) VALUES
		('2025-04', 12, -120, 15, 5, 10, 0, 2)`)
	exec(`INSERT INTO yearly_summaries (year, total_curtailed_energy, total_payment, total_wind_generation,
		wind_onshore_generation, wind_offshore_generation, curtailment_records, days_covered) VALUES
		('2025', 12, -120, 15, 5, 10, 0, 2)`)

	migrateTo(t, d.Pool, 8)

	rows, err := d.Pool.Query(ctx, `SELECT w.settlement_date::text, w.run_id, r.synthetic
		FROM wind_generation_data AS w JOIN runs AS r USING (run_id) ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	type prov struct {
		run       int64
		synthetic bool
	}
	got := map[string]prov{}
	for rows.Next() {
		var date string
		var p prov
		if err := rows.Scan(&date, &p.run, &p.synthetic); err != nil {
			t.Fatal(err)
		}
		got[date] = p
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	// The latest successful wind run of each date stored its rows; the one
	// from the synthetic stand-in's address is now marked synthetic.
	want := map[string]prov{"2025-04-01": {4, true}, "2025-04-02": {5, false}}
	for date, w := range want {
		if got[date] != w {
			t.Errorf("wind of %s: run %d synthetic %v, want run %d synthetic %v", date, got[date].run, got[date].synthetic, w.run, w.synthetic)
		}
	}

	var days, yearDays int
	var onWindDays, yearOnWindDays, share decimal.Decimal
	if err := d.Pool.QueryRow(ctx, `SELECT m.days_with_wind, m.curtailed_energy_on_wind_days, y.days_with_wind,
			y.curtailed_energy_on_wind_days, o.curtailed_share
		FROM monthly_summaries AS m, yearly_summaries AS y, monthly_overview AS o
		WHERE m.year_month = '2025-04' AND y.year = '2025' AND o.year_month = '2025-04'`).
		Scan(&days, &onWindDays, &yearDays, &yearOnWindDays, &share); err != nil {
		t.Fatal(err)
	}
	if days != 1 || !onWindDays.Equal(decimal.NewFromInt(5)) || yearDays != 1 || !yearOnWindDays.Equal(decimal.NewFromInt(5)) {
		t.Errorf("month %d days with wind, %s MWh on them; year %d, %s; want 1 day, 5 MWh", days, onWindDays, yearDays, yearOnWindDays)
	}
	if want := decimal.NewFromInt(5).DivRound(decimal.NewFromInt(20), 20); !share.Equal(want) {
		t.Errorf("April's curtailed share %s, want 5 / (15 + 5) = %s", share, want)
	}

	// The keys hold: a row naming a run that does not exist is refused.
	if _, err := d.Pool.Exec(ctx, `INSERT INTO settlement_periods (settlement_date, settlement_period, published, bid_rows,
		offer_rows, run_id) VALUES ('2025-04-03', 1, true, 0, 0, 999)`); err == nil {
		t.Error("a settlement period naming run 999, which does not exist, was stored")
	}

	migrateTo(t, d.Pool, 7)
	if back := schemaDescription(t, d.Pool); back != at7 {
		t.Errorf("after 00008's Down the schema differs from 00007's:\n%s", firstDifference(at7, back))
	}
}

// firstDifference shows where two descriptions part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "want …" + a[lo:min(len(a), i+200)] + "\n got …" + b[lo:min(len(b), i+200)]
}
