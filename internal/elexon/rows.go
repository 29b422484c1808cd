package elexon

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	SettlementDate             strField  `json:"settlementDate"`
	SettlementPeriod           intField  `json:"settlementPeriod"`
	StartTime                  timeField `json:"startTime"`
	CreatedDateTime            timeField `json:"createdDateTime"`
	SequenceNumber             intField  `json:"sequenceNumber"`
	ID                         strField  `json:"id"`
	AcceptanceID               intField  `json:"acceptanceId"`
	BidOfferPairID             intField  `json:"bidOfferPairId"`
	CadlFlag                   boolField `json:"cadlFlag"`
	SoFlag                     boolField `json:"soFlag"`
	StorProviderFlag           boolField `json:"storProviderFlag"`
	RepricedIndicator          boolField `json:"repricedIndicator"`
	ReserveScarcityPrice       numField  `json:"reserveScarcityPrice"`
	OriginalPrice              numField  `json:"originalPrice"`
	Volume                     numField  `json:"volume"`
	DmatAdjustedVolume         numField  `json:"dmatAdjustedVolume"`
	ArbitrageAdjustedVolume    numField  `json:"arbitrageAdjustedVolume"`
	NivAdjustedVolume          numField  `json:"nivAdjustedVolume"`
	ParAdjustedVolume          numField  `json:"parAdjustedVolume"`
	FinalPrice                 numField  `json:"finalPrice"`
	TransmissionLossMultiplier numField  `json:"transmissionLossMultiplier"`
	TlmAdjustedVolume          numField  `json:"tlmAdjustedVolume"`
	TlmAdjustedCost            numField  `json:"tlmAdjustedCost"`
}

// UnmarshalJSON decodes one row tolerantly (nulls, unknown fields, numbers as
// JSON numbers or strings) and keeps a copy of b in Raw. A missing, null or
// mistyped required field (settlementDate, settlementPeriod, sequenceNumber,
// volume), or a mistyped optional one, is an error wrapping ErrMalformed that
// names the field.
func (r *StackRow) UnmarshalJSON(b []byte) error {
	return r.decode(append(json.RawMessage(nil), b...))
}

// decode is UnmarshalJSON without the copy: b becomes Raw.
func (r *StackRow) decode(b json.RawMessage) error {
	var w wireStackRow
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("%w: row is not a JSON object: %v", ErrMalformed, err)
	}
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
		return c.err
	}
	row.Raw = b
	*r = row
	return nil
}

// envelope is the wrapper of the dataset endpoints: {"data":[...],"metadata":{...}}.
type envelope struct {
	Data *[]json.RawMessage `json:"data"`
}

// decodeEnvelope checks the wrapper and returns its rows undecoded.
func decodeEnvelope(body []byte) ([]json.RawMessage, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, jsonError(body, err)
	}
	if env.Data == nil {
		return nil, fmt.Errorf("%w: no \"data\" array in %s", ErrMalformed, snippet(body))
	}
	return *env.Data, nil
}

// errTruncated marks a body that ended early; such a response is retried.
var errTruncated = errors.New("body ends early")

// jsonError turns a failure to parse a whole body into an ErrMalformed error,
// marked as truncated (and so retryable) when the JSON simply stopped.
func jsonError(body []byte, err error) error {
	var se *json.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) ||
		(errors.As(err, &se) && (se.Offset >= int64(len(body)) || strings.Contains(se.Error(), "unexpected end of JSON input"))) {
		return fmt.Errorf("%w: %w after %d bytes", ErrMalformed, errTruncated, len(body))
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "" {
		return fmt.Errorf("%w: expected a JSON object, got a JSON %s: %s", ErrMalformed, te.Value, snippet(body))
	}
	return fmt.Errorf("%w: not JSON (%v): %s", ErrMalformed, err, snippet(body))
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

// DecodeStack decodes a settlement-stack response body and checks it: the
// {"data":[...]} wrapper, every row's required fields, every row for date and
// period, sequence numbers unique. Errors wrap ErrMalformed.
func DecodeStack(body []byte, date time.Time, period int) ([]StackRow, error) {
	raws, err := decodeEnvelope(body)
	if err != nil {
		return nil, err
	}
	want := settlement.Date(date).Format(settlement.DateLayout)
	rows := make([]StackRow, len(raws))
	seen := make(map[int32]int, len(raws))
	for i, raw := range raws {
		r := &rows[i]
		if err := r.decode(raw); err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		switch {
		case r.SettlementDate != want:
			return nil, fmt.Errorf("%w: row %d (sequenceNumber %d) has settlementDate %s, want %s",
				ErrMalformed, i+1, r.SequenceNumber, r.SettlementDate, want)
		case r.SettlementPeriod != period:
			return nil, fmt.Errorf("%w: row %d (sequenceNumber %d) has settlementPeriod %d, want %d",
				ErrMalformed, i+1, r.SequenceNumber, r.SettlementPeriod, period)
		}
		if j, dup := seen[r.SequenceNumber]; dup {
			return nil, fmt.Errorf("%w: rows %d and %d share sequenceNumber %d", ErrMalformed, j, i+1, r.SequenceNumber)
		}
		seen[r.SequenceNumber] = i + 1
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
	ElexonBmUnit                strField  `json:"elexonBmUnit"`
	NationalGridBmUnit          strField  `json:"nationalGridBmUnit"`
	Eic                         strField  `json:"eic"`
	BmUnitName                  strField  `json:"bmUnitName"`
	FuelType                    strField  `json:"fuelType"`
	LeadPartyName               strField  `json:"leadPartyName"`
	LeadPartyID                 strField  `json:"leadPartyId"`
	BmUnitType                  strField  `json:"bmUnitType"`
	FpnFlag                     boolField `json:"fpnFlag"`
	GenerationCapacity          numField  `json:"generationCapacity"`
	DemandCapacity              numField  `json:"demandCapacity"`
	ProductionOrConsumptionFlag strField  `json:"productionOrConsumptionFlag"`
	TransmissionLossFactor      numField  `json:"transmissionLossFactor"`
	GspGroupID                  strField  `json:"gspGroupId"`
	GspGroupName                strField  `json:"gspGroupName"`
	InterconnectorID            strField  `json:"interconnectorId"`
}

// UnmarshalJSON decodes one BM unit tolerantly and keeps b in Raw.
func (u *BMUnit) UnmarshalJSON(b []byte) error {
	var w wireBMUnit
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("%w: BM unit is not a JSON object: %v", ErrMalformed, err)
	}
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
		return c.err
	}
	unit.Raw = append(json.RawMessage(nil), b...)
	*u = unit
	return nil
}

// DecodeBMUnits decodes the bare JSON array of GET /reference/bmunits/all.
func DecodeBMUnits(body []byte) ([]BMUnit, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		return nil, jsonError(body, err)
	}
	if raws == nil {
		return nil, fmt.Errorf("%w: expected a JSON array of BM units, got null", ErrMalformed)
	}
	units := make([]BMUnit, len(raws))
	for i, raw := range raws {
		if err := units[i].UnmarshalJSON(raw); err != nil {
			return nil, fmt.Errorf("BM unit %d: %w", i+1, err)
		}
	}
	return units, nil
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
}

// The production types of the wind and solar generation.
const (
	PsrWindOnshore  = "Wind Onshore"
	PsrWindOffshore = "Wind Offshore"
	PsrSolar        = "Solar"
)

type wireGenerationRow struct {
	SettlementDate   strField  `json:"settlementDate"`
	SettlementPeriod intField  `json:"settlementPeriod"`
	StartTime        timeField `json:"startTime"`
	PsrType          strField  `json:"psrType"`
	BusinessType     strField  `json:"businessType"`
	Quantity         numField  `json:"quantity"`
	PublishTime      timeField `json:"publishTime"`
}

// UnmarshalJSON decodes one generation row tolerantly and keeps b in Raw.
// settlementDate, settlementPeriod, psrType and quantity are required.
func (g *GenerationRow) UnmarshalJSON(b []byte) error {
	var w wireGenerationRow
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("%w: row is not a JSON object: %v", ErrMalformed, err)
	}
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
		return c.err
	}
	row.Raw = append(json.RawMessage(nil), b...)
	*g = row
	return nil
}

// DecodeGeneration decodes a wind-and-solar response body.
func DecodeGeneration(body []byte) ([]GenerationRow, error) {
	raws, err := decodeEnvelope(body)
	if err != nil {
		return nil, err
	}
	rows := make([]GenerationRow, len(raws))
	for i, raw := range raws {
		if err := rows[i].UnmarshalJSON(raw); err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
	}
	return rows, nil
}
