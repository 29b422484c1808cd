package recon

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/settlement"
)

func TestStatusShowsReachPartialAndWhatIfDates(t *testing.T) {
	h := newHarness(t)
	st, err := h.svc.Status(h.ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	// A fresh install: the shipped reference data (the prices from the close
	// of 2015-12-31, which migration 00017 adds).
	d := st.Difficulty
	if d.Height != 961632 || d.Activated.Format(time.RFC3339) != "2026-08-08T19:35:55Z" ||
		d.CompleteUntil.Format(time.RFC3339) != "2026-08-29T19:35:55Z" || d.Epochs < 280 {
		t.Errorf("difficulty reach %+v, want block 961,632 of 2026-08-08T19:35:55Z, complete until 2026-08-29T19:35:55Z", d)
	}
	p := st.Prices
	if p.Last.Format(time.RFC3339) != "2026-01-01T00:00:00Z" || p.First.Format(time.RFC3339) != "2016-01-01T00:00:00Z" ||
		p.PricedUntil.Format(time.RFC3339) != "2026-01-09T00:00:00Z" || p.LastSource == "" || !p.LastGBP.IsPositive() {
		t.Errorf("price reach %+v, want the shipped history to 2026-01-01, pricing until 2026-01-09", p)
	}
	if r := st.Registry; r.Units != 212 || r.LastSyncRun != 0 || r.LastImportRun != 0 || r.LastChangeSource != "seed-212" {
		t.Errorf("registry %+v, want the 212 seed units, never synced or imported", r)
	}
	if st.Dates != 0 || st.Synthetic || len(st.Partial) != 0 || len(st.WhatIf) != 0 {
		t.Errorf("fresh status %+v, want no dates", st)
	}

	// A whole date, some periods of another, a what-if of a third.
	h.run(RunOptions{Date: date(t, "2025-03-06")})
	h.run(RunOptions{Date: date(t, "2025-03-07"), Periods: &settlement.Range{From: 1, To: 10}})
	override := decimal.RequireFromString("100000000000000")
	h.run(RunOptions{Date: date(t, "2025-03-08"), Difficulty: &override})
	if _, err := h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "found.json",
		Units: []byte(`[{"elexonBmUnit":"T_FOUND-1","leadPartyName":"Found Wind Ltd","fuelType":"WIND"}]`)}); err != nil {
		t.Fatal(err)
	}
	st, err = h.svc.Status(h.ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if st.Dates != 3 || !st.Synthetic {
		t.Errorf("%d dates, synthetic %v; want 3, synthetic (the stand-in's)", st.Dates, st.Synthetic)
	}
	if len(st.Partial) != 1 || !st.Partial[0].Date.Equal(date(t, "2025-03-07")) || st.Partial[0].Periods != 10 || st.Partial[0].PeriodsInDay != 48 {
		t.Errorf("partial dates %+v, want 2025-03-07 with 10 of 48", st.Partial)
	}
	if len(st.WhatIf) != 1 || !st.WhatIf[0].Date.Equal(date(t, "2025-03-08")) || st.WhatIf[0].Periods == 0 ||
		!st.WhatIf[0].DifficultyMin.Equal(override) || !st.WhatIf[0].DifficultyMax.Equal(override) {
		t.Errorf("what-if dates %+v, want 2025-03-08 at %s", st.WhatIf, override)
	}
	if r := st.Registry; r.Units != 213 || r.LastImportRun == 0 || r.LastImport.IsZero() || r.LastChangeSource != "import:found.json" {
		t.Errorf("registry %+v, want 213 units, the import as the last change", r)
	}
	var whatIfRuns, synthetic int
	for _, r := range st.Runs {
		if r.WhatIf != nil && r.WhatIf.Equal(override) {
			whatIfRuns++
		}
		if r.Synthetic {
			synthetic++
		}
	}
	if whatIfRuns != 1 || synthetic != 3 {
		t.Errorf("%d runs marked what-if and %d synthetic, want 1 and 3", whatIfRuns, synthetic)
	}

	// A normal run replaces the what-if.
	h.run(RunOptions{Date: date(t, "2025-03-08")})
	if st, err = h.svc.Status(h.ctx, 0); err != nil || len(st.WhatIf) != 0 || len(st.Runs) != 0 {
		t.Errorf("after a normal run: %v, what-if dates %+v, runs %d; want none and none", err, st.WhatIf, len(st.Runs))
	}
}
