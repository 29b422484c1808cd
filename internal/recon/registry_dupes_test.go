package recon

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/recon-energy/recon/internal/refdata"
)

// snapshotListings is the real BM unit list (refdata.BMUnitsSnapshot), one raw
// unit per element, and the indexes of the units listed as id.
func snapshotListings(t *testing.T, id string) ([]json.RawMessage, []int) {
	t.Helper()
	var units []json.RawMessage
	if err := json.Unmarshal(refdata.BMUnitsSnapshot, &units); err != nil {
		t.Fatal(err)
	}
	var at []int
	for i, u := range units {
		if bytes.Contains(u, []byte(`"elexonBmUnit": "`+id+`"`)) {
			at = append(at, i)
		}
	}
	return units, at
}

func marshalUnits(t *testing.T, units []json.RawMessage) []byte {
	t.Helper()
	b, err := json.Marshal(units)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// registryContent is every unit of the registry and its history, without
// the times and ids of writing.
func registryContent(t *testing.T, h *harness) string {
	t.Helper()
	var units, history string
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT md5(string_agg(concat_ws('|', elexon_bm_unit, national_grid_bm_unit, bm_unit_name,
		lead_party_name, fuel_type, generation_capacity, source), ',' ORDER BY elexon_bm_unit)) FROM wind_units`).Scan(&units); err != nil {
		t.Fatal(err)
	}
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT md5(string_agg(concat_ws('|', elexon_bm_unit, change, bm_unit_name, old_lead_party_name,
		new_lead_party_name, source), ',' ORDER BY elexon_bm_unit, change, source)) FROM wind_unit_history`).Scan(&history); err != nil {
		t.Fatal(err)
	}
	return units + " " + history
}

// TestSyncRealDuplicateUnit: Elexon lists T_WLNYO-4 twice, identical but
// for its eic, and 33 WIND units without an Elexon id. The sync counts the
// duplicate once, whichever listing comes first, and leaves the units
// without an id out.
func TestSyncRealDuplicateUnit(t *testing.T) {
	units, at := snapshotListings(t, "T_WLNYO-4")
	if len(at) != 2 || !bytes.Contains(units[at[0]], []byte(`48W00000WLNYO-4-`)) || !bytes.Contains(units[at[1]], []byte(`48W00001WLNYO-4R`)) {
		t.Fatalf("the snapshot lists T_WLNYO-4 at %v; the test's premise changed", at)
	}
	swapped := slices.Clone(units)
	swapped[at[0]], swapped[at[1]] = swapped[at[1]], swapped[at[0]]

	var digests []string
	for _, body := range [][]byte{refdata.BMUnitsSnapshot, marshalUnits(t, swapped)} {
		h := newHarness(t)
		h.api.SetBMUnits(body)
		res, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Duplicates != 1 || len(res.Conflicting) != 0 || res.SkippedNoID != 33 {
			t.Errorf("%d duplicates, conflicting %v, %d without an id; want 1, none, 33", res.Duplicates, res.Conflicting, res.SkippedNoID)
		}
		if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_units WHERE elexon_bm_unit = 'T_WLNYO-4'
			AND national_grid_bm_unit = 'WLNYO-4' AND bm_unit_name = 'WALNEY_4' AND lead_party_name = 'Walney Extension Ltd'
			AND generation_capacity = 330`); n != 1 {
			t.Errorf("T_WLNYO-4 is not in the registry once with its details (%d)", n)
		}
		digests = append(digests, registryContent(t, h))
	}
	if digests[0] != digests[1] {
		t.Error("the order of the two listings of T_WLNYO-4 changes the registry")
	}
}

// TestSyncAndImportRefuseToChooseBetweenConflictingListings: a unit listed
// twice with different details is not settled by order. A sync leaves it as
// the registry has it (the seed unit T_WLNYO-4 keeps its lead party; a unit
// an earlier sync added is not removed; one not in the registry is not
// added) and names it; an import refuses the file.
func TestSyncAndImportRefuseToChooseBetweenConflictingListings(t *testing.T) {
	h := newHarness(t)
	units, at := snapshotListings(t, "T_WLNYO-4")
	newUnit := func(lead string) json.RawMessage {
		return json.RawMessage(`{"elexonBmUnit": "T_NEWW-1", "nationalGridBmUnit": "NEWW-1", "fuelType": "WIND", "leadPartyName": "` + lead + `"}`)
	}
	h.api.SetBMUnits(marshalUnits(t, append(slices.Clone(units), newUnit("First Wind Ltd"))))
	if _, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	before := registryContent(t, h)

	conflicting := slices.Clone(units)
	conflicting[at[1]] = json.RawMessage(bytes.Replace(units[at[1]], []byte(`"Walney Extension Ltd"`), []byte(`"Someone Else Ltd"`), 1))
	conflicting = append(conflicting, newUnit("First Wind Ltd"), newUnit("Second Wind Ltd"),
		json.RawMessage(`{"elexonBmUnit": "T_OTHW-1", "fuelType": "WIND", "leadPartyName": "A"}`),
		json.RawMessage(`{"elexonBmUnit": "T_OTHW-1", "fuelType": "WIND", "leadPartyName": "B"}`))
	body := marshalUnits(t, conflicting)
	h.api.SetBMUnits(body)
	res, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Conflicting, ",") != "T_WLNYO-4,T_NEWW-1,T_OTHW-1" || len(res.Changes) != 0 {
		t.Errorf("conflicting %v, changes %v; want T_WLNYO-4, T_NEWW-1 and T_OTHW-1, no change", res.Conflicting, res.Changes)
	}
	if got := registryContent(t, h); got != before {
		t.Error("the sync changed the registry")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_units WHERE elexon_bm_unit = 'T_NEWW-1' AND lead_party_name = 'First Wind Ltd'`); n != 1 {
		t.Error("T_NEWW-1, added by the first sync, is not kept as it was")
	}

	_, err = h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "all.json", Units: body, WindOnly: true})
	if !IsBadInput(err) || !strings.Contains(err.Error(), "T_WLNYO-4, T_NEWW-1, T_OTHW-1") {
		t.Errorf("import: %v, want bad input naming the three units", err)
	}
}
