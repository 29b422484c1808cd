package recon

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
)

// TestArchiveKeepsTheAPIsBytes: the bytes the API sent for a period and side
// come back exactly from the archive, for the stand-in's generated
// responses and for one written by hand with spaces and newlines between
// tokens, escapes, multi-byte text, unknown and nested fields and the
// metadata first; and every row of stack_rows.raw is the row's bytes in
// that body. verify then finds the periods as the API has them.
func TestArchiveKeepsTheAPIsBytes(t *testing.T) {
	h := newVerifyHarness(t)
	d := date(t, "2025-10-26") // 50 periods
	odd := []byte("{ \"metadata\" : {\"datasets\": [\"ISPSTACK\"]},\n \"data\" : [\n" +
		"  {\"settlementDate\":\"2025-10-26\",\"settlementPeriod\":50,\"startTime\":\"2025-10-26T23:30:00Z\"," +
		"\"sequenceNumber\":7,\"id\":\"T_SGRWO-1\",\"soFlag\":true,\"volume\":-1.25,\"originalPrice\":\"-40.10\"," +
		"\"note\":\"Ünit \\u00e9 \\\"q\\\" € 😀\",\"future\":{\"a\":[1, 2.50, null]}} ,\n" +
		"  { \"settlementDate\" : \"2025-10-26\" , \"settlementPeriod\" : 50 , \"startTime\" : \"2025-10-26T23:30:00Z\" ,\n" +
		"    \"sequenceNumber\" : 3 , \"id\" : null , \"volume\" : 1E-3 }\n ] }\n")
	h.api.SetStackJSON(d, 50, elexon.Offer, odd)
	h.api.SetStackJSON(d, 49, elexon.Bid, []byte(`{"data":[]}`))
	h.run(RunOptions{Date: d})

	check := func(period int, side elexon.Side, want []byte) {
		t.Helper()
		var body []byte
		var rebuilt bool
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT convert_to(body, 'UTF8'), rebuilt FROM stack_responses
			WHERE settlement_date = $1 AND settlement_period = $2 AND side = $3`, d, period, string(side)).Scan(&body, &rebuilt); err != nil {
			t.Fatalf("period %d %s: %v", period, side, err)
		}
		if !bytes.Equal(body, want) || rebuilt {
			t.Errorf("period %d %s: archived body (rebuilt %v) is not the %d bytes sent:\n got %.300q\nwant %.300q", period, side, rebuilt, len(want), body, want)
		}
		// Every row's raw is its bytes in the body, in the body's order.
		var env struct{ Data []json.RawMessage }
		if err := json.Unmarshal(want, &env); err != nil {
			t.Fatal(err)
		}
		rows, err := h.db.Pool.Query(h.ctx, `SELECT convert_to(r.raw, 'UTF8') FROM stack_rows AS r
			JOIN stack_responses AS s USING (settlement_date, settlement_period, side)
			WHERE r.settlement_date = $1 AND r.settlement_period = $2 AND r.side = $3
			ORDER BY array_position(s.sequence_number, r.sequence_number)`, d, period, string(side))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		i := 0
		for ; rows.Next(); i++ {
			var raw []byte
			if err := rows.Scan(&raw); err != nil {
				t.Fatal(err)
			}
			if i >= len(env.Data) || !bytes.Equal(raw, env.Data[i]) {
				t.Errorf("period %d %s row %d: raw %q is not the row's bytes", period, side, i+1, raw)
			}
		}
		if rows.Err() != nil {
			t.Fatal(rows.Err())
		}
		if i != len(env.Data) {
			t.Errorf("period %d %s: %d rows in stack_rows, %d sent", period, side, i, len(env.Data))
		}
	}
	check(50, elexon.Offer, odd)
	check(49, elexon.Bid, []byte(`{"data":[]}`))
	for _, p := range []int{1, 2, 48, 50} {
		check(p, elexon.Bid, elexontest.GenerateStack(d, p, elexon.Bid, 0))
	}
	check(1, elexon.Offer, elexontest.GenerateStack(d, 1, elexon.Offer, 0))

	// The typed columns of the hand-written rows, as the decoder read them.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM stack_rows WHERE settlement_date = $1 AND settlement_period = 50
		AND side = 'offer' AND ((sequence_number = 7 AND bm_unit = 'T_SGRWO-1' AND so_flag AND volume = -1.25 AND original_price = -40.10)
		OR (sequence_number = 3 AND bm_unit IS NULL AND so_flag IS NULL AND volume = 0.001))`, d); n != 2 {
		t.Errorf("%d of the 2 hand-written rows read back with their fields", n)
	}

	rep := h.verify(VerifyOptions{Date: d})
	if rep.Before.Counts.Match != 50 {
		t.Errorf("verify: %+v, want all 50 periods to match the API", rep.Before.Counts)
	}
}
