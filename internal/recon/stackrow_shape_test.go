package recon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
)

// A stack row has four hand-kept shapes: the table stack_rows (migrations),
// the API's row elexon.StackRow (and its decoder), the archive's COPY
// (stackRowColumns and copyEncoder.row) and the stand-in's encoder
// (elexontest). TestStackRowShapesAgree fails as soon as one of them gains,
// loses or misplaces a field the others do not; sql/queries/stack_rows.sql
// lists where a new field goes.

// wireColumn is the stack_rows column of an elexon.StackRow JSON field:
// its name in snake case, except the API's "id", which is the BM unit.
func wireColumn(tag string) string {
	if tag == "id" {
		return "bm_unit"
	}
	var b strings.Builder
	for _, r := range tag {
		if unicode.IsUpper(r) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// notFromTheRow are the columns the archive adds to what a row says.
var notFromTheRow = []string{"side", "raw", "run_id"}

// wireFields maps each JSON field of elexon.StackRow to its struct field.
func wireFields(t *testing.T) map[string]reflect.StructField {
	t.Helper()
	out := map[string]reflect.StructField{}
	rt := reflect.TypeFor[elexon.StackRow]()
	for i := range rt.NumField() {
		f := rt.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		out[tag] = f
	}
	return out
}

// fullRow is a stack row with every field set, each to a value no other
// field has, so that a field written to the wrong column shows.
func fullRow(d time.Time) elexon.StackRow {
	r := stackRow(d, 7, 12, windA, "-123.456", "-45.67", yes, no)
	created := time.Date(2025, 3, 30, 4, 5, 6, 789000000, time.UTC)
	pair := int32(-3)
	r.CreatedDateTime, r.BidOfferPairID, r.StorProviderFlag, r.RepricedIndicator = &created, &pair, yes, no
	for i, d := range []*decimal.NullDecimal{&r.ReserveScarcityPrice, &r.FinalPrice, &r.DmatAdjustedVolume, &r.ArbitrageAdjustedVolume,
		&r.NivAdjustedVolume, &r.ParAdjustedVolume, &r.TransmissionLossMultiplier, &r.TlmAdjustedVolume, &r.TlmAdjustedCost} {
		*d = decimal.NewNullDecimal(decimal.RequireFromString(fmt.Sprintf("%d.%d", i+2, i+11)))
	}
	return r
}

func TestStackRowShapesAgree(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-30") // spring clock change: starts at 00:00Z, then 23:00Z the day before
	wire := wireFields(t)

	// The table and the archive's COPY: the same columns.
	var table []string
	rows, err := h.db.Pool.Query(h.ctx, `SELECT column_name::text FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'stack_rows' AND is_generated = 'NEVER'
		ORDER BY ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	if table, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(stackRowColumns, table) {
		t.Errorf("the archive's COPY writes %v,\nthe table stack_rows has %v", stackRowColumns, table)
	}

	// The API's row: one column per field, and the archive's own.
	fromRow := slices.Clone(notFromTheRow)
	for tag := range wire {
		fromRow = append(fromRow, wireColumn(tag))
	}
	slices.Sort(fromRow)
	sortedTable := slices.Sorted(slices.Values(table))
	if !slices.Equal(fromRow, sortedTable) {
		t.Errorf("elexon.StackRow's fields (as columns, with %v) are %v,\nthe table stack_rows has %v", notFromTheRow, fromRow, sortedTable)
	}

	// The stand-in's encoder: every field of the row, and no other.
	var served struct{ Data []map[string]json.RawMessage }
	full := fullRow(d)
	if err := json.Unmarshal(elexontest.EncodeStack([]elexon.StackRow{full}), &served); err != nil || len(served.Data) != 1 {
		t.Fatalf("the stand-in's encoding: %v", err)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range served.Data[0] {
			if !yield(k) {
				return
			}
		}
	})
	tags := slices.Sorted(func(yield func(string) bool) {
		for k := range wire {
			if !yield(k) {
				return
			}
		}
	})
	if !slices.Equal(keys, tags) {
		t.Errorf("the stand-in serves the fields %v,\nelexon.StackRow has %v", keys, tags)
	}

	// The archive stores each field in its own column, exactly: a row with
	// every field set to a value of its own (as the stand-in serves it and
	// the decoder reads it), one with every nullable field null, one with
	// awkward numbers and text, and a whole generated stack, read back
	// column by column.
	decoded, err := elexon.DecodeStack(elexontest.EncodeStack([]elexon.StackRow{full}), d, 7)
	if err != nil {
		t.Fatal(err)
	}
	sparse := stackRow(d, 7, 13, "", "-0.004166666666666667", "", nil, nil)
	sparse.AcceptanceID = nil
	sparse.Raw = []byte(`{"settlementDate":"2025-03-30","settlementPeriod":7,"sequenceNumber":13,"volume":-0.004166666666666667,"x":"\u00e9\t"}`)
	odd := fullRow(d)
	odd.SequenceNumber = 14
	odd.ReserveScarcityPrice = decimal.NewNullDecimal(decimal.RequireFromString("0.000"))
	odd.TlmAdjustedCost = decimal.NewNullDecimal(decimal.RequireFromString("-1e30"))
	odd.Volume = decimal.RequireFromString("123456789012.123456789")
	generated, err := elexon.DecodeStack(elexontest.GenerateStack(d, 3, elexon.Bid, 0), d, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]elexon.StackRow{decoded[0], sparse, odd}, generated...)
	day := &elexon.Day{Date: d, Periods: []elexon.PeriodStack{
		{Period: 3, Published: true, Bid: slices.Clone(generated)},
		{Period: 7, Published: true, Offer: []elexon.StackRow{decoded[0], sparse, odd}},
	}}
	if err := checkDay(day); err != nil {
		t.Fatal(err)
	}
	var runID int64 // stack rows name a run (their key is checked)
	if err := h.db.Pool.QueryRow(h.ctx, `INSERT INTO runs (command, started_at, outcome) VALUES ('test', now(), 'succeeded')
		RETURNING run_id`).Scan(&runID); err != nil {
		t.Fatal(err)
	}
	err = pgx.BeginFunc(h.ctx, h.db.Pool, func(tx pgx.Tx) error { return archiveStackRows(h.ctx, tx, day, runID) })
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		side := "bid"
		if w.SettlementPeriod == 7 {
			side = "offer"
		}
		var stored []byte
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT to_jsonb(s) FROM stack_rows AS s
			WHERE settlement_period = $1 AND side = $2 AND sequence_number = $3`, w.SettlementPeriod, side, w.SequenceNumber).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(stored))
		dec.UseNumber()
		var got map[string]any
		if err := dec.Decode(&got); err != nil {
			t.Fatal(err)
		}
		if got["side"] != side || got["run_id"] != json.Number(strconv.FormatInt(runID, 10)) || got["raw"] != string(w.Raw) {
			t.Errorf("row %d: side %v, run_id %v, raw %v; want %s, run %d and the row as received", w.SequenceNumber, got["side"], got["run_id"], got["raw"], side, runID)
		}
		rv := reflect.ValueOf(w)
		for tag, f := range wire {
			col := wireColumn(tag)
			if problem := sameValue(rv.FieldByIndex(f.Index).Interface(), got[col]); problem != "" {
				t.Errorf("row %d: field %s (column %s): %s", w.SequenceNumber, tag, col, problem)
			}
		}
	}
}

// sameValue compares a StackRow field with what to_jsonb read from its
// column, and says how they differ ("" when they do not).
func sameValue(field, stored any) string {
	v := reflect.ValueOf(field)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nullOr(stored)
		}
		field = v.Elem().Interface()
	}
	switch f := field.(type) {
	case decimal.NullDecimal:
		if !f.Valid {
			return nullOr(stored)
		}
		field = f.Decimal
	}
	n, isNumber := stored.(json.Number)
	switch f := field.(type) {
	case decimal.Decimal: // the same digits, scale included (0.000 is not 0)
		if want := asWritten(f); !isNumber || string(n) != want {
			return fmt.Sprintf("stored %v, want %s", stored, want)
		}
	case int, int32, int64:
		if !isNumber || string(n) != fmt.Sprint(f) {
			return fmt.Sprintf("stored %v, want %d", stored, f)
		}
	case bool, string:
		if stored != f {
			return fmt.Sprintf("stored %v, want %v", stored, f)
		}
	case time.Time:
		s, _ := stored.(string)
		if at, err := time.Parse("2006-01-02T15:04:05.999999-07:00", s); err != nil || !at.Equal(f) {
			return fmt.Sprintf("stored %v, want %s", stored, f.Format(time.RFC3339Nano))
		}
	default:
		return fmt.Sprintf("a field of type %T: teach this test to compare it", field)
	}
	return ""
}

func nullOr(stored any) string {
	if stored != nil {
		return fmt.Sprintf("stored %v, want null", stored)
	}
	return ""
}

// asWritten is d with its exponent kept, trailing zeros included, as
// PostgreSQL prints a numeric.
func asWritten(d decimal.Decimal) string {
	if d.Exponent() < 0 {
		return d.StringFixed(-d.Exponent())
	}
	return d.String()
}
