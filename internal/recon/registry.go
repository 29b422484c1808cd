package recon

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/bitcoin"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// Sources of wind registry entries, as recorded in wind_units.source and
// wind_unit_history.source.
const (
	SourceSeed = "seed-212"    // the original system's list, loaded by migration 00002
	SourceSync = "elexon-sync" // recon bmu sync: Elexon's units tagged fuelType WIND
	// An import's source is "import:" followed by the file's base name.
)

// The kinds of registry change recorded in wind_unit_history.change.
const (
	UnitAdded            = "added"
	UnitRemoved          = "removed"
	UnitLeadPartyChanged = "lead_party_changed"
)

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
	Kind         string // UnitAdded, UnitRemoved or UnitLeadPartyChanged
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
	Kept     []db.WindUnit
	Requests int // API requests made (sync)
	// Conflicting are units listed more than once with different details
	// (lead party, name, National Grid id, fuel type or capacity): no order
	// decides which is right, so a sync leaves them as the registry has them
	// (never added, refreshed or removed) and an import refuses the file.
	Conflicting []string
}

// Count is the number of changes of one kind.
func (r *RegistryResult) Count(kind string) int {
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
// unless PruneSeed, and imported units never are. The change, its history
// and a run record are written in one transaction.
func (s *Service) SyncBMUnits(ctx context.Context, opt SyncOptions) (*RegistryResult, error) {
	if s.Client == nil {
		return nil, errors.New("bmu sync needs the Elexon API client")
	}
	started := s.now()
	before := s.Client.Requests()
	units, err := s.Client.BMUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("fetch the BM unit list: %w", err)
	}
	res := &RegistryResult{Source: SourceSync, DryRun: opt.DryRun, Requests: int(s.Client.Requests() - before)}
	offered := collectUnits(units, res, func(u elexon.BMUnit) bool { return isWind(u.FuelType) })
	mayRemove := func(u db.WindUnit) bool {
		return !slices.Contains(res.Conflicting, u.ElexonBmUnit) &&
			(u.Source == SourceSync || (opt.PruneSeed && u.Source == SourceSeed))
	}
	err = s.applyRegistry(ctx, "bmu sync", started, offered, mayRemove, res)
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
	err = s.applyRegistry(ctx, "bmu import", started, offered, mayRemove, res)
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

// applyRegistry plans the change against the registry as it stands (read
// under the registry lock) and writes it, its history and a run record in one
// transaction. With res.DryRun it plans only.
func (s *Service) applyRegistry(ctx context.Context, command string, started time.Time, offered []RegistryUnit,
	mayRemove func(db.WindUnit) bool, res *RegistryResult) error {
	errDryRun := errors.New("dry run")
	err := s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error {
		if err := q.RegistryLockAcquire(ctx); err != nil {
			return fmt.Errorf("lock the wind registry: %w", err)
		}
		current, err := q.WindUnitsList(ctx)
		if err != nil {
			return fmt.Errorf("read the wind registry: %w", err)
		}
		plan := planRegistry(current, offered, mayRemove)
		res.Changes, res.Refreshed, res.Unchanged, res.Kept = plan.changes, plan.refreshed, plan.unchanged, plan.kept
		if res.DryRun {
			return errDryRun
		}
		if !res.Changed() {
			return nil
		}
		return s.writeRegistry(ctx, q, command, started, plan, res)
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", command, err)
	}
	return nil
}

// registryPlan is what a sync or import will write.
type registryPlan struct {
	upserts   []RegistryUnit // added, lead party changed or refreshed
	removals  []string
	changes   []UnitChange
	refreshed int
	unchanged int
	kept      []db.WindUnit
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
			p.kept = append(p.kept, u)
		}
	}
	order := map[string]int{UnitAdded: 0, UnitRemoved: 1, UnitLeadPartyChanged: 2}
	slices.SortFunc(p.changes, func(a, b UnitChange) int {
		if d := order[a.Kind] - order[b.Kind]; d != 0 {
			return d
		}
		return strings.Compare(a.Unit, b.Unit)
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
		changes[i] = changeJSON{c.Unit, c.Kind, c.Name, c.OldLeadParty, c.NewLeadParty}
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
	details, err := json.Marshal(map[string]any{
		"source": res.Source, "offered": res.Offered, "added": res.Count(UnitAdded), "removed": res.Count(UnitRemoved),
		"lead_party_changed": res.Count(UnitLeadPartyChanged), "refreshed": res.Refreshed, "kept": len(res.Kept),
		"duplicates": res.Duplicates, "conflicting": res.Conflicting,
	})
	if err != nil {
		return err
	}
	var url *string
	if command == "bmu sync" {
		url = &s.ElexonURL
	}
	res.RunID, err = q.RunRecordReference(ctx, db.RunRecordReferenceParams{
		Command: command, StartedAt: started, ElexonUrl: url, Requests: ptr(int32(res.Requests)), Details: details,
	})
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	return nil
}

// CandidateUnit is a BM unit outside the registry whose archived rows would
// count as curtailment if it were a wind unit.
type CandidateUnit struct {
	Unit      string
	Rows      int
	EnergyMWh decimal.Decimal
	Payment   decimal.Decimal // £, same sign convention as curtailment_records.payment
	Days      int
	Periods   int
	First     time.Time
	Last      time.Time
}

// UnknownUnits lists the units outside the registry whose archived rows of
// the dates from..to would count as curtailment if they were wind units
// (the view curtailment_candidates_unregistered), largest energy first.
func (s *Service) UnknownUnits(ctx context.Context, from, to time.Time) ([]CandidateUnit, error) {
	if from.After(to) {
		return nil, BadInput("--from %s is after --to %s", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout))
	}
	rows, err := db.New(s.Pool).CandidateUnitsBetween(ctx, db.CandidateUnitsBetweenParams{FromDate: from, ToDate: to})
	if err != nil {
		return nil, fmt.Errorf("list candidate units: %w", err)
	}
	out := make([]CandidateUnit, len(rows))
	for i, r := range rows {
		out[i] = CandidateUnit{Unit: r.BmUnit, Rows: int(r.Rows), EnergyMWh: r.EnergyMwh, Payment: r.Payment,
			Days: int(r.Days), Periods: int(r.Periods), First: r.FirstDate, Last: r.LastDate}
	}
	return out, nil
}

// DifficultySyncOptions configure SyncDifficulty.
type DifficultySyncOptions struct {
	URL    string             // the source, in mempool.space's shape
	Source *difficulty.Client // nil means a default client
	DryRun bool
}

// EpochChange is one difficulty epoch a sync added or corrected.
type EpochChange struct {
	Height                  int64
	Inserted                bool
	OldDifficulty           decimal.NullDecimal
	NewDifficulty           decimal.Decimal
	OldActivated, Activated time.Time
}

// DifficultySyncResult is what a difficulty sync changed (or would).
type DifficultySyncResult struct {
	RunID     int64
	URL       string
	DryRun    bool
	Fetched   int
	Changes   []EpochChange // by height
	Unchanged int
	// NotInSource counts stored epochs the source does not list (kept).
	NotInSource int
}

// Inserted and Updated count the changes of each kind.
func (r *DifficultySyncResult) Inserted() int {
	n := 0
	for _, c := range r.Changes {
		if c.Inserted {
			n++
		}
	}
	return n
}

// Updated counts the epochs corrected.
func (r *DifficultySyncResult) Updated() int { return len(r.Changes) - r.Inserted() }

// EarliestChange is the earliest activation time a change affects (the old
// or new time, whichever is earlier): stored Bitcoin from then on may be
// out of date. ok is false when nothing changed.
func (r *DifficultySyncResult) EarliestChange() (t time.Time, ok bool) {
	for _, c := range r.Changes {
		at := c.Activated
		if !c.Inserted && c.OldActivated.Before(at) {
			at = c.OldActivated
		}
		if !ok || at.Before(t) {
			t, ok = at, true
		}
	}
	return t, ok
}

// SyncDifficulty fetches the difficulty-adjustment history and fills or
// corrects difficulty_epochs in one transaction (recorded as a run, command
// "difficulty sync"). Stored epochs the source does not list are kept. It does
// not touch stored Bitcoin: `recon recalc` over the dates from EarliestChange
// on brings it up to date.
func (s *Service) SyncDifficulty(ctx context.Context, opt DifficultySyncOptions) (*DifficultySyncResult, error) {
	started := s.now()
	src := opt.Source
	if src == nil {
		src = &difficulty.Client{Retries: 3}
	}
	epochs, err := src.Fetch(ctx, opt.URL)
	if err != nil {
		return nil, err
	}
	if len(epochs) == 0 {
		return nil, fmt.Errorf("difficulty adjustments from %s: the list is empty; check the URL (--url / RECON_DIFFICULTY_URL)", opt.URL)
	}
	slices.SortFunc(epochs, func(a, b bitcoin.Epoch) int { return cmp.Compare(a.Height, b.Height) })
	res := &DifficultySyncResult{URL: opt.URL, DryRun: opt.DryRun, Fetched: len(epochs)}
	errDryRun := errors.New("dry run")
	err = s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error {
		if err := q.RegistryLockAcquire(ctx); err != nil {
			return fmt.Errorf("lock reference data: %w", err)
		}
		stored, err := q.DifficultyEpochsList(ctx)
		if err != nil {
			return fmt.Errorf("read difficulty epochs: %w", err)
		}
		planEpochs(stored, epochs, res)
		if opt.DryRun {
			return errDryRun
		}
		return s.writeEpochs(ctx, q, started, epochs, res)
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	if err != nil {
		return nil, fmt.Errorf("difficulty sync: %w", err)
	}
	return res, nil
}

// planEpochs compares the stored epochs with the fetched ones.
func planEpochs(stored []db.DifficultyEpoch, fetched []bitcoin.Epoch, res *DifficultySyncResult) {
	byHeight := make(map[int64]db.DifficultyEpoch, len(stored))
	for _, e := range stored {
		byHeight[e.Height] = e
	}
	listed := make(map[int64]bool, len(fetched))
	for i := range fetched {
		e := &fetched[i]
		listed[e.Height] = true
		old, ok := byHeight[e.Height]
		if ok && old.DifficultyPrecision != "unknown" && difficulty.SameFigure(old.Difficulty, e.Difficulty) {
			// The source writes a difficulty whose precision the table
			// knows with fewer digits (truncated, or a float): keep ours.
			e.Difficulty = old.Difficulty
		}
		switch {
		case !ok:
			res.Changes = append(res.Changes, EpochChange{Height: e.Height, Inserted: true, NewDifficulty: e.Difficulty, Activated: e.ActivatedAt})
		case !old.Difficulty.Equal(e.Difficulty) || !old.ActivatedAt.Equal(e.ActivatedAt):
			res.Changes = append(res.Changes, EpochChange{Height: e.Height, OldDifficulty: decimal.NewNullDecimal(old.Difficulty),
				NewDifficulty: e.Difficulty, OldActivated: old.ActivatedAt.UTC(), Activated: e.ActivatedAt})
		default:
			res.Unchanged++
		}
	}
	for _, e := range stored {
		if !listed[e.Height] {
			res.NotInSource++
		}
	}
}

// writeEpochs upserts the changed epochs and records the run.
func (s *Service) writeEpochs(ctx context.Context, q *db.Queries, started time.Time, fetched []bitcoin.Epoch, res *DifficultySyncResult) error {
	if len(res.Changes) == 0 {
		return nil
	}
	changed := map[int64]bool{}
	for _, c := range res.Changes {
		changed[c.Height] = true
	}
	source := "sync:" + res.URL
	for _, e := range fetched {
		if !changed[e.Height] {
			continue
		}
		if _, err := q.DifficultyEpochUpsert(ctx, db.DifficultyEpochUpsertParams{
			Height: e.Height, ActivatedAt: e.ActivatedAt, Difficulty: e.Difficulty, TimePrecision: "exact", Source: source,
			Notes: ptr("activation time is the block timestamp of the adjustment block"),
		}); err != nil {
			return fmt.Errorf("write epoch at height %d: %w", e.Height, err)
		}
	}
	details, err := json.Marshal(map[string]any{"url": res.URL, "fetched": res.Fetched, "inserted": res.Inserted(),
		"updated": res.Updated(), "unchanged": res.Unchanged, "not_in_source": res.NotInSource})
	if err != nil {
		return err
	}
	res.RunID, err = q.RunRecordReference(ctx, db.RunRecordReferenceParams{
		Command: "difficulty sync", StartedAt: started, ElexonUrl: nil, Requests: nil, Details: details,
	})
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	return nil
}
