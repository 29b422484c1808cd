package report

// What the Bitcoin was worth, in every format: the columns, keys, notes
// and the chart of value per MWh against cost per MWh. Every figure comes
// from recon.RowValue; nothing is computed here but pixel positions.

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// DerivedNote labels values that rest on derived prices.
const DerivedNote = "Values marked * rest on BTC prices derived from a dollar price and an exchange rate (source " +
	price.SourceDerived + ": Bitstamp's BTC/USD at 00:00 UTC times a GBP rate, the shipped history from the close of " +
	"2024-07-15), not on a GBP market price."

// SubsidyNote says what a value counts.
const SubsidyNote = "Value = BTC × the BTC price in force at each settlement period's start (the latest price point at or " +
	"before it, if no older than the bound); subsidy only: transaction fees are not in recon's Bitcoin."

// missingNote says how many periods have no price in the range, and the
// commands that fill them ("" when there are none).
func missingNote(r *recon.Report) string {
	n := r.Total.Value.PeriodsWithoutPrice
	if n == 0 {
		return ""
	}
	from, to := r.From.Format(settlement.DateLayout), r.To.Format(settlement.DateLayout)
	return fmt.Sprintf("%d settlement %s with Bitcoin had no BTC price: %s Bitcoin is in the BTC figures but in no value. "+
		"Fill the price history with `recon price sync` (or `recon price import FILE`), then `recon recalc --from %s --to %s`.",
		n, plural(n, "period", "periods"), plural(n, "its", "their"), from, to)
}

// notes are the value footnotes a report carries: what a value counts, and
// its labels.
func notes(r *recon.Report) []string { return append([]string{SubsidyNote}, labels(r)...) }

// labels are the footnotes that a report's values need when they rest on
// derived prices or miss a price (the CSV carries these only).
func labels(r *recon.Report) []string {
	var out []string
	if r.Total.Value.DerivedPrices() {
		out = append(out, DerivedNote)
	}
	if m := missingNote(r); m != "" {
		out = append(out, m)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// derivedMark is "*" on a row whose values rest on derived prices.
func derivedMark(v recon.RowValue) string {
	if v.DerivedPrices() {
		return "*"
	}
	return ""
}

// valueHead is the table's value columns.
func valueHead(models []string) []string {
	head := []string{"BTC price"}
	for _, m := range models {
		head = append(head, "value "+m)
	}
	for _, m := range models {
		head = append(head, "value/MWh "+m)
	}
	return append(head, "cost/MWh", "no price")
}

// valueCells is a row's value columns in the table.
func valueCells(models []string, v recon.RowValue) []string {
	cells := []string{nullPounds(v.BTCPriceGBP)}
	for _, m := range models {
		cells = append(cells, nullPounds(v.BitcoinValueGBP[m])+derivedMark(v))
	}
	for _, m := range models {
		cells = append(cells, nullPounds(v.ValuePerMWhGBP[m]))
	}
	return append(cells, nullPounds(v.CostPerMWhGBP), Thousands(strconv.Itoa(v.PeriodsWithoutPrice)))
}

// farmValueHead and farmValueCells are the top-farms table's value columns.
func farmValueHead(models []string) []string {
	var head []string
	for _, m := range models {
		head = append(head, "value "+m)
	}
	return head
}

func farmValueCells(models []string, f recon.FarmRow) []string {
	var cells []string
	for _, m := range models {
		cells = append(cells, nullPounds(f.Value[m]))
	}
	return cells
}

// CSV: the fixed value columns go before the Bitcoin columns (after the
// earlier fixed ones), the per-model ones after them.
func csvValueHead() []string {
	return []string{"btc_price_gbp", "cost_per_mwh_gbp", "periods_without_price", "periods_with_derived_price"}
}

func csvValueModelHead(models []string) []string {
	var h []string
	for _, m := range models {
		h = append(h, "bitcoin_value_gbp_"+m)
	}
	for _, m := range models {
		h = append(h, "value_per_mwh_gbp_"+m)
	}
	return h
}

func csvValue(v recon.RowValue) []string {
	return []string{exact(v.BTCPriceGBP), exact(v.CostPerMWhGBP), strconv.Itoa(v.PeriodsWithoutPrice),
		strconv.Itoa(v.PeriodsWithDerivedPrice)}
}

func csvValueModels(models []string, v recon.RowValue) []string {
	var rec []string
	for _, m := range models {
		rec = append(rec, exact(v.BitcoinValueGBP[m]))
	}
	for _, m := range models {
		rec = append(rec, exact(v.ValuePerMWhGBP[m]))
	}
	return rec
}

// csvFarmValue is a top farm's value columns: the fixed ones empty, its
// value by model, no value per MWh.
func csvFarmValue(models []string, f recon.FarmRow) (fixed, byModel []string) {
	fixed = []string{"", "", "", ""}
	for _, m := range models {
		byModel = append(byModel, exact(f.Value[m]))
	}
	for range models {
		byModel = append(byModel, "")
	}
	return fixed, byModel
}

// jsonValue is a row's value keys in the JSON (embedded in jsonRow).
type jsonValue struct {
	BTCPriceGBP             *string            `json:"btc_price_gbp"`
	BitcoinValueGBP         map[string]*string `json:"bitcoin_value_gbp"`
	ValuePerMWhGBP          map[string]*string `json:"value_per_mwh_gbp"`
	CostPerMWhGBP           *string            `json:"cost_per_mwh_gbp"`
	PeriodsWithoutPrice     int                `json:"periods_without_price"`
	PeriodsWithDerivedPrice int                `json:"periods_with_derived_price"`
}

func nullMap(models []string, m map[string]decimal.NullDecimal) map[string]*string {
	out := make(map[string]*string, len(models))
	for _, name := range models {
		out[name] = nullString(m[name])
	}
	return out
}

func toJSONValue(models []string, v recon.RowValue) jsonValue {
	return jsonValue{BTCPriceGBP: nullString(v.BTCPriceGBP), BitcoinValueGBP: nullMap(models, v.BitcoinValueGBP),
		ValuePerMWhGBP: nullMap(models, v.ValuePerMWhGBP), CostPerMWhGBP: nullString(v.CostPerMWhGBP),
		PeriodsWithoutPrice: v.PeriodsWithoutPrice, PeriodsWithDerivedPrice: v.PeriodsWithDerivedPrice}
}

// jsonValueUnits are the units of the value keys.
var jsonValueUnits = map[string]string{
	"btc_price_gbp":              "GBP per bitcoin: the price the day's values used for its first period with Bitcoin; null for months, years and the total",
	"bitcoin_value_gbp":          "GBP by miner model: BTC x the BTC price in force at each period's start, summed over the periods with a price; null when none has one",
	"value_per_mwh_gbp":          "GBP per curtailed MWh by miner model: bitcoin_value_gbp / curtailed_mwh; null unless every period has a BTC price",
	"cost_per_mwh_gbp":           "GBP per curtailed MWh: -payment_gbp / curtailed_mwh, positive when the farms were paid",
	"periods_without_price":      "settlement periods with Bitcoin but no BTC price (in no value)",
	"periods_with_derived_price": "settlement periods valued with a derived price (" + price.SourceDerived + ")",
}

// chartDays is the most days the value chart of a monthly or yearly report
// draws one by one; over more, it draws months.
const chartDays = 92

// valueChart draws the mining value per curtailed MWh of each miner model
// against the bid-side cost per MWh: per day in a daily report or over a
// quarter at most, per month otherwise. A missing figure leaves its point
// out.
func valueChart(r *recon.Report) Chart {
	rows, per := r.Days, "day"
	if r.Level != recon.ReportDaily && len(r.Days) > chartDays {
		rows, per = r.Months, "month"
	}
	c := newChart("chart-value", "Mining value per curtailed MWh, by miner model, against the cost of curtailment per MWh, per "+per, "£/MWh")
	if len(rows) == 0 {
		c.Empty = true
		return c
	}
	labels := make([]string, len(rows))
	for i, d := range rows {
		labels[i] = d.Period
	}
	type line struct {
		name, color, dash string
		at                func(recon.RowValue) decimal.NullDecimal
	}
	var lines []line
	for k, m := range r.Models {
		lines = append(lines, line{name: m + " value", color: palette[k%len(palette)],
			at: func(v recon.RowValue) decimal.NullDecimal { return v.ValuePerMWhGBP[m] }})
	}
	lines = append(lines, line{name: "cost (paid to curtail)", color: "#394149", dash: "6 4",
		at: func(v recon.RowValue) decimal.NullDecimal { return v.CostPerMWhGBP }})
	var all []float64
	for _, d := range rows {
		for _, l := range lines {
			if v := l.at(d.Value); v.Valid {
				all = append(all, v.Decimal.InexactFloat64())
			}
		}
	}
	if len(all) == 0 {
		c.Empty = true
		return c
	}
	y := c.scaleY(all, axisLabel)
	slot := (c.PlotR - c.PlotL) / float64(len(rows))
	x := func(i int) float64 { return c.PlotL + slot*(float64(i)+0.5) }
	for k, l := range lines {
		s := Series{Name: l.name, Color: l.color, Dash: l.dash, LegendX: c.PlotL + float64(k)*170, LegendY: c.H - 24}
		var pts string
		for i, d := range rows {
			v := l.at(d.Value)
			if !v.Valid {
				continue
			}
			px, py := x(i), y(v.Decimal.InexactFloat64())
			pts += fmt.Sprintf("%.1f,%.1f ", px, py)
			s.Dots = append(s.Dots, Bar{X: px, Y: py, Title: labels[i] + ": " + pounds(v.Decimal) + "/MWh (" + l.name + ")" + derivedMark(d.Value)})
		}
		s.Points = pts
		c.Series = append(c.Series, s)
	}
	c.xTicks(labels, x)
	return c
}
