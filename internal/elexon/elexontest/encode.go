package elexontest

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
)

// encodeStack writes rows as a stack response body the way the real API
// does: numbers as JSON numbers, nulls as null.
func encodeStack(rows []elexon.StackRow) []byte {
	b := make([]byte, 0, 64+len(rows)*720)
	b = append(b, stackHead...)
	for i := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendStackRow(b, &rows[i])
	}
	return append(b, stackTail...)
}

func appendStackRow(b []byte, r *elexon.StackRow) []byte {
	b = append(b, `{"settlementDate":`...)
	b = strconv.AppendQuote(b, r.SettlementDate)
	b = append(b, `,"settlementPeriod":`...)
	b = strconv.AppendInt(b, int64(r.SettlementPeriod), 10)
	b = append(b, `,"startTime":`...)
	if r.StartTime.IsZero() {
		b = append(b, "null"...)
	} else {
		b = appendTime(b, r.StartTime)
	}
	b = append(b, `,"createdDateTime":`...)
	b = appendTimePtr(b, r.CreatedDateTime)
	b = append(b, `,"sequenceNumber":`...)
	b = strconv.AppendInt(b, int64(r.SequenceNumber), 10)
	b = append(b, `,"id":`...)
	if r.ID == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendQuote(b, *r.ID)
	}
	b = append(b, `,"acceptanceId":`...)
	if r.AcceptanceID == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, *r.AcceptanceID, 10)
	}
	b = append(b, `,"bidOfferPairId":`...)
	if r.BidOfferPairID == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(*r.BidOfferPairID), 10)
	}
	for _, f := range []struct {
		name string
		v    *bool
	}{
		{"cadlFlag", r.CadlFlag}, {"soFlag", r.SoFlag},
		{"storProviderFlag", r.StorProviderFlag}, {"repricedIndicator", r.RepricedIndicator},
	} {
		b = append(b, `,"`...)
		b = append(b, f.name...)
		b = append(b, `":`...)
		if f.v == nil {
			b = append(b, "null"...)
		} else {
			b = appendBool(b, *f.v)
		}
	}
	b = appendNullDec(b, "reserveScarcityPrice", r.ReserveScarcityPrice)
	b = appendNullDec(b, "originalPrice", r.OriginalPrice)
	b = append(b, `,"volume":`...)
	b = appendDecimal(b, r.Volume)
	b = appendNullDec(b, "dmatAdjustedVolume", r.DmatAdjustedVolume)
	b = appendNullDec(b, "arbitrageAdjustedVolume", r.ArbitrageAdjustedVolume)
	b = appendNullDec(b, "nivAdjustedVolume", r.NivAdjustedVolume)
	b = appendNullDec(b, "parAdjustedVolume", r.ParAdjustedVolume)
	b = appendNullDec(b, "finalPrice", r.FinalPrice)
	b = appendNullDec(b, "transmissionLossMultiplier", r.TransmissionLossMultiplier)
	b = appendNullDec(b, "tlmAdjustedVolume", r.TlmAdjustedVolume)
	b = appendNullDec(b, "tlmAdjustedCost", r.TlmAdjustedCost)
	return append(b, '}')
}

func appendNullDec(b []byte, name string, d decimal.NullDecimal) []byte {
	b = append(b, `,"`...)
	b = append(b, name...)
	b = append(b, `":`...)
	if !d.Valid {
		return append(b, "null"...)
	}
	return appendDecimal(b, d.Decimal)
}

// tiny is 10^-4: the API writes smaller magnitudes in exponent form.
var tiny = decimal.New(1, -4)

// appendDecimal writes d as the real API writes numbers: plainly, or in
// exponent form with a two-digit exponent when 0 < |d| < 10^-4
// (2.77777777778e-07).
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	if d.IsZero() || !d.Abs().LessThan(tiny) {
		return append(b, d.String()...)
	}
	digits := d.Coefficient().String()
	if digits[0] == '-' {
		b = append(b, '-')
		digits = digits[1:]
	}
	exp := int(d.Exponent()) + len(digits) - 1
	digits = strings.TrimRight(digits, "0")
	b = append(b, digits[0])
	if len(digits) > 1 {
		b = append(b, '.')
		b = append(b, digits[1:]...)
	}
	b = append(b, "e-"...)
	if -exp < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(-exp), 10)
}

func appendTimePtr(b []byte, t *time.Time) []byte {
	if t == nil {
		return append(b, "null"...)
	}
	return appendTime(b, *t)
}

// EncodeStack writes rows as a stack response body, the way SetStack serves
// them.
func EncodeStack(rows []elexon.StackRow) []byte { return encodeStack(rows) }
