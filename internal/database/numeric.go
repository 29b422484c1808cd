package database

import (
	"encoding/binary"
	"math"

	pgxdecimal "github.com/jackc/pgx-shopspring-decimal"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// registerNumeric makes the connection encode shopspring decimals to
// PostgreSQL's binary numeric format directly, in integer arithmetic.
//
// pgx's own encoder goes through math/big (a copy of the coefficient and a
// division per base-10000 digit, some ten allocations a value). A day's
// archive holds some 14,000 stack rows of about a dozen numeric columns, and
// that encoding was the largest single cost of `recon run`. Every value whose
// coefficient fits in 64 bits, as every value the API sends does, takes the
// fast path; any other falls back to pgx's encoder. Decoding is unchanged
// (pgx-shopspring-decimal's).
func registerNumeric(m *pgtype.Map) {
	m.RegisterType(&pgtype.Type{Name: "numeric", OID: pgtype.NumericOID, Codec: numericCodec{}})
}

// numericCodec is pgx-shopspring-decimal's numeric codec with a fast binary
// encode plan for decimal.Decimal and decimal.NullDecimal.
type numericCodec struct{ pgxdecimal.NumericCodec }

// PlanEncode implements pgtype.Codec.
func (c numericCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if format == pgtype.BinaryFormatCode {
		switch value.(type) {
		case decimal.Decimal:
			return decimalPlan{}
		case decimal.NullDecimal:
			return nullDecimalPlan{}
		}
	}
	return c.NumericCodec.PlanEncode(m, oid, format, value)
}

type decimalPlan struct{}

func (decimalPlan) Encode(value any, buf []byte) ([]byte, error) {
	return appendDecimal(buf, value.(decimal.Decimal))
}

type nullDecimalPlan struct{}

func (nullDecimalPlan) Encode(value any, buf []byte) ([]byte, error) {
	d := value.(decimal.NullDecimal)
	if !d.Valid {
		return nil, nil // SQL NULL
	}
	return appendDecimal(buf, d.Decimal)
}

// appendDecimal appends d in the binary numeric format.
func appendDecimal(buf []byte, d decimal.Decimal) ([]byte, error) {
	if d.NumDigits() <= 18 { // so CoefficientInt64 is exact, without copying the coefficient
		if out, ok := appendNumeric(buf, d.CoefficientInt64(), d.Exponent()); ok {
			return out, nil
		}
	}
	n := pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
	return pgtype.NumericCodec{}.PlanEncode(nil, pgtype.NumericOID, pgtype.BinaryFormatCode, n).Encode(n, buf)
}

// pow10 holds 10^0 to 10^3.
var pow10 = [4]uint64{1, 10, 100, 1000}

// appendNumeric appends coef × 10^exp in PostgreSQL's binary numeric format
// (ndigits, weight, sign, dscale, then base-10000 digits from the most
// significant, each int16 big-endian), or reports false when the value is
// outside the fast path (an exponent beyond ±1000, or a coefficient that
// overflows 64 bits once aligned to whole base-10000 digits).
//
// The value is re-expressed as v × 10000^shift with v = |coef| × 10^r and
// exp = 4·shift + r (0 ≤ r < 4), so that v's base-10000 digits line up with
// the numeric's. dscale, the decimal digits shown after the point, is −exp
// when exp < 0, as PostgreSQL's own input function would set it.
func appendNumeric(buf []byte, coef int64, exp int32) ([]byte, bool) {
	if exp < -1000 || exp > 1000 {
		return buf, false
	}
	neg := coef < 0
	abs := uint64(coef)
	if neg {
		abs = -abs // two's complement: right for math.MinInt64 too
	}
	r := ((exp % 4) + 4) % 4
	shift := (exp - r) / 4
	if abs > math.MaxUint64/pow10[r] {
		return buf, false
	}
	v := abs * pow10[r]

	// Base-10000 digits, least significant first; at most 5 for 64 bits.
	var digits [5]uint16
	n := 0
	for ; v > 0; v /= 10000 {
		digits[n] = uint16(v % 10000)
		n++
	}
	low := 0 // trailing zero digits carry no information
	for low < n && digits[low] == 0 {
		low++
	}
	var weight, sign, dscale int16
	if n > low {
		weight = int16(int32(n-1) + shift)
		if neg {
			sign = 0x4000
		}
	}
	if exp < 0 {
		dscale = int16(-exp)
	}
	buf = binary.BigEndian.AppendUint16(buf, uint16(n-low))
	buf = binary.BigEndian.AppendUint16(buf, uint16(weight))
	buf = binary.BigEndian.AppendUint16(buf, uint16(sign))
	buf = binary.BigEndian.AppendUint16(buf, uint16(dscale))
	for i := n - 1; i >= low; i-- {
		buf = binary.BigEndian.AppendUint16(buf, digits[i])
	}
	return buf, true
}

// AppendNumeric appends d in PostgreSQL's binary numeric format, for code
// that writes binary COPY data itself.
func AppendNumeric(buf []byte, d decimal.Decimal) ([]byte, error) { return appendDecimal(buf, d) }
