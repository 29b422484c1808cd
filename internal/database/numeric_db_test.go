package database_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/pgtest"
)

// TestNumericRoundTripThroughPostgreSQL sends decimals the way recon does
// (query parameters and COPY, both binary) and checks that PostgreSQL holds
// exactly the value and the display scale its own input function gives the
// same text.
func TestNumericRoundTripThroughPostgreSQL(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	texts := []string{
		"0", "0.000", "-0.004166666666666667", "1", "-1", "9999", "10000", "10001", "0.0001", "0.00001",
		"-0.9999", "123.4500", "1000", "-100000", "700000000000000000", "99999999999999999999.5",
		"-184467440737095516.15", "0.0000000000000000000000000000001", "110568428300952.69", "-47456.17",
		"9223372036854775807", "-9223372036854775808", "0.9223372036854775807",
	}
	if _, err := db.Pool.Exec(ctx, "CREATE TABLE n (i int, v numeric)"); err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	for i, s := range texts {
		rows = append(rows, []any{i, decimal.RequireFromString(s)})
	}
	if _, err := db.Pool.CopyFrom(ctx, pgx.Identifier{"n"}, []string{"i", "v"}, pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
	for i, s := range texts {
		var viaCopy, viaParam, literal string
		err := db.Pool.QueryRow(ctx, "SELECT v::text, $2::numeric::text, $3::numeric::text FROM n WHERE i = $1",
			i, decimal.RequireFromString(s), s).Scan(&viaCopy, &viaParam, &literal)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		// shopspring normalises "1e3"-like input; PostgreSQL's text is the reference.
		if viaCopy != literal || viaParam != literal {
			t.Errorf("%s: COPY gave %s, a parameter %s; PostgreSQL reads the text as %s", s, viaCopy, viaParam, literal)
		}
	}
	var null *string
	if err := db.Pool.QueryRow(ctx, "SELECT $1::numeric::text", decimal.NullDecimal{}).Scan(&null); err != nil || null != nil {
		t.Errorf("a null decimal arrived as %v (%v), want NULL", null, err)
	}
}
