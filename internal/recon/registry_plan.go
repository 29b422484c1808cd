package recon

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
)

// applyRegistry plans the change against the registry as it stands (read
// under the registry lock) and writes it, its history and a run record in one
// transaction. With all (a sync's whole BM unit list) it also refreshes
// bm_units from it in the same transaction. With res.DryRun it plans only.
func (s *Service) applyRegistry(ctx context.Context, command string, started time.Time, offered []RegistryUnit,
	mayRemove func(db.WindUnit) bool, res *RegistryResult, all []elexon.BMUnit) error {
	return s.changeReference(ctx, command, started, func(q *db.Queries) error {
		if err := q.RegistryLockAcquire(ctx); err != nil {
			return fmt.Errorf("lock the wind registry: %w", err)
		}
		current, err := q.WindUnitsList(ctx)
		if err != nil {
			return fmt.Errorf("read the wind registry: %w", err)
		}
		plan := planRegistry(current, offered, mayRemove)
		res.Changes, res.Refreshed, res.Unchanged, res.Kept = plan.changes, plan.refreshed, plan.unchanged, plan.kept
		if all != nil {
			units, err := refreshBMUnits(ctx, q, all, SourceBMUnitsSync)
			if err != nil {
				return fmt.Errorf("refresh bm_units: %w", err)
			}
			res.BMUnits = &units
		}
		if res.DryRun {
			return errDryRun
		}
		if !res.Changed() && !res.BMUnitsChanged() {
			return nil
		}
		return s.writeRegistry(ctx, q, command, started, plan, res)
	})
}

// registryPlan is what a sync or import will write.
type registryPlan struct {
	upserts   []RegistryUnit // added, lead party changed or refreshed
	removals  []string
	changes   []UnitChange
	refreshed int
	unchanged int
	kept      []KeptUnit
}

// planRegistry compares the registry with the offered units. Units offered
// and absent are added; offered and present are refreshed (a lead-party
// change is recorded as such); present, not offered and removable
// (mayRemove, nil meaning never) are removed; the rest are kept.
func planRegistry(current []db.WindUnit, offered []RegistryUnit, mayRemove func(db.WindUnit) bool) registryPlan {
	var p registryPlan
	byID := make(map[string]db.WindUnit, len(current))
	for _, u := range current {
		byID[u.ElexonBmUnit] = u
	}
	isOffered := make(map[string]bool, len(offered))
	for _, o := range offered {
		isOffered[o.ElexonBmUnit] = true
		cur, ok := byID[o.ElexonBmUnit]
		switch {
		case !ok:
			p.upserts = append(p.upserts, o)
			p.changes = append(p.changes, UnitChange{Unit: o.ElexonBmUnit, Kind: UnitAdded, Name: o.BmUnitName, NewLeadParty: o.LeadPartyName})
		case !sameText(cur.LeadPartyName, o.LeadPartyName):
			p.upserts = append(p.upserts, o)
			p.changes = append(p.changes, UnitChange{Unit: o.ElexonBmUnit, Kind: UnitLeadPartyChanged, Name: o.BmUnitName,
				OldLeadParty: cur.LeadPartyName, NewLeadParty: o.LeadPartyName})
		case !sameDetails(cur, o):
			p.upserts = append(p.upserts, o)
			p.refreshed++
		default:
			p.unchanged++
		}
	}
	for _, u := range current {
		switch {
		case isOffered[u.ElexonBmUnit]:
		case mayRemove != nil && mayRemove(u):
			p.removals = append(p.removals, u.ElexonBmUnit)
			p.changes = append(p.changes, UnitChange{Unit: u.ElexonBmUnit, Kind: UnitRemoved, Name: u.BmUnitName, OldLeadParty: u.LeadPartyName})
		default:
			p.kept = append(p.kept, KeptUnit{Unit: u.ElexonBmUnit, Name: u.BmUnitName, LeadParty: u.LeadPartyName, Source: u.Source})
		}
	}
	slices.SortFunc(p.changes, func(a, b UnitChange) int {
		return cmp.Or(cmp.Compare(slices.Index(ChangeKinds, a.Kind), slices.Index(ChangeKinds, b.Kind)),
			strings.Compare(a.Unit, b.Unit))
	})
	return p
}

func sameText(a, b *string) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func sameDetails(cur db.WindUnit, o RegistryUnit) bool {
	capSame := cur.GenerationCapacity.Valid == o.GenerationCapacity.Valid &&
		(!cur.GenerationCapacity.Valid || cur.GenerationCapacity.Decimal.Equal(o.GenerationCapacity.Decimal))
	return capSame && sameText(cur.NationalGridBmUnit, o.NationalGridBmUnit) &&
		sameText(cur.BmUnitName, o.BmUnitName) && sameText(cur.FuelType, o.FuelType)
}
