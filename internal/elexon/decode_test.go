package elexon_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
)

// A hand-written payload in the real API's shape, with what the real API
// does and what it might: nulls, tiny fractions, numbers as strings, unknown
// fields in rows and wrapper, white space.
const handWritten = `{
  "data": [
    {
      "settlementDate": "2025-03-06", "settlementPeriod": 17,
      "startTime": "2025-03-06T08:00:00Z", "createdDateTime": "2025-03-06T09:02:11Z",
      "sequenceNumber": 1, "id": "T_SGRWO-1", "acceptanceId": 311234, "bidOfferPairId": -1,
      "cadlFlag": false, "soFlag": true, "storProviderFlag": false, "repricedIndicator": false,
      "reserveScarcityPrice": null, "originalPrice": -73.5,
      "volume": -0.004166666666666667,
      "dmatAdjustedVolume": 0, "arbitrageAdjustedVolume": 0, "nivAdjustedVolume": 0,
      "parAdjustedVolume": 0, "finalPrice": -73.5, "transmissionLossMultiplier": 0.9876543,
      "tlmAdjustedVolume": -0.0041152262, "tlmAdjustedCost": 0.30246913,
      "someFutureField": {"nested": [1, 2, {"x": null}]}
    },
    {
      "settlementDate": "2025-03-06", "settlementPeriod": "17",
      "startTime": "2025-03-06T08:00:00Z", "createdDateTime": null,
      "sequenceNumber": "2", "id": null, "acceptanceId": null, "bidOfferPairId": null,
      "cadlFlag": null, "soFlag": null, "storProviderFlag": null, "repricedIndicator": null,
      "reserveScarcityPrice": null, "originalPrice": null,
      "volume": "-123.456789012345678901234",
      "dmatAdjustedVolume": "1E-3", "arbitrageAdjustedVolume": null, "nivAdjustedVolume": null,
      "parAdjustedVolume": null, "finalPrice": "", "transmissionLossMultiplier": null,
      "tlmAdjustedVolume": null, "tlmAdjustedCost": null, "extra": "ignored"
    },
    {"settlementDate":"2025-03-06","settlementPeriod":17,"sequenceNumber":3,"volume":12,"id":"E_BTUIW-2","soFlag":"true"}
  ],
  "metadata": {"datasets": ["ISPSTACK"], "somethingNew": true},
  "links": {}
}`

func TestDecodeHandWrittenPayload(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	d := date(t, "2025-03-06")
	srv.SetStackJSON(d, 17, elexon.Bid, []byte(handWritten))
	rows, err := newClient(t, srv.URL).Stack(context.Background(), d, 17, elexon.Bid)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	r := rows[0]
	if r.SettlementDate != "2025-03-06" || r.SettlementPeriod != 17 || r.SequenceNumber != 1 ||
		*r.ID != "T_SGRWO-1" || *r.AcceptanceID != 311234 || *r.BidOfferPairID != -1 ||
		*r.CadlFlag || !*r.SoFlag || r.ReserveScarcityPrice.Valid ||
		!r.StartTime.Equal(time.Date(2025, 3, 6, 8, 0, 0, 0, time.UTC)) ||
		!r.CreatedDateTime.Equal(time.Date(2025, 3, 6, 9, 2, 11, 0, time.UTC)) {
		t.Errorf("row 1 decoded as %+v", r)
	}
	exact := func(name string, got decimal.Decimal, want string) {
		t.Helper()
		if got.String() != want {
			t.Errorf("%s = %s, want exactly %s", name, got, want)
		}
	}
	exact("volume", r.Volume, "-0.004166666666666667")
	exact("originalPrice", r.OriginalPrice.Decimal, "-73.5")
	exact("transmissionLossMultiplier", r.TransmissionLossMultiplier.Decimal, "0.9876543")
	if !strings.Contains(string(r.Raw), `"someFutureField": {"nested": [1, 2, {"x": null}]}`) {
		t.Errorf("Raw lost the unknown field: %s", r.Raw)
	}

	r = rows[1]
	if r.SettlementPeriod != 17 || r.SequenceNumber != 2 || r.ID != nil || r.AcceptanceID != nil ||
		r.BidOfferPairID != nil || r.CadlFlag != nil || r.SoFlag != nil || r.CreatedDateTime != nil ||
		r.OriginalPrice.Valid || r.FinalPrice.Valid {
		t.Errorf("row 2: nulls not kept as nulls: %+v", r)
	}
	exact("volume", r.Volume, "-123.456789012345678901234")
	exact("dmatAdjustedVolume", r.DmatAdjustedVolume.Decimal, "0.001")

	r = rows[2]
	if !r.StartTime.IsZero() || r.CreatedDateTime != nil || !*r.SoFlag || r.Volume.String() != "12" {
		t.Errorf("row 3: %+v", r)
	}
}

func TestStackRowUnmarshalJSON(t *testing.T) {
	var r elexon.StackRow
	raw := []byte(`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9,"volume":-1.5,"soFlag":true}`)
	if err := r.UnmarshalJSON(raw); err != nil {
		t.Fatal(err)
	}
	raw[2] = 'X' // Raw is a copy
	if r.Volume.String() != "-1.5" || string(r.Raw[2]) != "s" {
		t.Errorf("decoded %+v, Raw %s", r, r.Raw)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"settlementPeriod":3,"sequenceNumber":9,"volume":-1.5}`, "settlementDate"},
		{`{"settlementDate":"2025-03-06","sequenceNumber":9,"volume":-1.5}`, "settlementPeriod"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"volume":-1.5}`, "sequenceNumber"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9}`, "volume"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9,"volume":null}`, "volume"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9,"volume":"abc"}`, "volume"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9,"volume":{"v":1}}`, "volume"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3.5,"sequenceNumber":9,"volume":1}`, "settlementPeriod"},
		{`{"settlementDate":"06/03/2025","settlementPeriod":3,"sequenceNumber":9,"volume":1}`, "settlementDate"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9,"volume":1,"soFlag":"yes"}`, "soFlag"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9,"volume":1,"acceptanceId":[1]}`, "acceptanceId"},
		{`{"settlementDate":"2025-03-06","settlementPeriod":3,"sequenceNumber":9,"volume":1,"originalPrice":true}`, "originalPrice"},
	} {
		err := r.UnmarshalJSON([]byte(tc.body))
		if !errors.Is(err, elexon.ErrMalformed) || !strings.Contains(fmt.Sprint(err), `"`+tc.field+`"`) {
			t.Errorf("%s: err = %v, want ErrMalformed naming %q", tc.body, err, tc.field)
		}
	}
}

func TestDecodeStackChecks(t *testing.T) {
	d := date(t, "2025-03-06")
	row := func(date string, period, seq int) string {
		return fmt.Sprintf(`{"settlementDate":%q,"settlementPeriod":%d,"sequenceNumber":%d,"volume":1}`, date, period, seq)
	}
	for _, tc := range []struct{ name, body, want string }{
		{"other date", `{"data":[` + row("2025-03-07", 5, 1) + `]}`, "settlementDate 2025-03-07"},
		{"other period", `{"data":[` + row("2025-03-06", 6, 1) + `]}`, "settlementPeriod 6"},
		{"repeated sequence number", `{"data":[` + row("2025-03-06", 5, 1) + `,` + row("2025-03-06", 5, 1) + `]}`, "share sequenceNumber 1"},
		{"no data", `{"metadata":{}}`, `no "data" array`},
		{"null data", `{"data":null}`, `no "data" array`},
		{"data not an array", `{"data":{}}`, `no "data" array`},
		{"a bare array", `[]`, "expected a {"},
		{"row not an object", `{"data":[1]}`, "row 1 is not an object"},
		{"HTML", `<html><body>Oops</body></html>`, "not JSON"},
		{"trailing garbage", `{"data":[]} x`, "not JSON"},
	} {
		_, err := elexon.DecodeStack([]byte(tc.body), d, 5)
		if !errors.Is(err, elexon.ErrMalformed) || !strings.Contains(fmt.Sprint(err), tc.want) {
			t.Errorf("%s: err = %v, want ErrMalformed containing %q", tc.name, err, tc.want)
		}
	}
	rows, err := elexon.DecodeStack([]byte(`{"data":[]}`), d, 5)
	if err != nil || len(rows) != 0 {
		t.Errorf("empty stack: %v, %v", rows, err)
	}
	// Every cut of a valid body is malformed, none decodes.
	body := `{"data":[` + row("2025-03-06", 5, 1) + `,` + row("2025-03-06", 5, 2) + `],"metadata":{"datasets":["ISPSTACK"]}}`
	for n := range len(body) {
		if _, err := elexon.DecodeStack([]byte(body[:n]), d, 5); !errors.Is(err, elexon.ErrMalformed) {
			t.Fatalf("body cut at %d: err = %v", n, err)
		}
	}
}
