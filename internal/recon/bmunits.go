package recon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
)

// SourceBMUnitsSync is the source recorded for bm_units rows and history
// written from Elexon's list by a sync.
const SourceBMUnitsSync = "elexon-sync"

// BMUnitsRefresh is what refreshing bm_units from Elexon's list changed.
type BMUnitsRefresh struct {
	Added, Changed, Delisted, Relisted int
	// Units is how many units the list gave (one per Elexon id); NoID the
	// entries left out for want of an Elexon id; Merged the entries folded
	// into another of the same unit (identical but for the EIC).
	Units, NoID, Merged int
	// Conflicting are the units listed more than once with different values:
	// no order decides which holds, so they stay as bm_units has them.
	Conflicting []string
}

// Changes is the number of units whose row changed.
func (r BMUnitsRefresh) Changes() int { return r.Added + r.Changed + r.Delisted + r.Relisted }

// bmUnitRow is a unit as the bm_units statements take it: bm_units' column
// names, numbers as decimal strings (never through a float).
type bmUnitRow struct {
	ElexonBmUnit                string   `json:"elexon_bm_unit"`
	NationalGridBmUnit          *string  `json:"national_grid_bm_unit"`
	BmUnitName                  *string  `json:"bm_unit_name"`
	BmUnitType                  *string  `json:"bm_unit_type"`
	FuelType                    *string  `json:"fuel_type"`
	LeadPartyName               *string  `json:"lead_party_name"`
	LeadPartyID                 *string  `json:"lead_party_id"`
	GenerationCapacity          *string  `json:"generation_capacity"`
	DemandCapacity              *string  `json:"demand_capacity"`
	ProductionOrConsumptionFlag *string  `json:"production_or_consumption_flag"`
	FpnFlag                     *bool    `json:"fpn_flag"`
	TransmissionLossFactor      *string  `json:"transmission_loss_factor"`
	GspGroupID                  *string  `json:"gsp_group_id"`
	GspGroupName                *string  `json:"gsp_group_name"`
	InterconnectorID            *string  `json:"interconnector_id"`
	Eics                        []string `json:"eics"`
}

// mergeBMUnits applies bm_units' rules to Elexon's list (those of migration
// 00011): an entry without an Elexon id is left out; the entries of one unit
// become one row with every EIC, sorted, when they agree on everything else.
// Units whose entries disagree are left out of rows and named in
// conflicting, in the order the list first gives them.
func mergeBMUnits(units []elexon.BMUnit) (rows []bmUnitRow, noID, merged int, conflicting []string) {
	byID := map[string]int{}
	for _, u := range units {
		id := strings.TrimSpace(u.ElexonBmUnit)
		if id == "" {
			noID++
			continue
		}
		r := bmUnitRow{
			ElexonBmUnit: id, NationalGridBmUnit: u.NationalGridBmUnit, BmUnitName: u.BmUnitName,
			BmUnitType: u.BmUnitType, FuelType: u.FuelType, LeadPartyName: u.LeadPartyName,
			LeadPartyID: u.LeadPartyID, GenerationCapacity: decimalText(u.GenerationCapacity),
			DemandCapacity: decimalText(u.DemandCapacity), ProductionOrConsumptionFlag: u.ProductionOrConsumptionFlag,
			FpnFlag: u.FpnFlag, TransmissionLossFactor: decimalText(u.TransmissionLossFactor),
			GspGroupID: u.GspGroupID, GspGroupName: u.GspGroupName, InterconnectorID: u.InterconnectorID,
			Eics: []string{},
		}
		if u.Eic != nil {
			r.Eics = []string{*u.Eic}
		}
		i, seen := byID[id]
		if !seen {
			byID[id] = len(rows)
			rows = append(rows, r)
			continue
		}
		prev := rows[i]
		a, b := prev, r
		a.Eics, b.Eics = nil, nil
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			if !slices.Contains(conflicting, id) {
				conflicting = append(conflicting, id)
			}
			continue
		}
		merged++
		for _, e := range r.Eics {
			if !slices.Contains(prev.Eics, e) {
				prev.Eics = append(prev.Eics, e)
			}
		}
		slices.Sort(prev.Eics)
		rows[i] = prev
	}
	rows = slices.DeleteFunc(rows, func(r bmUnitRow) bool { return slices.Contains(conflicting, r.ElexonBmUnit) })
	return rows, noID, merged, conflicting
}

// refreshBMUnits makes bm_units Elexon's list, in the caller's transaction:
// units are added or refreshed, units no longer listed are kept with listed
// false, and every change is recorded in bm_unit_history first. A unit the
// list gives twice with different values is left as bm_units holds it (and
// named in Conflicting). An empty list is refused (it would delist every
// unit).
func refreshBMUnits(ctx context.Context, q *db.Queries, units []elexon.BMUnit, source string) (BMUnitsRefresh, error) {
	rows, noID, merged, conflicting := mergeBMUnits(units)
	res := BMUnitsRefresh{Units: len(rows), NoID: noID, Merged: merged, Conflicting: conflicting}
	keep := append([]string{}, conflicting...)
	if len(rows) == 0 {
		return res, errors.New("the BM unit list has no unit with an Elexon id: refusing to mark every unit delisted")
	}
	payload, err := json.Marshal(rows)
	if err != nil {
		return res, err
	}
	if err := q.BMUnitsLockAcquire(ctx); err != nil {
		return res, fmt.Errorf("lock bm_units: %w", err)
	}
	changes, err := q.BMUnitHistoryRecord(ctx, db.BMUnitHistoryRecordParams{Units: payload, Source: source, Keep: keep})
	if err != nil {
		return res, fmt.Errorf("record bm_units history: %w", err)
	}
	for _, c := range changes {
		switch c {
		case "added":
			res.Added++
		case "changed":
			res.Changed++
		case "delisted":
			res.Delisted++
		case "relisted":
			res.Relisted++
		}
	}
	if _, err := q.BMUnitsDelist(ctx, db.BMUnitsDelistParams{Units: payload, Source: source, Keep: keep}); err != nil {
		return res, fmt.Errorf("delist BM units: %w", err)
	}
	if _, err := q.BMUnitsUpsert(ctx, db.BMUnitsUpsertParams{Units: payload, Source: source}); err != nil {
		return res, fmt.Errorf("write bm_units: %w", err)
	}
	return res, nil
}

// decimalText is d as exact decimal text, or nil when null.
func decimalText(d decimal.NullDecimal) *string {
	if !d.Valid {
		return nil
	}
	s := d.Decimal.String()
	return &s
}
