package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func null(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(dec(s))
}

// value is a row's value figures: the day's price, the values and values
// per MWh of S19J_PRO and S9 ("" for none), the cost per MWh, the periods
// without a price and with a derived one.
func value(price, s19, s9, s19PerMWh, s9PerMWh, cost string, without, derived int) recon.RowValue {
	return recon.RowValue{BTCPriceGBP: null(price),
		BitcoinValueGBP: map[string]decimal.NullDecimal{"S19J_PRO": null(s19), "S9": null(s9)},
		ValuePerMWhGBP:  map[string]decimal.NullDecimal{"S19J_PRO": null(s19PerMWh), "S9": null(s9PerMWh)},
		CostPerMWhGBP:   null(cost), PeriodsWithoutPrice: without, PeriodsWithDerivedPrice: derived}
}

// fixture is a small monthly report: two days, one without wind data (so
// the month's share is taken over the other only) and without a BTC price
// for 3 of its periods, the other valued with derived prices; a farm whose
// lead party needs escaping.
func fixture() *recon.Report {
	day := func(p, mwh, pay, wind, share, s19, s9 string) recon.ReportRow {
		row := recon.ReportRow{Period: p, CurtailedMWh: dec(mwh), Payment: dec(pay), WindMWh: null(wind),
			WindOnshoreMWh: null(wind), WindOffshoreMWh: null(""), CurtailedShare: null(share), Records: 10, Covered: 48,
			Bitcoin: map[string]decimal.Decimal{"S19J_PRO": dec(s19), "S9": dec(s9)}}
		if wind != "" {
			row.DaysWithWind, row.CurtailedMWhOnWindDays = 1, null(mwh)
		}
		return row
	}
	days := []recon.ReportRow{
		day("2025-03-06", "1234.5678", "-45678.125", "100000.5", "0.012195", "1.23456789", "0.38"),
		day("2025-03-07", "0.004166666666666667", "-0.08", "", "", "0", "0"),
	}
	days[0].Value = value("70336.34", "86834.1234567890", "26727.8092", "70.33", "21.649", "36.9993", 0, 48)
	days[1].Value = value("", "", "", "", "", "19.2", 3, 0)
	month := recon.ReportRow{Period: "2025-03", CurtailedMWh: dec("1234.571966666666666667"), Payment: dec("-45678.205"),
		WindMWh: null("100000.5"), WindOnshoreMWh: null("100000.5"), WindOffshoreMWh: null("0"), CurtailedShare: null("0.012195"),
		DaysWithWind: 1, CurtailedMWhOnWindDays: null("1234.5678"), Records: 20, Covered: 2, Bitcoin: map[string]decimal.Decimal{"S19J_PRO": dec("1.23456789"), "S9": dec("0.38")}}
	month.Value = value("", "86834.1234567890", "26727.8092", "70.33", "21.649", "36.999", 3, 48)
	total := month
	total.Period = "total"
	return &recon.Report{
		Level: recon.ReportMonthly, From: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC),
		Generated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Synthetic: true, Models: []string{"S19J_PRO", "S9"},
		Rows: []recon.ReportRow{month}, Total: total, Days: days, Months: []recon.ReportRow{month},
		TopFarms: []recon.FarmRow{
			{FarmID: "T_SGRWO-1", LeadParty: "Seagreen <Wind> & Co", Records: 12, CurtailedMWh: dec("1000.25"), Payment: dec("-40000"),
				Bitcoin: map[string]decimal.Decimal{"S19J_PRO": dec("1.0"), "S9": dec("0.3")},
				Value:   map[string]decimal.NullDecimal{"S19J_PRO": null("70336.34"), "S9": null("21100.902")}},
			{FarmID: "2__PEDGE003", Records: 3, CurtailedMWh: dec("234.32"), Payment: dec("18.375"),
				Bitcoin: map[string]decimal.Decimal{"S19J_PRO": dec("0.23456789"), "S9": dec("0.08")},
				Value:   map[string]decimal.NullDecimal{"S19J_PRO": null(""), "S9": null("")}},
		},
	}
}

func render(t *testing.T, format string, r *recon.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTable(t *testing.T) {
	out := render(t, Table, fixture())
	for _, want := range []string{
		"Monthly report 2025-03-01 to 2025-03-31", "[" + SyntheticNote + "]",
		"BTC S19J_PRO", "2025-03", "1,234.572", "-£45,678.21", "100,000.500", "1.22%", "1.23456789",
		"wind days", "curtailed MWh on wind days", "1,234.568",
		"Top 2 farms", "Seagreen <Wind> & Co", "2__PEDGE003", "234.320", " £18.38",
		// values: the columns, the month's figures (derived: marked), the
		// notes, a farm's value
		"BTC price", "value S19J_PRO", "value/MWh S9", "cost/MWh", "no price", "£86,834.12*", "£26,727.81*", "£70.33", "£37.00",
		SubsidyNote, DerivedNote, "3 settlement periods with Bitcoin had no BTC price", "recon recalc --from 2025-03-01 --to 2025-03-31",
		"£70,336.34", "£21,100.90",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^\s*total\s`).FindAllString(out, -1)); n != 1 {
		t.Errorf("table should have one total line:\n%s", out)
	}
}

func TestCSV(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(render(t, CSV, fixture()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := []string{"section", "period", "farm_id", "lead_party", "curtailed_mwh", "payment_gbp", "wind_mwh", "wind_onshore_mwh", "wind_offshore_mwh", "curtailed_share", "records", "covered", "synthetic", "days_with_wind", "curtailed_mwh_on_wind_days",
		"what_if", "turn_up_mwh", "turn_up_cost_gbp", "total_cost_gbp", "total_cost_per_mwh_gbp", "btc_price_gbp", "cost_per_mwh_gbp", "periods_without_price", "periods_with_derived_price", "btc_S19J_PRO", "btc_S9",
		"bitcoin_value_gbp_S19J_PRO", "bitcoin_value_gbp_S9", "value_per_mwh_gbp_S19J_PRO", "value_per_mwh_gbp_S9"}
	note := func(text string) []string { return append([]string{"footnote", text}, make([]string, len(head)-2)...) }
	want := [][]string{
		head,
		{"period", "2025-03", "", "", "1234.571966666666666667", "-45678.205", "100000.5", "100000.5", "0", "0.012195", "20", "2", "true", "1", "1234.5678", "false",
			"0", "0", "0", "", "", "36.999", "3", "48", "1.23456789", "0.38000000", "86834.123456789", "26727.8092", "70.33", "21.649"},
		{"total", "total", "", "", "1234.571966666666666667", "-45678.205", "100000.5", "100000.5", "0", "0.012195", "20", "2", "true", "1", "1234.5678", "false",
			"0", "0", "0", "", "", "36.999", "3", "48", "1.23456789", "0.38000000", "86834.123456789", "26727.8092", "70.33", "21.649"},
		{"top_farm", "2025-03-01/2025-03-31", "T_SGRWO-1", "Seagreen <Wind> & Co", "1000.25", "-40000", "", "", "", "", "12", "", "true", "", "", "false",
			"", "", "", "", "", "", "", "", "1.00000000", "0.30000000", "70336.34", "21100.902", "", ""},
		{"top_farm", "2025-03-01/2025-03-31", "2__PEDGE003", "", "234.32", "18.375", "", "", "", "", "3", "", "true", "", "", "false",
			"", "", "", "", "", "", "", "", "0.23456789", "0.08000000", "", "", "", ""},
		note(DerivedNote),
		note("3 settlement periods with Bitcoin had no BTC price: their Bitcoin is in the BTC figures but in no value. " +
			"Fill the price history with `recon price sync` (or `recon price import FILE`), then `recon recalc --from 2025-03-01 --to 2025-03-31`."),
	}
	if len(recs) != len(want) {
		t.Fatalf("%d CSV records, want %d: %v", len(recs), len(want), recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("CSV line %d:\n got %v\nwant %v", i+1, recs[i], want[i])
		}
	}
}

func TestJSON(t *testing.T) {
	var got struct {
		Level, From, To string
		Synthetic       bool
		Models          []string `json:"miner_models"`
		Rows            []map[string]any
		Total           map[string]any
		TopFarms        []map[string]any `json:"top_farms"`
		Footnotes       []string
		Units           map[string]string
	}
	r := fixture()
	r.Level = recon.ReportDaily
	r.Rows = r.Days
	if err := json.Unmarshal([]byte(render(t, JSON, r)), &got); err != nil {
		t.Fatal(err)
	}
	if got.Level != "daily" || got.From != "2025-03-01" || got.To != "2025-03-31" || !got.Synthetic || len(got.Models) != 2 {
		t.Errorf("header %+v", got)
	}
	if len(got.Rows) != 2 || got.Rows[0]["curtailed_mwh"] != "1234.5678" || got.Rows[1]["wind_mwh"] != nil ||
		got.Rows[1]["curtailed_share"] != nil || got.Rows[0]["curtailed_share"] != "0.012195" {
		t.Errorf("rows %v", got.Rows)
	}
	// The days the share is taken over: a number, and the MWh (null without wind).
	if got.Rows[0]["days_with_wind"] != 1.0 || got.Rows[0]["curtailed_mwh_on_wind_days"] != "1234.5678" ||
		got.Rows[1]["days_with_wind"] != 0.0 || got.Rows[1]["curtailed_mwh_on_wind_days"] != nil ||
		got.Total["days_with_wind"] != 1.0 || got.Total["curtailed_mwh_on_wind_days"] != "1234.5678" {
		t.Errorf("days with wind: rows %v, total %v", got.Rows, got.Total)
	}
	if btc := got.Rows[0]["bitcoin"].(map[string]any); btc["S19J_PRO"] != "1.23456789" || btc["S9"] != "0.38000000" {
		t.Errorf("bitcoin %v", btc)
	}
	if got.Total["payment_gbp"] != "-45678.205" || len(got.TopFarms) != 2 || got.TopFarms[0]["lead_party"] != "Seagreen <Wind> & Co" {
		t.Errorf("total %v, farms %v", got.Total, got.TopFarms)
	}

	// Values: exact decimal strings, null where unknown, keyed by model like
	// bitcoin; the price of a day, never of the total.
	wantKeys := map[string]any{
		"btc_price_gbp": "70336.34", "cost_per_mwh_gbp": "36.9993", "periods_without_price": 0.0, "periods_with_derived_price": 48.0,
		"bitcoin_value_gbp": map[string]any{"S19J_PRO": "86834.123456789", "S9": "26727.8092"},
		"value_per_mwh_gbp": map[string]any{"S19J_PRO": "70.33", "S9": "21.649"},
	}
	for k, want := range wantKeys {
		if g, _ := json.Marshal(got.Rows[0][k]); string(g) != mustJSON(t, want) {
			t.Errorf("day 1 %s = %s, want %s", k, g, mustJSON(t, want))
		}
	}
	for k, want := range map[string]any{
		"btc_price_gbp": nil, "periods_without_price": 3.0,
		"bitcoin_value_gbp": map[string]any{"S19J_PRO": nil, "S9": nil}, "value_per_mwh_gbp": map[string]any{"S19J_PRO": nil, "S9": nil},
	} {
		if g, _ := json.Marshal(got.Rows[1][k]); string(g) != mustJSON(t, want) {
			t.Errorf("day 2 %s = %s, want %s", k, g, mustJSON(t, want))
		}
	}
	if got.Total["btc_price_gbp"] != nil || got.Total["cost_per_mwh_gbp"] != "36.999" || got.Total["periods_without_price"] != 3.0 {
		t.Errorf("total values %v", got.Total)
	}
	if v := got.TopFarms[0]["bitcoin_value_gbp"].(map[string]any); v["S19J_PRO"] != "70336.34" || v["S9"] != "21100.902" {
		t.Errorf("farm value %v", v)
	}
	if len(got.Footnotes) != 3 || got.Footnotes[0] != SubsidyNote || got.Footnotes[1] != DerivedNote ||
		!strings.Contains(got.Footnotes[2], "3 settlement periods") {
		t.Errorf("footnotes %q", got.Footnotes)
	}
	for _, k := range []string{"btc_price_gbp", "bitcoin_value_gbp", "value_per_mwh_gbp", "cost_per_mwh_gbp", "periods_without_price"} {
		if got.Units[k] == "" {
			t.Errorf("no unit for %s", k)
		}
	}
}

// TestJSONWithoutLabels: a report whose values rest on no derived price and
// miss none carries only the note of what a value counts.
func TestJSONWithoutLabels(t *testing.T) {
	r := fixture()
	r.Total.Value = value("", "1", "2", "3", "4", "5", 0, 0)
	var got struct{ Footnotes []string }
	if err := json.Unmarshal([]byte(render(t, JSON, r)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Footnotes) != 1 || got.Footnotes[0] != SubsidyNote {
		t.Errorf("footnotes %q, want the subsidy note only", got.Footnotes)
	}
	if out := render(t, Table, r); strings.Contains(out, DerivedNote) || strings.Contains(out, "no BTC price") {
		t.Errorf("table carries labels it does not need:\n%s", out)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHTMLIsSelfContained(t *testing.T) {
	out := render(t, HTML, fixture())
	for _, want := range []string{
		`<svg id="chart-energy"`, `<svg id="chart-payment"`, `<svg id="chart-bitcoin"`, `<svg id="chart-farms"`,
		`class="bar neg"`, `<polyline class="series"`, "Seagreen &lt;Wind&gt; &amp; Co", html.EscapeString(SyntheticNote),
		"2025-03-06: 1,234.568 MWh", "1.22%", "BTC on S19J_PRO", "<th>wind days</th>", "<td>1,234.568</td>",
		// values: the chart (per month in a monthly report, the cost line
		// dashed), the columns, the farm's value, the notes
		`<svg id="chart-value"`, "per day", `stroke-dasharray="6 4"`, "2025-03-06: £70.33/MWh (S19J_PRO value)*",
		"2025-03-06: £37.00/MWh (cost (paid to curtail))*", "2025-03-07: £19.20/MWh (cost (paid to curtail))", "<th>value S19J_PRO</th>", "<td>£86,834.12*</td>", "<th>cost/MWh</th>",
		"<td>£70,336.34</td>", html.EscapeString(DerivedNote), "value on S19J_PRO",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Nothing is fetched from elsewhere: no scripts, no external references.
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script`), regexp.MustCompile(`(?i)<link`), regexp.MustCompile(`(?i)@import`),
		regexp.MustCompile(`(?i)(src|href)\s*=\s*"?https?:`), regexp.MustCompile(`(?i)url\(`),
	} {
		if bad.MatchString(out) {
			t.Errorf("page matches %s: it must be self-contained", bad)
		}
	}
	if strings.Contains(out, "<Wind>") {
		t.Error("a lead party name is not escaped")
	}
}

// chromium finds a headless-capable Chromium, or skips (fails under CI).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const how = "chromium not found: install Debian's chromium package (apt-get install -y chromium) to check that the HTML report renders"
	if os.Getenv("CI") == "true" {
		t.Fatal(how + " (CI=true: this test must not be skipped)")
	}
	t.Skip(how)
	return ""
}

// headless runs Chromium on a local file with no network, extension or
// profile side effects.
func headless(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + t.TempDir()}
	cmd := exec.Command(bin, append(base, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	return out
}

// TestHTMLValueChartPerMonth: over more than a quarter, the value chart of
// a monthly or yearly report draws months.
func TestHTMLValueChartPerMonth(t *testing.T) {
	r := fixture()
	for len(r.Days) <= chartDays {
		r.Days = append(r.Days, r.Days[1])
	}
	out := render(t, HTML, r)
	for _, want := range []string{"against the cost of curtailment per MWh, per month", "2025-03: £70.33/MWh (S19J_PRO value)*"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestHTMLRendersInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, []byte(render(t, HTML, fixture())), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "report.png")
	headless(t, bin, "--screenshot="+shot, "--window-size=1280,2000", "file://"+page)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot is %dx%d, want 1280x2000", b.Dx(), b.Dy())
	}
	// Non-trivial: many distinct colours (text, bars, lines), not a blank page.
	colours := map[uint32]bool{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 3 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("screenshot has %d colours: the page did not render", len(colours))
	}
	dom := string(headless(t, bin, "--dump-dom", "file://"+page))
	if n := strings.Count(dom, "<svg"); n != 5 {
		t.Errorf("rendered DOM has %d <svg> elements, want 5", n)
	}
	for _, want := range []string{"<rect class=\"bar\"", "<polyline", "T_SGRWO-1", SyntheticNote} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %q", want)
		}
	}
}

func TestThousands(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "999": "999", "1000": "1,000", "4361": "4,361", "-4428545.03": "-4,428,545.03",
		"63560.937": "63,560.937", "123456789": "123,456,789", "-12": "-12",
	} {
		if got := Thousands(in); got != want {
			t.Errorf("Thousands(%q) = %q, want %q", in, got, want)
		}
	}
}
