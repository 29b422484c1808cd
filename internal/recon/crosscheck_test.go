package recon

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/wastedwind"
	"github.com/recon-energy/recon/internal/wastedwind/wastedwindtest"
)

// siteFromRecon builds, from recon's own monthly summaries of year, the
// figures wastedwind.energy would publish if it agreed with recon exactly:
// the stand-in serves them, and a test plants differences in a copy.
func siteFromRecon(t testing.TB, pool *pgxpool.Pool, year int) []wastedwind.Month {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT substr(year_month, 6, 2)::int, total_curtailed_energy, -total_payment,
		turn_up_mwh, turn_up_cost_gbp FROM monthly_summaries WHERE year_month BETWEEN $1 || '-01' AND $1 || '-12'
		ORDER BY year_month`, decimal.NewFromInt(int64(year)).String())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []wastedwind.Month
	for rows.Next() {
		m := wastedwind.Month{Year: year}
		if err := rows.Scan(&m.Month, &m.BidVolumeMWh, &m.BidCost, &m.TurnUpVolume, &m.TurnUpCost); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// plantSummaries stores daily summaries for the days of from..to (every
// period covered, except the dates in short, which miss one), with figures
// that differ from day to day, and refreshes their months and year.
func plantSummaries(t *testing.T, pool *pgxpool.Pool, from, to string, short ...string) {
	t.Helper()
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `INSERT INTO daily_summaries (summary_date, total_curtailed_energy, total_payment,
			curtailment_records, periods_covered, turn_up_mwh, turn_up_cost_gbp, total_cost_gbp)
		SELECT d, e, p, 10, settlement_day_periods(d) - CASE WHEN d::text = ANY($3::text[]) THEN 1 ELSE 0 END, e - 0.25, c,
		       curtailment_total_cost(p, c)
		FROM (SELECT g::date AS d FROM generate_series($1::date, $2::date, interval '1 day') AS g) AS days,
		     LATERAL (SELECT extract(doy FROM d) * 10.5 + 0.125 AS e, -(extract(doy FROM d) * 450.25) AS p,
		                     extract(doy FROM d) * 1234.5 + 0.01 AS c) AS v`, from, to, short); err != nil {
		t.Fatal(err)
	}
	q := db.New(pool)
	first, _ := time.Parse(time.DateOnly, from)
	last, _ := time.Parse(time.DateOnly, to)
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		if err := refreshMonthAndYear(ctx, q, m.Format("2006-01")); err != nil {
			t.Fatal(err)
		}
	}
}

func (h *harness) crosscheck(site *wastedwindtest.Server, year int, tolerance string) (*CrosscheckResult, error) {
	h.t.Helper()
	c, err := wastedwind.New(wastedwind.Config{BaseURL: site.URL, MaxRetries: -1})
	if err != nil {
		h.t.Fatal(err)
	}
	return h.svc.CrosscheckWastedwind(h.ctx, CrosscheckOptions{Year: year, TolerancePct: decimal.RequireFromString(tolerance), Site: c})
}

// statuses maps each month of a result to its status.
func statuses(r *CrosscheckResult) map[string]string {
	out := map[string]string{}
	for _, f := range r.Figures {
		out[f.YearMonth] = f.Status
	}
	return out
}

// A crosscheck compares the months recon holds completely (the spring
// clock-change day with its 46 periods counts as complete), lists the others
// without failing on them, names the figures beyond the tolerance, and
// records every comparison under its run.
func TestCrosscheckWastedwind(t *testing.T) {
	h := newHarness(t)
	pool := h.db.Pool
	plantSummaries(t, pool, "2024-02-01", "2024-03-31")               // compared (2024-03-31 has 46 periods)
	plantSummaries(t, pool, "2024-04-01", "2024-04-30", "2024-04-15") // partial: one day misses a period
	plantSummaries(t, pool, "2024-05-01", "2024-05-10")               // partial: ten days
	plantSummaries(t, pool, "2024-07-01", "2024-07-31")               // complete, not published by the site
	site := wastedwindtest.Start(t)
	agree := siteFromRecon(t, pool, 2024)
	for _, m := range agree {
		if m.Month != 7 {
			site.SetMonth(m)
		}
	}
	site.SetMonth(wastedwind.Month{Year: 2024, Month: 6, Figures: wastedwind.Figures{BidVolumeMWh: decimal.NewFromInt(5)}})

	res, err := h.crosscheck(site, 2024, "2")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2024-02": CrosscheckCompared, "2024-03": CrosscheckCompared, "2024-04": CrosscheckPartial,
		"2024-05": CrosscheckPartial, "2024-06": CrosscheckNotHeld, "2024-07": CrosscheckNotPublished}
	got := statuses(res)
	for m, st := range want {
		if got[m] != st {
			t.Errorf("%s: %q, want %q", m, got[m], st)
		}
	}
	if len(got) != len(want) || len(res.Figures) != 4*len(want) {
		t.Errorf("months %v (%d figures), want %v, four figures each", got, len(res.Figures), want)
	}
	if b := res.Beyond(); len(b) != 0 {
		t.Errorf("equal figures beyond the tolerance: %+v", b)
	}
	for _, f := range res.Figures {
		if f.Status == CrosscheckCompared && (!f.Delta.Valid || !f.Delta.Decimal.IsZero() || f.Within == nil || !*f.Within) {
			t.Errorf("%s %s: %+v, want Δ 0 within", f.YearMonth, f.Measure, f)
		}
		if f.Status != CrosscheckCompared && f.Within != nil {
			t.Errorf("%s %s (%s) was judged", f.YearMonth, f.Measure, f.Status)
		}
	}
	if apr, _ := res.Month("2024-04"); apr.DaysHeld != 30 || apr.DaysComplete != 29 || apr.DaysInMonth != 30 {
		t.Errorf("April: %+v, want 29 of 30 days complete", apr)
	}
	if feb, _ := res.Month("2024-02"); feb.DaysInMonth != 29 || feb.DaysComplete != 29 || feb.Measure != "curtailed_mwh" ||
		feb.SourceMeasure != "bidVolumeMWh" || !feb.Recon.Decimal.Equal(agree[0].BidVolumeMWh) {
		t.Errorf("February's first figure: %+v", feb)
	}
	if n := count(t, pool, `SELECT count(*) FROM crosscheck_months WHERE run_id = $1`, res.RunID); n != 24 {
		t.Errorf("%d rows recorded, want 24", n)
	}
	var details string
	if err := pool.QueryRow(h.ctx, `SELECT details::text FROM runs WHERE run_id = $1 AND command = 'crosscheck wastedwind'
		AND outcome = 'succeeded'`, res.RunID).Scan(&details); err != nil || !strings.Contains(details, `"compared_months": 2`) ||
		!strings.Contains(details, site.URL+"/api/summary/2024") {
		t.Errorf("run #%d: %s, %v", res.RunID, details, err)
	}

	// Differences: February's turn-up cost 3% higher on the site, March's bid
	// cost 1% lower (within 2%), May (partial) and June (not held) far off,
	// and a figure the site gives as 0 where recon has energy.
	planted := func(f func(m *wastedwind.Month)) {
		for _, m := range agree {
			if m.Month != 7 {
				f(&m)
				site.SetMonth(m)
			}
		}
	}
	planted(func(m *wastedwind.Month) {
		switch m.Month {
		case 2:
			m.TurnUpCost = m.TurnUpCost.Mul(decimal.RequireFromString("1.03"))
		case 3:
			m.BidCost = m.BidCost.Mul(decimal.RequireFromString("0.99"))
		case 5:
			m.BidVolumeMWh = m.BidVolumeMWh.Mul(decimal.NewFromInt(10))
		}
	})
	res, err = h.crosscheck(site, 2024, "2")
	if err != nil {
		t.Fatal(err)
	}
	b := res.Beyond()
	if len(b) != 1 || b[0].YearMonth != "2024-02" || b[0].Measure != "turn_up_cost_gbp" ||
		b[0].DeltaPct.Decimal.Round(2).String() != "-2.91" {
		t.Errorf("beyond: %+v, want 2024-02 turn_up_cost_gbp at -2.91%%", b)
	}
	if res, err = h.crosscheck(site, 2024, "3"); err != nil || len(res.Beyond()) != 0 {
		t.Errorf("with a 3%% tolerance: %v, %v", err, res.Beyond())
	}
	if res, err = h.crosscheck(site, 2024, "0.5"); err != nil || len(res.Beyond()) != 2 {
		t.Errorf("with a 0.5%% tolerance, want February's turn-up cost and March's bid cost: %v, %+v", err, res.Beyond())
	}
	planted(func(m *wastedwind.Month) {
		if m.Month == 3 {
			m.TurnUpVolume = decimal.Zero
		}
	})
	res, err = h.crosscheck(site, 2024, "2")
	if b := res.Beyond(); err != nil || len(b) != 1 || b[0].Measure != "turn_up_mwh" || b[0].DeltaPct.Valid {
		t.Errorf("a figure the site gives as 0: %v, %+v", err, b)
	}
}

// A site that cannot be read fails the crosscheck (recorded as a failed
// run, nothing compared); bad input writes nothing.
func TestCrosscheckWastedwindFailures(t *testing.T) {
	h := newHarness(t)
	pool := h.db.Pool
	plantSummaries(t, pool, "2024-02-01", "2024-02-29")
	site := wastedwindtest.Start(t)
	for _, m := range siteFromRecon(t, pool, 2024) {
		site.SetMonth(m)
	}
	for _, fault := range []wastedwindtest.Fault{wastedwindtest.Unreachable, wastedwindtest.ServerError, wastedwindtest.Malformed, wastedwindtest.NotFound} {
		site.SetFault(fault, 0)
		_, err := h.crosscheck(site, 2024, "2")
		if err == nil || IsBadInput(err) || !strings.Contains(err.Error(), site.URL+"/api/summary/2024") {
			t.Errorf("fault %d: %v, want a failure naming the URL", fault, err)
		}
	}
	site.SetFault(wastedwindtest.None, 0)
	if n := count(t, pool, `SELECT count(*) FROM runs WHERE command = 'crosscheck wastedwind' AND outcome = 'failed'`); n != 4 {
		t.Errorf("%d failed runs recorded, want 4", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM crosscheck_months`); n != 0 {
		t.Errorf("failed crosschecks recorded %d rows", n)
	}
	for _, c := range []struct {
		year      int
		tolerance string
	}{{2027, "2"}, {1999, "2"}, {2024, "-1"}} {
		if _, err := h.crosscheck(site, c.year, c.tolerance); !IsBadInput(err) {
			t.Errorf("year %d, tolerance %s: %v, want bad input", c.year, c.tolerance, err)
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM runs WHERE command = 'crosscheck wastedwind'`); n != 4 {
		t.Errorf("bad input recorded runs (%d in all)", n)
	}
	if res, err := h.crosscheck(site, 2024, "0"); err != nil || len(res.Beyond()) != 0 || len(res.Months(CrosscheckCompared)) != 1 {
		t.Errorf("after the faults, with a tolerance of 0: %v, %+v", err, res)
	}
}
