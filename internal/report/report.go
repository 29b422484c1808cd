// Package report lays out a recon.Report (what `recon report` reads from the
// summaries) as a text table, CSV, JSON or a self-contained HTML page with
// inline SVG charts. It computes nothing: every figure comes from the report.
// Energy is in MWh (positive), payment in £ with recon's sign convention
// (usually negative: money paid to the wind farms), Bitcoin in BTC.
package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// The output formats.
const (
	Table = "table"
	CSV   = "csv"
	JSON  = "json"
	HTML  = "html"
)

// Formats lists the output formats.
var Formats = []string{Table, CSV, JSON, HTML}

// SyntheticNote labels data from recon's stand-in server.
const SyntheticNote = "SYNTHETIC data from recon's stand-in Elexon server, not real figures"

// WhatIfMark marks a row whose Bitcoin includes what-if figures.
const WhatIfMark = "WHAT-IF"

// whatIfNote says which dates hold what-if figures, and what they are.
func whatIfNote(r *recon.Report) string {
	parts := make([]string, len(r.WhatIf))
	for i, d := range r.WhatIf {
		diff := Thousands(d.DifficultyMin.StringFixed(0))
		if !d.DifficultyMax.Equal(d.DifficultyMin) {
			diff += " to " + Thousands(d.DifficultyMax.StringFixed(0))
		}
		parts[i] = fmt.Sprintf("%s (difficulty %s)", d.Date.Format(settlement.DateLayout), diff)
	}
	return "WHAT-IF figures: the Bitcoin of rows marked " + WhatIfMark + " includes periods computed with an explicit difficulty, " +
		"not the difficulty table, on " + strings.Join(parts, ", ") + "; a normal `recon run` or `recon recalc` of those dates replaces them"
}

// whatIfCell is a row's marker in the table.
func whatIfCell(whatIf bool) string {
	if whatIf {
		return WhatIfMark
	}
	return ""
}

// Write lays r out in format.
func Write(w io.Writer, format string, r *recon.Report) error {
	switch format {
	case Table:
		return writeTable(w, r)
	case CSV:
		return writeCSV(w, r)
	case JSON:
		return writeJSON(w, r)
	case HTML:
		return writeHTML(w, r)
	}
	return recon.BadInput("report format %q: give one of %s", format, strings.Join(Formats, ", "))
}

// title is the report's heading, e.g. "Monthly report 2025-03-01 to 2025-03-31".
func title(r *recon.Report) string {
	level := strings.ToUpper(r.Level[:1]) + r.Level[1:]
	return fmt.Sprintf("%s report %s to %s", level, r.From.Format(settlement.DateLayout), r.To.Format(settlement.DateLayout))
}

// coveredLabel names the Covered column at a level.
func coveredLabel(level string) string {
	if level == recon.ReportDaily {
		return "periods"
	}
	return "days"
}

// Display forms: rounded for reading (the CSV and JSON keep every digit).
// (numbers.go says how money and energy are written, and why.)
func mwh(d decimal.Decimal) string    { return Energy(d) }
func pounds(d decimal.Decimal) string { return Money(d) }
func btc(d decimal.Decimal) string    { return d.StringFixed(8) }

// nullPounds is pounds, or "-" for no figure.
func nullPounds(d decimal.NullDecimal) string {
	if !d.Valid {
		return "-"
	}
	return pounds(d.Decimal)
}

func nullMWh(d decimal.NullDecimal) string {
	if !d.Valid {
		return "-"
	}
	return mwh(d.Decimal)
}

func percent(d decimal.NullDecimal) string {
	if !d.Valid {
		return "-"
	}
	return d.Decimal.Mul(decimal.NewFromInt(100)).StringFixed(2) + "%"
}

func writeTable(w io.Writer, r *recon.Report) error {
	fmt.Fprintln(w, title(r))
	if r.Synthetic {
		fmt.Fprintf(w, "[%s]\n", SyntheticNote)
	}
	whatIf := len(r.WhatIf) > 0
	if whatIf {
		fmt.Fprintf(w, "[%s]\n", whatIfNote(r))
	}
	fmt.Fprintln(w, "Energy in MWh; payment in £ (negative: paid to the wind farms); curtailed share = curtailed / (wind generated + curtailed),")
	fmt.Fprintln(w, "over the days with wind generation: their curtailed MWh (\"on wind days\") / (wind MWh + that).")
	fmt.Fprintln(w, costNote)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"period", "curtailed MWh", "payment", "wind MWh", "wind days", "curtailed MWh on wind days", "curtailed share",
		"records", coveredLabel(r.Level)}
	head = append(head, costTableHead...)
	for _, m := range r.Models {
		head = append(head, "BTC "+m)
	}
	head = append(head, valueHead(r.Models)...)
	if whatIf {
		head = append(head, "what-if")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, row := range append(append([]recon.ReportRow{}, r.Rows...), r.Total) {
		cells := []string{row.Period, mwh(row.CurtailedMWh), pounds(row.Payment), nullMWh(row.WindMWh),
			Thousands(strconv.Itoa(row.DaysWithWind)), nullMWh(row.CurtailedMWhOnWindDays), percent(row.CurtailedShare),
			Thousands(strconv.Itoa(row.Records)), Thousands(strconv.Itoa(row.Covered))}
		cells = append(cells, costCells(row.Cost)...)
		for _, m := range r.Models {
			cells = append(cells, btc(row.Bitcoin[m]))
		}
		cells = append(cells, valueCells(r.Models, row.Value)...)
		if whatIf {
			cells = append(cells, whatIfCell(row.WhatIf))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, n := range notes(r) {
		fmt.Fprintln(w, n)
	}
	fmt.Fprintf(w, "\nTop %d farms by curtailed energy\n", len(r.TopFarms))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head = []string{"#", "farm", "lead party", "curtailed MWh", "payment", "records"}
	for _, m := range r.Models {
		head = append(head, "BTC "+m)
	}
	head = append(head, farmValueHead(r.Models)...)
	if whatIf {
		head = append(head, "what-if")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for i, f := range r.TopFarms {
		cells := []string{strconv.Itoa(i + 1), f.FarmID, f.LeadParty, mwh(f.CurtailedMWh), pounds(f.Payment), Thousands(strconv.Itoa(f.Records))}
		for _, m := range r.Models {
			cells = append(cells, btc(f.Bitcoin[m]))
		}
		cells = append(cells, farmValueCells(r.Models, f)...)
		if whatIf {
			cells = append(cells, whatIfCell(f.WhatIf))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return writeWhoWasPaid(w, r)
}

// csvHeader is the CSV's header: one rectangular table whose section column
// says what a row is (a period, the total, one of the top farms, or a
// footnote, whose text is in the period column). Columns added later go
// after synthetic, before the Bitcoin columns, so that the earlier ones keep
// their places (days_with_wind and curtailed_mwh_on_wind_days, then
// what_if, then the cost columns, then the fixed value columns); columns per
// miner model added later go after the Bitcoin ones (the values by model).
func csvHeader(models []string) []string {
	h := []string{"section", "period", "farm_id", "lead_party", "curtailed_mwh", "payment_gbp", "wind_mwh",
		"wind_onshore_mwh", "wind_offshore_mwh", "curtailed_share", "records", "covered", "synthetic",
		"days_with_wind", "curtailed_mwh_on_wind_days", "what_if"}
	h = append(h, costCSVHeader...)
	h = append(h, csvValueHead()...)
	for _, m := range models {
		h = append(h, "btc_"+m)
	}
	return append(h, csvValueModelHead(models)...)
}

func exact(d decimal.NullDecimal) string {
	if !d.Valid {
		return ""
	}
	return d.Decimal.String()
}

func writeCSV(w io.Writer, r *recon.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader(r.Models)); err != nil {
		return err
	}
	synthetic := strconv.FormatBool(r.Synthetic)
	rows := append(append([]recon.ReportRow{}, r.Rows...), r.Total)
	for i, row := range rows {
		section := "period"
		if i == len(rows)-1 {
			section = "total"
		}
		rec := []string{section, row.Period, "", "", row.CurtailedMWh.String(), row.Payment.String(), exact(row.WindMWh),
			exact(row.WindOnshoreMWh), exact(row.WindOffshoreMWh), exact(row.CurtailedShare), strconv.Itoa(row.Records),
			strconv.Itoa(row.Covered), synthetic, strconv.Itoa(row.DaysWithWind), exact(row.CurtailedMWhOnWindDays),
			strconv.FormatBool(row.WhatIf)}
		rec = append(rec, costCSV(&row.Cost)...)
		rec = append(rec, csvValue(row.Value)...)
		for _, m := range r.Models {
			rec = append(rec, row.Bitcoin[m].StringFixed(8))
		}
		rec = append(rec, csvValueModels(r.Models, row.Value)...)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	for _, f := range r.TopFarms {
		rec := []string{"top_farm", r.From.Format(settlement.DateLayout) + "/" + r.To.Format(settlement.DateLayout), f.FarmID, f.LeadParty,
			f.CurtailedMWh.String(), f.Payment.String(), "", "", "", "", strconv.Itoa(f.Records), "", synthetic, "", "",
			strconv.FormatBool(f.WhatIf)}
		rec = append(rec, costCSV(nil)...)
		fixedValue, modelValue := csvFarmValue(r.Models, f)
		rec = append(rec, fixedValue...)
		for _, m := range r.Models {
			rec = append(rec, f.Bitcoin[m].StringFixed(8))
		}
		rec = append(rec, modelValue...)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	width := len(csvHeader(r.Models))
	for _, n := range labels(r) {
		rec := make([]string, width)
		rec[0], rec[1] = "footnote", n
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// The JSON shapes: every number is an exact decimal string; a value not known
// (no wind generation fetched) is null.
type jsonRow struct {
	Period          string            `json:"period"`
	CurtailedMWh    string            `json:"curtailed_mwh"`
	PaymentGBP      string            `json:"payment_gbp"`
	WindMWh         *string           `json:"wind_mwh"`
	WindOnshoreMWh  *string           `json:"wind_onshore_mwh"`
	WindOffshoreMWh *string           `json:"wind_offshore_mwh"`
	CurtailedShare  *string           `json:"curtailed_share"`
	Records         int               `json:"records"`
	Covered         int               `json:"covered"`
	Bitcoin         map[string]string `json:"bitcoin"`
	// The days the share is taken over, and their curtailed energy.
	DaysWithWind           int     `json:"days_with_wind"`
	CurtailedMWhOnWindDays *string `json:"curtailed_mwh_on_wind_days"`
	// WhatIf: some of the row's Bitcoin is what-if figures.
	WhatIf bool `json:"what_if"`
	// Both halves of the cost (cost.go), flattened into the row.
	jsonCost
	// What the Bitcoin was worth (value.go).
	jsonValue
}

type jsonFarm struct {
	FarmID       string            `json:"farm_id"`
	LeadParty    string            `json:"lead_party"`
	Records      int               `json:"records"`
	CurtailedMWh string            `json:"curtailed_mwh"`
	PaymentGBP   string            `json:"payment_gbp"`
	Bitcoin      map[string]string `json:"bitcoin"`
	WhatIf       bool              `json:"what_if"`
	// BitcoinValueGBP is what the farm's Bitcoin was worth, by miner model.
	BitcoinValueGBP map[string]*string `json:"bitcoin_value_gbp"`
}

// jsonWhatIfDate is a date holding what-if Bitcoin.
type jsonWhatIfDate struct {
	Date          string `json:"date"`
	Periods       int    `json:"periods"`
	DifficultyMin string `json:"difficulty_min"`
	DifficultyMax string `json:"difficulty_max"`
}

type jsonReport struct {
	Level       string            `json:"level"`
	From        string            `json:"from"`
	To          string            `json:"to"`
	GeneratedAt string            `json:"generated_at"`
	Synthetic   bool              `json:"synthetic"`
	Units       map[string]string `json:"units"`
	Models      []string          `json:"miner_models"`
	Rows        []jsonRow         `json:"rows"`
	Total       jsonRow           `json:"total"`
	TopFarms    []jsonFarm        `json:"top_farms"`
	// WhatIfDates are the dates whose Bitcoin holds what-if figures.
	WhatIfDates []jsonWhatIfDate `json:"what_if_dates"`
	WhoWasPaid  jsonWhoWasPaid   `json:"who_was_paid"`
	// Footnotes say what the values count, and label those that rest on
	// derived prices or miss a price.
	Footnotes []string `json:"footnotes"`
}

func nullString(d decimal.NullDecimal) *string {
	if !d.Valid {
		return nil
	}
	s := d.Decimal.String()
	return &s
}

func btcMap(models []string, m map[string]decimal.Decimal) map[string]string {
	out := make(map[string]string, len(models))
	for _, name := range models {
		out[name] = m[name].StringFixed(8)
	}
	return out
}

func toJSONRow(models []string, r recon.ReportRow) jsonRow {
	return jsonRow{Period: r.Period, CurtailedMWh: r.CurtailedMWh.String(), PaymentGBP: r.Payment.String(),
		WindMWh: nullString(r.WindMWh), WindOnshoreMWh: nullString(r.WindOnshoreMWh), WindOffshoreMWh: nullString(r.WindOffshoreMWh),
		CurtailedShare: nullString(r.CurtailedShare), Records: r.Records, Covered: r.Covered, Bitcoin: btcMap(models, r.Bitcoin),
		DaysWithWind: r.DaysWithWind, CurtailedMWhOnWindDays: nullString(r.CurtailedMWhOnWindDays), WhatIf: r.WhatIf,
		jsonCost: toJSONCost(r.Cost), jsonValue: toJSONValue(models, r.Value)}
}

func writeJSON(w io.Writer, r *recon.Report) error {
	out := jsonReport{
		Level: r.Level, From: r.From.Format(settlement.DateLayout), To: r.To.Format(settlement.DateLayout),
		GeneratedAt: r.Generated.UTC().Format("2006-01-02T15:04:05Z"), Synthetic: r.Synthetic, Models: r.Models,
		Units: map[string]string{
			"energy": "MWh, positive", "payment": "GBP; negative means paid to the wind farms",
			"curtailed_share": "curtailed / (wind generated + curtailed), over the days with wind generation: " +
				"curtailed_mwh_on_wind_days / (wind_mwh + curtailed_mwh_on_wind_days)",
			"days_with_wind":             "days whose wind generation has been fetched",
			"curtailed_mwh_on_wind_days": "MWh, positive: the curtailed energy of the days_with_wind",
			"bitcoin":                    "BTC", "covered": coveredLabel(r.Level) + " with data",
		},
		Rows: []jsonRow{}, Total: toJSONRow(r.Models, r.Total), TopFarms: []jsonFarm{}, WhatIfDates: []jsonWhatIfDate{},
		WhoWasPaid: toJSONWhoWasPaid(r.WhoWasPaid),
		Footnotes:  notes(r),
	}
	for k, u := range jsonValueUnits {
		out.Units[k] = u
	}
	if len(r.WhatIf) > 0 {
		out.Units["what_if"] = "true when some of the row's Bitcoin was computed with an explicit difficulty (a what-if), not the difficulty table"
	}
	for _, d := range r.WhatIf {
		out.WhatIfDates = append(out.WhatIfDates, jsonWhatIfDate{Date: d.Date.Format(settlement.DateLayout), Periods: d.Periods,
			DifficultyMin: d.DifficultyMin.String(), DifficultyMax: d.DifficultyMax.String()})
	}
	costUnits(out.Units)
	for _, row := range r.Rows {
		out.Rows = append(out.Rows, toJSONRow(r.Models, row))
	}
	for _, f := range r.TopFarms {
		out.TopFarms = append(out.TopFarms, jsonFarm{FarmID: f.FarmID, LeadParty: f.LeadParty, Records: f.Records,
			CurtailedMWh: f.CurtailedMWh.String(), PaymentGBP: f.Payment.String(), Bitcoin: btcMap(r.Models, f.Bitcoin), WhatIf: f.WhatIf,
			BitcoinValueGBP: nullMap(r.Models, f.Value)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
