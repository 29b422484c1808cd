package elexon

import (
	"encoding/json"

	"github.com/shopspring/decimal"
)

// BMUnit is one entry of GET /reference/bmunits/all. ElexonBmUnit is empty
// for the units Elexon lists with only a National Grid id.
type BMUnit struct {
	ElexonBmUnit                string              `json:"elexonBmUnit"`
	NationalGridBmUnit          *string             `json:"nationalGridBmUnit"`
	Eic                         *string             `json:"eic"`
	BmUnitName                  *string             `json:"bmUnitName"`
	FuelType                    *string             `json:"fuelType"`
	LeadPartyName               *string             `json:"leadPartyName"`
	LeadPartyID                 *string             `json:"leadPartyId"`
	BmUnitType                  *string             `json:"bmUnitType"`
	FpnFlag                     *bool               `json:"fpnFlag"`
	GenerationCapacity          decimal.NullDecimal `json:"generationCapacity"`
	DemandCapacity              decimal.NullDecimal `json:"demandCapacity"`
	ProductionOrConsumptionFlag *string             `json:"productionOrConsumptionFlag"`
	TransmissionLossFactor      decimal.NullDecimal `json:"transmissionLossFactor"`
	GspGroupID                  *string             `json:"gspGroupId"`
	GspGroupName                *string             `json:"gspGroupName"`
	InterconnectorID            *string             `json:"interconnectorId"`

	// Raw is the unit exactly as received.
	Raw json.RawMessage `json:"-"`
}

type wireBMUnit struct {
	ElexonBmUnit                strField
	NationalGridBmUnit          strField
	Eic                         strField
	BmUnitName                  strField
	FuelType                    strField
	LeadPartyName               strField
	LeadPartyID                 strField
	BmUnitType                  strField
	FpnFlag                     boolField
	GenerationCapacity          numField
	DemandCapacity              numField
	ProductionOrConsumptionFlag strField
	TransmissionLossFactor      numField
	GspGroupID                  strField
	GspGroupName                strField
	InterconnectorID            strField
}

// UnmarshalJSON decodes one BM unit tolerantly and keeps b in Raw.
func (u *BMUnit) UnmarshalJSON(b []byte) error {
	return u.decode(append(json.RawMessage(nil), b...))
}

func (u *BMUnit) decode(b json.RawMessage) error {
	var w wireBMUnit
	if err := flatObject(b, w.set); err != nil {
		return err
	}
	unit, err := w.convert(b)
	if err != nil {
		return err
	}
	*u = unit
	return nil
}

// convert checks w and makes it a BMUnit whose Raw is b.
func (w *wireBMUnit) convert(b json.RawMessage) (BMUnit, error) {
	var c checker
	c.opt("elexonBmUnit", w.ElexonBmUnit.p, w.ElexonBmUnit.raw)
	unit := BMUnit{
		ElexonBmUnit:                w.ElexonBmUnit.v,
		NationalGridBmUnit:          c.optStr("nationalGridBmUnit", w.NationalGridBmUnit),
		Eic:                         c.optStr("eic", w.Eic),
		BmUnitName:                  c.optStr("bmUnitName", w.BmUnitName),
		FuelType:                    c.optStr("fuelType", w.FuelType),
		LeadPartyName:               c.optStr("leadPartyName", w.LeadPartyName),
		LeadPartyID:                 c.optStr("leadPartyId", w.LeadPartyID),
		BmUnitType:                  c.optStr("bmUnitType", w.BmUnitType),
		FpnFlag:                     c.optBool("fpnFlag", w.FpnFlag),
		GenerationCapacity:          c.optNum("generationCapacity", w.GenerationCapacity),
		DemandCapacity:              c.optNum("demandCapacity", w.DemandCapacity),
		ProductionOrConsumptionFlag: c.optStr("productionOrConsumptionFlag", w.ProductionOrConsumptionFlag),
		TransmissionLossFactor:      c.optNum("transmissionLossFactor", w.TransmissionLossFactor),
		GspGroupID:                  c.optStr("gspGroupId", w.GspGroupID),
		GspGroupName:                c.optStr("gspGroupName", w.GspGroupName),
		InterconnectorID:            c.optStr("interconnectorId", w.InterconnectorID),
	}
	if unit.ElexonBmUnit == "" && unit.NationalGridBmUnit == nil {
		c.failf("elexonBmUnit", "missing, and so is nationalGridBmUnit")
	}
	if c.err != nil {
		return BMUnit{}, c.err
	}
	unit.Raw = b
	return unit, nil
}

// DecodeBMUnits decodes the bare JSON array of GET /reference/bmunits/all.
// The units' Raw fields share body's memory.
func DecodeBMUnits(body []byte) ([]BMUnit, error) {
	return decodeAll[BMUnit, wireBMUnit](body, true, "BM unit", nil)
}

func (w *wireBMUnit) set(key, val []byte) {
	switch string(key) {
	case "elexonBmUnit":
		w.ElexonBmUnit.parse(val)
	case "nationalGridBmUnit":
		w.NationalGridBmUnit.parse(val)
	case "eic":
		w.Eic.parse(val)
	case "bmUnitName":
		w.BmUnitName.parse(val)
	case "fuelType":
		w.FuelType.parse(val)
	case "leadPartyName":
		w.LeadPartyName.parse(val)
	case "leadPartyId":
		w.LeadPartyID.parse(val)
	case "bmUnitType":
		w.BmUnitType.parse(val)
	case "fpnFlag":
		w.FpnFlag.parse(val)
	case "generationCapacity":
		w.GenerationCapacity.parse(val)
	case "demandCapacity":
		w.DemandCapacity.parse(val)
	case "productionOrConsumptionFlag":
		w.ProductionOrConsumptionFlag.parse(val)
	case "transmissionLossFactor":
		w.TransmissionLossFactor.parse(val)
	case "gspGroupId":
		w.GspGroupID.parse(val)
	case "gspGroupName":
		w.GspGroupName.parse(val)
	case "interconnectorId":
		w.InterconnectorID.parse(val)
	default:
		if k := keyString(key); k != string(key) {
			w.set([]byte(k), val)
		}
	}
}
