package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
)

// What curtailment cost, laid out: both halves on every row (table, CSV,
// JSON), the "who was paid" tables, and the HTML page's stacked chart. Kept
// apart from the other columns, which it only adds to.

// costTableHead are the cost columns of the text table.
var costTableHead = []string{"turn-up MWh", "turn-up cost", "total cost", "total cost per MWh"}

// costCells are a row's cost columns in the text table.
func costCells(c recon.CostFigures) []string {
	return []string{mwh(c.TurnUpMWh), pounds(c.TurnUpCostGBP), pounds(c.TotalCostGBP), nullPounds(c.TotalCostPerMWhGBP)}
}

// costNote explains the cost columns under the table's heading.
const costNote = "Turn-up: the energy taken from the offer stacks to replace the curtailed energy, and its cost (paid to the units turning up);\n" +
	"Total cost = the bid side as a cost (minus payment) + turn-up cost; total cost per MWh = total cost / curtailed MWh."

// costCSVHeader are the cost columns of the CSV, after the earlier columns
// and before the Bitcoin ones.
var costCSVHeader = []string{"turn_up_mwh", "turn_up_cost_gbp", "total_cost_gbp", "total_cost_per_mwh_gbp"}

// costCSV are a row's cost columns in the CSV, every digit kept; a top-farm
// row has none (blank).
func costCSV(c *recon.CostFigures) []string {
	if c == nil {
		return make([]string, len(costCSVHeader))
	}
	return []string{c.TurnUpMWh.String(), c.TurnUpCostGBP.String(), c.TotalCostGBP.String(), exact(c.TotalCostPerMWhGBP)}
}

// jsonCost are the cost keys of every JSON row, flattened into it.
type jsonCost struct {
	TurnUpMWh          string  `json:"turn_up_mwh"`
	TurnUpCostGBP      string  `json:"turn_up_cost_gbp"`
	TotalCostGBP       string  `json:"total_cost_gbp"`
	TotalCostPerMWhGBP *string `json:"total_cost_per_mwh_gbp"`
}

func toJSONCost(c recon.CostFigures) jsonCost {
	return jsonCost{TurnUpMWh: c.TurnUpMWh.String(), TurnUpCostGBP: c.TurnUpCostGBP.String(),
		TotalCostGBP: c.TotalCostGBP.String(), TotalCostPerMWhGBP: nullString(c.TotalCostPerMWhGBP)}
}

// costUnits says what the cost keys mean, in the JSON's units.
func costUnits(units map[string]string) {
	units["turn_up_mwh"] = "MWh taken from the offer stacks to replace the curtailed energy"
	units["turn_up_cost_gbp"] = "GBP; positive means paid to the units turning up"
	units["total_cost_gbp"] = "GBP: minus payment (the bid side as a cost) plus turn_up_cost_gbp"
	units["total_cost_per_mwh_gbp"] = "GBP per curtailed MWh: total_cost_gbp / curtailed_mwh; null when none was curtailed"
	units["who_was_paid"] = "two measures, never to be added: turn_up_by_fuel splits turn_up_cost_gbp by fuel type; " +
		"top_lead_parties_paid are gross payments to system-flagged offers (volume > 0)"
}

// The who-was-paid JSON: exact decimal strings.
type jsonFuel struct {
	FuelType      string  `json:"fuel_type"`
	TurnUpMWh     string  `json:"turn_up_mwh"`
	TurnUpCostGBP string  `json:"turn_up_cost_gbp"`
	CostShare     *string `json:"cost_share"`
	RowsTaken     int64   `json:"rows_taken"`
	Units         int     `json:"units"`
}

type jsonLeadParty struct {
	LeadParty  string `json:"lead_party"`
	PaymentGBP string `json:"payment_gbp"`
	VolumeMWh  string `json:"volume_mwh"`
	OfferRows  int64  `json:"offer_rows"`
	Units      int    `json:"units"`
	FuelTypes  string `json:"fuel_types"`
}

type jsonWhoWasPaid struct {
	TurnUpByFuel       []jsonFuel      `json:"turn_up_by_fuel"`
	TopLeadPartiesPaid []jsonLeadParty `json:"top_lead_parties_paid"`
}

func toJSONWhoWasPaid(w recon.WhoWasPaid) jsonWhoWasPaid {
	out := jsonWhoWasPaid{TurnUpByFuel: []jsonFuel{}, TopLeadPartiesPaid: []jsonLeadParty{}}
	for _, f := range w.ByFuel {
		out.TurnUpByFuel = append(out.TurnUpByFuel, jsonFuel{FuelType: f.FuelType, TurnUpMWh: f.TurnUpMWh.String(),
			TurnUpCostGBP: f.TurnUpCostGBP.String(), CostShare: nullString(f.CostShare), RowsTaken: f.RowsTaken, Units: f.Units})
	}
	for _, p := range w.TopLeadParties {
		out.TopLeadPartiesPaid = append(out.TopLeadPartiesPaid, jsonLeadParty{LeadParty: p.LeadParty,
			PaymentGBP: p.PaymentGBP.String(), VolumeMWh: p.VolumeMWh.String(), OfferRows: p.OfferRows, Units: p.Units,
			FuelTypes: p.FuelTypes})
	}
	return out
}

// whoWasPaidNote says what the two tables are, and that they never add up.
const whoWasPaidNote = "Two measures, never to be added together: the turn-up (replacement) cost by the fuel type of the units it was taken from,\n" +
	"and the gross payments to offers the system operator flagged (volume > 0), whether or not the turn-up took them."

// writeWhoWasPaid writes the two who-was-paid tables of the text report.
func writeWhoWasPaid(w io.Writer, r *recon.Report) error {
	fmt.Fprintf(w, "\nWho was paid\n%s\n\nTurn-up by fuel type\n", whoWasPaidNote)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "fuel type\tturn-up MWh\tturn-up cost\tshare of turn-up cost\trows taken\tunits\t")
	for _, f := range r.WhoWasPaid.ByFuel {
		fmt.Fprintln(tw, strings.Join([]string{f.FuelType, mwh(f.TurnUpMWh), pounds(f.TurnUpCostGBP),
			percent(f.CostShare), Thousands(strconv.FormatInt(f.RowsTaken, 10)),
			Thousands(strconv.Itoa(f.Units))}, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nTop %d lead parties paid for system-flagged offers\n", len(r.WhoWasPaid.TopLeadParties))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\tlead party\tpaid\tMWh\toffer rows\tunits\tfuel types\t")
	for i, p := range r.WhoWasPaid.TopLeadParties {
		fmt.Fprintln(tw, strings.Join([]string{strconv.Itoa(i + 1), p.LeadParty, pounds(p.PaymentGBP), mwh(p.VolumeMWh),
			Thousands(strconv.FormatInt(p.OfferRows, 10)), strconv.Itoa(p.Units), p.FuelTypes}, "\t")+"\t")
	}
	return tw.Flush()
}

// Segment is one part of a stacked bar.
type Segment struct {
	Y, H  float64
	Class string
	Title string
}

// StackedBar is one bar of a stacked chart.
type StackedBar struct {
	X, W     float64
	Segments []Segment
}

// LegendItem names a segment's colour.
type LegendItem struct {
	X, Y  float64
	Class string
	Name  string
}

// StackedChart is a chart of bars made of segments: the bid side as a cost
// and the turn-up cost, per day (or month).
type StackedChart struct {
	Chart
	Stacks []StackedBar
	Legend []LegendItem
}

// costChart draws both halves of the cost per period of rep.CostSeries as
// stacked bars: positive parts stacked up from zero, negative ones down.
func costChart(r *recon.Report) StackedChart {
	per := "day"
	if r.Level == recon.ReportYearly {
		per = "month"
	}
	c := StackedChart{Chart: newChart("chart-cost", "What curtailment cost per "+per+": bid side and turn-up (£)", "£")}
	pts := r.CostSeries
	if len(pts) == 0 {
		c.Empty = true
		return c
	}
	var extremes []float64
	for _, p := range pts {
		var up, down float64
		for _, v := range []decimal.Decimal{p.BidCostGBP, p.TurnUpCostGBP} {
			if f := v.InexactFloat64(); f > 0 {
				up += f
			} else {
				down += f
			}
		}
		extremes = append(extremes, up, down)
	}
	y := c.scaleY(extremes, axisLabel)
	slot := (c.PlotR - c.PlotL) / float64(len(pts))
	x := func(i int) float64 { return c.PlotL + slot*(float64(i)+0.5) }
	labels := make([]string, len(pts))
	for i, p := range pts {
		labels[i] = p.Period
		bar := StackedBar{X: x(i) - slot*0.4, W: slot * 0.8}
		up, down := 0.0, 0.0
		for _, part := range []struct {
			v           decimal.Decimal
			class, name string
		}{
			{p.BidCostGBP, "bar bid", "bid side"},
			{p.TurnUpCostGBP, "bar turnup", "turn-up"},
		} {
			f := part.v.InexactFloat64()
			var from, to float64
			if f >= 0 {
				from, to = up, up+f
				up = to
			} else {
				from, to = down, down+f
				down = to
			}
			top, bottom := y(math.Max(from, to)), y(math.Min(from, to))
			bar.Segments = append(bar.Segments, Segment{Y: top, H: math.Max(bottom-top, 0.5), Class: part.class,
				Title: fmt.Sprintf("%s: %s %s (total %s)", p.Period, part.name, Money(part.v), Money(p.TotalCostGBP))})
		}
		c.Stacks = append(c.Stacks, bar)
	}
	c.xTicks(labels, x)
	c.Legend = []LegendItem{
		{X: c.PlotL, Y: c.H - 24, Class: "bar bid", Name: "bid side (paid to the wind farms to turn down)"},
		{X: c.PlotL + 360, Y: c.H - 24, Class: "bar turnup", Name: "turn-up (paid to the units replacing their energy)"},
	}
	return c
}
