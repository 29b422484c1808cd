package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kong"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/refdata"
	reportfmt "github.com/recon-energy/recon/internal/report"
	"github.com/recon-energy/recon/internal/settlement"
)

// dayReport is the part of `recon report daily --format json` these tests
// read.
type dayReport struct {
	Rows []struct {
		Period              string
		BTCPriceGBP         *string            `json:"btc_price_gbp"`
		BitcoinValueGBP     map[string]*string `json:"bitcoin_value_gbp"`
		ValuePerMWhGBP      map[string]*string `json:"value_per_mwh_gbp"`
		CostPerMWhGBP       *string            `json:"cost_per_mwh_gbp"`
		PeriodsWithoutPrice int                `json:"periods_without_price"`
	}
	Footnotes []string
}

func (w *world) dayReport(day string) dayReport {
	w.t.Helper()
	r := w.recon("report", "daily", "--from", day, "--to", day, "--format", "json")
	if r.code != 0 {
		w.t.Fatalf("report %s: %v", day, r)
	}
	var rep dayReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		w.t.Fatal(err)
	}
	if len(rep.Rows) != 1 || rep.Rows[0].Period != day {
		w.t.Fatalf("report %s: rows %+v", day, rep.Rows)
	}
	return rep
}

// periodBitcoin reads the BTC of each (period, miner model) of a date.
func periodBitcoin(t *testing.T, w *world, day string) map[int]map[string]decimal.Decimal {
	t.Helper()
	rows, err := w.db.Pool.Query(context.Background(), `SELECT settlement_period, miner_model, sum(bitcoin_mined)
		FROM historical_bitcoin_calculations WHERE settlement_date = $1 GROUP BY 1, 2`, day)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int]map[string]decimal.Decimal{}
	for rows.Next() {
		var p int
		var m string
		var btc decimal.Decimal
		if err := rows.Scan(&p, &m, &btc); err != nil {
			t.Fatal(err)
		}
		if out[p] == nil {
			out[p] = map[string]decimal.Decimal{}
		}
		out[p][m] = btc
	}
	if rows.Err() != nil || len(out) == 0 {
		t.Fatalf("%s: no Bitcoin (%v)", day, rows.Err())
	}
	return out
}

// shippedPriceAt is the price rule in Go over the shipped history (the
// file, not the database): the latest point at or before start, at most
// price.DefaultMaxAge old.
func shippedPriceAt(t *testing.T, start time.Time) (price.Point, bool) {
	t.Helper()
	points, err := price.ParseCSV(bytes.NewReader(refdata.BTCGBPDailyCSV))
	if err != nil {
		t.Fatal(err)
	}
	i := sort.Search(len(points), func(i int) bool { return points[i].ObservedAt.After(start) }) - 1
	if i < 0 || start.Sub(points[i].ObservedAt) > price.DefaultMaxAge {
		return price.Point{}, false
	}
	return points[i], true
}

// TestReportValueIsBitcoinTimesThePriceInForce is issue 13's "done when":
// after `recon run --date D` on a fresh database, the report's
// bitcoin_value_gbp for D is Σ over its periods of BTC × the price in force
// at the period's start (from the shipped file), for every model, to the
// penny, with no import or sync: on the first day of 2016, on the autumn
// clock-change days of 2016 (Yahoo prices) and 2025 (derived prices: the
// report says so), and on the spring one of 2025 (46 periods). The day's
// price is that of its first period with Bitcoin; no period lacks a price.
func TestReportValueIsBitcoinTimesThePriceInForce(t *testing.T) {
	w := newWorld(t)
	for _, day := range []string{"2016-01-01", "2016-10-30", "2025-03-30", "2025-10-26"} {
		wantSucceeded(t, w.recon("run", "--date", day), "recon run "+day, " BTC  £")
		d, err := settlement.ParseDate(day)
		if err != nil {
			t.Fatal(err)
		}
		btc := periodBitcoin(t, w, day)
		want := map[string]decimal.Decimal{}
		first := 0
		derived := false
		for p, models := range btc {
			pt, ok := shippedPriceAt(t, settlement.PeriodStart(d, p))
			if !ok {
				t.Fatalf("%s period %d: the shipped history has no price", day, p)
			}
			derived = derived || pt.Source == price.SourceDerived
			if first == 0 || p < first {
				first = p
			}
			for m, b := range models {
				want[m] = want[m].Add(b.Mul(pt.GBP))
			}
		}
		rep := w.dayReport(day)
		row := rep.Rows[0]
		for m, v := range want {
			got := row.BitcoinValueGBP[m]
			if got == nil || decimal.RequireFromString(*got).StringFixed(2) != v.StringFixed(2) {
				t.Errorf("%s %s: bitcoin_value_gbp %v, want £%s (Σ BTC × price in force)", day, m, got, v.StringFixed(2))
			}
			if row.ValuePerMWhGBP[m] == nil {
				t.Errorf("%s %s: no value per MWh", day, m)
			}
		}
		if len(row.BitcoinValueGBP) != len(want) || row.PeriodsWithoutPrice != 0 || row.CostPerMWhGBP == nil {
			t.Errorf("%s: values %v, %d periods without a price, cost per MWh %v", day, row.BitcoinValueGBP, row.PeriodsWithoutPrice, row.CostPerMWhGBP)
		}
		pt, _ := shippedPriceAt(t, settlement.PeriodStart(d, first))
		if row.BTCPriceGBP == nil || !decimal.RequireFromString(*row.BTCPriceGBP).Equal(pt.GBP) {
			t.Errorf("%s: btc_price_gbp %v, want £%s (period %d's)", day, row.BTCPriceGBP, pt.GBP, first)
		}
		if got := strings.Contains(strings.Join(rep.Footnotes, " "), reportfmt.DerivedNote); got != derived {
			t.Errorf("%s: derived-price footnote %v, want %v (%q)", day, got, derived, rep.Footnotes)
		}
	}
}

// TestValuesWithoutAPriceAreSaidAndFilled: a date beyond the shipped
// history has Bitcoin but no price: the run's summary, `recon status` and
// the report say how many periods lack one and give the commands that fill
// them; after `recon price import` and the `recon recalc` it prints, every
// period is valued. --price-max-age is recorded with the run, and a bound
// that is not one is refused.
func TestValuesWithoutAPriceAreSaidAndFilled(t *testing.T) {
	w := newWorld(t)
	day := "2026-07-20"
	r := w.recon("run", "--date", day)
	periods := count(t, w.db.Pool, `SELECT count(DISTINCT settlement_period) FROM historical_bitcoin_calculations WHERE settlement_date = $1`, day)
	// The commands suggested carry the global flags given (hints.go).
	flags := shellJoin(append([]string{"--database-url", w.db.URL, "--elexon-url", w.api.URL}, fastAPI...))
	hint := "run `recon price sync " + flags + "` (or `recon price import FILE " + flags + "`), then `recon recalc --from 2026-07-20 --to 2026-07-20 " + flags + "`"
	// One line says it, with why (the tests run --offline): the reference
	// check before the run does not repeat it.
	wantSucceeded(t, r, " BTC  no BTC price", "  no price     "+grouped(periods)+" periods had no BTC price", hint,
		"; offline (--offline), so none was fetched)")
	if n := strings.Count(r.stdout, "no BTC price ("); n != 1 {
		t.Errorf("the run says %d times that periods have no BTC price, want once:\n%s", n, r.stdout)
	}
	wantSucceeded(t, w.recon("status"), grouped(periods)+" periods on 1 date (2026-07-20 to 2026-07-20) had no BTC price", hint)
	rep := w.dayReport(day)
	if row := rep.Rows[0]; row.PeriodsWithoutPrice != periods || row.BTCPriceGBP != nil || row.BitcoinValueGBP["S19J_PRO"] != nil {
		t.Errorf("report: %+v, want %d periods without a price and no value", row, periods)
	}
	if notes := strings.Join(rep.Footnotes, " "); !strings.Contains(notes, "recon recalc --from 2026-07-20 --to 2026-07-20") {
		t.Errorf("report footnotes %q do not say how to fill the prices", rep.Footnotes)
	}

	file := filepath.Join(t.TempDir(), "prices.csv")
	// A summer day: periods 1 and 2 start at 23:00Z and 23:30Z on the 19th,
	// so they need the close of the 18th (observed on the 19th at 00:00Z).
	if err := os.WriteFile(file, []byte("observed_at,price_gbp,source\n2026-07-19T00:00:00Z,91000.5,desk\n2026-07-20T00:00:00Z,92000.25,desk\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantSucceeded(t, w.recon("price", "import", file), "recon recalc --from 2026-07-19 --to 2026-07-28")
	wantSucceeded(t, w.recon("recalc", "--from", "2026-07-19", "--to", "2026-07-28"), "recalc 2026-07-20", "S19J_PRO", "(£")
	wantSucceeded(t, w.recon("status"), "every stored period with Bitcoin is valued")
	first := count(t, w.db.Pool, `SELECT min(settlement_period) FROM historical_bitcoin_calculations WHERE settlement_date = $1`, day)
	wantPrice := map[bool]string{true: "91000.5", false: "92000.25"}[first <= 2]
	if row := w.dayReport(day).Rows[0]; row.PeriodsWithoutPrice != 0 || row.BTCPriceGBP == nil || *row.BTCPriceGBP != wantPrice {
		t.Errorf("report after the recalc: %+v, want every period valued and the first at £%s", row, wantPrice)
	}

	wantSucceeded(t, w.recon("recalc", "--from", day, "--to", day, "--price-max-age", "36h"), "recalc 2026-07-20")
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'recalc' AND price_max_age = interval '36 hours'`); n != 1 {
		t.Errorf("%d recalc runs record --price-max-age 36h, want 1", n)
	}
	for _, bad := range []string{"0d", "-3h", "eight days", "1.5d"} {
		r := w.recon("run", "--date", day, "--price-max-age", bad)
		if r.code != 2 {
			t.Errorf("--price-max-age %s: %v, want exit 2", bad, r)
		}
		wantOneLine(t, r, "--price-max-age")
	}
}

// TestMaxAgeFlag: the bound's forms, and how it is written back.
func TestMaxAgeFlag(t *testing.T) {
	for in, want := range map[string]time.Duration{"8d": 192 * time.Hour, "36h": 36 * time.Hour, "90m": 90 * time.Minute, "1h30m": 90 * time.Minute} {
		got, err := parseMaxAge(in)
		if err != nil || got != want {
			t.Errorf("parseMaxAge(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for d, want := range map[time.Duration]string{price.DefaultMaxAge: "8d", 36 * time.Hour: "36h", 90 * time.Minute: "90m", 90 * time.Second: "1m30s"} {
		if got := maxAgeFlag(d).String(); got != want {
			t.Errorf("maxAgeFlag(%v) = %q, want %q", d, got, want)
		}
	}
	// The flag's default is the library's.
	var cli struct {
		Run struct{ valuation } `cmd:""`
	}
	p, err := kong.New(&cli, kong.Exit(func(int) {}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Parse([]string{"run"}); err != nil {
		t.Fatal(err)
	}
	if got := cli.Run.maxAge(); got != price.DefaultMaxAge {
		t.Errorf("--price-max-age defaults to %v, want price.DefaultMaxAge (%v)", got, price.DefaultMaxAge)
	}
}
