package recon

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/recon-energy/recon/internal/refdata"
)

// snapshotWind reads, straight from the JSON (not through the elexon
// decoder), the ids Elexon's snapshot tags WIND and their lead parties.
func snapshotWind(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	var units []struct {
		ID   *string `json:"elexonBmUnit"`
		Fuel *string `json:"fuelType"`
		Lead *string `json:"leadPartyName"`
	}
	if err := json.Unmarshal(raw, &units); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, u := range units {
		if u.Fuel == nil || *u.Fuel != "WIND" || u.ID == nil || *u.ID == "" {
			continue
		}
		if _, dup := out[*u.ID]; dup {
			continue
		}
		lead := ""
		if u.Lead != nil {
			lead = *u.Lead
		}
		out[*u.ID] = lead
	}
	return out
}

// seedUnits reads the default list's ids and lead parties.
func seedUnits(t *testing.T) map[string]string {
	t.Helper()
	var units []struct {
		ID   string `json:"elexonBmUnit"`
		Lead string `json:"leadPartyName"`
	}
	if err := json.Unmarshal(refdata.WindBMUsSeed212, &units); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, u := range units {
		out[u.ID] = u.Lead
	}
	return out
}

func TestSyncFromRealSnapshot(t *testing.T) {
	h := newHarness(t)
	elexonWind, seed := snapshotWind(t, refdata.BMUnitsSnapshot), seedUnits(t)
	var wantAdded, wantChanged, wantKept []string
	for id, lead := range elexonWind {
		seedLead, inSeed := seed[id]
		switch {
		case !inSeed:
			wantAdded = append(wantAdded, id)
		case seedLead != lead:
			wantChanged = append(wantChanged, id)
		}
	}
	for id := range seed {
		if _, ok := elexonWind[id]; !ok {
			wantKept = append(wantKept, id)
		}
	}
	slices.Sort(wantAdded)
	slices.Sort(wantChanged)
	slices.Sort(wantKept)
	if got := strings.Join(wantKept, ","); got != "E_EAONE-1,E_FALRW-1,E_MOBR2-1,E_SPENR-1" {
		t.Fatalf("the snapshot's seed units not tagged WIND are %s; the test's premise changed", got)
	}

	res, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := func(kind ChangeKind) []string {
		var ids []string
		for _, c := range res.Changes {
			if c.Kind == kind {
				ids = append(ids, c.Unit)
			}
		}
		return ids
	}
	check := func(what string, got, want []string) {
		t.Helper()
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %v, want %v", what, got, want)
		}
	}
	check("added", kinds(UnitAdded), wantAdded)
	check("lead party changed", kinds(UnitLeadPartyChanged), wantChanged)
	check("removed", kinds(UnitRemoved), nil)
	var kept []string
	for _, u := range res.Kept {
		kept = append(kept, u.Unit)
	}
	check("kept", kept, wantKept)
	if res.Offered != len(elexonWind) || res.SkippedNoID == 0 || res.Duplicates == 0 || res.RunID == 0 {
		t.Errorf("offered %d (want %d), %d without id, %d duplicates, run %d", res.Offered, len(elexonWind), res.SkippedNoID, res.Duplicates, res.RunID)
	}

	// The registry is the seed plus the additions, with Elexon's lead parties.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_units`); n != len(seed)+len(wantAdded) {
		t.Errorf("%d wind units, want %d", n, len(seed)+len(wantAdded))
	}
	for _, id := range wantChanged {
		if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_units WHERE elexon_bm_unit = $1 AND lead_party_name = $2`, id, elexonWind[id]); n != 1 {
			t.Errorf("%s does not have Elexon's lead party %q", id, elexonWind[id])
		}
	}
	// History: the seed at migration, then this sync's changes with old and new lead parties.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_unit_history WHERE source = 'seed-212' AND change = 'added'`); n != len(seed) {
		t.Errorf("%d seed history rows, want %d", n, len(seed))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_unit_history WHERE source = 'elexon-sync' AND change = 'added' AND old_lead_party_name IS NULL`); n != len(wantAdded) {
		t.Errorf("%d added history rows, want %d", n, len(wantAdded))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_unit_history AS h JOIN wind_units AS w USING (elexon_bm_unit)
		WHERE h.change = 'lead_party_changed' AND h.new_lead_party_name = w.lead_party_name AND h.old_lead_party_name IS DISTINCT FROM w.lead_party_name`); n != len(wantChanged) {
		t.Errorf("%d lead-party history rows, want %d", n, len(wantChanged))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'bmu sync' AND outcome = 'succeeded' AND (details->>'added')::int = $1`, len(wantAdded)); n != 1 {
		t.Errorf("%d bmu sync runs recorded, want 1", n)
	}

	// A second sync finds nothing to do and writes nothing.
	before := snapshot(t, h.db.Pool, false)
	again, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() || again.RunID != 0 {
		t.Errorf("second sync changed %d units, refreshed %d, run %d", len(again.Changes), again.Refreshed, again.RunID)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
}

func TestSyncRemovesOnlySyncedUnitsUnlessPruned(t *testing.T) {
	h := newHarness(t)
	if _, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	// An analyst's import stays whatever Elexon says.
	if _, err := h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "mine.json", Units: []byte(`[{"elexonBmUnit":"T_MINE-1","leadPartyName":"Mine Ltd"}]`)}); err != nil {
		t.Fatal(err)
	}
	// Elexon now lists only two wind units: one from the seed, one the first sync added.
	elexonWind := snapshotWind(t, refdata.BMUnitsSnapshot)
	var synced string
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT min(elexon_bm_unit) FROM wind_units WHERE source = 'elexon-sync'`).Scan(&synced); err != nil {
		t.Fatal(err)
	}
	h.api.SetBMUnits([]byte(`[
		{"elexonBmUnit":"T_SGRWO-1","fuelType":"WIND","leadPartyName":"` + elexonWind["T_SGRWO-1"] + `"},
		{"elexonBmUnit":"` + synced + `","fuelType":"WIND","leadPartyName":"` + elexonWind[synced] + `"}]`))

	dry, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{DryRun: true, PruneSeed: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.RunID != 0 || dry.Count(UnitRemoved) < 200 {
		t.Errorf("dry run: run %d, %d removals", dry.RunID, dry.Count(UnitRemoved))
	}
	totalBefore := count(t, h.db.Pool, `SELECT count(*) FROM wind_units`)
	res, err := h.svc.SyncBMUnits(h.ctx, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	syncedCount := count(t, h.db.Pool, `SELECT count(*) FROM wind_unit_history WHERE source = 'elexon-sync' AND change = 'added'`)
	if res.Count(UnitRemoved) != syncedCount-1 || res.Count(UnitAdded) != 0 {
		t.Errorf("removed %d, added %d; want %d removed (the synced units Elexon dropped)", res.Count(UnitRemoved), res.Count(UnitAdded), syncedCount-1)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_units`); n != totalBefore-(syncedCount-1) {
		t.Errorf("%d units left, want %d", n, totalBefore-(syncedCount-1))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_units WHERE source = 'seed-212' OR elexon_bm_unit = 'T_MINE-1'`); n != 213 {
		t.Errorf("%d seed and imported units kept, want 213", n)
	}
	// With --prune-seed, the seed units Elexon does not list go too.
	res, err = h.svc.SyncBMUnits(h.ctx, SyncOptions{PruneSeed: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_units`); n != 3 || res.Count(UnitRemoved) != 211 {
		t.Errorf("after pruning: %d units (want T_SGRWO-1, %s, T_MINE-1), %d removed (want 211)", n, synced, res.Count(UnitRemoved))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM wind_unit_history WHERE change = 'removed' AND old_lead_party_name IS NOT NULL`); n != 211+syncedCount-1 {
		t.Errorf("%d removals in the history, want %d", n, 211+syncedCount-1)
	}
}

func TestImportSeedShapeAndFuelTypes(t *testing.T) {
	h := newHarness(t)
	// The seed list itself imports as "nothing to do".
	res, err := h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "data/wind_bmus_seed_212.json", Units: refdata.WindBMUsSeed212})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() || res.Offered != 212 || res.Unchanged != 212 {
		t.Errorf("seed import: %d offered, %d unchanged, changes %v", res.Offered, res.Unchanged, res.Changes)
	}
	// A full bmunits/all dump is refused: most of its units are not wind.
	_, err = h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "all.json", Units: refdata.BMUnitsSnapshot})
	if !IsBadInput(err) || !strings.Contains(err.Error(), "--wind-only") {
		t.Errorf("import of every unit: %v, want bad input suggesting --wind-only", err)
	}
	res, err = h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "all.json", Units: refdata.BMUnitsSnapshot, WindOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(UnitAdded) != 5 || res.Source != "import:all.json" {
		t.Errorf("wind-only import added %d from %s, want 5 from import:all.json", res.Count(UnitAdded), res.Source)
	}
	for _, bad := range []string{`{"elexonBmUnit":"X"}`, `[{"elexonBmUnit":5}]`, `not json`} {
		if _, err := h.svc.ImportBMUnits(h.ctx, ImportOptions{Name: "bad.json", Units: []byte(bad)}); !IsBadInput(err) {
			t.Errorf("import %s: %v, want bad input", bad, err)
		}
	}
}
