package elexon_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
)

// fuzzDate and fuzzPeriod are the date and period every fuzzed body is
// decoded for.
var fuzzDate = time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC)

const fuzzPeriod = 17

// FuzzDecodeStack: DecodeStack never panics, and never accepts what a
// careful reader would not. Whatever it refuses is an error wrapping
// ErrMalformed. Whatever it accepts is valid JSON whose data array has
// exactly one decoded row per element, each row an object carrying the
// required fields (settlementDate, settlementPeriod, sequenceNumber,
// volume; not null) for the date and period asked for, with unique
// sequence numbers, a volume equal to the JSON's, and Raw the row's exact
// bytes. Seeds: generated stacks, the stand-in's fault payloads, and
// testdata/fuzz/FuzzDecodeStack.
func FuzzDecodeStack(f *testing.F) {
	for _, seed := range stackSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		in := bytes.Clone(body)
		rows, err := elexon.DecodeStack(body, fuzzDate, fuzzPeriod)
		if !bytes.Equal(in, body) {
			t.Fatalf("DecodeStack modified its input")
		}
		if err != nil {
			if !errors.Is(err, elexon.ErrMalformed) {
				t.Fatalf("error %q does not wrap ErrMalformed", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q is not one line", err)
			}
			return
		}
		checkAccepted(t, body, rows)
	})
}

// checkAccepted checks a body DecodeStack accepted against encoding/json's
// reading of it.
func checkAccepted(t *testing.T, body []byte, rows []elexon.StackRow) {
	t.Helper()
	if !json.Valid(body) {
		t.Fatalf("accepted a body that is not valid JSON: %q", body)
	}
	// A map, not a struct: encoding/json matches struct fields without
	// regard to case, and "dAtA" is not "data".
	var env map[string]json.RawMessage
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("accepted a body that is not an object: %v: %q", err, body)
	}
	var data []json.RawMessage
	if err := json.Unmarshal(env["data"], &data); err != nil || data == nil {
		t.Fatalf("accepted a body whose data is not an array (%v): %q", err, body)
	}
	if duplicateKeys(body) {
		data = nil // which "data" counts is a matter of taste: check the rows alone
	} else if len(data) != len(rows) {
		t.Fatalf("decoded %d rows from a data array of %d elements: %q", len(rows), len(data), body)
	}
	seen := map[int32]bool{}
	for i, r := range rows {
		if r.SettlementDate != "2025-03-06" || r.SettlementPeriod != fuzzPeriod {
			t.Fatalf("row %d is for %s period %d", i+1, r.SettlementDate, r.SettlementPeriod)
		}
		if seen[r.SequenceNumber] {
			t.Fatalf("sequenceNumber %d accepted twice", r.SequenceNumber)
		}
		seen[r.SequenceNumber] = true
		if data != nil && !bytes.Equal(bytes.TrimSpace(r.Raw), bytes.TrimSpace(data[i])) {
			t.Fatalf("row %d: Raw %q is not the row's bytes %q", i+1, r.Raw, data[i])
		}
		if !json.Valid(r.Raw) {
			t.Fatalf("row %d: Raw %q is not JSON", i+1, r.Raw)
		}
		checkRequired(t, i+1, r.Raw, r)
	}
}

// checkRequired checks that the required fields of a row are really there,
// and that the decoded volume is the JSON's.
func checkRequired(t *testing.T, n int, raw json.RawMessage, r elexon.StackRow) {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatalf("row %d accepted but is not an object: %v: %q", n, err, raw)
	}
	if duplicateKeys(raw) {
		return // which of two "volume"s counts is a matter of taste
	}
	for _, name := range []string{"settlementDate", "settlementPeriod", "sequenceNumber", "volume"} {
		v, ok := fields[name]
		if !ok || string(v) == "null" {
			t.Fatalf("row %d accepted without %s: %q", n, name, raw)
		}
	}
	text := string(fields["volume"])
	var s string
	if json.Unmarshal(fields["volume"], &s) == nil {
		text = s // a number sent as a string
	}
	want, err := decimal.NewFromString(text)
	if err != nil {
		t.Fatalf("row %d accepted a volume that is not a number: %s", n, fields["volume"])
	}
	if !want.Equal(r.Volume) {
		t.Fatalf("row %d: volume %s decoded as %s", n, fields["volume"], r.Volume)
	}
}

// duplicateKeys reports whether a JSON object names a member twice.
func duplicateKeys(raw json.RawMessage) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		key, _ := tok.(string)
		if seen[key] {
			return true
		}
		seen[key] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// stackSeeds are realistic bodies and the stand-in's damaged variants of
// them: the fuzzer mutates from there.
func stackSeeds() [][]byte {
	good := elexontest.GenerateStack(fuzzDate, fuzzPeriod, elexon.Bid, 0)
	small := firstRows(good, 2)
	seeds := [][]byte{
		small,
		firstRows(elexontest.GenerateStack(fuzzDate, fuzzPeriod, elexon.Offer, 1), 3),
		small[:len(small)/2], // truncated
		[]byte(`{"data":[]}`),
		[]byte(`{"data":null}`),
		[]byte(`[]`),
		[]byte(`<!DOCTYPE html><html><body>maintenance</body></html>`),
		[]byte(`{"data":[{"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":1,"volume":"-0.004166666666666667"}]}`),
		[]byte(`{"data":[{"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":1,"volume":-1e-3,"soFlag":null,"id":null}],"metadata":{"datasets":["ISPSTACK"]}}`),
		[]byte(`{"data":[{"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":1,"volume":-1},{"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":1,"volume":-2}]}`),
		[]byte(`{"data":[{"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":1,"volume":{"value":-1}}]}`),
		[]byte(`{"data":[{"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":1}]}`),
		[]byte(`{"data":[{"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":1,"volume":-1,"volume":-2}]}`),
		[]byte(`{"data":[{"settlementDate":"2025-03-\u0030\u0036","settlementPeriod":17,"sequenceNumber":1,"volume":-1,"x":[1,{"y":"\ud83d\ude00"}]}]}`),
	}
	return seeds
}

// firstRows keeps the first n rows of a stack body, to keep seeds small.
func firstRows(body []byte, n int) []byte {
	var env struct {
		Data     []json.RawMessage `json:"data"`
		Metadata json.RawMessage   `json:"metadata"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		panic(err)
	}
	env.Data = env.Data[:min(n, len(env.Data))]
	out, err := json.Marshal(env)
	if err != nil {
		panic(err)
	}
	return out
}
