package recon

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/refdata"
)

// snapshotUnits applies bm_units' rules to the shipped snapshot, in Go: an
// entry without an Elexon id is left out; the entries of one unit become one
// unit with every EIC, and must agree on everything else.
func snapshotUnits(t *testing.T) (units map[string]elexon.BMUnit, eics map[string][]string, noID int) {
	t.Helper()
	all, err := elexon.DecodeBMUnits(refdata.BMUnitsSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	units, eics = map[string]elexon.BMUnit{}, map[string][]string{}
	for _, u := range all {
		if u.ElexonBmUnit == "" {
			noID++
			continue
		}
		if u.Eic != nil && !slices.Contains(eics[u.ElexonBmUnit], *u.Eic) {
			eics[u.ElexonBmUnit] = append(eics[u.ElexonBmUnit], *u.Eic)
		}
		if prev, ok := units[u.ElexonBmUnit]; ok {
			a, b := prev, u
			a.Eic, b.Eic, a.Raw, b.Raw = nil, nil, nil, nil
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(ja) != string(jb) {
				t.Fatalf("the snapshot lists %s twice with different values: %s / %s", u.ElexonBmUnit, ja, jb)
			}
			continue
		}
		units[u.ElexonBmUnit] = u
	}
	for id := range eics {
		slices.Sort(eics[id])
	}
	return units, eics, noID
}

// equalText and equalNum compare nullable values, null equal to null only.
func equalText(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func equalNum(a, b decimal.NullDecimal) bool {
	return a.Valid == b.Valid && (!a.Valid || a.Decimal.Equal(b.Decimal))
}

func bmUnits(t *testing.T, pool *pgxpool.Pool) []db.BmUnit {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT elexon_bm_unit, national_grid_bm_unit, bm_unit_name, bm_unit_type,
		fuel_type, lead_party_name, lead_party_id, generation_capacity, demand_capacity, production_or_consumption_flag,
		fpn_flag, transmission_loss_factor, gsp_group_id, gsp_group_name, interconnector_id, eics, listed, source
		FROM bm_units ORDER BY elexon_bm_unit`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []db.BmUnit
	for rows.Next() {
		var u db.BmUnit
		if err := rows.Scan(&u.ElexonBmUnit, &u.NationalGridBmUnit, &u.BmUnitName, &u.BmUnitType, &u.FuelType,
			&u.LeadPartyName, &u.LeadPartyID, &u.GenerationCapacity, &u.DemandCapacity, &u.ProductionOrConsumptionFlag,
			&u.FpnFlag, &u.TransmissionLossFactor, &u.GspGroupID, &u.GspGroupName, &u.InterconnectorID, &u.Eics,
			&u.Listed, &u.Source); err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The migration's seed of bm_units is the shipped snapshot, unit for unit
// and field for field, with the two quirks handled as documented.
func TestBMUnitsSeedMatchesSnapshot(t *testing.T) {
	d := pgtest.New(t)
	want, eics, noID := snapshotUnits(t)
	if noID != 61 || len(want) != 2671 {
		t.Fatalf("the snapshot has %d units with an Elexon id and %d without; want 2671 and 61", len(want), noID)
	}
	got := bmUnits(t, d.Pool)
	if len(got) != len(want) {
		t.Fatalf("bm_units holds %d units, the snapshot %d", len(got), len(want))
	}
	for _, g := range got {
		w, ok := want[g.ElexonBmUnit]
		if !ok {
			t.Errorf("bm_units holds %s, which the snapshot does not list", g.ElexonBmUnit)
			continue
		}
		texts := []struct{ got, want *string }{
			{g.NationalGridBmUnit, w.NationalGridBmUnit}, {g.BmUnitName, w.BmUnitName}, {g.BmUnitType, w.BmUnitType},
			{g.FuelType, w.FuelType}, {g.LeadPartyName, w.LeadPartyName}, {g.LeadPartyID, w.LeadPartyID},
			{g.ProductionOrConsumptionFlag, w.ProductionOrConsumptionFlag}, {g.GspGroupID, w.GspGroupID},
			{g.GspGroupName, w.GspGroupName}, {g.InterconnectorID, w.InterconnectorID},
		}
		for i, f := range texts {
			if !equalText(f.got, f.want) {
				t.Errorf("%s: text field %d differs from the snapshot", g.ElexonBmUnit, i)
			}
		}
		if !equalNum(g.GenerationCapacity, w.GenerationCapacity) || !equalNum(g.DemandCapacity, w.DemandCapacity) ||
			!equalNum(g.TransmissionLossFactor, w.TransmissionLossFactor) {
			t.Errorf("%s: capacities or loss factor differ from the snapshot", g.ElexonBmUnit)
		}
		if (g.FpnFlag == nil) != (w.FpnFlag == nil) || (g.FpnFlag != nil && *g.FpnFlag != *w.FpnFlag) {
			t.Errorf("%s: fpn_flag differs from the snapshot", g.ElexonBmUnit)
		}
		if !slices.Equal(g.Eics, eics[g.ElexonBmUnit]) && !(len(g.Eics) == 0 && len(eics[g.ElexonBmUnit]) == 0) {
			t.Errorf("%s: eics %v, want %v", g.ElexonBmUnit, g.Eics, eics[g.ElexonBmUnit])
		}
		if !g.Listed || g.Source != "snapshot-2025-10" {
			t.Errorf("%s: listed %v, source %q", g.ElexonBmUnit, g.Listed, g.Source)
		}
	}
	// The unit listed twice: one row, both EICs.
	walney := []string{"48W00000WLNYO-4-", "48W00001WLNYO-4R"}
	for _, g := range got {
		if g.ElexonBmUnit == "T_WLNYO-4" && !slices.Equal(g.Eics, walney) {
			t.Errorf("T_WLNYO-4: eics %v, want %v", g.Eics, walney)
		}
	}
	// The history starts with every unit, added.
	if n := count(t, d.Pool, `SELECT count(*) FROM bm_unit_history h JOIN bm_units u USING (elexon_bm_unit)
		WHERE h.change = 'added' AND h.old_values IS NULL AND h.source = 'snapshot-2025-10'
		  AND h.new_values ->> 'fuel_type' IS NOT DISTINCT FROM u.fuel_type
		  AND h.new_values ->> 'lead_party_name' IS NOT DISTINCT FROM u.lead_party_name`); n != len(want) {
		t.Errorf("%d units have their added row in bm_unit_history, want %d", n, len(want))
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM bm_unit_history`); n != len(want) {
		t.Errorf("bm_unit_history starts with %d rows, want %d", n, len(want))
	}
}

// refresh runs refreshBMUnits in a transaction of its own.
func refresh(t *testing.T, pool *pgxpool.Pool, units []elexon.BMUnit) (BMUnitsRefresh, error) {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	res, err := refreshBMUnits(ctx, db.New(tx), units, SourceBMUnitsSync)
	if err != nil {
		return res, err
	}
	return res, tx.Commit(ctx)
}

// Refreshing bm_units from the very list the migration seeded it with
// changes nothing (the seed and the refresh read Elexon's list the same way);
// a later list's changes are recorded and applied, and a unit Elexon stops
// listing keeps its row.
func TestBMUnitsRefresh(t *testing.T) {
	d := pgtest.New(t)
	snapshot, err := elexon.DecodeBMUnits(refdata.BMUnitsSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	before := pgtest.Digest(t, d.Pool, "bm_units", "", pgtest.Columns{KeepVolatile: true})
	res, err := refresh(t, d.Pool, snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changes() != 0 || res.Units != 2671 || res.NoID != 61 || res.Merged != 1 {
		t.Fatalf("refreshing with the shipped list: %+v, want no change, 2671 units, 61 without id, 1 merged", res)
	}
	if after := pgtest.Digest(t, d.Pool, "bm_units", "", pgtest.Columns{KeepVolatile: true}); after != before {
		t.Error("refreshing with the shipped list rewrote bm_units")
	}

	// A later list: Drax changes hands, Aberdare is gone, a unit is new.
	var later []elexon.BMUnit
	for _, u := range snapshot {
		switch u.ElexonBmUnit {
		case "E_ABERDARE":
			continue
		case "T_DRAXX-1":
			u.LeadPartyName = ptr("New Owner Ltd")
			u.GenerationCapacity = decimal.NewNullDecimal(decimal.RequireFromString("700.5"))
		}
		later = append(later, u)
	}
	later = append(later, elexon.BMUnit{ElexonBmUnit: "T_NEWGT-1", FuelType: ptr("OCGT"), LeadPartyName: ptr("Peaker plc")})
	res, err = refresh(t, d.Pool, later)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Changed != 1 || res.Delisted != 1 || res.Relisted != 0 {
		t.Fatalf("the later list: %+v, want 1 added, 1 changed, 1 delisted", res)
	}
	var cols []string
	var oldParty, newParty, newCap string
	if err := d.Pool.QueryRow(context.Background(), `SELECT changed_columns, old_values ->> 'lead_party_name',
		new_values ->> 'lead_party_name', new_values ->> 'generation_capacity' FROM bm_unit_history
		WHERE elexon_bm_unit = 'T_DRAXX-1' AND change = 'changed'`).Scan(&cols, &oldParty, &newParty, &newCap); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cols, []string{"generation_capacity", "lead_party_name"}) || oldParty != "Drax Power Ltd" ||
		newParty != "New Owner Ltd" || newCap != "700.5" {
		t.Errorf("T_DRAXX-1's change: %v, %q -> %q, capacity %s", cols, oldParty, newParty, newCap)
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM bm_units WHERE elexon_bm_unit = 'E_ABERDARE' AND NOT listed
		AND lead_party_name = 'UK Power Reserve Limited'`); n != 1 {
		t.Error("E_ABERDARE lost its row or its values when Elexon stopped listing it")
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM bm_units WHERE elexon_bm_unit = 'T_NEWGT-1' AND listed
		AND fuel_type = 'OCGT' AND source = 'elexon-sync' AND eics = '{}'`); n != 1 {
		t.Error("T_NEWGT-1 not added as listed")
	}
	// The same list again changes nothing; the shipped list again brings
	// Aberdare back (relisted), Drax's values back, and delists the new unit.
	if res, err = refresh(t, d.Pool, later); err != nil || res.Changes() != 0 {
		t.Fatalf("the same list twice: %+v, %v", res, err)
	}
	if res, err = refresh(t, d.Pool, snapshot); err != nil || res.Relisted != 1 || res.Changed != 1 || res.Delisted != 1 || res.Added != 0 {
		t.Fatalf("the shipped list again: %+v, %v", res, err)
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM bm_units WHERE listed`); n != 2671 {
		t.Errorf("%d units listed after the shipped list again, want 2671", n)
	}

	// Two entries of one unit that disagree: no order decides which holds,
	// so the unit stays as bm_units has it (neither changed nor delisted) and
	// is named; the rest of the list is applied.
	history := count(t, d.Pool, `SELECT count(*) FROM bm_unit_history`)
	drax := pgtest.Digest(t, d.Pool, "bm_units", "elexon_bm_unit = 'T_DRAXX-1'", pgtest.Columns{KeepVolatile: true})
	var twice []elexon.BMUnit
	for _, u := range snapshot {
		if u.ElexonBmUnit == "E_ABERDARE" {
			continue // delisted, as before
		}
		twice = append(twice, u)
	}
	twice = append(twice, elexon.BMUnit{ElexonBmUnit: "T_DRAXX-1", FuelType: ptr("COAL")})
	res, err = refresh(t, d.Pool, twice)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Conflicting, []string{"T_DRAXX-1"}) || res.Changes() != 1 || res.Delisted != 1 || res.Units != 2669 {
		t.Fatalf("a unit listed twice with different values: %+v, want T_DRAXX-1 conflicting and E_ABERDARE delisted only", res)
	}
	if got := pgtest.Digest(t, d.Pool, "bm_units", "elexon_bm_unit = 'T_DRAXX-1'", pgtest.Columns{KeepVolatile: true}); got != drax {
		t.Error("T_DRAXX-1, listed twice with different values, was rewritten")
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM bm_unit_history WHERE elexon_bm_unit = 'T_DRAXX-1'`); n != 3 {
		t.Errorf("T_DRAXX-1 has %d history rows, want its 3 (added, changed, changed back)", n)
	}
	history++ // E_ABERDARE delisted
	if _, err := refresh(t, d.Pool, nil); err == nil {
		t.Fatal("an empty list was accepted")
	}
	if n := count(t, d.Pool, `SELECT count(*) FROM bm_unit_history`); n != history {
		t.Errorf("the history has %d rows more than the changes made", n-history)
	}
}
