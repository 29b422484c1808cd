package recon

import (
	"testing"

	"github.com/shopspring/decimal"
)

// whatIfRows counts a date's Bitcoin rows by whether they are what-if ones.
func whatIfRows(t *testing.T, h *harness, d string) (whatIf, table int) {
	t.Helper()
	whatIf = count(t, h.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations WHERE settlement_date = $1 AND difficulty_override`, d)
	table = count(t, h.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations WHERE settlement_date = $1 AND NOT difficulty_override`, d)
	return whatIf, table
}

func TestRecalcReplacesAWhatIfForEveryModelNeverHalf(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	override := decimal.RequireFromString("100000000000000")
	res := h.run(RunOptions{Date: d, Difficulty: &override})
	if res.WhatIf == nil || !res.WhatIf.Equal(override) {
		t.Errorf("run result's what-if %v, want %s", res.WhatIf, override)
	}
	if w, tab := whatIfRows(t, h, "2025-03-06"); w == 0 || tab != 0 {
		t.Fatalf("after the what-if run: %d what-if rows, %d table rows; want all what-if", w, tab)
	}

	// The report marks the day, its month, the total and the farms.
	rep, err := h.svc.Report(h.ctx, ReportOptions{Level: ReportDaily})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.WhatIf) != 1 || !rep.Rows[0].WhatIf || !rep.Total.WhatIf || len(rep.TopFarms) == 0 || !rep.TopFarms[0].WhatIf {
		t.Errorf("report: what-if dates %+v, row %v, total %v; want the date marked everywhere", rep.WhatIf, rep.Rows[0].WhatIf, rep.Total.WhatIf)
	}

	// Path 1: a recalc of one model replaces the what-if for every model.
	results, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d, Model: "S9"})
	if err != nil || len(results) != 1 {
		t.Fatalf("recalc --model S9: %v, %+v", err, results)
	}
	r := results[0]
	if !r.EveryModel || r.Replaced == nil || !r.Replaced.DifficultyMin.Equal(override) || r.WhatIf != nil || !r.Synthetic {
		t.Errorf("recalc result %+v: want every model recomputed, the what-if named as replaced, synthetic", r)
	}
	if w, tab := whatIfRows(t, h, "2025-03-06"); w != 0 || tab == 0 {
		t.Errorf("after recalc --model S9: %d what-if rows left, %d table rows; want none left", w, tab)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE run_id = $1 AND command = 'recalc' AND synthetic`, r.RunID); n != 1 {
		t.Error("the widened recalc is not recorded as a recalc of every model on synthetic data")
	}
	if rep, err = h.svc.Report(h.ctx, ReportOptions{Level: ReportMonthly}); err != nil || len(rep.WhatIf) != 0 || rep.Rows[0].WhatIf {
		t.Errorf("report after the recalc: %v, what-if %+v; want none", err, rep.WhatIf)
	}

	// Path 2: a recalc with a what-if sets it for every model; a second one
	// replaces it (again for every model).
	other := decimal.RequireFromString("120000000000000")
	for _, diff := range []decimal.Decimal{override, other} {
		results, err = h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d, Difficulty: &diff})
		if err != nil {
			t.Fatal(err)
		}
		if results[0].WhatIf == nil || !results[0].WhatIf.Equal(diff) {
			t.Errorf("recalc --difficulty %s: result's what-if %v", diff, results[0].WhatIf)
		}
		if n := count(t, h.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations
			WHERE settlement_date = '2025-03-06' AND (NOT difficulty_override OR difficulty <> $1)`, diff); n != 0 {
			t.Errorf("after recalc --difficulty %s: %d rows of another difficulty", diff, n)
		}
	}
	if r := results[0]; r.Replaced == nil || !r.Replaced.DifficultyMin.Equal(override) || r.EveryModel {
		t.Errorf("second what-if recalc %+v: want the first what-if named as replaced", r)
	}

	// Never half: a what-if for one model is refused.
	if _, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d, Model: "S9", Difficulty: &other}); !IsBadInput(err) {
		t.Errorf("recalc --difficulty --model: %v, want bad input", err)
	}

	// A rederive replaces a what-if by table figures, and says so.
	rd, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d, To: d})
	if err != nil || len(rd) != 1 || rd[0].Replaced == nil || !rd[0].Replaced.DifficultyMin.Equal(other) || !rd[0].Synthetic {
		t.Fatalf("rederive: %v, %+v; want the what-if named as replaced", err, rd)
	}
	if w, _ := whatIfRows(t, h, "2025-03-06"); w != 0 {
		t.Errorf("%d what-if rows after rederive", w)
	}
}
