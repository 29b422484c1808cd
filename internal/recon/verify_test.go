package recon

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

func TestVerifyConsistentDateMatches(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	before := snapshot(t, h.db.Pool, false)
	dir := t.TempDir()

	rep := h.verify(VerifyOptions{Date: d, ReportDir: dir})
	if rep.Outcome != OutcomeMatched || rep.ExitStatus() != ExitOK || rep.Action != ActionNone {
		t.Fatalf("outcome %s, exit %d, action %s; want matched, 0, none: %s %s", rep.Outcome, rep.ExitStatus(), rep.Action, rep.Finding, rep.Error)
	}
	if c := rep.Before.Counts; c.Checked != 48 || c.Match != 48 {
		t.Errorf("counts %+v, want 48 checked, 48 match", c)
	}
	if len(rep.Before.Inconsistencies) != 0 {
		t.Errorf("inconsistencies on a freshly run date: %+v", rep.Before.Inconsistencies)
	}
	for _, p := range []int{1, 24, 48} {
		if pt := h.truth(d, p); !pt.equals(periodOf(t, rep.Before, p).Database) || !pt.equals(periodOf(t, rep.Before, p).API) {
			t.Errorf("period %d: fingerprints %+v / %+v, want both %+v", p, periodOf(t, rep.Before, p).Database, periodOf(t, rep.Before, p).API, pt)
		}
	}
	if !rep.Synthetic || rep.RepairCommand != "" || rep.Finding != FindingAgrees {
		t.Errorf("synthetic %v, repair command %q, finding %q", rep.Synthetic, rep.RepairCommand, rep.Finding)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))

	// The verification is recorded, with its report.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM verification_latest WHERE settlement_date = $1
		AND outcome = 'matched' AND mode = 'full' AND periods_checked = 48 AND matched = 48
		AND mismatched + missing + unpublished + errors + inconsistencies = 0 AND action = 'none'
		AND report_path = $2 AND nonmatching = '{}'::jsonb AND synthetic`, d, rep.ReportPath); n != 1 {
		t.Errorf("verification row not recorded as expected (%d rows match)", n)
	}
	if filepathDir(rep.ReportPath) != dir || !strings.HasPrefix(filepathBase(rep.ReportPath), "verify-2025-03-06-") {
		t.Errorf("report written to %q, want verify-2025-03-06-<UTC stamp>.json in %s", rep.ReportPath, dir)
	}
}

func filepathDir(p string) string  { return p[:strings.LastIndex(p, "/")] }
func filepathBase(p string) string { return p[strings.LastIndex(p, "/")+1:] }

func TestVerifyRevisedPeriodsMismatchAndFix(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	revised := []int{3, 17, 48}
	stored := map[int]periodTruth{}
	for _, p := range revised {
		stored[p] = h.truth(d, p)
		h.api.Revise(d, p)
	}
	var initial DateState
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT total_curtailed_energy, total_payment, curtailment_records, periods_covered
		FROM daily_summaries WHERE summary_date = $1`, d).Scan(&initial.EnergyMWh, &initial.Payment, &initial.Records, &initial.PeriodsCovered); err != nil {
		t.Fatal(err)
	}

	// Without --fix: the differences are reported, nothing changes, exit 3.
	before := snapshot(t, h.db.Pool, false)
	rep := h.verify(VerifyOptions{Date: d})
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if rep.Outcome != OutcomeDifferences || rep.ExitStatus() != ExitDifferences || rep.Action != ActionNone {
		t.Fatalf("outcome %s, exit %d, action %s; want differences, 3, none", rep.Outcome, rep.ExitStatus(), rep.Action)
	}
	if got := statusesOf(rep.Before)[StatusMismatch]; !slices.Equal(got, revised) {
		t.Errorf("mismatched periods %v, want %v", got, revised)
	}
	if want := "recon run --date 2025-03-06 --elexon-url " + h.api.URL; rep.RepairCommand != want || rep.Finding != FindingNotRepaired {
		t.Errorf("repair command %q, finding %q; want %q, not repaired", rep.RepairCommand, rep.Finding, want)
	}

	// With --fix: reingested, checked again, all match.
	dir := t.TempDir()
	fixed := h.verify(VerifyOptions{Date: d, Fix: true, ReportDir: dir})
	if fixed.Outcome != OutcomeRepaired || fixed.ExitStatus() != ExitOK || fixed.Action != ActionFix || fixed.RunID == 0 {
		t.Fatalf("outcome %s, action %s, run %d; want repaired by a fix run: %s %s", fixed.Outcome, fixed.Action, fixed.RunID, fixed.Finding, fixed.Error)
	}
	if c := fixed.After.Counts; c.Match != 48 {
		t.Errorf("after the fix %+v, want 48 matching", c)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE run_id = $1 AND command = 'verify --fix' AND outcome = 'succeeded'`, fixed.RunID); n != 1 {
		t.Errorf("the repair is not recorded as a run of command 'verify --fix'")
	}

	// The differences reported before the fix are exactly the change the
	// fix made: database = what was stored, API = what is stored now.
	for _, p := range revised {
		pc := periodOf(t, rep.Before, p)
		now := h.truth(d, p)
		if !stored[p].equals(pc.Database) || !now.equals(pc.API) {
			t.Errorf("period %d: database %+v api %+v; want %+v and %+v", p, pc.Database, pc.API, stored[p], now)
		}
		wantMeasures := []Measure{}
		if stored[p].records != now.records {
			wantMeasures = append(wantMeasures, MeasureRecords)
		}
		if !stored[p].energy.Equal(now.energy) {
			wantMeasures = append(wantMeasures, MeasureEnergy)
		}
		if !stored[p].payment.Equal(now.payment) {
			wantMeasures = append(wantMeasures, MeasurePayment)
		}
		wantMeasures = append(wantMeasures, MeasureNewestCreated)
		if stored[p].stackRows != now.stackRows {
			wantMeasures = append(wantMeasures, MeasureStackRows)
		}
		wantMeasures = append(wantMeasures, MeasureStackDigest)
		var got []Measure
		for _, diff := range pc.Differences {
			got = append(got, diff.Measure)
			switch diff.Measure {
			case MeasureRecords:
				if want := int64(now.records - stored[p].records); !diff.Delta.Valid || diff.Delta.Decimal.IntPart() != want {
					t.Errorf("period %d records delta %v, want %d", p, diff.Delta, want)
				}
			case MeasureEnergy:
				if want := now.energy.Sub(stored[p].energy); !diff.Delta.Valid || !diff.Delta.Decimal.Equal(want) {
					t.Errorf("period %d energy delta %v, want %s", p, diff.Delta, want)
				}
			case MeasureNewestCreated:
				// The stand-in's revision 1 is calculated 6h07m after revision 0.
				if diff.Later == nil || *diff.Later != 6*time.Hour+7*time.Minute || diff.Delta.Valid {
					t.Errorf("period %d createdDateTime later by %v (delta %v), want 6h7m0s", p, diff.Later, diff.Delta)
				}
			case MeasureStackDigest:
				if diff.Delta.Valid || diff.Later != nil {
					t.Errorf("period %d: a digest has a delta %v / %v", p, diff.Delta, diff.Later)
				}
			}
		}
		if !slices.Equal(got, wantMeasures) {
			t.Errorf("period %d differs on %v, want %v", p, got, wantMeasures)
		}
	}

	// The JSON report.
	var js map[string]any
	body, err := os.ReadFile(fixed.ReportPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &js); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"date": "2025-03-06", "mode": "full", "action": "fix", "outcome": "repaired", "periods_in_day": 48.0,
		"command": "verify --fix", "repair_run_id": float64(fixed.RunID), "synthetic": true,
	}
	for k, v := range want {
		if js[k] != v {
			t.Errorf("report %s = %v, want %v", k, js[k], v)
		}
	}
	is := js["initial_state"].(map[string]any)
	if is["records"] != float64(initial.Records) || is["periods_covered"] != 48.0 ||
		is["energy_mwh"] != initial.EnergyMWh.String() || is["payment"] != initial.Payment.String() {
		t.Errorf("initial_state %v, want %+v", is, initial)
	}
	var final DateState
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT total_curtailed_energy, total_payment, curtailment_records
		FROM daily_summaries WHERE summary_date = $1`, d).Scan(&final.EnergyMWh, &final.Payment, &final.Records); err != nil {
		t.Fatal(err)
	}
	fs := js["final_state"].(map[string]any)
	if fs["records"] != float64(final.Records) || fs["energy_mwh"] != final.EnergyMWh.String() || fs["payment"] != final.Payment.String() {
		t.Errorf("final_state %v, want %+v", fs, final)
	}
	bc := js["before"].(map[string]any)["counts"].(map[string]any)
	if bc["checked"] != 48.0 || bc["match"] != 45.0 || bc["mismatch"] != 3.0 {
		t.Errorf("before counts %v", bc)
	}
	periods := js["before"].(map[string]any)["periods"].([]any)
	p17 := periods[16].(map[string]any)
	if p17["period"] != 17.0 || p17["status"] != "mismatch" || len(p17["differences"].([]any)) == 0 {
		t.Errorf("report period 17: %v", p17)
	}
	// Deltas are written as they always were: text with a sign.
	for _, d := range p17["differences"].([]any) {
		d := d.(map[string]any)
		switch d["measure"] {
		case "energy_mwh":
			if want := stored[17].energy.Neg().Add(h.truth(date(t, "2025-03-06"), 17).energy).String(); d["delta"] != want && d["delta"] != "+"+want {
				t.Errorf("report period 17 energy delta %v, want %s with its sign", d["delta"], want)
			}
		case "newest_created":
			if d["delta"] != "+6h7m0s" {
				t.Errorf("report period 17 newest_created delta %v, want +6h7m0s", d["delta"])
			}
		case "stack_digest":
			if _, ok := d["delta"]; ok {
				t.Errorf("report period 17 stack_digest has a delta %v", d["delta"])
			}
		}
	}
	db17 := p17["database"].(map[string]any)
	if db17["energy_mwh"] != stored[17].energy.String() || db17["records"] != float64(stored[17].records) {
		t.Errorf("report period 17 database fingerprint %v, want %+v", db17, stored[17])
	}
	if ac := js["after"].(map[string]any)["counts"].(map[string]any); ac["match"] != 48.0 {
		t.Errorf("after counts %v", ac)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM verifications WHERE outcome = 'repaired' AND action = 'fix'
		AND mismatched = 3 AND repair_run_id = $1 AND nonmatching = '{"mismatch": [3, 17, 48]}'::jsonb`, fixed.RunID); n != 1 {
		t.Errorf("repaired verification not recorded as expected")
	}
}

func TestVerifyMissingPeriods(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d, Periods: &settlement.Range{From: 1, To: 20}})
	rep := h.verify(VerifyOptions{Date: d})
	st := statusesOf(rep.Before)
	if len(st[StatusMatch]) != 20 || st[StatusMatch][19] != 20 || len(st[StatusMissing]) != 28 || st[StatusMissing][0] != 21 {
		t.Fatalf("statuses %v, want 1-20 match and 21-48 missing", st)
	}
	p30 := periodOf(t, rep.Before, 30)
	if p30.Database != nil || p30.API == nil || p30.API.Records == 0 {
		t.Errorf("missing period 30: database %+v, api %+v; want none and the API's rows", p30.Database, p30.API)
	}
	if len(rep.Before.Inconsistencies) != 0 {
		t.Errorf("a partial but consistent date has inconsistencies: %+v", rep.Before.Inconsistencies)
	}
	if rep.Outcome != OutcomeDifferences {
		t.Errorf("outcome %s, want differences", rep.Outcome)
	}
	fixed := h.verify(VerifyOptions{Date: d, Fix: true})
	if fixed.Outcome != OutcomeRepaired || fixed.After.Counts.Match != 48 || fixed.Final.PeriodsCovered != 48 {
		t.Errorf("after the fix: %s, %+v, %d periods covered", fixed.Outcome, fixed.After.Counts, fixed.Final.PeriodsCovered)
	}
}

func TestVerifyAPIFailureIsErrorAndChangesNothing(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	h.api.Revise(d, 5) // something to repair, were the verification complete
	h.api.AddFault(elexontest.Fault{Kind: elexontest.ServerError, Period: 9, Side: elexon.Offer})
	before := snapshot(t, h.db.Pool, false)
	runs := count(t, h.db.Pool, `SELECT count(*) FROM runs`)

	rep := h.verify(VerifyOptions{Date: d, Fix: true})
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs`); n != runs {
		t.Errorf("runs grew from %d to %d: an incomplete verification must not repair", runs, n)
	}
	if rep.Outcome != OutcomeFailed || rep.ExitStatus() != ExitFailure || rep.Action != ActionNone {
		t.Errorf("outcome %s, exit %d, action %s; want failed, 1, none", rep.Outcome, rep.ExitStatus(), rep.Action)
	}
	st := statusesOf(rep.Before)
	if !slices.Equal(st[StatusError], []int{9}) || !slices.Equal(st[StatusMismatch], []int{5}) {
		t.Errorf("statuses %v, want period 9 error and period 5 mismatch", st)
	}
	p9 := periodOf(t, rep.Before, 9)
	if p9.API != nil || p9.Differences != nil || !strings.Contains(p9.Error, "period 9") || !strings.Contains(p9.Error, "offer") {
		t.Errorf("period 9: %+v; want an error naming the period and side, no comparison", p9)
	}
	if rep.Finding != FindingIncomplete || !strings.Contains(rep.Error, "1 of 48 periods could not be fetched") {
		t.Errorf("finding %q, error %q; want incomplete", rep.Finding, rep.Error)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM verifications WHERE outcome = 'failed' AND errors = 1
		AND mismatched = 1 AND action = 'none' AND error IS NOT NULL`); n != 1 {
		t.Error("the failed verification is not recorded")
	}
}

func TestVerifyWithdrawnPeriodIsNotRepaired(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	h.api.Unpublish(d, 20)
	rep := h.verify(VerifyOptions{Date: d})
	p20 := periodOf(t, rep.Before, 20)
	if rep.Outcome != OutcomeMatched || p20.Status != StatusUnpublished || !strings.Contains(p20.Note, "no longer publishes") {
		t.Errorf("outcome %s, period 20 %+v; want matched with period 20 unpublished and noted", rep.Outcome, p20)
	}
	h.api.Revise(d, 3)
	before := snapshot(t, h.db.Pool, false)
	rep = h.verify(VerifyOptions{Date: d, Fix: true})
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if rep.Outcome != OutcomeDifferences || rep.Action != ActionNone || rep.Finding != FindingWithdrawn || !slices.Equal(rep.Before.Withdrawn(), []int{20}) {
		t.Errorf("outcome %s, action %s, finding %q, withdrawn %v; want differences left alone for period 20", rep.Outcome, rep.Action, rep.Finding, rep.Before.Withdrawn())
	}
}

func TestVerifyNothingPublishedFails(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	for p := 1; p <= 48; p++ {
		h.api.Unpublish(d, p) // what a wrong --elexon-url looks like
	}
	before := snapshot(t, h.db.Pool, false)
	rep := h.verify(VerifyOptions{Date: d, Fix: true})
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if rep.Outcome != OutcomeFailed || rep.Action != ActionNone || rep.Before.Counts.Unpublished != 48 ||
		rep.Finding != FindingNothingPublished || !strings.Contains(rep.Error, "published none") {
		t.Errorf("outcome %s, action %s, counts %+v, finding %q, error %q; want failed, nothing done", rep.Outcome, rep.Action, rep.Before.Counts, rep.Finding, rep.Error)
	}
}

func TestVerifyForceFix(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	rep := h.verify(VerifyOptions{Date: d, ForceFix: true, Sample: SampleFixed})
	if rep.Before != nil || rep.Action != ActionForceFix || rep.Outcome != OutcomeRepaired || rep.After.Counts.Match != 5 {
		t.Errorf("force-fix: before %v, action %s, outcome %s, after %+v", rep.Before, rep.Action, rep.Outcome, rep.After)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'verify --force-fix' AND run_id = $1`, rep.RunID); n != 1 {
		t.Error("the forced reingestion is not recorded as a run")
	}
	if _, err := h.svc.Verify(h.ctx, VerifyOptions{Date: d, Fix: true, ForceFix: true}); !IsBadInput(err) {
		t.Errorf("--fix with --force-fix: %v, want bad input", err)
	}
	if _, err := h.svc.Verify(h.ctx, VerifyOptions{Date: settlement.Today(fixedNow).AddDate(0, 0, 1)}); !IsBadInput(err) {
		t.Errorf("a future date: %v, want bad input", err)
	}
}

func TestVerifyReportsInconsistentSummaries(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	h.run(RunOptions{Date: date(t, "2025-03-07")})
	var energy decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `UPDATE daily_summaries SET total_curtailed_energy = total_curtailed_energy + 1.5
		WHERE summary_date = $1 RETURNING total_curtailed_energy`, d).Scan(&energy); err != nil {
		t.Fatal(err)
	}
	var btcFarm string
	if err := h.db.Pool.QueryRow(h.ctx, `DELETE FROM historical_bitcoin_calculations
		WHERE (settlement_date, settlement_period, farm_id, miner_model) = (SELECT settlement_date, settlement_period, farm_id, miner_model
			FROM historical_bitcoin_calculations WHERE settlement_date = $1 AND miner_model = 'S9' AND bitcoin_mined > 0
			ORDER BY settlement_period, farm_id LIMIT 1)
		RETURNING farm_id`, d).Scan(&btcFarm); err != nil {
		t.Fatal(err)
	}
	var farm string
	if err := h.db.Pool.QueryRow(h.ctx, `UPDATE farm_daily_summaries SET records = records + 1
		WHERE (summary_date, farm_id) = (SELECT summary_date, farm_id FROM farm_daily_summaries WHERE summary_date = $1
			ORDER BY farm_id LIMIT 1)
		RETURNING farm_id`, d).Scan(&farm); err != nil {
		t.Fatal(err)
	}

	rep := h.verify(VerifyOptions{Date: d, Sample: SampleFixed})
	if rep.Before.Counts.Match != 5 || rep.Outcome != OutcomeDifferences {
		t.Fatalf("counts %+v, outcome %s: the API still matches, but the summaries do not", rep.Before.Counts, rep.Outcome)
	}
	var got []string
	for _, i := range rep.Before.Inconsistencies {
		got = append(got, i.Summary+" "+i.Subject+" "+i.Measure)
		if i.Summary == "daily_summaries" && i.Measure == "total_curtailed_energy" {
			if s, e := decimal.RequireFromString(i.Stored), decimal.RequireFromString(i.Expected); !s.Equal(energy) || !s.Sub(e).Equal(decimal.RequireFromString("1.5")) {
				t.Errorf("daily energy stored %s expected %s; want %s and 1.5 less", i.Stored, i.Expected, energy)
			}
		}
	}
	want := []string{
		"bitcoin_daily_summaries 2025-03-06 S9 bitcoin_mined",
		"bitcoin_daily_summaries 2025-03-06 S9 value_gbp", // the row's value went with it
		"bitcoin_farm_daily_summaries 2025-03-06 " + btcFarm + " S9 bitcoin_mined",
		"bitcoin_farm_daily_summaries 2025-03-06 " + btcFarm + " S9 value_gbp",
		"daily_summaries 2025-03-06 total_curtailed_energy",
		"farm_daily_summaries 2025-03-06 " + farm + " records",
		"farm_monthly_summaries 2025-03 " + farm + " records", // the farm's month no longer adds up its days
		"historical_bitcoin_calculations 2025-03-06 S9 curtailed (period, farm) pairs with a Bitcoin row",
		"monthly_summaries 2025-03 total_curtailed_energy", // the month no longer adds up its days
	}
	if !slices.Equal(got, want) {
		t.Errorf("inconsistencies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A corrupted month is found too (the day is fine again after a rerun),
	// and so is its year, which no longer adds up its months.
	h.run(RunOptions{Date: d})
	if _, err := h.db.Pool.Exec(h.ctx, `UPDATE monthly_summaries SET days_covered = 5 WHERE year_month = '2025-03'`); err != nil {
		t.Fatal(err)
	}
	rep = h.verify(VerifyOptions{Date: d, Sample: SampleFixed, Fix: true})
	got = nil
	for _, i := range rep.Before.Inconsistencies {
		got = append(got, strings.Join([]string{i.Summary, i.Subject, i.Measure, i.Stored, i.Expected}, " "))
	}
	want = []string{"monthly_summaries 2025-03 days_covered 5 2", "yearly_summaries 2025 days_covered 2 5"}
	if !slices.Equal(got, want) {
		t.Errorf("inconsistencies %q, want %q", got, want)
	}
	if rep.Outcome != OutcomeRepaired || len(rep.After.Inconsistencies) != 0 {
		t.Errorf("--fix on an inconsistent month: %s, %+v", rep.Outcome, rep.After.Inconsistencies)
	}
}
