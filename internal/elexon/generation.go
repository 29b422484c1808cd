package elexon

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/settlement"
)

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
