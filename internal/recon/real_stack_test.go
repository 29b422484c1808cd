package recon

import (
	"bytes"
	"os"
	"testing"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// TestRunArchivesRealStacksExactly runs a period whose stacks are the real
// responses in internal/elexon/testdata/real (2026-07-20 period 15, part of
// each side): every row is archived with the values as sent, exponent-form
// volumes as exact decimals, null cadlFlag and adjusted volumes as NULL, and
// its bytes as received. No unit of it is wind, so nothing is curtailment.
func TestRunArchivesRealStacksExactly(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2026-07-20")
	bodies := map[elexon.Side][]byte{}
	for side, name := range map[elexon.Side]string{elexon.Bid: "stack_bid_2026-07-20_sp15_partial.json", elexon.Offer: "stack_offer_2026-07-20_sp15_partial.json"} {
		b, err := os.ReadFile("../elexon/testdata/real/" + name)
		if err != nil {
			t.Fatal(err)
		}
		bodies[side] = b
		h.api.SetStackJSON(d, 15, side, b)
	}
	res := h.run(RunOptions{Date: d, Periods: &settlement.Range{From: 15, To: 15}})
	if res.StackRows != 8 || res.Records != 0 || res.PeriodsPublished != 1 {
		t.Fatalf("run: %d stack rows, %d records, %d periods published; want 8, 0, 1", res.StackRows, res.Records, res.PeriodsPublished)
	}
	rows, err := h.db.Pool.Query(h.ctx, `SELECT side, sequence_number, bm_unit, volume::text, coalesce(cadl_flag::text, 'null'),
		coalesce(dmat_adjusted_volume::text, 'null'), coalesce(niv_adjusted_volume::text, 'null'),
		coalesce(tlm_adjusted_volume::text, 'null'), original_price::text, raw
		FROM stack_rows WHERE settlement_date = $1 AND settlement_period = 15 ORDER BY side, sequence_number`, d)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []string{
		"bid 1 E_BHOLB-1 -0.19166666666666668 false -0.19166666666666668 -0.19166666666666668 0.0 110.02",
		"bid 2 E_BHOLB-1 -0.23333333333333334 false -0.23333333333333334 -0.23333333333333334 0.0 110.02",
		"bid 3 E_BHOLB-1 -0.15 false -0.15 -0.15 0.0 110.02",
		"bid 8 2__MCMRO002 -0.2 false -0.2 -0.2 0.0 110.02",
		"bid 9 2__MCMRO002 -0.15833333333333333 false -0.15833333333333333 -0.15833333333333333 0.0 110.02",
		"offer 1 E_BLKPB-1 0.000000277777777778 null 0.0 null null 120.0",
		"offer 2 E_BLKPB-1 0.000001111111111111 null 0.0 null null 120.0",
		"offer 3 E_BLKPB-1 0.000001388888888889 null 0.0 null null 120.0",
	}
	i := 0
	for rows.Next() {
		var side, unit, vol, cadl, dmat, niv, tlm, price, raw string
		var seq int
		if err := rows.Scan(&side, &seq, &unit, &vol, &cadl, &dmat, &niv, &tlm, &price, &raw); err != nil {
			t.Fatal(err)
		}
		got := side + " " + itoa(seq) + " " + unit + " " + vol + " " + cadl + " " + dmat + " " + niv + " " + tlm + " " + price
		if i >= len(want) || got != want[i] {
			t.Errorf("row %d: %s", i+1, got)
		}
		if !bytes.Contains(bodies[elexon.Side(side)], []byte(raw)) || raw[0] != '{' {
			t.Errorf("row %d: raw is not the row as received: %.60q", i+1, raw)
		}
		i++
	}
	if rows.Err() != nil || i != len(want) {
		t.Fatalf("%d rows archived, %v", i, rows.Err())
	}
}

// TestSyntheticSOOffersAndRowsWithoutIDAreNeverCurtailment: the stand-in
// serves, as the live API does, the system operator's SO-flagged offers with
// id "1" and now and then a row without an id. Both are archived and neither
// is ever curtailment, whatever its flags and volume.
func TestSyntheticSOOffersAndRowsWithoutIDAreNeverCurtailment(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	if n := count(t, h.db.Pool, `SELECT count(*) FROM stack_rows WHERE settlement_date = $1 AND side = 'offer'
		AND bm_unit = '1' AND so_flag AND acceptance_id IS NULL AND bid_offer_pair_id IS NULL AND volume > 0`, d); n < 100 {
		t.Errorf(`%d SO-flagged offers with id "1" archived, want hundreds`, n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM stack_rows WHERE settlement_date = $1 AND bm_unit IS NULL AND so_flag AND volume < 0`, d); n == 0 {
		t.Error("no SO-flagged negative rows without an id archived: the test proves nothing")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM curtailment_records WHERE settlement_date = $1 AND (farm_id = '1' OR farm_id IS NULL)`, d); n != 0 {
		t.Errorf(`%d curtailment records of id "1" or none`, n)
	}
}
