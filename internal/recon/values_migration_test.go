package recon

import (
	"context"
	"math"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/sql/schema"
)

// valuesMigration is the migration that stores values beside the Bitcoin.
const valuesMigration = 17

// gooseTo moves a database to exactly version v of the embedded migrations,
// up or down; v < 0 means the last version before valuesMigration.
func gooseTo(t *testing.T, pool *pgxpool.Pool, v int64) {
	t.Helper()
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer sqlDB.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, schema.FS)
	if err != nil {
		t.Fatal(err)
	}
	if v < 0 {
		for _, s := range p.ListSources() {
			if s.Version < valuesMigration {
				v = max(v, s.Version)
			}
		}
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

// TestValuesMigrationOnStoredData applies migration 00017 to a database
// that holds Bitcoin stored before it: every row gets the price in force at
// its period's start (by recon's default bound), or none, and its value;
// the runs that wrote them record that bound; the summaries get their
// values and counts; and verify finds the dates consistent, with no recalc.
// Then its Down and Up again work.
func TestValuesMigrationOnStoredData(t *testing.T) {
	ctx := context.Background()
	d := pgtest.NewEmpty(t)
	gooseTo(t, d.Pool, -1)
	exec := func(q string) {
		t.Helper()
		if _, err := d.Pool.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// 2025-10-26: periods 1 (23:00Z the day before: the close of 24
	// October) and 3 (00:00Z: the close of 25 October), two farms and two
	// models; 2026-07-20: beyond the shipped history, no price. A run of
	// each, and the summaries as the rollups before 00017 stored them.
	exec(`INSERT INTO runs (run_id, command, settlement_date, started_at, outcome) VALUES
		(1, 'run', '2025-10-26', now(), 'succeeded'), (2, 'run', '2026-07-20', now(), 'succeeded'),
		(3, 'wind', '2025-10-26', now(), 'succeeded')`)
	exec(`INSERT INTO historical_bitcoin_calculations (settlement_date, settlement_period, farm_id, miner_model, bitcoin_mined, difficulty, run_id) VALUES
		('2025-10-26', 1, 'T_A-1', 'S19J_PRO', 0.5, 1, 1), ('2025-10-26', 1, 'T_B-1', 'S19J_PRO', 0.25, 1, 1),
		('2025-10-26', 1, 'T_A-1', 'S9', 0.125, 1, 1), ('2025-10-26', 1, 'T_B-1', 'S9', 0, 1, 1),
		('2025-10-26', 3, 'T_A-1', 'S19J_PRO', 1.00000001, 1, 1), ('2025-10-26', 3, 'T_A-1', 'S9', 0.3, 1, 1),
		('2026-07-20', 5, 'T_A-1', 'S19J_PRO', 2, 1, 2), ('2026-07-20', 5, 'T_A-1', 'S9', 0.6, 1, 2)`)
	exec(`INSERT INTO bitcoin_daily_summaries (summary_date, miner_model, bitcoin_mined) VALUES
		('2025-10-26', 'S19J_PRO', 1.75000001), ('2025-10-26', 'S9', 0.425), ('2026-07-20', 'S19J_PRO', 2), ('2026-07-20', 'S9', 0.6)`)
	exec(`INSERT INTO bitcoin_monthly_summaries (year_month, miner_model, bitcoin_mined) VALUES
		('2025-10', 'S19J_PRO', 1.75000001), ('2025-10', 'S9', 0.425), ('2026-07', 'S19J_PRO', 2), ('2026-07', 'S9', 0.6)`)
	exec(`INSERT INTO bitcoin_yearly_summaries (year, miner_model, bitcoin_mined) VALUES
		('2025', 'S19J_PRO', 1.75000001), ('2025', 'S9', 0.425), ('2026', 'S19J_PRO', 2), ('2026', 'S9', 0.6)`)

	gooseTo(t, d.Pool, valuesMigration)

	p1, p3 := decimal.RequireFromString("82739.31"), decimal.RequireFromString("83174.4")
	for _, tc := range []struct {
		period int
		farm   string
		model  string
		price  decimal.NullDecimal
	}{
		{1, "T_A-1", "S19J_PRO", decimal.NewNullDecimal(p1)},
		{1, "T_B-1", "S9", decimal.NewNullDecimal(p1)},
		{3, "T_A-1", "S19J_PRO", decimal.NewNullDecimal(p3)},
	} {
		var price, value decimal.NullDecimal
		var btc decimal.Decimal
		var source *string
		if err := d.Pool.QueryRow(ctx, `SELECT bitcoin_mined, price_gbp, price_source, value_gbp FROM historical_bitcoin_calculations
			WHERE settlement_date = '2025-10-26' AND settlement_period = $1 AND farm_id = $2 AND miner_model = $3`,
			tc.period, tc.farm, tc.model).Scan(&btc, &price, &source, &value); err != nil {
			t.Fatal(err)
		}
		if !price.Valid || !price.Decimal.Equal(tc.price.Decimal) || source == nil || *source != "derived-bitstamp-usd-x-gbp" || !value.Valid || !value.Decimal.Equal(btc.Mul(tc.price.Decimal)) {
			t.Errorf("period %d %s %s: price %v (%v), value %v; want %v and BTC × it", tc.period, tc.farm, tc.model, price, source, value, tc.price)
		}
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM historical_bitcoin_calculations WHERE settlement_date = '2026-07-20'
		AND price_gbp IS NULL AND price_observed_at IS NULL AND price_source IS NULL AND value_gbp IS NULL`); n != 2 {
		t.Errorf("%d rows of 2026-07-20 without a price and a value, want 2", n)
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM runs WHERE price_max_age = interval '8 days'`); n != 2 {
		t.Errorf("%d runs record the bound of 8 days, want the 2 that wrote Bitcoin", n)
	}
	// S19J_PRO on 2025-10-26: 0.75 at the close of 24 October, 1.00000001
	// at that of 25 October.
	want := decimal.RequireFromString("0.75").Mul(p1).Add(decimal.RequireFromString("1.00000001").Mul(p3))
	for _, s := range []struct{ table, key, subject string }{
		{"bitcoin_daily_summaries", "summary_date", "2025-10-26"},
		{"bitcoin_monthly_summaries", "year_month", "2025-10"},
		{"bitcoin_yearly_summaries", "year", "2025"},
	} {
		v, without, derived := summaryValue(t, d.Pool, s.table, s.key, s.subject, "S19J_PRO")
		if !v.Valid || !v.Decimal.Equal(want) || without != 0 || derived != 2 {
			t.Errorf("%s %s: £%v, %d without a price, %d derived; want £%s, 0, 2", s.table, s.subject, v, without, derived, want)
		}
		later := map[string]string{"summary_date": "2026-07-20", "year_month": "2026-07", "year": "2026"}[s.key]
		if v, without, _ := summaryValue(t, d.Pool, s.table, s.key, later, "S9"); v.Valid || without != 1 {
			t.Errorf("%s %s: £%v, %d without a price; want no value and 1", s.table, later, v, without)
		}
	}
	// The consistency check is today's query: it needs the later migrations
	// (the farms' summaries, 00020) too.
	gooseTo(t, d.Pool, math.MaxInt64)
	consistent(t, d.Pool, date(t, "2025-10-26"))
	consistent(t, d.Pool, date(t, "2026-07-20"))

	gooseTo(t, d.Pool, -1)
	if n := count(t, d.Pool, `SELECT count(*) FROM information_schema.columns WHERE column_name IN ('value_gbp', 'price_max_age', 'periods_without_price')`); n != 0 {
		t.Errorf("after the Down, %d of the new columns remain", n)
	}
	gooseTo(t, d.Pool, math.MaxInt64)
	consistent(t, d.Pool, date(t, "2025-10-26"))
}
