package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestReportCommandFormats(t *testing.T) {
	w := newWorld(t)
	if r := w.recon("report", "daily"); r.code != 2 || !strings.Contains(r.stderr, "no data to report yet") {
		t.Errorf("report of an empty database: %s, want exit 2 saying there is no data", r)
	}
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06"))
	wantSucceeded(t, w.recon("run", "--date", "2025-03-07"))
	wantSucceeded(t, w.recon("wind", "--from", "2025-03-06", "--to", "2025-03-07"), "wind: 2 date(s) stored, 1 API request(s)")

	var mwh, pay, wind decimal.Decimal
	if err := w.db.Pool.QueryRow(t.Context(), `SELECT total_curtailed_energy, total_payment, total_wind_generation
		FROM daily_summaries WHERE summary_date = '2025-03-06'`).Scan(&mwh, &pay, &wind); err != nil {
		t.Fatal(err)
	}
	share := mwh.DivRound(wind.Add(mwh), 20)

	// table
	r := w.recon("report", "daily", "--from", "2025-03-06", "--to", "2025-03-07")
	wantSucceeded(t, r, "Daily report 2025-03-06 to 2025-03-07", "SYNTHETIC", "2025-03-06", "2025-03-07", "total",
		fixed(mwh, 3), share.Mul(decimal.NewFromInt(100)).StringFixed(2)+"%", "Top 10 farms", "BTC S19J_PRO")

	// csv: the exact figures
	r = w.recon("report", "daily", "--from", "2025-03-06", "--to", "2025-03-07", "--format", "csv", "--top", "3")
	wantSucceeded(t, r)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Header, 2 days, the total, 3 farms, and the footnote that labels
	// values resting on derived prices (2025 is in the derived stretch).
	if len(recs) != 1+2+1+3+1 || recs[0][0] != "section" || recs[1][1] != "2025-03-06" || recs[3][0] != "total" || recs[6][0] != "top_farm" ||
		recs[7][0] != "footnote" || !strings.Contains(recs[7][1], "derived-bitstamp-usd-x-gbp") {
		t.Fatalf("csv layout: %v", recs)
	}
	got := map[string]string{}
	for i, h := range recs[0] {
		got[h] = recs[1][i]
	}
	if got["curtailed_mwh"] != mwh.String() || got["payment_gbp"] != pay.String() || got["wind_mwh"] != wind.String() || got["synthetic"] != "true" {
		t.Errorf("csv row %v, want %s MWh £%s wind %s", got, mwh, pay, wind)
	}
	var value decimal.Decimal
	if err := w.db.Pool.QueryRow(t.Context(), `SELECT value_gbp FROM bitcoin_daily_summaries
		WHERE summary_date = '2025-03-06' AND miner_model = 'S19J_PRO'`).Scan(&value); err != nil {
		t.Fatal(err)
	}
	if got["bitcoin_value_gbp_S19J_PRO"] != value.String() || got["btc_price_gbp"] != "70336.34" || got["periods_without_price"] != "0" ||
		got["periods_with_derived_price"] != "48" || got["cost_per_mwh_gbp"] == "" || got["value_per_mwh_gbp_S9"] == "" {
		t.Errorf("csv row's values %v, want £%s on S19J_PRO at £70336.34", got, value)
	}
	if s, err := decimal.NewFromString(got["curtailed_share"]); err != nil || !s.Round(15).Equal(share.Round(15)) {
		t.Errorf("csv share %q, want %s", got["curtailed_share"], share)
	}

	// json, monthly with a month as the bound
	r = w.recon("report", "monthly", "--from", "2025-03", "--to", "2025-03", "--format", "json")
	wantSucceeded(t, r)
	var doc struct {
		From, To string
		Rows     []struct {
			Period       string            `json:"period"`
			CurtailedMWh string            `json:"curtailed_mwh"`
			Covered      int               `json:"covered"`
			Bitcoin      map[string]string `json:"bitcoin"`
		}
		TopFarms []struct {
			FarmID string `json:"farm_id"`
		} `json:"top_farms"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var month decimal.Decimal
	if err := w.db.Pool.QueryRow(t.Context(), `SELECT total_curtailed_energy FROM monthly_summaries WHERE year_month = '2025-03'`).Scan(&month); err != nil {
		t.Fatal(err)
	}
	if doc.From != "2025-03-01" || doc.To != "2025-03-31" || len(doc.Rows) != 1 || doc.Rows[0].Period != "2025-03" ||
		doc.Rows[0].CurtailedMWh != month.String() || doc.Rows[0].Covered != 2 || len(doc.Rows[0].Bitcoin) != 3 || len(doc.TopFarms) != 10 {
		t.Errorf("json %+v, want March with %s MWh", doc, month)
	}

	// html to a file
	out := filepath.Join(t.TempDir(), "march.html")
	wantSucceeded(t, w.recon("report", "yearly", "--format", "html", "--out", out), "written to "+out)
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Yearly report 2025-01-01 to 2025-12-31", `<svg id="chart-energy"`, `<svg id="chart-bitcoin"`, `<svg id="chart-farms"`, "2025-03-07: "} {
		if !strings.Contains(string(page), want) {
			t.Errorf("html lacks %q", want)
		}
	}
	for _, bad := range [][]string{
		{"report", "weekly"}, {"report", "daily", "--from", "2025-13"}, {"report", "daily", "--format", "xml"}, {"report", "daily", "--top", "0"},
	} {
		if r := w.recon(bad...); r.code != 2 {
			t.Errorf("%v: %s, want exit 2", bad, r)
		}
	}
}
