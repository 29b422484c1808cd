package recon

import (
	"fmt"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// dateDigests digests every row of one date in the tables a run writes,
// every column included (run ids too): any rewrite of the date shows.
func dateDigests(t *testing.T, h *harness, d time.Time) map[string]string {
	t.Helper()
	out := map[string]string{}
	ds := d.Format(settlement.DateLayout)
	for _, table := range []string{"stack_rows", "settlement_periods", "curtailment_records", "historical_bitcoin_calculations"} {
		out[table] = digestWhere(t, h.db.Pool, table, false, fmt.Sprintf("settlement_date = '%s'", ds))
	}
	for _, table := range []string{"daily_summaries", "bitcoin_daily_summaries"} {
		out[table] = digestWhere(t, h.db.Pool, table, false, fmt.Sprintf("summary_date = '%s'", ds))
	}
	return out
}

func TestReconcileRepairsExactlyTheRevisedDate(t *testing.T) {
	h := newVerifyHarness(t)
	dates := []time.Time{date(t, "2025-03-05"), date(t, "2025-03-06"), date(t, "2025-03-07")}
	for _, d := range dates {
		h.run(RunOptions{Date: d})
	}
	revised := dates[1]
	h.api.Revise(revised, 10)
	h.api.Revise(revised, 30)
	untouched := map[time.Time]map[string]string{dates[0]: dateDigests(t, h, dates[0]), dates[2]: dateDigests(t, h, dates[2])}
	runs := count(t, h.db.Pool, `SELECT count(*) FROM runs`)
	dir := t.TempDir()

	// A dry run finds the revised date, repairs nothing, and says so: 3.
	before := snapshot(t, h.db.Pool, false)
	res, err := h.svc.Reconcile(h.ctx, ReconcileOptions{From: dates[0], To: dates[2], DryRun: true, ReportDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if res.ExitStatus() != ExitDifferences {
		t.Errorf("dry run: exit %d, want 3", res.ExitStatus())
	}
	wantOutcomes(t, res, OutcomeMatched, OutcomeDifferences, OutcomeMatched)

	// Reconcile proper repairs that date and only that date.
	res, err = h.svc.Reconcile(h.ctx, ReconcileOptions{From: dates[0], To: dates[2], Jobs: 2, ReportDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitStatus() != ExitOK {
		t.Errorf("exit %d, want 0", res.ExitStatus())
	}
	wantOutcomes(t, res, OutcomeMatched, OutcomeRepaired, OutcomeMatched)
	if r := res.Dates[1].Report; r.Before.Counts.Mismatch != 2 || r.After.Counts.Match != 48 {
		t.Errorf("revised date: before %+v, after %+v", r.Before.Counts, r.After.Counts)
	}
	for d, want := range untouched {
		got := dateDigests(t, h, d)
		for table, w := range want {
			if got[table] != w {
				t.Errorf("%s %s was rewritten although it matched the API", d.Format(settlement.DateLayout), table)
			}
		}
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs`); n != runs+1 {
		t.Errorf("runs grew from %d to %d, want exactly one repair", runs, n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'reconcile --fix' AND settlement_date = $1
		AND outcome = 'succeeded' AND run_id = $2`, revised, res.Dates[1].Report.RunID); n != 1 {
		t.Error("the repair is not recorded as a reconcile run of the revised date")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM verification_latest WHERE command = 'reconcile'
		AND outcome IN ('matched', 'repaired')`); n != 3 {
		t.Errorf("%d dates' latest verification is a successful reconcile, want 3", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM verifications WHERE command = 'reconcile --dry-run'
		AND outcome = 'differences' AND settlement_date = $1`, revised); n != 1 {
		t.Error("the dry run's finding is not recorded")
	}
}

func wantOutcomes(t *testing.T, res *ReconcileResult, want ...Outcome) {
	t.Helper()
	if len(res.Dates) != len(want) {
		t.Fatalf("%d dates reconciled, want %d", len(res.Dates), len(want))
	}
	for i, d := range res.Dates {
		if d.Outcome() != want[i] {
			verdict := ""
			if d.Report != nil {
				verdict = string(d.Report.Finding) + " " + d.Report.Error
			}
			t.Errorf("%s: %s (%v %s), want %s", d.Date.Format(settlement.DateLayout), d.Outcome(), d.Err, verdict, want[i])
		}
	}
}

func TestReconcileFailureOnOneDate(t *testing.T) {
	h := newVerifyHarness(t)
	d1, d2 := date(t, "2025-03-05"), date(t, "2025-03-06")
	// An HTML page where JSON should be: not retried, the period fails.
	h.api.AddFault(elexontest.Fault{Kind: elexontest.HTMLPage, Date: d1, Period: 7})
	res, err := h.svc.Reconcile(h.ctx, ReconcileOptions{From: d1, To: d2, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	// d1 could not be verified and is left alone; d2, never run, was all
	// missing and has been ingested.
	wantOutcomes(t, res, OutcomeFailed, OutcomeRepaired)
	if res.ExitStatus() != ExitFailure {
		t.Errorf("exit %d, want 1", res.ExitStatus())
	}
	if r := res.Dates[1].Report; r.Before.Counts.Missing != 48 {
		t.Errorf("a date never run: %+v, want 48 missing", r.Before.Counts)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM curtailment_records WHERE settlement_date = $1`, d1); n != 0 {
		t.Errorf("%d records written for the date that failed verification", n)
	}
}

func TestReconcileRejectsBadWindows(t *testing.T) {
	h := newVerifyHarness(t)
	today := settlement.Today(fixedNow)
	for name, opt := range map[string]ReconcileOptions{
		"reversed": {From: date(t, "2025-03-07"), To: date(t, "2025-03-05")},
		"future":   {From: today, To: today.AddDate(0, 0, 1)},
		"jobs":     {From: date(t, "2025-03-05"), To: date(t, "2025-03-05"), Jobs: -1},
	} {
		if _, err := h.svc.Reconcile(h.ctx, opt); !IsBadInput(err) {
			t.Errorf("%s: %v, want bad input", name, err)
		}
	}
	if n := h.api.Requests(); n != 0 {
		t.Errorf("%d API requests for bad windows", n)
	}
}

func TestTrailingWindow(t *testing.T) {
	for _, tc := range []struct {
		now      time.Time
		days     int
		from, to string
	}{
		// 23:30Z on 29 March 2026 is already 30 March in London (BST).
		{time.Date(2026, 3, 29, 23, 30, 0, 0, time.UTC), 7, "2026-03-23", "2026-03-29"},
		// In winter London is UTC.
		{time.Date(2026, 1, 10, 23, 30, 0, 0, time.UTC), 1, "2026-01-09", "2026-01-09"},
		{time.Date(2026, 1, 1, 0, 10, 0, 0, time.UTC), 3, "2025-12-29", "2025-12-31"},
	} {
		from, to, err := TrailingWindow(tc.now, tc.days)
		if err != nil || from.Format(settlement.DateLayout) != tc.from || to.Format(settlement.DateLayout) != tc.to {
			t.Errorf("%s, %d days: %s to %s (%v), want %s to %s", tc.now, tc.days, from, to, err, tc.from, tc.to)
		}
	}
	if _, _, err := TrailingWindow(fixedNow, 0); !IsBadInput(err) {
		t.Errorf("0 days: %v, want bad input", err)
	}
}
