package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/recon-energy/recon/internal/refdata"
)

// `recon run` prints both halves of the cost; `recon bmu sync` refreshes
// bm_units (every unit, for who was paid) from the same response as the
// wind registry, prints what changed, records it with history, and with
// --dry-run changes nothing.
func TestRunSummaryAndBmuSyncOfEveryUnit(t *testing.T) {
	w := newWorld(t)
	r := w.recon("run", "--date", "2025-03-06")
	wantSucceeded(t, r, "  turn-up      63,081.729 MWh taken from the offer stacks", "  total cost   £16,403,725.81 (bid side £4,451,866.21 + turn-up £11,951,859.61)")
	if strings.Contains(r.stdout, "shortfall") {
		t.Errorf("a day without shortfall printed one:\n%s", r.stdout)
	}

	// The shipped list again: bm_units is as the migration seeded it.
	wantSucceeded(t, w.recon("bmu", "sync"), "every BM unit (bm_units, for who was paid): 2,671 unit(s) listed (61 without an Elexon id left out, 1 repeated)",
		"added 0, changed 0, delisted 0, relisted 0", "bm_units is up to date: nothing changed")
	history := count(t, w.db.Pool, `SELECT count(*) FROM bm_unit_history`)

	// A later list: Drax changes hands, a peaking plant is new.
	var units []map[string]any
	if err := json.Unmarshal(refdata.BMUnitsSnapshot, &units); err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u["elexonBmUnit"] == "T_DRAXX-1" {
			u["leadPartyName"] = "New Owner Ltd"
		}
	}
	units = append(units, map[string]any{"elexonBmUnit": "T_NEWGT-1", "fuelType": "OCGT", "leadPartyName": "Peaker plc"})
	body, err := json.Marshal(units)
	if err != nil {
		t.Fatal(err)
	}
	w.api.SetBMUnits(body)
	before := snapshot(t, w.db.Pool)
	wantSucceeded(t, w.recon("bmu", "sync", "--dry-run"), "2,672 unit(s) listed", "added 1, changed 1, delisted 0, relisted 0", "dry run")
	wantUnchanged(t, w.db.Pool, before)
	r = w.recon("bmu", "sync")
	wantSucceeded(t, r, "added 1, changed 1, delisted 0, relisted 0", "bm_units changed (run #")
	if n := count(t, w.db.Pool, `SELECT count(*) FROM bm_unit_history`); n != history+2 {
		t.Errorf("%d history rows added, want 2", n-history)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM bm_units WHERE elexon_bm_unit = 'T_DRAXX-1' AND lead_party_name = 'New Owner Ltd'
		AND source = 'elexon-sync'`); n != 1 {
		t.Error("T_DRAXX-1's new lead party not stored")
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'bmu sync' AND outcome = 'succeeded'
		AND (details -> 'bm_units' ->> 'added')::int = 1 AND (details -> 'bm_units' ->> 'changed')::int = 1`); n != 1 {
		t.Errorf("%d bmu sync runs record the bm_units changes, want 1", n)
	}
	// Who was paid follows at once: Drax's payments now go to its new lead party.
	if n := count(t, w.db.Pool, `SELECT count(*) FROM so_offer_payments_daily WHERE bm_unit = 'T_DRAXX-1'
		AND lead_party_name <> 'New Owner Ltd'`); n != 0 {
		t.Errorf("%d payments to T_DRAXX-1 still name its old lead party", n)
	}
}
