package recon

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestReportReadsTheSummaries(t *testing.T) {
	h := newHarness(t)
	d6, d7, a1 := date(t, "2025-03-06"), date(t, "2025-03-07"), date(t, "2025-04-01")
	for _, d := range []string{"2025-03-06", "2025-03-07", "2025-04-01"} {
		h.run(RunOptions{Date: date(t, d)})
	}
	if _, err := h.svc.Wind(h.ctx, WindOptions{From: d6, To: d6}); err != nil {
		t.Fatal(err)
	}

	rep, err := h.svc.Report(h.ctx, ReportOptions{Level: ReportDaily, From: &d6, To: &d7, TopFarms: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 2 || rep.Rows[0].Period != "2025-03-06" || rep.Rows[1].Period != "2025-03-07" || rep.Synthetic != true {
		t.Fatalf("daily rows %+v, synthetic %v", rep.Rows, rep.Synthetic)
	}
	if len(rep.Models) != 3 {
		t.Errorf("models %v", rep.Models)
	}
	// Each figure equals the summaries; the share is curtailed / (wind + curtailed).
	var mwh, pay, wind decimal.Decimal
	var records, periods int
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT total_curtailed_energy, total_payment, total_wind_generation, curtailment_records, periods_covered
		FROM daily_summaries WHERE summary_date = '2025-03-06'`).Scan(&mwh, &pay, &wind, &records, &periods); err != nil {
		t.Fatal(err)
	}
	r := rep.Rows[0]
	share := mwh.Div(wind.Add(mwh))
	if !r.CurtailedMWh.Equal(mwh) || !r.Payment.Equal(pay) || !r.WindMWh.Decimal.Equal(wind) || r.Records != records || r.Covered != periods {
		t.Errorf("row %+v, want %s MWh £%s wind %s, %d records, %d periods", r, mwh, pay, wind, records, periods)
	}
	if !r.CurtailedShare.Valid || !r.CurtailedShare.Decimal.Round(12).Equal(share.Round(12)) {
		t.Errorf("share %v, want %s", r.CurtailedShare, share)
	}
	if rep.Rows[1].WindMWh.Valid || rep.Rows[1].CurtailedShare.Valid {
		t.Error("a date without wind data has a wind figure or share")
	}
	for _, m := range rep.Models {
		var want decimal.Decimal
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT bitcoin_mined FROM bitcoin_daily_summaries WHERE summary_date = '2025-03-06' AND miner_model = $1`, m).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if !r.Bitcoin[m].Equal(want) || want.IsZero() {
			t.Errorf("%s: %s BTC, want %s", m, r.Bitcoin[m], want)
		}
	}
	// The total adds the days; its share counts only the day with wind.
	if !rep.Total.CurtailedMWh.Equal(rep.Rows[0].CurtailedMWh.Add(rep.Rows[1].CurtailedMWh)) || rep.Total.Covered != 96 ||
		!rep.Total.CurtailedShare.Decimal.Round(12).Equal(share.Round(12)) {
		t.Errorf("total %+v", rep.Total)
	}
	// Top farms: by MWh over the range, as the records add up.
	if len(rep.TopFarms) != 5 {
		t.Fatalf("%d top farms, want 5", len(rep.TopFarms))
	}
	for i, f := range rep.TopFarms {
		var want decimal.Decimal
		var n int
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT sum(abs(volume)), count(*) FROM curtailment_records
			WHERE farm_id = $1 AND settlement_date BETWEEN '2025-03-06' AND '2025-03-07'`, f.FarmID).Scan(&want, &n); err != nil {
			t.Fatal(err)
		}
		if !f.CurtailedMWh.Equal(want) || f.Records != n || f.LeadParty == "" || f.Bitcoin["S19J_PRO"].IsZero() {
			t.Errorf("farm %d %+v, want %s MWh in %d records", i+1, f, want, n)
		}
		if i > 0 && f.CurtailedMWh.GreaterThan(rep.TopFarms[i-1].CurtailedMWh) {
			t.Errorf("farms not sorted: %s after %s", f.FarmID, rep.TopFarms[i-1].FarmID)
		}
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM (SELECT farm_id FROM curtailment_records WHERE settlement_date <= '2025-03-07'
		GROUP BY farm_id HAVING sum(abs(volume)) > $1) AS x`, rep.TopFarms[4].CurtailedMWh); n != 4 {
		t.Errorf("%d farms curtailed more than the fifth, want 4", n)
	}

	// Monthly, without a range: the stored dates widened to whole months.
	rep, err = h.svc.Report(h.ctx, ReportOptions{Level: ReportMonthly})
	if err != nil {
		t.Fatal(err)
	}
	if rep.From.Format("2006-01-02") != "2025-03-01" || rep.To.Format("2006-01-02") != "2025-04-30" || len(rep.Rows) != 2 || len(rep.Days) != 3 {
		t.Fatalf("monthly %s to %s, %d rows, %d days", rep.From, rep.To, len(rep.Rows), len(rep.Days))
	}
	var march decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT total_curtailed_energy FROM monthly_summaries WHERE year_month = '2025-03'`).Scan(&march); err != nil {
		t.Fatal(err)
	}
	if rep.Rows[0].Period != "2025-03" || !rep.Rows[0].CurtailedMWh.Equal(march) || rep.Rows[0].Covered != 2 ||
		!rep.Rows[0].CurtailedShare.Valid || rep.Rows[1].CurtailedShare.Valid {
		t.Errorf("march %+v / april %+v", rep.Rows[0], rep.Rows[1])
	}
	// Yearly.
	rep, err = h.svc.Report(h.ctx, ReportOptions{Level: ReportYearly, From: &a1, To: &a1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 1 || rep.Rows[0].Period != "2025" || rep.Rows[0].Covered != 3 || !rep.Total.CurtailedMWh.Equal(rep.Rows[0].CurtailedMWh) {
		t.Errorf("yearly %+v, total %+v", rep.Rows, rep.Total)
	}
	// Bad input.
	if _, err := h.svc.Report(h.ctx, ReportOptions{Level: "weekly"}); !IsBadInput(err) {
		t.Errorf("weekly: %v", err)
	}
	if _, err := h.svc.Report(h.ctx, ReportOptions{Level: ReportDaily, From: &d7, To: &d6}); !IsBadInput(err) {
		t.Errorf("reversed: %v", err)
	}
}
