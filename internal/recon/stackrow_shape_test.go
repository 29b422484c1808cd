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

// A stack row has four hand-kept shapes: the archive (the table
// stack_responses and the view stack_rows, migrations), the API's row
// elexon.StackRow (and its decoder), the archive's COPY
// (stackResponseColumns and copyEncoder.response) and the stand-in's
// encoder (elexontest). TestStackRowShapesAgree fails as soon as one of them
// gains, loses or misplaces a field the others do not;
// sql/queries/stack_rows.sql lists where a new field goes.

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

	columns := func(table string) []string {
		t.Helper()
		rows, err := h.db.Pool.Query(h.ctx, `SELECT column_name::text FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
			ORDER BY ordinal_position`, table)
		if err != nil {
			t.Fatal(err)
		}
		out, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	// The archive's table and its COPY: the same columns, but for rebuilt
	// (which recon's own responses leave at false).
	if got, want := columns("stack_responses"), slices.Insert(slices.Clone(stackResponseColumns), 5, "rebuilt"); !slices.Equal(got, want) {
		t.Errorf("the archive's COPY writes %v (and rebuilt),\nthe table stack_responses has %v", stackResponseColumns, got)
	}
	table := columns("stack_rows")

	// The API's row: one column per field, and the archive's own.
	fromRow := slices.Clone(notFromTheRow)
	for tag := range wire {
		fromRow = append(fromRow, wireColumn(tag))
	}
	slices.Sort(fromRow)
	sortedTable := slices.Sorted(slices.Values(table))
	if !slices.Equal(fromRow, sortedTable) {
		t.Errorf("elexon.StackRow's fields (as columns, with %v) are %v,\nthe view stack_rows has %v", notFromTheRow, fromRow, sortedTable)
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

	// The archive gives back each field in its own column, exactly: a row
	// with every field set to a value of its own (as the stand-in serves it
	// and the decoder reads it), one with every nullable field null, one
	// with awkward numbers and text, and a whole generated stack, read back
	// column by column through the view stack_rows.
	rowBytes := func(r elexon.StackRow) string {
		t.Helper()
		got, err := elexon.DecodeStack(elexontest.EncodeStack([]elexon.StackRow{r}), d, r.SettlementPeriod)
		if err != nil || len(got) != 1 {
			t.Fatalf("the stand-in's encoding of row %d: %v", r.SequenceNumber, err)
		}
		return string(got[0].Raw)
	}
	odd := fullRow(d)
	odd.SequenceNumber = 14
	odd.ReserveScarcityPrice = decimal.NewNullDecimal(decimal.RequireFromString("0.000"))
	odd.TlmAdjustedCost = decimal.NewNullDecimal(decimal.RequireFromString("-1e30"))
	odd.Volume = decimal.RequireFromString("123456789012.123456789")
	sparse := `{"settlementDate":"2025-03-30","settlementPeriod":7,"sequenceNumber":13,"volume":-0.004166666666666667,"x":"\u00e9\t"}`
	offerBody := []byte(`{"data":[` + rowBytes(fullRow(d)) + `, ` + sparse + ",\n  " + rowBytes(odd) + `]}`)
	offers, err := elexon.DecodeStack(offerBody, d, 7)
	if err != nil {
		t.Fatal(err)
	}
	bidBody := elexontest.GenerateStack(d, 3, elexon.Bid, 0)
	generated, err := elexon.DecodeStack(bidBody, d, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(offers), generated...)
	empty := []byte(`{"data":[]}`)
	day := &elexon.Day{Date: d, Periods: []elexon.PeriodStack{
		{Period: 3, Published: true, Bid: slices.Clone(generated), BidBody: bidBody, OfferBody: empty},
		{Period: 7, Published: true, Offer: slices.Clone(offers), OfferBody: offerBody, BidBody: empty},
	}}
	if err := checkDay(day); err != nil {
		t.Fatal(err)
	}
	var runID int64 // responses name a run (their key is checked)
	if err := h.db.Pool.QueryRow(h.ctx, `INSERT INTO runs (command, started_at, outcome) VALUES ('test', now(), 'succeeded')
		RETURNING run_id`).Scan(&runID); err != nil {
		t.Fatal(err)
	}
	err = pgx.BeginFunc(h.ctx, h.db.Pool, func(tx pgx.Tx) error { return archiveStackResponses(h.ctx, tx, day, runID) })
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM stack_responses`); n != 4 {
		t.Errorf("%d responses archived, want 4 (both sides of both periods, the empty ones too)", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM stack_rows`); n != len(want) {
		t.Errorf("stack_rows has %d rows, want %d", n, len(want))
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
