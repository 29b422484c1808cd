package main

import (
	"context"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/wastedwind"
	"github.com/recon-energy/recon/internal/wastedwind/wastedwindtest"
)

// siteFigures are the figures wastedwind.energy would publish for the
// months of 2025 recon holds, if it agreed with recon exactly (from recon's
// monthly summaries).
func (w *world) siteFigures() []wastedwind.Month {
	w.t.Helper()
	rows, err := w.db.Pool.Query(context.Background(), `SELECT substr(year_month, 6, 2)::int, total_curtailed_energy,
		-total_payment, turn_up_mwh, turn_up_cost_gbp FROM monthly_summaries WHERE year_month LIKE '2025-%' ORDER BY 1`)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []wastedwind.Month
	for rows.Next() {
		m := wastedwind.Month{Year: 2025}
		if err := rows.Scan(&m.Month, &m.BidVolumeMWh, &m.BidCost, &m.TurnUpVolume, &m.TurnUpCost); err != nil {
			w.t.Fatal(err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		w.t.Fatal(err)
	}
	return out
}

// `recon crosscheck wastedwind` on a month recon holds completely (February
// 2025, backfilled) and one it holds in part (three days of March): equal
// figures exit 0, a planted difference exits 3 naming the month and the
// measure, a partial month never fails whatever the site says, an
// unreachable site exits 1, bad input 2.
func TestCrosscheckWastedwindCommand(t *testing.T) {
	w := newWorld(t)
	if r := w.recon("backfill", "--from", "2025-02-01", "--to", "2025-02-28"); r.code != 0 {
		t.Fatalf("backfill: %v", r)
	}
	if r := w.recon("backfill", "--from", "2025-03-01", "--to", "2025-03-03"); r.code != 0 {
		t.Fatalf("backfill: %v", r)
	}
	site := wastedwindtest.Start(t)
	figures := w.siteFigures()
	if len(figures) != 2 || figures[0].Month != 2 || !figures[0].TurnUpCost.IsPositive() {
		t.Fatalf("recon's months: %+v", figures)
	}
	feb, march := figures[0], figures[1]
	march.BidVolumeMWh = march.BidVolumeMWh.Mul(decimal.NewFromInt(10)) // partial: never compared
	site.SetMonth(feb)
	site.SetMonth(march)
	site.SetMonth(wastedwind.Month{Year: 2025, Month: 1, Figures: feb.Figures})
	crosscheck := func(args ...string) result {
		t.Helper()
		return w.recon(append([]string{"--retries", "0", "crosscheck", "wastedwind", "--year", "2025", "--wastedwind-url", site.URL}, args...)...)
	}

	r := crosscheck()
	if r.code != 0 {
		t.Fatalf("equal figures: %v", r)
	}
	for _, want := range []string{
		"recon crosscheck wastedwind 2025", site.URL + "/api/summary/2025", "tolerance 2%", "[SYNTHETIC",
		"2025-02", "curtailed MWh", "bid cost", "turn-up MWh", "turn-up cost", money(feb.TurnUpCost), energy(feb.TurnUpVolume),
		"partial, not compared: 2025-03 (3 of 31 days)", "not held by recon: 2025-01",
		"all 4 figures of 1 month within 2% of wastedwind.energy's", "crosscheck_months",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "beyond") {
		t.Errorf("equal figures reported beyond the tolerance:\n%s", r.stdout)
	}

	// February's turn-up cost 3% above recon's on the site.
	off := feb
	off.TurnUpCost = feb.TurnUpCost.Mul(decimal.RequireFromString("1.03"))
	site.SetMonth(off)
	r = crosscheck()
	if r.code != 3 {
		t.Fatalf("a planted difference: %v, want exit 3", r)
	}
	wantOneLine(t, r, "1 figure beyond the 2% tolerance", "2025-02 turn_up_cost_gbp", "-2.91%")
	if !strings.Contains(r.stdout, "beyond 2%") || !strings.Contains(r.stdout, "-2.91%") {
		t.Errorf("the table does not mark the figure:\n%s", r.stdout)
	}
	if r = crosscheck("--tolerance", "3"); r.code != 0 {
		t.Errorf("within a 3%% tolerance: %v", r)
	}
	t.Setenv("RECON_WASTEDWIND_URL", site.URL)
	if r = w.recon("--retries", "0", "crosscheck", "wastedwind", "--year", "2025", "--tolerance", "3%"); r.code != 0 {
		t.Errorf("from RECON_WASTEDWIND_URL, --tolerance 3%%: %v", r)
	}

	// The site unreachable: exit 1, one line naming the URL; nothing compared.
	site.SetFault(wastedwindtest.Unreachable, 0)
	rows := count(t, w.db.Pool, `SELECT count(*) FROM crosscheck_months`)
	r = crosscheck()
	if r.code != 1 {
		t.Errorf("site unreachable: %v, want exit 1", r)
	}
	wantOneLine(t, r, "crosscheck", site.URL+"/api/summary/2025", "--wastedwind-url",
		"rerun `recon --database-url", "--retries 0 crosscheck wastedwind --year 2025 --wastedwind-url "+site.URL+"`")
	site.SetFault(wastedwindtest.Malformed, 0)
	if r = crosscheck(); r.code != 1 {
		t.Errorf("a malformed summary: %v, want exit 1", r)
	}
	wantOneLine(t, r, "malformed", "check that --wastedwind-url (or RECON_WASTEDWIND_URL) points at wastedwind.energy", "then rerun `recon --database-url")
	site.SetFault(wastedwindtest.None, 0)
	if n := count(t, w.db.Pool, `SELECT count(*) FROM crosscheck_months`); n != rows {
		t.Errorf("failed crosschecks recorded %d rows", n-rows)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'crosscheck wastedwind' AND outcome = 'failed'`); n != 2 {
		t.Errorf("%d failed crosscheck runs recorded, want 2", n)
	}

	for _, args := range [][]string{{"--year", "2099"}, {"--tolerance=-1"}, {"--tolerance", "lots"}, {"--wastedwind-url", "wastedwind.energy"}} {
		before := count(t, w.db.Pool, `SELECT count(*) FROM runs`)
		r = crosscheck(args...)
		if r.code != 2 {
			t.Errorf("%v: %v, want exit 2", args, r)
		}
		wantOneLine(t, r, strings.SplitN(args[0], "=", 2)[0])
		if n := count(t, w.db.Pool, `SELECT count(*) FROM runs`); n != before {
			t.Errorf("%v recorded a run", args)
		}
	}
	if r = w.recon("crosscheck", "wastedwind"); r.code != 2 {
		t.Errorf("no --year: %v, want exit 2", r)
	}
}
