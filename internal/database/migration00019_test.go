package database_test

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/sql/schema"
)

// versionBefore is the migration that precedes version v.
func versionBefore(t *testing.T, pool *pgxpool.Pool, v int64) int64 {
	t.Helper()
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer func(db *sql.DB) { db.Close() }(sqlDB)
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, schema.FS)
	if err != nil {
		t.Fatal(err)
	}
	var prev int64 = -1
	for _, s := range p.ListSources() {
		if s.Version < v {
			prev = max(prev, s.Version)
		}
	}
	if prev < 0 {
		t.Fatalf("no migration before %d", v)
	}
	return prev
}

// rowsAsText is every stack row, each as one line of text (all its columns,
// raw and run included), in key order.
func rowsAsText(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT s::text FROM stack_rows AS s
		ORDER BY settlement_date, settlement_period, side, sequence_number`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMigration00019KeepsEveryByte migrates a database holding stack rows
// (a generated period, and rows written by hand with multi-byte text,
// escapes, spaces and unknown fields) to the archive of whole responses,
// and back. Every row comes out of the view stack_rows exactly as it went
// into the table, raw byte for byte, and so do the fingerprints verify
// compares; a published side without rows becomes an empty response; the
// curtailment and Bitcoin rows keep everything but their ids and write
// times. Down gives the table, the rows and the schema back.
func TestMigration00019KeepsEveryByte(t *testing.T) {
	ctx := context.Background()
	d := pgtest.NewEmpty(t)
	prev := versionBefore(t, d.Pool, 19)
	migrateTo(t, d.Pool, prev)
	before := schemaDescription(t, d.Pool)

	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := d.Pool.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO runs (run_id, command, settlement_date, started_at, outcome) VALUES
		(1, 'run', '2025-03-06', now(), 'succeeded'), (2, 'run', '2025-03-07', now(), 'succeeded')`)

	// The rows, as recon stored them: typed columns as decoded, raw as
	// received.
	day := time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC)
	generated, err := elexon.DecodeStack(elexontest.GenerateStack(day, 7, elexon.Bid, 0), day, 7)
	if err != nil {
		t.Fatal(err)
	}
	var bids []string
	for _, r := range generated {
		bids = append(bids, string(r.Raw))
	}
	offers := []string{
		`{"settlementDate":"2025-03-06","settlementPeriod":7,"startTime":"2025-03-06T03:00:00Z","sequenceNumber":2,` +
			`"id":"T_Ü€-1","volume":-1.5,"soFlag":true,"originalPrice":null,"x":"\u00e9 \"q\" 😀\t"}`,
		`{ "settlementDate" : "2025-03-06", "settlementPeriod" : 7, "startTime" : "2025-03-06T03:00:00Z",` + "\n" +
			`  "sequenceNumber" : 1, "id" : null, "volume" : 12.0, "dmatAdjustedVolume": 1E-3, "nested": {"a": [1, {"b": null}]} }`,
	}
	const insert = `INSERT INTO stack_rows (settlement_date, settlement_period, side, sequence_number, bm_unit,
		acceptance_id, bid_offer_pair_id, start_time, created_date_time, so_flag, cadl_flag, stor_provider_flag,
		repriced_indicator, volume, original_price, final_price, reserve_scarcity_price, dmat_adjusted_volume,
		arbitrage_adjusted_volume, niv_adjusted_volume, par_adjusted_volume, transmission_loss_multiplier,
		tlm_adjusted_volume, tlm_adjusted_cost, raw, run_id)
		SELECT $1, $2, $3, (r ->> 'sequenceNumber')::int, r ->> 'id', (r ->> 'acceptanceId')::bigint,
		       (r ->> 'bidOfferPairId')::int, (r ->> 'startTime')::timestamptz, (r ->> 'createdDateTime')::timestamptz,
		       (r ->> 'soFlag')::boolean, (r ->> 'cadlFlag')::boolean, (r ->> 'storProviderFlag')::boolean,
		       (r ->> 'repricedIndicator')::boolean, (r ->> 'volume')::numeric, (r ->> 'originalPrice')::numeric,
		       (r ->> 'finalPrice')::numeric, (r ->> 'reserveScarcityPrice')::numeric, (r ->> 'dmatAdjustedVolume')::numeric,
		       (r ->> 'arbitrageAdjustedVolume')::numeric, (r ->> 'nivAdjustedVolume')::numeric,
		       (r ->> 'parAdjustedVolume')::numeric, (r ->> 'transmissionLossMultiplier')::numeric,
		       (r ->> 'tlmAdjustedVolume')::numeric, (r ->> 'tlmAdjustedCost')::numeric, x.raw, $5
		FROM unnest($4::text[]) AS x(raw), LATERAL (SELECT x.raw::json AS r) AS j`
	exec(insert, day, 7, "bid", bids, 1)
	exec(insert, day, 7, "offer", offers, 1)
	exec(insert, day.AddDate(0, 0, 1), 1, "offer", offers[:1], 2)
	// Period 7 of the 6th had both sides; period 1 of the 7th only offers
	// (its bid response was empty), and period 2 was not published.
	exec(`INSERT INTO settlement_periods (settlement_date, settlement_period, published, bid_rows, offer_rows, run_id) VALUES
		('2025-03-06', 7, true, $1, 2, 1), ('2025-03-07', 1, true, 0, 1, 2), ('2025-03-07', 2, false, 0, 0, 2)`, len(bids))
	exec(`INSERT INTO curtailment_records (settlement_date, settlement_period, farm_id, lead_party_name, volume, payment,
		original_price, final_price, so_flag, cadl_flag, side, sequence_number, acceptance_id, bid_offer_pair_id,
		created_date_time, run_id) VALUES
		('2025-03-06', 7, 'T_Ü€-1', 'Ünit plc', -1.5, NULL, NULL, NULL, true, NULL, 'offer', 2, NULL, NULL, NULL, 1)`)
	exec(`INSERT INTO historical_bitcoin_calculations (settlement_date, settlement_period, farm_id, miner_model,
		bitcoin_mined, difficulty, run_id) VALUES ('2025-03-06', 7, 'T_Ü€-1', 'S9', 0.00012345, 110568428300952, 1)`)

	derived := func() []string {
		t.Helper()
		var out []string
		for _, q := range []string{
			`SELECT (settlement_date, settlement_period, farm_id, lead_party_name, volume, payment, original_price,
				final_price, so_flag, cadl_flag, side, sequence_number, acceptance_id, bid_offer_pair_id,
				created_date_time, run_id, energy_mwh)::text FROM curtailment_records`,
			`SELECT (settlement_date, settlement_period, farm_id, miner_model, bitcoin_mined, difficulty,
				difficulty_override, run_id)::text FROM historical_bitcoin_calculations`,
			`SELECT f::text FROM stack_period_fingerprints AS f ORDER BY settlement_date, settlement_period`,
		} {
			rows, err := d.Pool.Query(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got...)
		}
		return out
	}
	wantRows, wantDerived := rowsAsText(t, d.Pool), derived()
	if len(wantRows) != len(bids)+3 {
		t.Fatalf("%d rows stored before the migration, want %d", len(wantRows), len(bids)+3)
	}

	migrateTo(t, d.Pool, 19)

	if got := rowsAsText(t, d.Pool); !slices.Equal(got, wantRows) {
		t.Errorf("stack_rows after 00019 differs from the table before it:\n%s", firstLineDifference(wantRows, got))
	}
	if got := derived(); !slices.Equal(got, wantDerived) {
		t.Errorf("curtailment, Bitcoin or fingerprints changed:\n%s", firstLineDifference(wantDerived, got))
	}
	// Each response's body: the rows in sequence order, the envelope recon's;
	// the empty bid side of the 7th is a response too, the unpublished
	// period none.
	bodies := map[string]string{}
	rows, err := d.Pool.Query(ctx, `SELECT settlement_date::text || ' ' || settlement_period || ' ' || side, body
		FROM stack_responses WHERE rebuilt`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k, body string
		if err := rows.Scan(&k, &body); err != nil {
			t.Fatal(err)
		}
		bodies[k] = body
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	want := map[string]string{
		"2025-03-06 7 bid":   `{"data":[` + strings.Join(bids, ",") + `]}`,
		"2025-03-06 7 offer": `{"data":[` + offers[1] + "," + offers[0] + `]}`,
		"2025-03-07 1 bid":   `{"data":[]}`,
		"2025-03-07 1 offer": `{"data":[` + offers[0] + `]}`,
	}
	for k, w := range want {
		if bodies[k] != w {
			t.Errorf("response %s: body %.200q…, want %.200q…", k, bodies[k], w)
		}
	}
	if len(bodies) != len(want) || count(t, d.Pool, `SELECT count(*) FROM stack_responses`) != len(want) {
		t.Errorf("%d rebuilt responses, want %d", len(bodies), len(want))
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM information_schema.columns
		WHERE table_name IN ('curtailment_records', 'historical_bitcoin_calculations')
		  AND column_name IN ('id', 'created_at', 'calculated_at')`); n != 0 {
		t.Errorf("%d of the dropped columns remain", n)
	}

	migrateTo(t, d.Pool, prev)
	if got := rowsAsText(t, d.Pool); !slices.Equal(got, wantRows) {
		t.Errorf("stack_rows after 00019's Down differs from the table before it:\n%s", firstLineDifference(wantRows, got))
	}
	if back := schemaDescription(t, d.Pool); back != before {
		t.Errorf("after 00019's Down the schema differs from %d's:\n%s", prev, firstDifference(before, back))
	}
}

// firstLineDifference shows the first line where two lists part.
func firstLineDifference(want, got []string) string {
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\nwant " + w + "\n got " + g
		}
	}
	return "(none)"
}

func count(t *testing.T, pool *pgxpool.Pool, q string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestMigration00020FillsTheFarmDays: the days (and months) held when
// migration 00020 runs get their rows per farm (and per farm and miner
// model), as the records and Bitcoin rows add up (the value over the rows
// with a price), the lead party of each farm's latest record; Down removes
// them.
func TestMigration00020FillsTheFarmDays(t *testing.T) {
	ctx := context.Background()
	d := pgtest.NewEmpty(t)
	migrateTo(t, d.Pool, 19)
	for _, q := range []string{
		`INSERT INTO runs (run_id, command, settlement_date, started_at, outcome) VALUES (1, 'run', '2025-03-06', now(), 'succeeded')`,
		`INSERT INTO daily_summaries (summary_date, total_curtailed_energy, total_payment, curtailment_records, periods_covered,
		 turn_up_mwh, turn_up_cost_gbp, total_cost_gbp) VALUES ('2025-03-06', 6, -100, 3, 2, 0, 0, 100)`,
		`INSERT INTO monthly_summaries (year_month, total_curtailed_energy, total_payment, curtailment_records, days_covered, days_with_wind,
		 turn_up_mwh, turn_up_cost_gbp, total_cost_gbp) VALUES ('2025-03', 6, -100, 3, 1, 0, 0, 0, 100)`,
		`INSERT INTO curtailment_records (settlement_date, settlement_period, farm_id, lead_party_name, volume, payment,
		 original_price, so_flag, side, sequence_number, run_id) VALUES
		 ('2025-03-06', 1, 'A', 'Old plc', -1, -10, 10, true, 'bid', 1, 1),
		 ('2025-03-06', 2, 'A', 'New plc', -2, NULL, NULL, true, 'bid', 1, 1),
		 ('2025-03-06', 2, 'B', 'B plc', -3, -90, 30, true, 'offer', 4, 1)`,
		`INSERT INTO historical_bitcoin_calculations (settlement_date, settlement_period, farm_id, miner_model,
		 bitcoin_mined, difficulty, run_id, price_gbp, price_observed_at, price_source) VALUES
		 ('2025-03-06', 1, 'A', 'S9', 0.1, 1, 1, 1000, '2025-03-05 00:00Z', 'test'), ('2025-03-06', 2, 'A', 'S9', 0.2, 1, 1, NULL, NULL, NULL),
		 ('2025-03-06', 2, 'B', 'S9', 0.3, 1, 1, NULL, NULL, NULL)`,
	} {
		if _, err := d.Pool.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	migrateTo(t, d.Pool, 20)
	rows, err := d.Pool.Query(ctx, `SELECT f::text FROM farm_daily_summaries AS f ORDER BY farm_id`)
	if err != nil {
		t.Fatal(err)
	}
	farms, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{`(2025-03-06,A,"New plc",2,3,-10)`, `(2025-03-06,B,"B plc",1,3,-90)`}; !slices.Equal(farms, want) {
		t.Errorf("farm_daily_summaries %q, want %q", farms, want)
	}
	rows, err = d.Pool.Query(ctx, `SELECT b::text FROM bitcoin_farm_daily_summaries AS b ORDER BY farm_id`)
	if err != nil {
		t.Fatal(err)
	}
	btc, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"(2025-03-06,A,S9,0.30000000,100.00000000)", "(2025-03-06,B,S9,0.30000000,)"}; !slices.Equal(btc, want) {
		t.Errorf("bitcoin_farm_daily_summaries %q, want %q", btc, want)
	}
	for _, c := range []struct{ query, want string }{
		{`SELECT string_agg(f::text, ' ' ORDER BY farm_id) FROM farm_monthly_summaries AS f`,
			`(2025-03,A,"New plc",2025-03-06,2,3,-10) (2025-03,B,"B plc",2025-03-06,1,3,-90)`},
		{`SELECT string_agg(b::text, ' ' ORDER BY farm_id) FROM bitcoin_farm_monthly_summaries AS b`,
			`(2025-03,A,S9,0.30000000,100.00000000) (2025-03,B,S9,0.30000000,)`},
	} {
		var got string
		if err := d.Pool.QueryRow(ctx, c.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.query, got, c.want)
		}
	}
	migrateTo(t, d.Pool, 19)
	if n := count(t, d.Pool, `SELECT count(*) FROM pg_class WHERE relname IN ('farm_daily_summaries', 'bitcoin_farm_daily_summaries',
		'farm_monthly_summaries', 'bitcoin_farm_monthly_summaries')`); n != 0 {
		t.Errorf("%d of the farm tables remain after 00020's Down", n)
	}
}
