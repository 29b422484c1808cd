package recon

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
	"github.com/recon-energy/recon/sql/schema"
)

// consistency is verify's whole consistency check of a date: the
// summaries (VerifyConsistency) and turn-up (turnUpChecks).
func consistency(t *testing.T, pool *pgxpool.Pool, day string) []Inconsistency {
	t.Helper()
	ctx := context.Background()
	q := db.New(pool)
	d := date(t, day)
	rows, err := q.VerifyConsistency(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	var out []Inconsistency
	for _, r := range rows {
		out = append(out, Inconsistency(r))
	}
	turnUp, err := turnUpChecks(ctx, q, d)
	if err != nil {
		t.Fatal(err)
	}
	return append(out, turnUp...)
}

// sumsAgree checks the turn-up columns of every summary against the level
// below, computed here: a day against its turn_up_periods and payment, a
// month against its days, a year against its months; and the who-was-paid
// tables of each day against its turn_up_periods.
func sumsAgree(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	for _, c := range []struct{ what, query string }{
		{"days vs turn_up_periods", `SELECT count(*) FROM daily_summaries AS d
			LEFT JOIN (SELECT settlement_date, sum(turn_up_mwh) AS mwh, sum(turn_up_cost_gbp) AS cost
			           FROM turn_up_periods GROUP BY 1) AS t ON t.settlement_date = d.summary_date
			WHERE d.turn_up_mwh <> coalesce(t.mwh, 0) OR d.turn_up_cost_gbp <> coalesce(t.cost, 0)
			   OR d.total_cost_gbp <> d.turn_up_cost_gbp - d.total_payment`},
		{"months vs days", `SELECT count(*) FROM monthly_summaries AS m
			JOIN (SELECT to_char(summary_date, 'YYYY-MM') AS ym, sum(turn_up_mwh) AS mwh, sum(turn_up_cost_gbp) AS cost,
			             sum(total_cost_gbp) AS total FROM daily_summaries GROUP BY 1) AS d ON d.ym = m.year_month
			WHERE (m.turn_up_mwh, m.turn_up_cost_gbp, m.total_cost_gbp) <> (d.mwh, d.cost, d.total)`},
		{"years vs months", `SELECT count(*) FROM yearly_summaries AS y
			JOIN (SELECT left(year_month, 4) AS yy, sum(turn_up_mwh) AS mwh, sum(turn_up_cost_gbp) AS cost,
			             sum(total_cost_gbp) AS total FROM monthly_summaries GROUP BY 1) AS m ON m.yy = y.year
			WHERE (y.turn_up_mwh, y.turn_up_cost_gbp, y.total_cost_gbp) <> (m.mwh, m.cost, m.total)`},
		{"turn-up per unit vs turn_up_periods", `SELECT count(*) FROM
			(SELECT settlement_date, sum(turn_up_mwh) AS mwh, sum(turn_up_cost_gbp) AS cost, sum(rows_taken) AS n
			 FROM turn_up_periods GROUP BY 1) AS p
			FULL JOIN (SELECT settlement_date, sum(turn_up_mwh) AS mwh, sum(turn_up_cost_gbp) AS cost, sum(rows_taken) AS n
			           FROM turn_up_unit_days GROUP BY 1) AS u USING (settlement_date)
			WHERE (p.mwh, p.cost, p.n) IS DISTINCT FROM (u.mwh, u.cost, u.n) AND p.mwh <> 0`},
	} {
		if n := count(t, pool, c.query); n != 0 {
			t.Errorf("%s: %d rows disagree", c.what, n)
		}
	}
}

// The summaries carry both halves of the cost, the who-was-paid tables hold
// what the archive gives, and every path keeps them so: a run, a run of some
// periods, rederive (also after a registry change), verify --fix after
// tampering; verify's consistency check finds each tampered figure.
func TestTurnUpInSummariesOnEveryPath(t *testing.T) {
	h := newHarness(t)
	pool := h.db.Pool
	day, next := "2025-03-06", "2025-03-07"
	first := h.run(RunOptions{Date: date(t, day)})
	h.run(RunOptions{Date: date(t, next)})
	sumsAgree(t, pool)
	for _, d := range []string{day, next} {
		if bad := consistency(t, pool, d); len(bad) != 0 {
			t.Fatalf("%s after a run: %+v", d, bad)
		}
	}

	// The run's summary and record: both halves and the total.
	totals, err := turnUpTotals(h.ctx, db.New(pool), first.Date, first.Periods)
	if err != nil {
		t.Fatal(err)
	}
	if !sameTurnUp(first.TurnUp, totals) || !first.TurnUp.TurnUpMWh.IsPositive() ||
		!first.TurnUp.TotalCostGBP.Equal(first.TurnUp.TurnUpCostGBP.Sub(first.Payment)) {
		t.Errorf("the run's turn-up %+v, stored %+v, payment %s", first.TurnUp, totals, first.Payment)
	}
	var raw []byte
	if err := pool.QueryRow(h.ctx, `SELECT details FROM runs WHERE run_id = $1`, first.RunID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	var details map[string]any
	if err := json.Unmarshal(raw, &details); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]decimal.Decimal{"turn_up_mwh": totals.TurnUpMWh, "turn_up_cost_gbp": totals.TurnUpCostGBP,
		"turn_up_shortfall_mwh": totals.ShortfallMWh, "total_cost_gbp": totals.TotalCostGBP} {
		if got, err := decimal.NewFromString(fmt.Sprint(details[key])); err != nil || !got.Equal(want) {
			t.Errorf("runs.details %s = %q, want %s", key, details[key], want)
		}
	}
	var dayTotal decimal.Decimal
	if err := pool.QueryRow(h.ctx, `SELECT total_cost_gbp FROM daily_summaries WHERE summary_date = $1`, day).Scan(&dayTotal); err != nil ||
		!dayTotal.Equal(totals.TotalCostGBP) {
		t.Errorf("daily total cost %s, the run's %s (%v)", dayTotal, totals.TotalCostGBP, err)
	}
	stable := func() map[string]string {
		out := map[string]string{}
		for _, table := range []string{"daily_summaries", "monthly_summaries", "yearly_summaries", "turn_up_periods",
			"turn_up_unit_days", "so_offer_unit_days"} {
			out[table] = digest(t, pool, table, true)
		}
		return out
	}
	before := stable()

	// Tampering, each found by the check.
	for _, tamper := range []string{
		`UPDATE daily_summaries SET turn_up_cost_gbp = turn_up_cost_gbp + 1 WHERE summary_date = '2025-03-06'`,
		`UPDATE monthly_summaries SET total_cost_gbp = total_cost_gbp - 1 WHERE year_month = '2025-03'`,
		`UPDATE yearly_summaries SET turn_up_mwh = turn_up_mwh + 1 WHERE year = '2025'`,
		`UPDATE turn_up_unit_days SET turn_up_cost_gbp = turn_up_cost_gbp + 1
		 WHERE (settlement_date, bm_unit) = (SELECT settlement_date, bm_unit FROM turn_up_unit_days
		                                     WHERE settlement_date = '2025-03-06' AND bm_unit IS NOT NULL ORDER BY bm_unit LIMIT 1)`,
		`DELETE FROM so_offer_unit_days WHERE (settlement_date, bm_unit) = (SELECT settlement_date, bm_unit FROM so_offer_unit_days
		 WHERE settlement_date = '2025-03-06' AND bm_unit IS NOT NULL ORDER BY bm_unit DESC LIMIT 1)`,
		`UPDATE turn_up_periods SET rows_taken = rows_taken + 1, candidate_rows = candidate_rows + 1
		 WHERE settlement_date = '2025-03-06' AND settlement_period = 20`,
	} {
		if _, err := pool.Exec(h.ctx, tamper); err != nil {
			t.Fatalf("%s: %v", tamper, err)
		}
	}
	found := map[string]bool{}
	issues := consistency(t, pool, day)
	for _, i := range issues {
		found[i.Summary+" "+i.Measure] = true
	}
	for _, want := range []string{"daily_summaries turn_up_cost_gbp", "monthly_summaries total_cost_gbp",
		"yearly_summaries turn_up_mwh", "turn_up_unit_days turn_up_cost_gbp", "so_offer_unit_days row",
		"turn_up_periods rows_taken", "turn_up_periods candidate_rows"} {
		if !found[want] {
			t.Errorf("the check missed %s: found %+v", want, issues)
		}
	}
	rep, err := h.svc.Verify(h.ctx, VerifyOptions{Date: date(t, day), Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Outcome != OutcomeRepaired || len(rep.Before.Inconsistencies) < 6 || len(rep.After.Inconsistencies) != 0 {
		t.Fatalf("verify --fix: %s/%s, %d inconsistencies before, %+v after", rep.Outcome, rep.Finding,
			len(rep.Before.Inconsistencies), rep.After.Inconsistencies)
	}
	if after := stable(); !equalMaps(after, before) {
		t.Errorf("after verify --fix the turn-up figures differ from the first runs': %v vs %v", after, before)
	}

	// A run of one period rewrites that period's turn-up and the whole
	// date's who-was-paid, consistently.
	h.run(RunOptions{Date: date(t, day), Periods: &settlement.Range{From: 20, To: 20}})
	if bad := consistency(t, pool, day); len(bad) != 0 {
		t.Errorf("after a run of period 20: %+v", bad)
	}
	if after := stable(); !equalMaps(after, before) {
		t.Error("a run of period 20 changed the figures")
	}

	// Rederive after a registry change: the summaries follow.
	if _, err := pool.Exec(h.ctx, `DELETE FROM wind_units WHERE elexon_bm_unit = (SELECT farm_id FROM curtailment_records
		WHERE settlement_date = '2025-03-06' GROUP BY farm_id ORDER BY sum(abs(volume)) DESC, farm_id LIMIT 1)`); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Rederive(h.ctx, RederiveOptions{From: date(t, day), To: date(t, next)}); err != nil {
		t.Fatal(err)
	}
	sumsAgree(t, pool)
	for _, d := range []string{day, next} {
		if bad := consistency(t, pool, d); len(bad) != 0 {
			t.Errorf("%s after rederive: %+v", d, bad)
		}
	}
	if after := stable(); after["daily_summaries"] == before["daily_summaries"] || after["turn_up_unit_days"] == before["turn_up_unit_days"] {
		t.Error("removing the most curtailed farm and rederiving left the turn-up unchanged")
	}
}

func sameTurnUp(a, b TurnUpTotals) bool {
	return a.Periods == b.Periods && a.CurtailedMWh.Equal(b.CurtailedMWh) && a.TurnUpMWh.Equal(b.TurnUpMWh) &&
		a.TurnUpCostGBP.Equal(b.TurnUpCostGBP) && a.ShortfallMWh.Equal(b.ShortfallMWh) && a.RowsTaken == b.RowsTaken &&
		a.NullPriceRows == b.NullPriceRows && a.TotalCostGBP.Equal(b.TotalCostGBP)
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

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

// Migration 00015 on a database that holds dates: a date stored before
// turn-up existed (no turn_up_periods) and one stored after both get what a
// run now writes (turn-up periods where missing, the who-was-paid tables,
// the summaries' new columns), each under a run recorded for the purpose;
// the result is what the runs themselves wrote. Its Down gives the schema
// back.
func TestMigration00015OnStoredData(t *testing.T) {
	h := newHarness(t)
	pool := h.db.Pool
	h.run(RunOptions{Date: date(t, "2025-03-06")})
	h.run(RunOptions{Date: date(t, "2025-04-01")})
	want := map[string]string{}
	tables := []string{"daily_summaries", "monthly_summaries", "yearly_summaries", "turn_up_periods", "turn_up_unit_days", "so_offer_unit_days"}
	for _, table := range tables {
		want[table] = digest(t, pool, table, true)
	}

	migrateTo(t, pool, 14)
	if n := count(t, pool, `SELECT count(*) FROM information_schema.columns WHERE column_name IN ('turn_up_mwh', 'total_cost_gbp')
		AND table_name LIKE '%_summaries'`); n != 0 {
		t.Fatalf("after the Down, the summaries keep %d turn-up columns", n)
	}
	// 2025-03-06 as a date stored before migration 00011.
	if _, err := pool.Exec(h.ctx, `DELETE FROM turn_up_periods WHERE settlement_date = '2025-03-06'`); err != nil {
		t.Fatal(err)
	}
	runs := count(t, pool, `SELECT count(*) FROM runs`)
	migrateTo(t, pool, 16)

	for _, table := range tables {
		if got := digest(t, pool, table, true); got != want[table] {
			t.Errorf("%s after the migration: %s, as the runs wrote it: %s", table, got, want[table])
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM runs WHERE command = 'migrate' AND details ->> 'note' LIKE '%migration 00015%'
		AND synthetic AND settlement_date IN ('2025-03-06', '2025-04-01')`); n != 2 || count(t, pool, `SELECT count(*) FROM runs`) != runs+2 {
		t.Errorf("%d runs recorded by the migration, want one per stored date (2)", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM turn_up_periods AS t JOIN runs AS r USING (run_id)
		WHERE t.settlement_date = '2025-03-06' AND r.command <> 'migrate'`); n != 0 {
		t.Errorf("%d turn-up periods of the date stored before do not name the migration's run", n)
	}
	// The consistency check is today's query: it needs the later migrations
	// (values, 00017) back.
	migrateTo(t, pool, math.MaxInt64)
	for _, d := range []string{"2025-03-06", "2025-04-01"} {
		if bad := consistency(t, pool, d); len(bad) != 0 {
			t.Errorf("%s after the migration: %+v", d, bad)
		}
	}
}
