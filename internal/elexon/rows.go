package elexon

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/settlement"
)

// StackRow is one settlement-stack row as received. Nullable fields are
// pointers or NullDecimal: null is never read as zero or false.
type StackRow struct {
	SettlementDate             string              `json:"settlementDate"` // YYYY-MM-DD
	SettlementPeriod           int                 `json:"settlementPeriod"`
	StartTime                  time.Time           `json:"startTime"`
	CreatedDateTime            *time.Time          `json:"createdDateTime"`
	SequenceNumber             int32               `json:"sequenceNumber"`
	ID                         *string             `json:"id"`
	AcceptanceID               *int64              `json:"acceptanceId"`
	BidOfferPairID             *int32              `json:"bidOfferPairId"`
	CadlFlag                   *bool               `json:"cadlFlag"`
	SoFlag                     *bool               `json:"soFlag"`
	StorProviderFlag           *bool               `json:"storProviderFlag"`
	RepricedIndicator          *bool               `json:"repricedIndicator"`
	ReserveScarcityPrice       decimal.NullDecimal `json:"reserveScarcityPrice"`
	OriginalPrice              decimal.NullDecimal `json:"originalPrice"`
	Volume                     decimal.Decimal     `json:"volume"`
	DmatAdjustedVolume         decimal.NullDecimal `json:"dmatAdjustedVolume"`
	ArbitrageAdjustedVolume    decimal.NullDecimal `json:"arbitrageAdjustedVolume"`
	NivAdjustedVolume          decimal.NullDecimal `json:"nivAdjustedVolume"`
	ParAdjustedVolume          decimal.NullDecimal `json:"parAdjustedVolume"`
	FinalPrice                 decimal.NullDecimal `json:"finalPrice"`
	TransmissionLossMultiplier decimal.NullDecimal `json:"transmissionLossMultiplier"`
	TlmAdjustedVolume          decimal.NullDecimal `json:"tlmAdjustedVolume"`
	TlmAdjustedCost            decimal.NullDecimal `json:"tlmAdjustedCost"`

	// Raw is the row exactly as received, unknown fields included, for the
	// lossless archive.
	Raw json.RawMessage `json:"-"`
}

// wireStackRow is StackRow as it may arrive: every field tolerant.
type wireStackRow struct {
	SettlementDate             strField
	SettlementPeriod           intField
	StartTime                  timeField
	CreatedDateTime            timeField
	SequenceNumber             intField
	ID                         strField
	AcceptanceID               intField
	BidOfferPairID             intField
	CadlFlag                   boolField
	SoFlag                     boolField
	StorProviderFlag           boolField
	RepricedIndicator          boolField
	ReserveScarcityPrice       numField
	OriginalPrice              numField
	Volume                     numField
	DmatAdjustedVolume         numField
	ArbitrageAdjustedVolume    numField
	NivAdjustedVolume          numField
	ParAdjustedVolume          numField
	FinalPrice                 numField
	TransmissionLossMultiplier numField
	TlmAdjustedVolume          numField
	TlmAdjustedCost            numField
}

// UnmarshalJSON decodes one row tolerantly (nulls, unknown fields, numbers as
// JSON numbers or strings) and keeps a copy of b in Raw. A missing, null or
// mistyped required field (settlementDate, settlementPeriod, sequenceNumber,
// volume), or a mistyped optional one, is an error wrapping ErrMalformed that
// names the field.
func (r *StackRow) UnmarshalJSON(b []byte) error {
	return r.decode(append(json.RawMessage(nil), b...))
}

func (r *StackRow) decode(b json.RawMessage) error {
	var w wireStackRow
	if err := flatObject(b, w.set); err != nil {
		return err
	}
	row, err := w.convert(b)
	if err != nil {
		return err
	}
	*r = row
	return nil
}

// convert checks w and makes it a StackRow whose Raw is b.
func (w *wireStackRow) convert(b json.RawMessage) (StackRow, error) {
	var c checker
	row := StackRow{
		SettlementDate:             c.reqStr("settlementDate", w.SettlementDate),
		SettlementPeriod:           int(c.reqInt("settlementPeriod", w.SettlementPeriod, 1, 50)),
		SequenceNumber:             int32(c.reqInt("sequenceNumber", w.SequenceNumber, math.MinInt32, math.MaxInt32)),
		Volume:                     c.reqNum("volume", w.Volume),
		CreatedDateTime:            c.optTime("createdDateTime", w.CreatedDateTime),
		ID:                         c.optStr("id", w.ID),
		AcceptanceID:               c.optInt("acceptanceId", w.AcceptanceID, math.MinInt64, math.MaxInt64),
		CadlFlag:                   c.optBool("cadlFlag", w.CadlFlag),
		SoFlag:                     c.optBool("soFlag", w.SoFlag),
		StorProviderFlag:           c.optBool("storProviderFlag", w.StorProviderFlag),
		RepricedIndicator:          c.optBool("repricedIndicator", w.RepricedIndicator),
		ReserveScarcityPrice:       c.optNum("reserveScarcityPrice", w.ReserveScarcityPrice),
		OriginalPrice:              c.optNum("originalPrice", w.OriginalPrice),
		DmatAdjustedVolume:         c.optNum("dmatAdjustedVolume", w.DmatAdjustedVolume),
		ArbitrageAdjustedVolume:    c.optNum("arbitrageAdjustedVolume", w.ArbitrageAdjustedVolume),
		NivAdjustedVolume:          c.optNum("nivAdjustedVolume", w.NivAdjustedVolume),
		ParAdjustedVolume:          c.optNum("parAdjustedVolume", w.ParAdjustedVolume),
		FinalPrice:                 c.optNum("finalPrice", w.FinalPrice),
		TransmissionLossMultiplier: c.optNum("transmissionLossMultiplier", w.TransmissionLossMultiplier),
		TlmAdjustedVolume:          c.optNum("tlmAdjustedVolume", w.TlmAdjustedVolume),
		TlmAdjustedCost:            c.optNum("tlmAdjustedCost", w.TlmAdjustedCost),
	}
	if t := c.optTime("startTime", w.StartTime); t != nil {
		row.StartTime = *t
	}
	if v := c.optInt("bidOfferPairId", w.BidOfferPairID, math.MinInt32, math.MaxInt32); v != nil {
		p := int32(*v)
		row.BidOfferPairID = &p
	}
	if c.err == nil && row.SettlementDate != "" {
		if _, err := time.Parse(settlement.DateLayout, row.SettlementDate); err != nil {
			c.failf("settlementDate", fmt.Sprintf("not a date (%q)", row.SettlementDate))
		}
	}
	if c.err != nil {
		return StackRow{}, c.err
	}
	row.Raw = b
	return row, nil
}

// snippet is the start of body, for error messages.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body[:min(len(body), 400)])), " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}

// errTruncated marks a body that ended early; such a response is retried.
var errTruncated = errors.New("body ends early")

// DecodeStack decodes a settlement-stack response body and checks it: the
// {"data":[...]} wrapper, every row's required fields, every row for date and
// period, sequence numbers unique. Errors wrap ErrMalformed. The rows' Raw
// fields share body's memory: body must not be modified afterwards.
func DecodeStack(body []byte, date time.Time, period int) ([]StackRow, error) {
	want := settlement.Date(date).Format(settlement.DateLayout)
	seen := make(map[int32]int, 256)
	return decodeAll[StackRow, wireStackRow](body, false, "row", func(i int, r *StackRow) error {
		switch {
		case r.SettlementDate != want:
			return fmt.Errorf("%w: row %d (sequenceNumber %d) has settlementDate %s, want %s",
				ErrMalformed, i, r.SequenceNumber, r.SettlementDate, want)
		case r.SettlementPeriod != period:
			return fmt.Errorf("%w: row %d (sequenceNumber %d) has settlementPeriod %d, want %d",
				ErrMalformed, i, r.SequenceNumber, r.SettlementPeriod, period)
		}
		if j, dup := seen[r.SequenceNumber]; dup {
			return fmt.Errorf("%w: rows %d and %d share sequenceNumber %d", ErrMalformed, j, i, r.SequenceNumber)
		}
		seen[r.SequenceNumber] = i
		return nil
	})
}

// decodeAll decodes the rows of a {"data":[...]} body (or, if bare, of a
// bare array) in one pass, checking each with check (i counts from 1).
func decodeAll[T, W any, PW interface {
	*W
	set(key, val []byte)
	convert(json.RawMessage) (T, error)
}](body []byte, bare bool, what string, check func(i int, r *T) error) ([]T, error) {
	var (
		w      W
		n      int
		rowErr error
	)
	rows := make([]T, 0, len(body)/512+1)
	field := func(key, val []byte) { PW(&w).set(key, val) }
	done := func(raw []byte, obj bool) {
		n++
		if rowErr != nil {
			return
		}
		if !obj {
			rowErr = fmt.Errorf("%w: %s %d is not an object: %s", ErrMalformed, what, n, snippet(raw))
			return
		}
		r, err := PW(&w).convert(raw)
		var zero W
		w = zero
		if err == nil && check != nil {
			err = check(n, &r)
		}
		if err != nil {
			rowErr = fmt.Errorf("%s %d: %w", what, n, err)
			return
		}
		rows = append(rows, r)
	}
	var err error
	if bare {
		err = walkArray(body, field, done)
	} else {
		err = walkData(body, field, done)
	}
	if err != nil {
		return nil, err
	}
	if rowErr != nil {
		return nil, rowErr
	}
	return rows, nil
}

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

// GenerationRow is one row of the actual wind and solar generation: the
// half-hour average output of one production type in one settlement period.
type GenerationRow struct {
	SettlementDate   string          `json:"settlementDate"` // YYYY-MM-DD
	SettlementPeriod int             `json:"settlementPeriod"`
	StartTime        *time.Time      `json:"startTime"`
	PsrType          string          `json:"psrType"` // "Wind Onshore", "Wind Offshore", "Solar"
	BusinessType     *string         `json:"businessType"`
	Quantity         decimal.Decimal `json:"quantity"` // MW, the half-hour average; MWh = MW × 0.5
	PublishTime      *time.Time      `json:"publishTime"`

	// Raw is the row exactly as received.
	Raw json.RawMessage `json:"-"`
	// Synthetic is true when the response that carried the row was marked
	// as synthetic (recon's stand-in server); WindGeneration sets it.
	Synthetic bool `json:"-"`
}

// The production types of the wind and solar generation.
const (
	PsrWindOnshore  = "Wind Onshore"
	PsrWindOffshore = "Wind Offshore"
	PsrSolar        = "Solar"
)

type wireGenerationRow struct {
	SettlementDate   strField
	SettlementPeriod intField
	StartTime        timeField
	PsrType          strField
	BusinessType     strField
	Quantity         numField
	PublishTime      timeField
}

// UnmarshalJSON decodes one generation row tolerantly and keeps b in Raw.
// settlementDate, settlementPeriod, psrType and quantity are required.
func (g *GenerationRow) UnmarshalJSON(b []byte) error {
	return g.decode(append(json.RawMessage(nil), b...))
}

func (g *GenerationRow) decode(b json.RawMessage) error {
	var w wireGenerationRow
	if err := flatObject(b, w.set); err != nil {
		return err
	}
	row, err := w.convert(b)
	if err != nil {
		return err
	}
	*g = row
	return nil
}

// convert checks w and makes it a GenerationRow whose Raw is b.
func (w *wireGenerationRow) convert(b json.RawMessage) (GenerationRow, error) {
	var c checker
	row := GenerationRow{
		SettlementDate:   c.reqStr("settlementDate", w.SettlementDate),
		SettlementPeriod: int(c.reqInt("settlementPeriod", w.SettlementPeriod, 1, 50)),
		StartTime:        c.optTime("startTime", w.StartTime),
		PsrType:          c.reqStr("psrType", w.PsrType),
		BusinessType:     c.optStr("businessType", w.BusinessType),
		Quantity:         c.reqNum("quantity", w.Quantity),
		PublishTime:      c.optTime("publishTime", w.PublishTime),
	}
	if c.err == nil {
		if _, err := time.Parse(settlement.DateLayout, row.SettlementDate); err != nil {
			c.failf("settlementDate", fmt.Sprintf("not a date (%q)", row.SettlementDate))
		}
	}
	if c.err != nil {
		return GenerationRow{}, c.err
	}
	row.Raw = b
	return row, nil
}

// DecodeGeneration decodes a wind-and-solar response body. The rows' Raw
// fields share body's memory.
func DecodeGeneration(body []byte) ([]GenerationRow, error) {
	return decodeAll[GenerationRow, wireGenerationRow](body, false, "row", nil)
}

func (w *wireStackRow) set(key, val []byte) {
	switch string(key) {
	case "settlementDate":
		w.SettlementDate.parse(val)
	case "settlementPeriod":
		w.SettlementPeriod.parse(val)
	case "startTime":
		w.StartTime.parse(val)
	case "createdDateTime":
		w.CreatedDateTime.parse(val)
	case "sequenceNumber":
		w.SequenceNumber.parse(val)
	case "id":
		w.ID.parse(val)
	case "acceptanceId":
		w.AcceptanceID.parse(val)
	case "bidOfferPairId":
		w.BidOfferPairID.parse(val)
	case "cadlFlag":
		w.CadlFlag.parse(val)
	case "soFlag":
		w.SoFlag.parse(val)
	case "storProviderFlag":
		w.StorProviderFlag.parse(val)
	case "repricedIndicator":
		w.RepricedIndicator.parse(val)
	case "reserveScarcityPrice":
		w.ReserveScarcityPrice.parse(val)
	case "originalPrice":
		w.OriginalPrice.parse(val)
	case "volume":
		w.Volume.parse(val)
	case "dmatAdjustedVolume":
		w.DmatAdjustedVolume.parse(val)
	case "arbitrageAdjustedVolume":
		w.ArbitrageAdjustedVolume.parse(val)
	case "nivAdjustedVolume":
		w.NivAdjustedVolume.parse(val)
	case "parAdjustedVolume":
		w.ParAdjustedVolume.parse(val)
	case "finalPrice":
		w.FinalPrice.parse(val)
	case "transmissionLossMultiplier":
		w.TransmissionLossMultiplier.parse(val)
	case "tlmAdjustedVolume":
		w.TlmAdjustedVolume.parse(val)
	case "tlmAdjustedCost":
		w.TlmAdjustedCost.parse(val)
	default:
		if k := keyString(key); k != string(key) {
			w.set([]byte(k), val)
		}
	}
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

func (w *wireGenerationRow) set(key, val []byte) {
	switch string(key) {
	case "settlementDate":
		w.SettlementDate.parse(val)
	case "settlementPeriod":
		w.SettlementPeriod.parse(val)
	case "startTime":
		w.StartTime.parse(val)
	case "psrType":
		w.PsrType.parse(val)
	case "businessType":
		w.BusinessType.parse(val)
	case "quantity":
		w.Quantity.parse(val)
	case "publishTime":
		w.PublishTime.parse(val)
	default:
		if k := keyString(key); k != string(key) {
			w.set([]byte(k), val)
		}
	}
}
