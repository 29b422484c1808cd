package recon

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/settlement"
)

// pricePoint is a row of btc_prices, read with plain SQL.
type pricePoint struct {
	at     time.Time
	gbp    decimal.Decimal
	source string
}

// loadPoints reads the whole price history, oldest first.
func loadPoints(t testing.TB, pool *pgxpool.Pool) []pricePoint {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT observed_at, price_gbp, source FROM btc_prices ORDER BY observed_at`)
	if err != nil {
		t.Fatal(err)
	}
	points, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (pricePoint, error) {
		var p pricePoint
		err := r.Scan(&p.at, &p.gbp, &p.source)
		return p, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return points
}

// priceAt is the price rule written again in Go, independently of the SQL
// under test: the latest point at or before start, if it is at most maxAge
// old. ok is false when the period has no price.
func priceAt(points []pricePoint, start time.Time, maxAge time.Duration) (p pricePoint, ok bool) {
	i := sort.Search(len(points), func(i int) bool { return points[i].at.After(start) }) - 1
	if i < 0 || start.Sub(points[i].at) > maxAge {
		return pricePoint{}, false
	}
	return points[i], true
}

// storedRow is a Bitcoin row with its price and value.
type storedRow struct {
	period     int
	model      string
	btc        decimal.Decimal
	price      decimal.NullDecimal
	observedAt *time.Time
	source     *string
	value      decimal.NullDecimal
}

func storedRows(t testing.TB, pool *pgxpool.Pool, d time.Time) []storedRow {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT settlement_period, miner_model, bitcoin_mined, price_gbp, price_observed_at, price_source, value_gbp
		FROM historical_bitcoin_calculations WHERE settlement_date = $1 ORDER BY settlement_period, farm_id, miner_model`, d)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (storedRow, error) {
		var s storedRow
		err := r.Scan(&s.period, &s.model, &s.btc, &s.price, &s.observedAt, &s.source, &s.value)
		return s, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no Bitcoin rows", d.Format(settlement.DateLayout))
	}
	return out
}

// wantValuedByTheRule checks every Bitcoin row of a date against the rule in
// Go with the bound maxAge: the price and point in force (or none), and a
// value of exactly BTC × price (or none). It answers each model's value,
// summed here, and the periods without a price.
func wantValuedByTheRule(t *testing.T, pool *pgxpool.Pool, d time.Time, maxAge time.Duration) (map[string]decimal.Decimal, map[int]bool) {
	t.Helper()
	points := loadPoints(t, pool)
	sums := map[string]decimal.Decimal{}
	unpriced := map[int]bool{}
	for _, r := range storedRows(t, pool, d) {
		p, ok := priceAt(points, settlement.PeriodStart(d, r.period), maxAge)
		switch {
		case !ok:
			unpriced[r.period] = true
			if r.price.Valid || r.observedAt != nil || r.source != nil || r.value.Valid {
				t.Fatalf("%s period %d %s: price %v at %v, value %v; want none (no price in force)",
					d.Format(settlement.DateLayout), r.period, r.model, r.price, r.observedAt, r.value)
			}
		case !r.price.Valid || !r.price.Decimal.Equal(p.gbp) || r.observedAt == nil || !r.observedAt.Equal(p.at) ||
			r.source == nil || *r.source != p.source:
			t.Fatalf("%s period %d %s: price %v at %v (%v), want %s at %s (%s)",
				d.Format(settlement.DateLayout), r.period, r.model, r.price, r.observedAt, r.source, p.gbp, p.at.Format(time.RFC3339), p.source)
		case !r.value.Valid || !r.value.Decimal.Equal(r.btc.Mul(p.gbp)):
			t.Fatalf("%s period %d %s: value %v, want %s × %s", d.Format(settlement.DateLayout), r.period, r.model, r.value, r.btc, p.gbp)
		default:
			sums[r.model] = sums[r.model].Add(r.value.Decimal)
		}
	}
	return sums, unpriced
}

// consistent fails the test if verify's internal consistency check finds
// anything wrong with a date (values included).
func consistent(t *testing.T, pool *pgxpool.Pool, d time.Time) {
	t.Helper()
	issues, err := db.New(pool).VerifyConsistency(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range issues {
		t.Errorf("%s: inconsistent %s %s %s: stored %s, expected %s", d.Format(settlement.DateLayout), i.Summary, i.Subject, i.Measure, i.Stored, i.Expected)
	}
}

// summaryValue reads one stored Bitcoin summary: its value (null when
// none) and its periods without a price and with a derived one.
func summaryValue(t *testing.T, pool *pgxpool.Pool, table, key, subject, model string) (decimal.NullDecimal, int, int) {
	t.Helper()
	var v decimal.NullDecimal
	var without, derived int
	err := pool.QueryRow(context.Background(), `SELECT value_gbp, periods_without_price, periods_with_derived_price FROM `+table+
		` WHERE `+key+`::text = $1 AND miner_model = $2`, subject, model).Scan(&v, &without, &derived)
	if err != nil {
		t.Fatalf("%s %s %s: %v", table, subject, model, err)
	}
	return v, without, derived
}

// TestValuesStoredWithTheBitcoin: a run values every Bitcoin row at the price
// in force at its period's start, in the same transaction, on the autumn
// clock-change day (50 periods; periods 1 and 2 start at 23:00Z and 23:30Z
// the day before, so they take the close of two days before); the value of
// each row is exactly BTC × price, and the day, month and year add the rows
// up; the run records its bound and says what it valued with a derived
// price; verify finds it all consistent.
func TestValuesStoredWithTheBitcoin(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-10-26")
	res := h.run(RunOptions{Date: d})

	sums, unpriced := wantValuedByTheRule(t, h.db.Pool, d, price.DefaultMaxAge)
	if len(unpriced) != 0 {
		t.Errorf("periods %v have no price; the shipped history prices every period of 2025", unpriced)
	}
	// The two points the day uses (docs/analysts.md's example).
	for period, want := range map[int]string{1: "82739.31", 2: "82739.31", 3: "83174.4", 50: "83174.4"} {
		var got decimal.Decimal
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT DISTINCT price_gbp FROM historical_bitcoin_calculations
			WHERE settlement_date = $1 AND settlement_period = $2`, d, period).Scan(&got); err != nil {
			t.Fatalf("period %d: %v", period, err)
		}
		if !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("period %d valued at £%s, want £%s", period, got, want)
		}
	}
	periods := count(t, h.db.Pool, `SELECT count(DISTINCT settlement_period) FROM historical_bitcoin_calculations WHERE settlement_date = $1`, d)
	if len(res.Bitcoin) != 3 {
		t.Fatalf("run result %+v, want 3 models", res.Bitcoin)
	}
	for _, b := range res.Bitcoin {
		want := sums[b.Model]
		if !b.Value.Valid || !b.Value.Decimal.Equal(want) {
			t.Errorf("%s: the run says £%v, the rows add up to £%s", b.Model, b.Value, want)
		}
		for _, s := range []struct{ table, key, subject string }{
			{"bitcoin_daily_summaries", "summary_date", "2025-10-26"},
			{"bitcoin_monthly_summaries", "year_month", "2025-10"},
			{"bitcoin_yearly_summaries", "year", "2025"},
		} {
			v, without, derived := summaryValue(t, h.db.Pool, s.table, s.key, s.subject, b.Model)
			if !v.Valid || !v.Decimal.Equal(want) || without != 0 || derived != periods {
				t.Errorf("%s %s %s: £%v, %d without a price, %d derived; want £%s, 0, %d", s.table, s.subject, b.Model, v, without, derived, want, periods)
			}
		}
	}
	if res.Prices != (Valuation{MaxAge: price.DefaultMaxAge, PeriodsWithDerivedPrice: periods}) {
		t.Errorf("run valuation %+v, want the default bound and %d derived periods", res.Prices, periods)
	}
	var bound time.Duration
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT extract(epoch FROM price_max_age)::bigint * 1000000000 FROM runs WHERE run_id = $1`, res.RunID).Scan(&bound); err != nil {
		t.Fatal(err)
	}
	if bound != price.DefaultMaxAge {
		t.Errorf("runs.price_max_age %v, want %v", bound, price.DefaultMaxAge)
	}
	consistent(t, h.db.Pool, d)
}

// TestNoValueWithoutAPrice: when no price is in force, nothing is valued:
// every row, summary and run total has a null value, never a default; the
// periods without a price are counted everywhere, and status lists them.
func TestNoValueWithoutAPrice(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.Pool.Exec(h.ctx, `DELETE FROM btc_prices WHERE observed_at > '2025-02-20'`); err != nil {
		t.Fatal(err)
	}
	d := date(t, "2025-03-06")
	res := h.run(RunOptions{Date: d})
	_, unpriced := wantValuedByTheRule(t, h.db.Pool, d, price.DefaultMaxAge)
	periods := count(t, h.db.Pool, `SELECT count(DISTINCT settlement_period) FROM historical_bitcoin_calculations WHERE settlement_date = $1`, d)
	if len(unpriced) != periods {
		t.Fatalf("%d of %d periods without a price, want all", len(unpriced), periods)
	}
	for _, table := range []string{"historical_bitcoin_calculations", "bitcoin_daily_summaries", "bitcoin_monthly_summaries", "bitcoin_yearly_summaries"} {
		if n := count(t, h.db.Pool, `SELECT count(*) FROM `+table+` WHERE value_gbp IS NOT NULL`); n != 0 {
			t.Errorf("%s: %d rows valued without a price", table, n)
		}
	}
	for _, b := range res.Bitcoin {
		if b.Value.Valid || !b.Bitcoin.IsPositive() {
			t.Errorf("%s: %s BTC valued at %v; want Bitcoin and no value", b.Model, b.Bitcoin, b.Value)
		}
		if _, without, _ := summaryValue(t, h.db.Pool, "bitcoin_yearly_summaries", "year", "2025", b.Model); without != periods {
			t.Errorf("%s: the year counts %d periods without a price, want %d", b.Model, without, periods)
		}
	}
	if res.Prices.PeriodsWithoutPrice != periods || res.Prices.PeriodsWithDerivedPrice != 0 {
		t.Errorf("run valuation %+v, want %d periods without a price", res.Prices, periods)
	}
	st, err := h.svc.Status(h.ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PriceGaps{Dates: 1, Periods: periods, First: d, Last: d}); st.PriceGaps != want {
		t.Errorf("status price gaps %+v, want %+v", st.PriceGaps, want)
	}
	consistent(t, h.db.Pool, d)
}

// TestPriceMaxAgeIsRecordedAndUsed: a run with a bound of 12 hours values
// the periods of a winter day that start within 12 hours of the previous
// day's close (periods 1 to 25: 00:00Z to 12:00Z) and no others; the bound
// is recorded with the run, the reference check before the run judges the
// date's prices by it, and verify checks the values by it. A recalc
// with the default bound values them all; a rederive with a bound of one
// hour only periods 1 to 3. A negative bound is bad input everywhere.
func TestPriceMaxAgeIsRecordedAndUsed(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	res := h.run(RunOptions{Date: d, PriceMaxAge: 12 * time.Hour})
	_, unpriced := wantValuedByTheRule(t, h.db.Pool, d, 12*time.Hour)
	for p := range unpriced {
		if p <= 25 {
			t.Errorf("period %d has no price within 12 hours", p)
		}
	}
	if len(unpriced) == 0 || res.Prices.PeriodsWithoutPrice != len(unpriced) || res.Prices.MaxAge != 12*time.Hour {
		t.Errorf("run valuation %+v, %d periods without a price", res.Prices, len(unpriced))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE run_id = $1 AND price_max_age = interval '12 hours'`, res.RunID); n != 1 {
		t.Error("the run did not record its bound of 12 hours")
	}
	// The reference check before the run judged the date's prices by the
	// same bound (one rule): 23 of its 48 periods (26 to 48) lack a price
	// within 12 hours. The harness is offline, so nothing was fetched.
	if ref := res.Reference; ref == nil || ref.PriceMaxAge != 12*time.Hour || !ref.Offline || ref.PriceDates != 1 {
		t.Errorf("reference report %+v: want the date checked by the bound of 12 hours, offline", ref)
	} else if n, of := ref.UnpricedPeriods(); n != 23 || of != 48 {
		t.Errorf("reference check: %d of %d periods without a price within 12 hours, want 23 of 48", n, of)
	}
	consistent(t, h.db.Pool, d)
	// The report shows the value of the priced periods, how many are not,
	// and no value per MWh: a partial value over all the energy would
	// understate it.
	wantReportValue(t, h, d, false, len(unpriced))

	rec, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d})
	if err != nil {
		t.Fatal(err)
	}
	if _, unpriced := wantValuedByTheRule(t, h.db.Pool, d, price.DefaultMaxAge); len(unpriced) != 0 || rec[0].Prices.PeriodsWithoutPrice != 0 {
		t.Errorf("after a recalc with the default bound, periods %v have no price", unpriced)
	}
	consistent(t, h.db.Pool, d)
	wantReportValue(t, h, d, true, 0)

	rd, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d, To: d, PriceMaxAge: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if _, unpriced := wantValuedByTheRule(t, h.db.Pool, d, time.Hour); rd[0].Prices.PeriodsWithoutPrice != len(unpriced) || len(unpriced) != periodsAfter(t, h, d, 4) {
		t.Errorf("rederive with a bound of 1 hour: %d periods without a price, rule says %d", rd[0].Prices.PeriodsWithoutPrice, len(unpriced))
	}
	consistent(t, h.db.Pool, d)

	negative := -time.Hour
	calls := map[string]func() error{
		"run": func() error { _, err := h.svc.Run(h.ctx, RunOptions{Date: d, PriceMaxAge: negative}); return err },
		"recalc": func() error {
			_, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d, PriceMaxAge: negative})
			return err
		},
		"rederive": func() error {
			_, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d, To: d, PriceMaxAge: negative})
			return err
		},
		"verify": func() error { _, err := h.svc.Verify(h.ctx, VerifyOptions{Date: d, PriceMaxAge: negative}); return err },
		"backfill": func() error {
			_, err := h.svc.Backfill(h.ctx, BackfillOptions{From: d, To: d, PriceMaxAge: negative})
			return err
		},
		"reconcile": func() error {
			_, err := h.svc.Reconcile(h.ctx, ReconcileOptions{From: d, To: d, PriceMaxAge: negative})
			return err
		},
	}
	for what, call := range calls {
		if err := call(); !IsBadInput(err) {
			t.Errorf("%s with a negative bound: %v, want bad input", what, err)
		}
	}
}

// periodsAfter counts the periods of a date with Bitcoin from period from on.
func periodsAfter(t *testing.T, h *harness, d time.Time, from int) int {
	t.Helper()
	return count(t, h.db.Pool, `SELECT count(DISTINCT settlement_period) FROM historical_bitcoin_calculations
		WHERE settlement_date = $1 AND settlement_period >= $2`, d, from)
}

// TestRecalcAfterAnImportChangesExactlyTheDatesConcerned: an import that
// replaces the close of 5 March (the price of every period of 6 March)
// names 6 March as the date to recalc; until then verify says its values
// are not at the price in force, and says nothing of the dates around it.
// A recalc over the whole month then changes the values of 6 March (and its
// month and year) and nothing of the other dates.
func TestRecalcAfterAnImportChangesExactlyTheDatesConcerned(t *testing.T) {
	h := newHarness(t)
	days := []time.Time{date(t, "2025-03-05"), date(t, "2025-03-06"), date(t, "2025-03-07")}
	for _, d := range days {
		h.run(RunOptions{Date: d})
	}
	concerned := days[1]
	others := `settlement_date <> '2025-03-06'`
	before := map[string]string{
		"historical_bitcoin_calculations": digestWhere(t, h.db.Pool, "historical_bitcoin_calculations", true, others),
		"bitcoin_daily_summaries":         digestWhere(t, h.db.Pool, "bitcoin_daily_summaries", true, `summary_date <> '2025-03-06'`),
	}
	var btcBefore decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT sum(bitcoin_mined) FROM historical_bitcoin_calculations WHERE settlement_date = $1`, concerned).Scan(&btcBefore); err != nil {
		t.Fatal(err)
	}

	imp, err := h.svc.ImportPrices(h.ctx, PriceImportOptions{Name: "desk.csv",
		CSV: []byte("observed_at,price_gbp,source\n2025-03-06T00:00:00Z,80000.125,desk\n")})
	if err != nil {
		t.Fatal(err)
	}
	if !imp.AffectedFrom.Equal(concerned) || !imp.AffectedTo.Equal(concerned) {
		t.Fatalf("the import names %s to %s, want 2025-03-06 only", imp.AffectedFrom.Format(settlement.DateLayout), imp.AffectedTo.Format(settlement.DateLayout))
	}
	issues, err := db.New(h.db.Pool).VerifyConsistency(h.ctx, concerned)
	if err != nil {
		t.Fatal(err)
	}
	if len(issues) != 3 {
		t.Errorf("verify after the import: %v, want the 3 models' rows not at the price in force", issues)
	}
	for _, i := range issues {
		if i.Summary != "historical_bitcoin_calculations" || i.Stored != "0" {
			t.Errorf("verify after the import: %+v, want every row of each model not at the price in force", i)
		}
	}
	consistent(t, h.db.Pool, days[0])
	consistent(t, h.db.Pool, days[2])

	if _, err := h.svc.Recalc(h.ctx, RecalcOptions{From: date(t, "2025-03-01"), To: date(t, "2025-03-31")}); err != nil {
		t.Fatal(err)
	}
	for table, want := range before {
		where := others
		if table == "bitcoin_daily_summaries" {
			where = `summary_date <> '2025-03-06'`
		}
		if got := digestWhere(t, h.db.Pool, table, true, where); got != want {
			t.Errorf("%s: the recalc changed dates the import did not concern", table)
		}
	}
	rows := storedRows(t, h.db.Pool, concerned)
	btcAfter := decimal.Zero
	for _, r := range rows {
		btcAfter = btcAfter.Add(r.btc)
		if !r.price.Valid || !r.price.Decimal.Equal(decimal.RequireFromString("80000.125")) || !r.value.Decimal.Equal(r.btc.Mul(r.price.Decimal)) {
			t.Fatalf("period %d %s: price %v value %v, want the imported £80000.125 and BTC × it", r.period, r.model, r.price, r.value)
		}
	}
	if !btcAfter.Equal(btcBefore) {
		t.Errorf("the recalc changed the Bitcoin of 6 March: %s -> %s", btcBefore, btcAfter)
	}
	for _, d := range days {
		consistent(t, h.db.Pool, d)
	}
}

// wantReportValue checks a daily report of one date: every model's value
// (the sum of its stored values), its value per MWh only when complete,
// the cost per MWh, and the periods without a price, on the day and on the
// total.
func wantReportValue(t *testing.T, h *harness, d time.Time, complete bool, withoutPrice int) {
	t.Helper()
	rep, err := h.svc.Report(h.ctx, ReportOptions{Level: ReportDaily, From: &d, To: &d})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 1 {
		t.Fatalf("report rows %+v", rep.Rows)
	}
	var mwh, payment decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT total_curtailed_energy, total_payment FROM daily_summaries WHERE summary_date = $1`, d).Scan(&mwh, &payment); err != nil {
		t.Fatal(err)
	}
	for _, row := range []ReportRow{rep.Rows[0], rep.Total} {
		v := row.Value
		cost := payment.Neg().DivRound(mwh, 10) // −payment ÷ MWh, to 10 decimals
		if v.PeriodsWithoutPrice != withoutPrice || !v.CostPerMWhGBP.Valid || !v.CostPerMWhGBP.Decimal.Round(10).Equal(cost) {
			t.Errorf("%s: %d periods without a price (want %d), cost per MWh %v (want %s)", row.Period, v.PeriodsWithoutPrice, withoutPrice,
				v.CostPerMWhGBP, cost)
		}
		for _, m := range rep.Models {
			var sum decimal.Decimal
			if err := h.db.Pool.QueryRow(h.ctx, `SELECT sum(value_gbp) FROM historical_bitcoin_calculations
				WHERE settlement_date = $1 AND miner_model = $2`, d, m).Scan(&sum); err != nil {
				t.Fatal(err)
			}
			if got := v.BitcoinValueGBP[m]; !got.Valid || !got.Decimal.Equal(sum) {
				t.Errorf("%s %s: value %v, want %s", row.Period, m, got, sum)
			}
			if got := v.ValuePerMWhGBP[m]; got.Valid != complete || complete && !got.Decimal.Round(10).Equal(sum.DivRound(mwh, 10)) {
				t.Errorf("%s %s: value per MWh %v, want %s when complete (%v)", row.Period, m, got, sum.DivRound(mwh, 10), complete)
			}
		}
	}
	if !rep.Rows[0].Value.BTCPriceGBP.Valid || rep.Total.Value.BTCPriceGBP.Valid {
		t.Errorf("btc price: day %v, total %v; want the day's only", rep.Rows[0].Value.BTCPriceGBP, rep.Total.Value.BTCPriceGBP)
	}
}
