package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
)

// The page is one file: styles inline, charts as inline SVG drawn here, no
// scripts, fonts or anything fetched from elsewhere.
//
//go:embed report.html.tmpl
var pageTemplate string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"mwh": mwh, "pounds": pounds, "btc": btc, "nullMWh": nullMWh, "percent": percent,
	"nullPounds": nullPounds, "derivedMark": derivedMark,
	"value":   func(m map[string]decimal.NullDecimal, name string) decimal.NullDecimal { return m[name] },
	"f":       func(v float64) string { return fmt.Sprintf("%.1f", v) },
	"model":   func(m map[string]decimal.Decimal, name string) decimal.Decimal { return m[name] },
	"inc":     func(i int) int { return i + 1 },
	"count":   func(n int) string { return Thousands(strconv.Itoa(n)) },
	"count64": func(n int64) string { return Thousands(strconv.FormatInt(n, 10)) },
	"money":   Money,
}).Parse(pageTemplate))

// Chart geometry, in SVG user units. Floats here place pixels only: every
// figure shown as text comes from the exact decimals.
const (
	chartW, chartH         = 1100.0, 300.0
	padL, padR, padT, padB = 90.0, 20.0, 20.0, 60.0
)

// Bar is one bar of a chart, with its tooltip.
type Bar struct {
	X, Y, W, H float64
	Title      string
	Class      string
}

// Tick is an axis label at a position.
type Tick struct {
	Pos   float64
	Label string
}

// Series is one line of a line chart.
type Series struct {
	Name   string
	Color  string
	Points string // "x,y x,y ..."
	Dots   []Bar  // one marker per point, with its tooltip
	// LegendX and LegendY place the series' legend entry.
	LegendX, LegendY float64
	// Dash is the line's SVG stroke-dasharray; "" for a solid line.
	Dash string
}

// Chart is one chart's geometry.
type Chart struct {
	ID, Title, Unit string
	W, H            float64
	PlotL, PlotR    float64
	PlotT, PlotB    float64
	ZeroY           float64
	Bars            []Bar
	Series          []Series
	YTicks, XTicks  []Tick
	Empty           bool
}

// FarmBar is one bar of the top-farms chart.
type FarmBar struct {
	Y, W, ValueX      float64
	Label, Short, MWh string
	Title             string
}

// FarmChart is the horizontal bar chart of the top farms.
type FarmChart struct {
	W, H, LabelW, BarH float64
	Bars               []FarmBar
}

// pageData is what the template shows.
type pageData struct {
	*recon.Report
	Title, SyntheticNote string
	WhatIfNote           string // "" when no row holds what-if figures
	CoveredLabel         string
	Charts               []Chart
	Farms                FarmChart
	CostChart            StackedChart // both halves of the cost (cost.go)
	WhoWasPaidNote       string
	// Notes are the value footnotes (value.go).
	Notes []string
}

func writeHTML(w io.Writer, r *recon.Report) error {
	data := pageData{Report: r, Title: title(r), SyntheticNote: SyntheticNote, CoveredLabel: coveredLabel(r.Level), Notes: notes(r)}
	if len(r.WhatIf) > 0 {
		data.WhatIfNote = whatIfNote(r)
	}
	days := r.Days
	labels := make([]string, len(days))
	for i, d := range days {
		labels[i] = d.Period
	}
	energy := make([]decimal.Decimal, len(days))
	payment := make([]decimal.Decimal, len(days))
	for i, d := range days {
		energy[i], payment[i] = d.CurtailedMWh, d.Payment
	}
	data.Charts = append(data.Charts,
		barChart("chart-energy", "Curtailed energy per day", "MWh", labels, energy, func(d decimal.Decimal) string { return mwh(d) + " MWh" }),
		barChart("chart-payment", "Payment per day (negative: paid to the wind farms)", "£", labels, payment, Money),
		btcChart(r, labels), valueChart(r))
	data.Farms = farmChart(r.TopFarms)
	data.CostChart, data.WhoWasPaidNote = costChart(r), whoWasPaidNote
	return page.Execute(w, data)
}

// niceStep is a round step (1, 2 or 5 × 10^k) giving about n intervals over span.
func niceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// axis returns the value range [lo, hi] (always including 0) widened to
// whole steps, and the step.
func axis(values []float64) (lo, hi, step float64) {
	for _, v := range values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo == hi {
		hi = 1
	}
	step = niceStep(hi-lo, 5)
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

func newChart(id, title, unit string) Chart {
	return Chart{ID: id, Title: title, Unit: unit, W: chartW, H: chartH, PlotL: padL, PlotR: chartW - padR, PlotT: padT, PlotB: chartH - padB}
}

// scaleY maps values to y positions and fills the y ticks.
func (c *Chart) scaleY(values []float64, format func(float64) string) func(float64) float64 {
	lo, hi, step := axis(values)
	y := func(v float64) float64 { return c.PlotB - (v-lo)/(hi-lo)*(c.PlotB-c.PlotT) }
	for v := lo; v <= hi+step/2; v += step {
		c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: format(v)})
	}
	c.ZeroY = y(0)
	return y
}

// xTicks labels about eight of n slots spread over the plot.
func (c *Chart) xTicks(labels []string, x func(i int) float64) {
	every := max(1, (len(labels)+7)/8)
	for i := 0; i < len(labels); i += every {
		c.XTicks = append(c.XTicks, Tick{Pos: x(i), Label: labels[i]})
	}
}

func axisLabel(v float64) string {
	d := decimal.NewFromFloat(v).Round(8)
	if d.Abs().GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return Thousands(d.StringFixed(0))
	}
	return d.String()
}

// barChart draws one bar per day, up from zero for positive values and down
// for negative ones; format writes a value with its unit, for the tooltip.
func barChart(id, title, unit string, labels []string, values []decimal.Decimal, format func(decimal.Decimal) string) Chart {
	c := newChart(id, title, unit)
	if len(values) == 0 {
		c.Empty = true
		return c
	}
	fs := make([]float64, len(values))
	for i, v := range values {
		fs[i] = v.InexactFloat64()
	}
	y := c.scaleY(fs, axisLabel)
	slot := (c.PlotR - c.PlotL) / float64(len(values))
	x := func(i int) float64 { return c.PlotL + slot*(float64(i)+0.5) }
	for i, v := range fs {
		top, bottom := y(math.Max(v, 0)), y(math.Min(v, 0))
		class := "bar"
		if v < 0 {
			class = "bar neg"
		}
		c.Bars = append(c.Bars, Bar{X: x(i) - slot*0.4, Y: top, W: slot * 0.8, H: math.Max(bottom-top, 0.5),
			Title: labels[i] + ": " + format(values[i]), Class: class})
	}
	c.xTicks(labels, x)
	return c
}

// palette colours the miner models' lines.
var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"}

// btcChart draws one line per miner model over the days.
func btcChart(r *recon.Report, labels []string) Chart {
	c := newChart("chart-bitcoin", "Bitcoin that could have been mined per day, by miner model", "BTC")
	if len(r.Days) == 0 || len(r.Models) == 0 {
		c.Empty = true
		return c
	}
	var all []float64
	for _, d := range r.Days {
		for _, m := range r.Models {
			all = append(all, d.Bitcoin[m].InexactFloat64())
		}
	}
	y := c.scaleY(all, axisLabel)
	slot := (c.PlotR - c.PlotL) / float64(len(r.Days))
	x := func(i int) float64 { return c.PlotL + slot*(float64(i)+0.5) }
	for k, m := range r.Models {
		s := Series{Name: m, Color: palette[k%len(palette)], LegendX: c.PlotL + float64(k)*140, LegendY: c.H - 24}
		var pts []string
		for i, d := range r.Days {
			v := d.Bitcoin[m]
			px, py := x(i), y(v.InexactFloat64())
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, py))
			s.Dots = append(s.Dots, Bar{X: px, Y: py, Title: labels[i] + ": " + btc(v) + " BTC (" + m + ")"})
		}
		s.Points = strings.Join(pts, " ")
		c.Series = append(c.Series, s)
	}
	c.xTicks(labels, x)
	return c
}

// farmChart draws the top farms as horizontal bars by curtailed MWh.
func farmChart(farms []recon.FarmRow) FarmChart {
	fc := FarmChart{W: chartW, LabelW: 360, BarH: 26}
	fc.H = float64(len(farms))*fc.BarH + 10
	var most float64
	for _, f := range farms {
		most = math.Max(most, f.CurtailedMWh.InexactFloat64())
	}
	if most <= 0 {
		most = 1
	}
	span := fc.W - fc.LabelW - 150
	for i, f := range farms {
		w := math.Max(f.CurtailedMWh.InexactFloat64()/most*span, 1)
		label := f.FarmID
		if f.LeadParty != "" {
			label += " (" + f.LeadParty + ")"
		}
		fc.Bars = append(fc.Bars, FarmBar{
			Y: float64(i)*fc.BarH + 5, W: w, ValueX: fc.LabelW + w + 6,
			Label: label, Short: shorten(label, 52), MWh: mwh(f.CurtailedMWh) + " MWh",
			Title: fmt.Sprintf("%s: %s MWh, %s, %d records", label, mwh(f.CurtailedMWh), Money(f.Payment), f.Records),
		})
	}
	return fc
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
