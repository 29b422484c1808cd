package recon

import (
	"testing"

	"github.com/shopspring/decimal"
)

// Every row of a report and its total carry both halves of the cost as the
// summaries hold them; the chart's series is per day (per month in a yearly
// report); who was paid adds up to the range's turn-up and lists the lead
// parties paid most for system-flagged offers.
func TestReportCosts(t *testing.T) {
	h := newHarness(t)
	for _, d := range []string{"2025-03-30", "2025-03-31", "2025-04-01"} {
		h.run(RunOptions{Date: date(t, d)})
	}
	pool := h.db.Pool
	from, to := date(t, "2025-03-30"), date(t, "2025-04-01")
	for _, level := range []string{ReportDaily, ReportMonthly, ReportYearly} {
		rep, err := h.svc.Report(h.ctx, ReportOptions{Level: level, From: &from, To: &to, TopLeadParties: 3})
		if err != nil {
			t.Fatal(err)
		}
		table, key := map[string]string{ReportDaily: "daily_summaries", ReportMonthly: "monthly_summaries", ReportYearly: "yearly_summaries"}[level],
			map[string]string{ReportDaily: "summary_date::text", ReportMonthly: "year_month", ReportYearly: "year"}[level]
		sum := CostFigures{}
		for _, row := range rep.Rows {
			var mwh, cost, total, payment, curtailed decimal.Decimal
			if err := pool.QueryRow(h.ctx, `SELECT turn_up_mwh, turn_up_cost_gbp, total_cost_gbp, total_payment, total_curtailed_energy
				FROM `+table+` WHERE `+key+` = $1`, row.Period).Scan(&mwh, &cost, &total, &payment, &curtailed); err != nil {
				t.Fatal(err)
			}
			c := row.Cost
			if !c.TurnUpMWh.Equal(mwh) || !c.TurnUpCostGBP.Equal(cost) || !c.TotalCostGBP.Equal(total) || !c.BidCostGBP.Equal(payment.Neg()) ||
				!c.TotalCostPerMWhGBP.Valid || !c.TotalCostPerMWhGBP.Decimal.Sub(total.Div(curtailed)).Abs().LessThan(decimal.New(1, -10)) {
				t.Errorf("%s %s: %+v; stored %s MWh, £%s, total £%s over %s MWh", level, row.Period, c, mwh, cost, total, curtailed)
			}
			sum.TurnUpMWh, sum.TurnUpCostGBP, sum.TotalCostGBP = sum.TurnUpMWh.Add(mwh), sum.TurnUpCostGBP.Add(cost), sum.TotalCostGBP.Add(total)
		}
		tc := rep.Total.Cost
		if !tc.TurnUpMWh.Equal(sum.TurnUpMWh) || !tc.TurnUpCostGBP.Equal(sum.TurnUpCostGBP) || !tc.TotalCostGBP.Equal(sum.TotalCostGBP) ||
			!tc.TurnUpCostGBP.IsPositive() {
			t.Errorf("%s total %+v, rows add up to %+v", level, tc, sum)
		}
		wantSeries := map[string]int{ReportDaily: 3, ReportMonthly: 3, ReportYearly: 2}[level]
		if len(rep.CostSeries) != wantSeries {
			t.Errorf("%s: %d points in the cost chart, want %d", level, len(rep.CostSeries), wantSeries)
		}
		var byFuel decimal.Decimal
		for _, f := range rep.WhoWasPaid.ByFuel {
			byFuel = byFuel.Add(f.TurnUpCostGBP)
		}
		if !byFuel.Equal(tc.TurnUpCostGBP) || len(rep.WhoWasPaid.ByFuel) < 2 {
			t.Errorf("%s: turn-up by fuel adds up to £%s over %d fuel types, the total's is £%s", level, byFuel, len(rep.WhoWasPaid.ByFuel), tc.TurnUpCostGBP)
		}
		parties := rep.WhoWasPaid.TopLeadParties
		if len(parties) != 3 || parties[0].PaymentGBP.LessThan(parties[1].PaymentGBP) || parties[1].PaymentGBP.LessThan(parties[2].PaymentGBP) {
			t.Fatalf("%s: lead parties %+v, want the 3 paid most, most first", level, parties)
		}
		var top decimal.Decimal
		if err := pool.QueryRow(h.ctx, `SELECT sum(payment_gbp) FROM so_offer_payments_daily
			WHERE settlement_date BETWEEN $1 AND $2 AND lead_party_name = $3`, rep.From, rep.To, parties[0].LeadParty).Scan(&top); err != nil ||
			!top.Equal(parties[0].PaymentGBP) {
			t.Errorf("%s: %s paid £%s, the view says £%s (%v)", level, parties[0].LeadParty, parties[0].PaymentGBP, top, err)
		}
	}
}
