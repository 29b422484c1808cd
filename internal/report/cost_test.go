package report

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/recon-energy/recon/internal/recon"
)

// costFixture is fixture() with both halves of the cost on every row, the
// chart's series (one day with a negative turn-up cost), and who was paid.
func costFixture() *recon.Report {
	r := fixture()
	cost := func(bid, mwh, turnUp, total, perMWh string) recon.CostFigures {
		return recon.CostFigures{BidCostGBP: dec(bid), TurnUpMWh: dec(mwh), TurnUpCostGBP: dec(turnUp), TotalCostGBP: dec(total),
			TotalCostPerMWhGBP: null(perMWh)}
	}
	r.Days[0].Cost = cost("45678.125", "1200.5", "90000.75", "135678.875", "109.898911")
	r.Days[1].Cost = cost("0.08", "0.004166666666666667", "-0.5", "-0.42", "")
	r.Rows[0].Cost = cost("45678.205", "1200.504166666666666667", "90000.25", "135678.455", "109.8988")
	r.Total.Cost = r.Rows[0].Cost
	r.CostSeries = []recon.CostPoint{{Period: r.Days[0].Period, CostFigures: r.Days[0].Cost},
		{Period: r.Days[1].Period, CostFigures: r.Days[1].Cost}}
	r.WhoWasPaid = recon.WhoWasPaid{
		ByFuel: []recon.FuelTurnUp{
			{FuelType: "CCGT", TurnUpMWh: dec("1000"), TurnUpCostGBP: dec("80000.25"), RowsTaken: 40, Units: 2, CostShare: null("0.8888")},
			{FuelType: "(no unit)", TurnUpMWh: dec("200.504166666666666667"), TurnUpCostGBP: dec("10000"), RowsTaken: 5, Units: 1, CostShare: null("0.1111")},
		},
		TopLeadParties: []recon.LeadPartyPaid{
			{LeadParty: "Gas & <Power> plc", PaymentGBP: dec("123456.789"), VolumeMWh: dec("1500"), OfferRows: 60, Units: 3, FuelTypes: "CCGT, OCGT"},
		},
	}
	return r
}

// The three keys on every row and the total, exact; the per-MWh figure null
// where nothing was curtailed; who was paid, both measures apart.
func TestCostJSON(t *testing.T) {
	r := costFixture()
	r.Level, r.Rows = recon.ReportDaily, r.Days
	var got struct {
		Rows       []map[string]any
		Total      map[string]any
		Units      map[string]string
		WhoWasPaid struct {
			Fuel    []map[string]any `json:"turn_up_by_fuel"`
			Parties []map[string]any `json:"top_lead_parties_paid"`
		} `json:"who_was_paid"`
	}
	if err := json.Unmarshal([]byte(render(t, JSON, r)), &got); err != nil {
		t.Fatal(err)
	}
	for i, row := range append(got.Rows, got.Total) {
		for _, key := range []string{"turn_up_mwh", "turn_up_cost_gbp", "total_cost_gbp", "total_cost_per_mwh_gbp"} {
			if _, ok := row[key]; !ok {
				t.Errorf("row %d has no %q: %v", i, key, row)
			}
		}
	}
	if got.Rows[0]["turn_up_mwh"] != "1200.5" || got.Rows[0]["turn_up_cost_gbp"] != "90000.75" ||
		got.Rows[0]["total_cost_gbp"] != "135678.875" || got.Rows[0]["total_cost_per_mwh_gbp"] != "109.898911" {
		t.Errorf("first day: %v", got.Rows[0])
	}
	if got.Rows[1]["turn_up_cost_gbp"] != "-0.5" || got.Rows[1]["total_cost_per_mwh_gbp"] != nil ||
		got.Rows[1]["turn_up_mwh"] != "0.004166666666666667" {
		t.Errorf("second day: %v", got.Rows[1])
	}
	if got.Total["total_cost_gbp"] != "135678.455" || got.Total["turn_up_mwh"] != "1200.504166666666666667" {
		t.Errorf("total: %v", got.Total)
	}
	if got.Units["total_cost_gbp"] == "" || got.Units["who_was_paid"] == "" {
		t.Errorf("units say nothing of the cost: %v", got.Units)
	}
	if len(got.WhoWasPaid.Fuel) != 2 || got.WhoWasPaid.Fuel[0]["fuel_type"] != "CCGT" || got.WhoWasPaid.Fuel[0]["turn_up_cost_gbp"] != "80000.25" ||
		got.WhoWasPaid.Fuel[0]["cost_share"] != "0.8888" || got.WhoWasPaid.Fuel[1]["fuel_type"] != "(no unit)" {
		t.Errorf("turn-up by fuel: %v", got.WhoWasPaid.Fuel)
	}
	if len(got.WhoWasPaid.Parties) != 1 || got.WhoWasPaid.Parties[0]["lead_party"] != "Gas & <Power> plc" ||
		got.WhoWasPaid.Parties[0]["payment_gbp"] != "123456.789" || got.WhoWasPaid.Parties[0]["units"] != 3.0 {
		t.Errorf("lead parties: %v", got.WhoWasPaid.Parties)
	}
}

func TestCostCSVAndTable(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(render(t, CSV, costFixture()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, c := range []struct {
		line      int
		key, want string
	}{
		{1, "turn_up_mwh", "1200.504166666666666667"}, {1, "turn_up_cost_gbp", "90000.25"},
		{1, "total_cost_gbp", "135678.455"}, {1, "total_cost_per_mwh_gbp", "109.8988"},
		{2, "total_cost_gbp", "135678.455"}, {3, "total_cost_gbp", ""},
	} {
		if got := recs[c.line][col[c.key]]; got != c.want {
			t.Errorf("CSV line %d %s = %q, want %q", c.line+1, c.key, got, c.want)
		}
	}
	out := render(t, Table, costFixture())
	for _, want := range []string{"turn-up MWh", "turn-up cost", "total cost", "total cost per MWh", "1,200.504", "£90,000.25",
		"£135,678.46", "£109.90", "Who was paid", "Turn-up by fuel type", "CCGT", "88.88%", "(no unit)",
		"Top 1 lead parties paid for system-flagged offers", "Gas & <Power> plc", "£123,456.79", "CCGT, OCGT", "never to be added"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// The page stacks both halves per day (a negative part goes below zero),
// adds the cost cards, columns and the who-was-paid tables, escaped.
func TestCostHTML(t *testing.T) {
	out := render(t, HTML, costFixture())
	for _, want := range []string{
		`<svg id="chart-cost"`, `class="bar bid"`, `class="bar turnup"`, "2025-03-06: turn-up £90,000.75 (total £135,678.88)",
		"2025-03-07: turn-up -£0.50", `<table id="turn-up-by-fuel">`, `<table id="lead-parties-paid">`,
		html.EscapeString("Gas & <Power> plc"), "<th>total cost £</th>", "<td>£135,678.46</td>", "£90,000.25", "£135,678.46",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(out, "<Power>") {
		t.Error("a lead party name is not escaped")
	}
	r := costFixture()
	r.CostSeries[1].BidCostGBP, r.CostSeries[1].TurnUpCostGBP = dec("20000"), dec("-10000")
	c := costChart(r)
	if len(c.Stacks) != 2 || len(c.Stacks[1].Segments) != 2 {
		t.Fatalf("stacks %+v", c.Stacks)
	}
	// Day 2: the bid part sits on zero, above it; the negative turn-up part
	// hangs below zero.
	bid, turnUp := c.Stacks[1].Segments[0], c.Stacks[1].Segments[1]
	if !(bid.Y+bid.H <= c.ZeroY+0.01 && turnUp.Y >= c.ZeroY-0.01) {
		t.Errorf("day 2: bid part %+v, turn-up part %+v, zero at %.1f", bid, turnUp, c.ZeroY)
	}
	// Day 1: turn-up stacked on the bid side, both above zero.
	b1, t1 := c.Stacks[0].Segments[0], c.Stacks[0].Segments[1]
	if !(t1.Y+t1.H <= b1.Y+0.01 && b1.Y+b1.H <= c.ZeroY+0.01) {
		t.Errorf("day 1: bid part %+v, turn-up part %+v, zero at %.1f", b1, t1, c.ZeroY)
	}
	empty := fixture()
	if c := costChart(empty); !c.Empty {
		t.Error("a report without costs drew a cost chart")
	}
}
