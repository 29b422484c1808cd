package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestOneMoneyFormat: every output people read writes money one way,
// -£1,234.56 (thousands separators, the sign before the pound sign, to the
// penny) and energy with thousands separators to the kWh: run summaries,
// the backfill table, verify's table and differences, bmu unknown and the
// report's table. The summary's figures are the stored ones, so written.
func TestOneMoneyFormat(t *testing.T) {
	w := newWorld(t)
	var outputs []string
	keep := func(r result) {
		t.Helper()
		if r.code != 0 && r.code != 3 {
			t.Fatalf("%s", r)
		}
		outputs = append(outputs, r.stdout)
	}
	run := w.recon("run", "--date", "2025-03-06")
	keep(run)
	var mwh, pay decimal.Decimal
	if err := w.db.Pool.QueryRow(t.Context(), `SELECT total_curtailed_energy, total_payment FROM daily_summaries WHERE summary_date = '2025-03-06'`).Scan(&mwh, &pay); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(run.stdout, "  energy       "+energy(mwh)+" MWh\n") || !strings.Contains(run.stdout, "  payment      "+money(pay)+" (negative") {
		t.Errorf("the summary does not give %s MWh and %s:\n%s", energy(mwh), money(pay), run.stdout)
	}
	keep(w.recon("backfill", "--from", "2025-03-05", "--to", "2025-03-07"))
	d, _ := time.Parse("2006-01-02", "2025-03-06")
	w.api.Revise(d, 12)
	keep(w.recon("verify", "--date", "2025-03-06", "--sample", "fixed", "--log-dir", t.TempDir()))
	keep(w.recon("bmu", "unknown", "--from", "2025-03-06", "--to", "2025-03-06", "--limit", "5"))
	keep(w.recon("report", "daily", "--from", "2025-03-05", "--to", "2025-03-07"))

	all := strings.Join(outputs, "\n")
	if strings.Contains(all, "£-") {
		t.Errorf("money written as £-…:\n%s", all)
	}
	amount := regexp.MustCompile(`£[0-9,.]*[0-9]`)
	good := regexp.MustCompile(`^£[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}$`)
	n := 0
	for _, a := range amount.FindAllString(all, -1) {
		n++
		if !good.MatchString(a) {
			t.Errorf("money %q is not written as £1,234.56", a)
		}
	}
	if n < 10 {
		t.Errorf("only %d amounts of money found in the outputs:\n%s", n, all)
	}
	if regexp.MustCompile(`[0-9]{4}\.[0-9]{3} MWh`).MatchString(all) {
		t.Errorf("energy without thousands separators:\n%s", all)
	}
	if !regexp.MustCompile(`payment [+-]£[0-9,]+\.[0-9]{2}`).MatchString(all) {
		t.Errorf("verify's payment difference is not written as ±£1,234.56:\n%s", all)
	}
}
