package main

import (
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/difficulty/difficultytest"
	"github.com/recon-energy/recon/internal/price/pricetest"
	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// referenceStandIns start the difficulty and price stand-ins, serving a
// difficulty table and a price history that reach today (the shipped table
// ends with block 961,632 of 2026-08-08, the shipped prices on 2026-01-01),
// and answer the global flags that point recon at them (--no-offline
// overrides the tests' default --offline).
func referenceStandIns(t *testing.T) (*difficultytest.Server, *pricetest.Server, []string) {
	t.Helper()
	diff, prices := difficultytest.Start(t), pricetest.Start(t)
	diff.SetEpochs(difficultytest.Extended(difficultytest.RefEpochs(t), time.Now()))
	prices.SetEntries(pricetest.Series(time.Now()))
	return diff, prices, []string{"--no-offline", "--difficulty-url", diff.URL, "--price-url", prices.URL}
}

// TestDailyJobOnAFreshInstall is the README's cron recipe on a fresh
// install, today being after the shipped reference data: reconcile brings
// the difficulty table and the prices up to date itself, once, then
// ingests the seven dates.
func TestDailyJobOnAFreshInstall(t *testing.T) {
	w := newWorld(t)
	diff, prices, flags := referenceStandIns(t)
	r := w.recon(append(flags, "reconcile", "--days", "7", "--log-dir", t.TempDir())...)
	if r.code != 0 {
		t.Fatalf("reconcile --days 7: %v", r)
	}
	for _, want := range []string{
		"[SYNTHETIC", // the stand-in Elexon server's data
		"difficulty: the table did not reach 7 dates; synced from " + diff.URL,
		"prices: 7 dates lacked a BTC price; synced from " + prices.URL + " [SYNTHETIC prices",
		"7 date(s): 0 matched, 7 repaired, 0 with differences, 0 failed",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("reconcile output lacks %q:\n%s", want, r.stdout)
		}
	}
	if diff.Requests() != 1 || prices.Requests() != 1 {
		t.Errorf("%d difficulty and %d price requests, want 1 each", diff.Requests(), prices.Requests())
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command IN ('difficulty sync', 'price sync') AND outcome = 'succeeded'`); n != 2 {
		t.Errorf("%d reference syncs recorded, want 2", n)
	}
	// Tomorrow's job needs nothing more.
	r = w.recon(append(flags, "reconcile", "--days", "7", "--log-dir", t.TempDir())...)
	if r.code != 0 || strings.Contains(r.stdout, "difficulty:") || diff.Requests() != 1 {
		t.Errorf("second reconcile: %v (%d difficulty requests)", r, diff.Requests())
	}
}

// TestDailyJobOffline: with --offline (or RECON_OFFLINE) nothing is fetched
// beyond Elexon; each date beyond the stored table fails on a short line
// that says what to run, and so does `recon run`.
func TestDailyJobOffline(t *testing.T) {
	w := newWorld(t)
	diff, prices, flags := referenceStandIns(t)
	flags[0] = "--offline" // with the stand-ins' URLs
	r := w.recon(append(flags, "reconcile", "--days", "3", "--log-dir", t.TempDir())...)
	if r.code != 1 {
		t.Fatalf("offline reconcile: %v, want exit 1", r)
	}
	if diff.Requests()+prices.Requests() != 0 {
		t.Error("offline, recon asked a reference source")
	}
	if !strings.Contains(r.stdout, "difficulty: the table does not reach 3 dates; offline (--offline)") {
		t.Errorf("reconcile does not say the table was not synced:\n%s", r.stdout)
	}
	from, _, err := recon.TrailingWindow(time.Now(), 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		ds := from.AddDate(0, 0, i).Format(settlement.DateLayout)
		var row string
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(l, "  "+ds) {
				row = l
			}
		}
		for _, want := range []string{"failed", ds + ": no Bitcoin difficulty for 48 of its periods", "reaches block 961,632",
			"recon difficulty sync", "recon difficulty import FILE", "--difficulty N"} {
			if !strings.Contains(row, want) {
				t.Errorf("the row of %s lacks %q: %q", ds, want, row)
			}
		}
		if len(row) > 400 {
			t.Errorf("the row of %s is %d characters long: %q", ds, len(row), row)
		}
	}

	yesterday := from.AddDate(0, 0, 2).Format(settlement.DateLayout)
	r = w.recon("run", "--date", yesterday)
	if r.code != 1 {
		t.Fatalf("offline run: %v, want exit 1", r)
	}
	wantOneLine(t, r, yesterday+": no Bitcoin difficulty", "trusted until 2026-08-29 19:35Z", "recon difficulty sync", "recon difficulty import FILE", "--difficulty N")
	if len(r.stderr) > 320 {
		t.Errorf("the error is %d characters long: %q", len(r.stderr), r.stderr)
	}
	// RECON_OFFLINE says the same as --offline.
	t.Setenv("RECON_OFFLINE", "true")
	r = runMain(t, "--database-url", w.db.URL, "--elexon-url", w.api.URL, "--retries", "0", "--log-level", "error",
		"--difficulty-url", diff.URL, "--price-url", prices.URL, "run", "--date", yesterday)
	if r.code != 1 || diff.Requests()+prices.Requests() != 0 {
		t.Errorf("run with RECON_OFFLINE: %v, %d reference requests; want exit 1 and none", r, diff.Requests()+prices.Requests())
	}
	wantOneLine(t, r, yesterday+": no Bitcoin difficulty")

	// status shows the failed runs in short.
	s := w.recon("status")
	if s.code != 0 {
		t.Fatalf("status: %v", s)
	}
	for _, l := range strings.Split(s.stdout, "\n") {
		if len(l) > 400 {
			t.Errorf("status line of %d characters: %q", len(l), l)
		}
	}

	// The what-if option works offline.
	r = w.recon("run", "--date", yesterday, "--difficulty", "130000000000000")
	if r.code != 0 || !strings.Contains(r.stdout, "[WHAT-IF: difficulty 130,000,000,000,000") {
		t.Errorf("offline what-if run: %v", r)
	}
}
