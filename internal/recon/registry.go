package recon

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
)

// Sources of wind registry entries, as recorded in wind_units.source and
// wind_unit_history.source.
const (
	SourceSeed = "seed-212"    // the original system's list, loaded by migration 00002
	SourceSync = "elexon-sync" // recon bmu sync: Elexon's units tagged fuelType WIND
	// An import's source is "import:" followed by the file's base name.
)

// ChangeKind is a kind of registry change, as wind_unit_history.change
// records it.
type ChangeKind string

// The kinds of registry change, in the order they are listed.
const (
	UnitAdded            ChangeKind = "added"
	UnitRemoved          ChangeKind = "removed"
	UnitLeadPartyChanged ChangeKind = "lead_party_changed"
)

// ChangeKinds lists the kinds of registry change in the order they are
// listed.
var ChangeKinds = []ChangeKind{UnitAdded, UnitRemoved, UnitLeadPartyChanged}

// RegistryUnit is a BM unit offered to the wind registry.
type RegistryUnit struct {
	ElexonBmUnit       string
	NationalGridBmUnit *string
	BmUnitName         *string
	LeadPartyName      *string
	FuelType           *string
	GenerationCapacity decimal.NullDecimal
}

// UnitChange is one change to the registry.
type UnitChange struct {
	Unit         string
	Kind         ChangeKind
	Name         *string
	OldLeadParty *string
	NewLeadParty *string
}

// RegistryResult is what a sync or import changed (or, with DryRun, would
// change).
type RegistryResult struct {
	RunID   int64 // the run recording the change; 0 for a dry run or no change
	Source  string
	DryRun  bool
	Offered int // units the source offered (after filtering)
	// SkippedNoID counts units without an Elexon id (they can never match a
	// stack row); Duplicates counts repeated listings of a unit that agree on
	// everything the registry keeps (Elexon lists T_WLNYO-4 twice, differing
	// only in eic): the unit counts once; SkippedFuel counts units of another
	// fuel type left out (import WindOnly).
	SkippedNoID, Duplicates, SkippedFuel int
	Changes                              []UnitChange // sorted by kind, then unit
	Refreshed                            int          // units whose name, capacity or ids changed
	Unchanged                            int
	// Kept are the registry's units that the source did not offer but that
	// stay: seed units Elexon does not tag WIND (unless pruned), imported units.
	Kept     []KeptUnit
	Requests int // API requests made (sync)
	// Conflicting are units listed more than once with different details
	// (lead party, name, National Grid id, fuel type or capacity): no order
	// decides which is right, so a sync leaves them as the registry has them
	// (never added, refreshed or removed) and an import refuses the file.
	Conflicting []string
	// BMUnits is what a sync changed (or, with DryRun, would change) in
	// bm_units, every unit of the same list whatever its fuel (who was
	// paid); nil for an import, which leaves bm_units alone.
	BMUnits *BMUnitsRefresh
}

// BMUnitsChanged reports whether a sync changed bm_units (or would).
func (r *RegistryResult) BMUnitsChanged() bool { return r.BMUnits != nil && r.BMUnits.Changes() > 0 }

// KeptUnit is a unit of the registry that a sync or import left in place
// although its source did not offer it.
type KeptUnit struct {
	Unit      string
	Name      *string
	LeadParty *string
	Source    string // where it entered the registry from: SourceSeed, an import
}

// Count is the number of changes of one kind.
func (r *RegistryResult) Count(kind ChangeKind) int {
	n := 0
	for _, c := range r.Changes {
		if c.Kind == kind {
			n++
		}
	}
	return n
}

// Changed reports whether the registry changed (or would).
func (r *RegistryResult) Changed() bool { return len(r.Changes) > 0 || r.Refreshed > 0 }

// SyncOptions configure SyncBMUnits.
type SyncOptions struct {
	// PruneSeed lets a sync remove units of the default list (seed-212) that
	// Elexon does not tag WIND; without it they are kept.
	PruneSeed bool
	DryRun    bool
}

// SyncBMUnits refreshes the wind registry from Elexon's BM unit list
// (GET /reference/bmunits/all): units tagged fuelType WIND are added or
// refreshed; units that entered by an earlier sync and are no longer tagged
// WIND are removed. Units of the default list (seed-212) are never removed
// unless PruneSeed, and imported units never are. From the same response it
// refreshes bm_units, every listed unit whatever its fuel (refreshBMUnits,
// with history). Both changes, their history and a run record are written
// in one transaction under the registry's lock; a failure is recorded as a
// failed run.
func (s *Service) SyncBMUnits(ctx context.Context, opt SyncOptions) (*RegistryResult, error) {
	if s.Client == nil {
		return nil, errors.New("bmu sync needs the Elexon API client")
	}
	started := s.now()
	before := s.Client.Requests()
	units, err := s.Client.BMUnits(ctx)
	if err != nil {
		return nil, s.recordFailure(ctx, failedRun{Command: commandBMUSync, Started: started,
			Requests: ptr(int32(s.Client.Requests() - before))}, fmt.Errorf("fetch the BM unit list: %w", err))
	}
	res := &RegistryResult{Source: SourceSync, DryRun: opt.DryRun, Requests: int(s.Client.Requests() - before)}
	offered := collectUnits(units, res, func(u elexon.BMUnit) bool { return isWind(u.FuelType) })
	mayRemove := func(u db.WindUnit) bool {
		return !slices.Contains(res.Conflicting, u.ElexonBmUnit) &&
			(u.Source == SourceSync || (opt.PruneSeed && u.Source == SourceSeed))
	}
	err = s.applyRegistry(ctx, commandBMUSync, started, offered, mayRemove, res, units)
	return res, err
}

// ImportOptions configure ImportBMUnits.
type ImportOptions struct {
	// Name is the file's name, recorded as the source "import:<base name>".
	Name string
	// Units are the file's content: a JSON array in the shape of Elexon's
	// /reference/bmunits/all or of the default list (wind_bmus_seed_212.json).
	Units []byte
	// Replace makes the file the whole registry: units not in it are removed,
	// except seed-212 units unless PruneSeed. Without it an import only adds
	// and refreshes.
	Replace, PruneSeed bool
	// A unit whose fuelType is set and is not WIND is refused unless AnyFuel
	// (import it as a wind unit anyway) or WindOnly (import only the units
	// tagged WIND, e.g. from a whole /reference/bmunits/all response). A unit
	// without a fuelType is taken as the analyst's decision that it is wind.
	AnyFuel, WindOnly bool
	DryRun            bool
}

// ImportBMUnits adds the units of a file to the wind registry (or, with
// Replace, makes the registry the file's units), recording history and a run.
func (s *Service) ImportBMUnits(ctx context.Context, opt ImportOptions) (*RegistryResult, error) {
	started := s.now()
	if opt.AnyFuel && opt.WindOnly {
		return nil, BadInput("give at most one of --any-fuel and --wind-only")
	}
	units, err := elexon.DecodeBMUnits(opt.Units)
	if err != nil {
		return nil, BadInput("%s: %v: give a JSON array of BM units like Elexon's /reference/bmunits/all or internal/refdata/wind_bmus_seed_212.json", opt.Name, err)
	}
	res := &RegistryResult{Source: "import:" + baseName(opt.Name), DryRun: opt.DryRun}
	var refused []string
	offered := collectUnits(units, res, func(u elexon.BMUnit) bool {
		switch {
		case opt.WindOnly:
			return isWind(u.FuelType)
		case u.FuelType == nil || isWind(u.FuelType) || opt.AnyFuel:
			return true
		}
		refused = append(refused, u.ElexonBmUnit+" ("+*u.FuelType+")")
		return false
	})
	if len(refused) > 0 {
		return nil, BadInput("%s has %d unit(s) whose fuelType is not WIND, e.g. %s: pass --wind-only to leave them out or --any-fuel to import them as wind units",
			opt.Name, len(refused), strings.Join(refused[:min(3, len(refused))], ", "))
	}
	if len(res.Conflicting) > 0 {
		return nil, BadInput("%s lists %d unit(s) more than once with different details, e.g. %s: keep one entry per unit",
			opt.Name, len(res.Conflicting), strings.Join(res.Conflicting[:min(3, len(res.Conflicting))], ", "))
	}
	if len(offered) == 0 {
		return nil, BadInput("%s offers no unit with an elexonBmUnit to import", opt.Name)
	}
	var mayRemove func(db.WindUnit) bool
	if opt.Replace {
		mayRemove = func(u db.WindUnit) bool { return u.Source != SourceSeed || opt.PruneSeed }
	}
	err = s.applyRegistry(ctx, commandBMUImport, started, offered, mayRemove, res, nil)
	return res, err
}

func isWind(fuel *string) bool { return fuel != nil && strings.EqualFold(*fuel, "WIND") }

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// collectUnits keeps the units accept takes, one per id, counting what it
// leaves out in res. A unit listed again with the same registry details is
// a duplicate (counted once); with different ones it is conflicting and left
// out altogether (res.Conflicting).
func collectUnits(units []elexon.BMUnit, res *RegistryResult, accept func(elexon.BMUnit) bool) []RegistryUnit {
	at := map[string]int{} // id -> index in out
	var out []RegistryUnit
	for _, u := range units {
		switch {
		case !accept(u):
			res.SkippedFuel++
			continue
		case strings.TrimSpace(u.ElexonBmUnit) == "":
			res.SkippedNoID++
			continue
		}
		r := RegistryUnit{
			ElexonBmUnit:       u.ElexonBmUnit,
			NationalGridBmUnit: u.NationalGridBmUnit,
			BmUnitName:         u.BmUnitName,
			LeadPartyName:      u.LeadPartyName,
			FuelType:           u.FuelType,
			GenerationCapacity: u.GenerationCapacity,
		}
		if i, seen := at[u.ElexonBmUnit]; seen {
			res.Duplicates++
			if !sameUnit(out[i], r) && !slices.Contains(res.Conflicting, r.ElexonBmUnit) {
				res.Conflicting = append(res.Conflicting, r.ElexonBmUnit)
			}
			continue
		}
		at[u.ElexonBmUnit] = len(out)
		out = append(out, r)
	}
	out = slices.DeleteFunc(out, func(r RegistryUnit) bool { return slices.Contains(res.Conflicting, r.ElexonBmUnit) })
	res.Offered = len(out)
	return out
}

// sameUnit reports whether two listings agree on everything the registry keeps.
func sameUnit(a, b RegistryUnit) bool {
	return sameText(a.LeadPartyName, b.LeadPartyName) && sameText(a.NationalGridBmUnit, b.NationalGridBmUnit) &&
		sameText(a.BmUnitName, b.BmUnitName) && sameText(a.FuelType, b.FuelType) &&
		a.GenerationCapacity.Valid == b.GenerationCapacity.Valid &&
		(!a.GenerationCapacity.Valid || a.GenerationCapacity.Decimal.Equal(b.GenerationCapacity.Decimal))
}
