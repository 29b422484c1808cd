package recon

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// Every path that derives curtailment keeps turn_up_periods right: a run of
// some periods rewrites those periods only, rederive rewrites the date from
// the archive after the registry changes, and the consistency check finds a
// row that disagrees with the walk.
func TestTurnUpKeptByEveryPathAndChecked(t *testing.T) {
	h := newHarness(t)
	day := date(t, "2025-03-06")
	q := db.New(h.db.Pool)
	next := day.AddDate(0, 0, 1)
	check := func() []TurnUpInconsistency {
		t.Helper()
		bad, err := turnUpInconsistencies(h.ctx, q, day, next)
		if err != nil {
			t.Fatal(err)
		}
		return bad
	}
	first := h.run(RunOptions{Date: day})
	sameAsGoWalk(t, h.db.Pool, day)
	if bad := check(); len(bad) != 0 {
		t.Fatalf("after a run, %d inconsistent periods: %+v", len(bad), bad[0])
	}
	before := digest(t, h.db.Pool, "turn_up_periods", true)

	// Tamper: one row changed, one deleted, one invented for a period
	// without curtailment.
	if _, err := h.db.Pool.Exec(h.ctx, `UPDATE turn_up_periods SET turn_up_cost_gbp = turn_up_cost_gbp + 1
		WHERE settlement_date = $1 AND settlement_period = 10`, day); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Pool.Exec(h.ctx, `DELETE FROM turn_up_periods WHERE settlement_date = $1 AND settlement_period = 11`, day); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Pool.Exec(h.ctx, `INSERT INTO turn_up_periods (settlement_date, settlement_period, curtailed_mwh,
		turn_up_mwh, turn_up_cost_gbp, shortfall_mwh, rows_taken, null_price_rows, candidate_rows, run_id)
		VALUES ($1, 1, 5, 5, 50, 0, 1, 0, 1, $2)`, next, first.RunID); err != nil {
		t.Fatal(err)
	}
	bad := check()
	if len(bad) != 3 || bad[0].Period != 10 || !bad[0].Stored || !bad[0].Derived ||
		!bad[0].StoredCostGBP.Sub(bad[0].DerivedCostGBP).Equal(decimal.NewFromInt(1)) ||
		bad[1].Period != 11 || bad[1].Stored || !bad[1].Derived || !bad[1].DerivedMWh.IsPositive() ||
		!bad[2].Date.Equal(next) || !bad[2].Stored || bad[2].Derived || !bad[2].StoredMWh.Equal(decimal.NewFromInt(5)) {
		t.Fatalf("the check found %+v, want period 10 (cost +1), period 11 (missing from the table) and the invented row", bad)
	}
	if _, err := h.db.Pool.Exec(h.ctx, `DELETE FROM turn_up_periods WHERE settlement_date = $1`, next); err != nil {
		t.Fatal(err)
	}

	// A run of periods 10-10 rewrites period 10 only.
	h.run(RunOptions{Date: day, Periods: &settlement.Range{From: 10, To: 10}})
	bad = check()
	if len(bad) != 1 || bad[0].Period != 11 {
		t.Fatalf("after running period 10 the check found %+v, want period 11 only", bad)
	}
	var run10 int64
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT run_id FROM turn_up_periods WHERE settlement_date = $1 AND settlement_period = 10`,
		day).Scan(&run10); err != nil {
		t.Fatal(err)
	}
	if run10 == first.RunID {
		t.Error("period 10 still carries the first run's id")
	}

	// Rederive restores everything from the archive, as the run left it.
	if _, err := h.svc.Rederive(h.ctx, RederiveOptions{From: day, To: day}); err != nil {
		t.Fatal(err)
	}
	if bad := check(); len(bad) != 0 {
		t.Fatalf("after rederive, %d inconsistent periods: %+v", len(bad), bad)
	}
	if after := digest(t, h.db.Pool, "turn_up_periods", true); after != before {
		t.Error("rederive did not give back the turn-up of the first run")
	}

	// A registry change reaches turn-up through rederive: without the unit,
	// T shrinks by exactly its curtailment.
	var unit string
	var unitMWh decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT farm_id, sum(abs(volume)) FROM curtailment_records
		WHERE settlement_date = $1 GROUP BY farm_id ORDER BY 2 DESC, 1 LIMIT 1`, day).Scan(&unit, &unitMWh); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Pool.Exec(h.ctx, `DELETE FROM wind_units WHERE elexon_bm_unit = $1`, unit); err != nil {
		t.Fatal(err)
	}
	if bad := check(); len(bad) != 0 {
		t.Fatalf("a registry change alone changed the walk: %+v", bad)
	}
	res, err := h.svc.Rederive(h.ctx, RederiveOptions{From: day, To: day})
	if err != nil {
		t.Fatal(err)
	}
	totals, err := turnUpTotals(h.ctx, q, day, settlement.All(day))
	if err != nil {
		t.Fatal(err)
	}
	if !totals.CurtailedMWh.Equal(first.EnergyMWh.Sub(unitMWh)) {
		t.Errorf("after removing %s (%s MWh) and rederiving, T is %s MWh, want %s", unit, unitMWh, totals.CurtailedMWh, first.EnergyMWh.Sub(unitMWh))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM turn_up_periods WHERE settlement_date = $1 AND run_id <> $2`,
		day, res[0].RunID); n != 0 {
		t.Errorf("%d turn_up_periods rows not rewritten by the rederive run", n)
	}
	sameAsGoWalk(t, h.db.Pool, day)
}
