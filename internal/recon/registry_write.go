package recon

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/recon-energy/recon/db"
)

// unitJSON and changeJSON are the shapes the registry queries read with
// jsonb_to_recordset; numbers travel as decimal strings.
type unitJSON struct {
	ElexonBmUnit       string  `json:"elexon_bm_unit"`
	NationalGridBmUnit *string `json:"national_grid_bm_unit"`
	BmUnitName         *string `json:"bm_unit_name"`
	LeadPartyName      *string `json:"lead_party_name"`
	FuelType           *string `json:"fuel_type"`
	GenerationCapacity *string `json:"generation_capacity"`
}

type changeJSON struct {
	ElexonBmUnit     string  `json:"elexon_bm_unit"`
	Change           string  `json:"change"`
	BmUnitName       *string `json:"bm_unit_name"`
	OldLeadPartyName *string `json:"old_lead_party_name"`
	NewLeadPartyName *string `json:"new_lead_party_name"`
}

// writeRegistry writes a plan inside the caller's transaction.
func (s *Service) writeRegistry(ctx context.Context, q *db.Queries, command string, started time.Time, plan registryPlan, res *RegistryResult) error {
	units := make([]unitJSON, len(plan.upserts))
	for i, u := range plan.upserts {
		units[i] = unitJSON{u.ElexonBmUnit, u.NationalGridBmUnit, u.BmUnitName, u.LeadPartyName, u.FuelType, nil}
		if u.GenerationCapacity.Valid {
			units[i].GenerationCapacity = ptr(u.GenerationCapacity.Decimal.String())
		}
	}
	changes := make([]changeJSON, len(plan.changes))
	for i, c := range plan.changes {
		changes[i] = changeJSON{c.Unit, string(c.Kind), c.Name, c.OldLeadParty, c.NewLeadParty}
	}
	unitsJSON, err := json.Marshal(units)
	if err != nil {
		return err
	}
	changesJSON, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	if _, err := q.WindUnitsUpsert(ctx, db.WindUnitsUpsertParams{Source: res.Source, Units: unitsJSON}); err != nil {
		return fmt.Errorf("write wind units: %w", err)
	}
	if len(plan.removals) > 0 {
		if _, err := q.WindUnitsDelete(ctx, plan.removals); err != nil {
			return fmt.Errorf("remove wind units: %w", err)
		}
	}
	if _, err := q.WindUnitHistoryInsert(ctx, db.WindUnitHistoryInsertParams{Source: res.Source, Changes: changesJSON}); err != nil {
		return fmt.Errorf("record wind unit history: %w", err)
	}
	run := referenceRun{Command: command, Started: started}
	if command == commandBMUSync { // the only one that asked the API
		run.ElexonURL, run.Requests = &s.ElexonURL, ptr(int32(res.Requests))
	}
	run.Details = map[string]any{
		"source": res.Source, "offered": res.Offered, "added": res.Count(UnitAdded), "removed": res.Count(UnitRemoved),
		"lead_party_changed": res.Count(UnitLeadPartyChanged), "refreshed": res.Refreshed, "kept": len(res.Kept),
		"duplicates": res.Duplicates, "conflicting": res.Conflicting,
	}
	if b := res.BMUnits; b != nil {
		run.Details["bm_units"] = map[string]any{
			"units": b.Units, "added": b.Added, "changed": b.Changed, "delisted": b.Delisted, "relisted": b.Relisted,
			"without_id": b.NoID, "merged": b.Merged, "conflicting": b.Conflicting,
		}
	}
	res.RunID, err = recordReference(ctx, q, run)
	return err
}
