package database

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// decodeNumeric reads a binary numeric back with pgx's own decoder.
func decodeNumeric(t *testing.T, b []byte) pgtype.Numeric {
	t.Helper()
	var n pgtype.Numeric
	if err := pgtype.NewMap().Scan(pgtype.NumericOID, pgtype.BinaryFormatCode, b, &n); err != nil {
		t.Fatalf("pgx cannot decode %x: %v", b, err)
	}
	return n
}

// dscaleOf is the display scale written in a binary numeric.
func dscaleOf(b []byte) int { return int(int16(uint16(b[6])<<8 | uint16(b[7]))) }

func checkRoundTrip(t *testing.T, d decimal.Decimal) {
	t.Helper()
	b, err := appendDecimal(nil, d)
	if err != nil {
		t.Fatalf("%s: %v", d, err)
	}
	n := decodeNumeric(t, b)
	got := decimal.NewFromBigInt(n.Int, n.Exp)
	if !got.Equal(d) {
		t.Errorf("%s (coef %s exp %d) came back as %s (bytes %x)", d, d.Coefficient(), d.Exponent(), got, b)
	}
	if want := max(0, -int(d.Exponent())); dscaleOf(b) != want {
		t.Errorf("%s: dscale %d, want %d", d, dscaleOf(b), want)
	}
}

func TestAppendDecimalEdgeCases(t *testing.T) {
	for _, s := range []string{
		"0", "0.000", "-0.004166666666666667", "1", "-1", "9999", "10000", "10001", "12345678",
		"0.0001", "0.00001", "0.1", "-0.9999", "123.4500", "1e3", "1e4", "-1e5", "7e17", "1e30",
		"99999999999999999999", "-184467440737095516.15", "0.0000000000000000000000000000001",
		"110568428300952.69", "3.125", "-47456.17",
	} {
		checkRoundTrip(t, decimal.RequireFromString(s))
	}
	for _, c := range []int64{math.MaxInt64, math.MinInt64, math.MaxInt64 / 1000, -1} {
		for _, e := range []int32{-20, -5, -4, -3, -1, 0, 1, 3, 4, 7} {
			checkRoundTrip(t, decimal.New(c, e))
		}
	}
}

func TestAppendDecimalRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		c := rng.Int64() >> rng.IntN(63)
		if rng.IntN(2) == 0 {
			c = -c
		}
		checkRoundTrip(t, decimal.New(c, int32(rng.IntN(41))-30))
	}
	// Coefficients beyond 64 bits take pgx's path.
	big := new(big.Int).Lsh(big.NewInt(1), 80)
	checkRoundTrip(t, decimal.NewFromBigInt(big, -7))
}

func TestNullDecimalIsNull(t *testing.T) {
	b, err := nullDecimalPlan{}.Encode(decimal.NullDecimal{}, []byte{1})
	if err != nil || b != nil {
		t.Fatalf("null decimal encoded as %x, %v; want nil (SQL NULL)", b, err)
	}
}

func BenchmarkEncodeDecimal(b *testing.B) {
	vals := []decimal.Decimal{
		decimal.RequireFromString("-0.004166666666666667"), decimal.RequireFromString("-40.25"),
		decimal.RequireFromString("0.9876543"), decimal.RequireFromString("1234.5"),
	}
	buf := make([]byte, 0, 64)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, v := range vals {
				buf, _ = appendDecimal(buf[:0], v)
			}
		}
	})
	b.Run("pgx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, v := range vals {
				n := pgtype.Numeric{Int: v.Coefficient(), Exp: v.Exponent(), Valid: true}
				buf, _ = pgtype.NumericCodec{}.PlanEncode(nil, pgtype.NumericOID, pgtype.BinaryFormatCode, n).Encode(n, buf[:0])
			}
		}
	})
}
