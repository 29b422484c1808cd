package recon

import (
	"testing"
)

// TestFarmFiguresOverAnyRange: the figures per farm over a range
// (farm_curtailment_between and bitcoin_farm_between, behind the report's
// top farms and the monthly farm and lead-party views) read the farms'
// months the range covers whole and the farms' days around them, and equal
// what the records and Bitcoin rows of the range add up to, lead party of
// each farm's latest record included, whether the range is whole months,
// ragged at either end, inside one month or across two partial months.
func TestFarmFiguresOverAnyRange(t *testing.T) {
	h := newHarness(t)
	for _, d := range []string{"2025-02-27", "2025-02-28"} {
		h.run(RunOptions{Date: date(t, d)})
	}
	// A farm changes lead party between February and March: the ranges
	// that end in February give it the old one, the others the new one.
	var farm string
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT farm_id FROM curtailment_records GROUP BY farm_id
		ORDER BY count(*) DESC, farm_id LIMIT 1`).Scan(&farm); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Pool.Exec(h.ctx, `UPDATE wind_units SET lead_party_name = 'Renamed Ltd' WHERE elexon_bm_unit = $1`, farm); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2025-03-01", "2025-03-31", "2025-04-01"} {
		h.run(RunOptions{Date: date(t, d)})
	}
	if n := count(t, h.db.Pool, `SELECT count(DISTINCT lead_party_name) FROM curtailment_records WHERE farm_id = $1`, farm); n != 2 {
		t.Fatalf("farm %s has %d lead parties in its records, want 2", farm, n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM farm_monthly_summaries`); n == 0 {
		t.Fatal("no farm months stored")
	}

	curtailment := `WITH want AS (
	    SELECT c.farm_id,
	           (array_agg(c.lead_party_name ORDER BY c.settlement_date DESC, c.settlement_period DESC, c.side, c.sequence_number))[1] AS lead,
	           count(*) AS records, sum(c.energy_mwh) AS mwh, coalesce(sum(c.payment), 0) AS payment
	    FROM curtailment_records AS c
	    WHERE c.settlement_date BETWEEN $1::date AND $2::date
	    GROUP BY c.farm_id)
	SELECT count(*) FILTER (WHERE w.farm_id IS NOT NULL),
	       count(*) FILTER (WHERE w.farm_id IS NULL OR f.farm_id IS NULL OR f.lead_party_name IS DISTINCT FROM w.lead
	                          OR f.records <> w.records OR f.curtailed_mwh <> w.mwh OR f.payment <> w.payment
	                          OR f.paid_gbp <> -w.payment)
	FROM want AS w
	FULL JOIN farm_curtailment_between($1::date, $2::date) AS f ON f.farm_id = w.farm_id`
	bitcoin := `WITH want AS (
	    SELECT b.farm_id, b.miner_model, sum(b.bitcoin_mined) AS btc
	    FROM historical_bitcoin_calculations AS b
	    WHERE b.settlement_date BETWEEN $1::date AND $2::date
	    GROUP BY b.farm_id, b.miner_model)
	SELECT count(*) FILTER (WHERE w.farm_id IS NOT NULL),
	       count(*) FILTER (WHERE w.farm_id IS NULL OR f.farm_id IS NULL OR f.bitcoin_mined <> w.btc)
	FROM want AS w
	FULL JOIN bitcoin_farm_between($1::date, $2::date) AS f ON f.farm_id = w.farm_id AND f.miner_model = w.miner_model`
	for _, c := range []struct {
		from, to string
		party    string // the farm's lead party over the range
	}{
		{"2025-02-01", "2025-04-30", "Renamed Ltd"}, // whole months only
		{"2025-03-01", "2025-03-31", "Renamed Ltd"}, // one whole month
		{"2025-02-27", "2025-04-01", "Renamed Ltd"}, // ragged at both ends around a whole month
		{"2025-02-28", "2025-03-01", "Renamed Ltd"}, // two partial months, no whole one
		{"2025-02-27", "2025-03-31", "Renamed Ltd"}, // ragged start, whole end
		{"2025-02-01", "2025-03-01", "Renamed Ltd"}, // whole start, ragged end
		{"2025-02-27", "2025-02-28", ""},            // inside one month
		{"2025-02-28", "2025-02-28", ""},            // one day
		{"2025-01-01", "2025-02-28", ""},            // whole months, ending before the change
		{"2025-03-02", "2025-03-30", "none"},        // inside a month, no data
	} {
		var rows, wrong int
		if err := h.db.Pool.QueryRow(h.ctx, curtailment, c.from, c.to).Scan(&rows, &wrong); err != nil {
			t.Fatal(err)
		}
		if wrong != 0 || (rows == 0) != (c.party == "none") {
			t.Errorf("farm_curtailment_between(%s, %s): %d of %d farms differ from the records", c.from, c.to, wrong, rows)
		}
		if err := h.db.Pool.QueryRow(h.ctx, bitcoin, c.from, c.to).Scan(&rows, &wrong); err != nil {
			t.Fatal(err)
		}
		if wrong != 0 || (rows == 0) != (c.party == "none") {
			t.Errorf("bitcoin_farm_between(%s, %s): %d of %d (farm, model) pairs differ from the Bitcoin rows", c.from, c.to, wrong, rows)
		}
		if c.party == "none" {
			continue
		}
		var party string
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT lead_party_name FROM farm_curtailment_between($1::date, $2::date) WHERE farm_id = $3`,
			c.from, c.to, farm).Scan(&party); err != nil {
			t.Fatal(err)
		}
		if (c.party == "Renamed Ltd") != (party == "Renamed Ltd") {
			t.Errorf("farm_curtailment_between(%s, %s) gives %s to %q", c.from, c.to, farm, party)
		}
	}

	// Rederiving a date refreshes its farms' month: after the lead party of
	// the farm changes again, the month that holds the rederived date
	// follows, the other does not.
	if _, err := h.db.Pool.Exec(h.ctx, `UPDATE wind_units SET lead_party_name = 'Again Ltd' WHERE elexon_bm_unit = $1`, farm); err != nil {
		t.Fatal(err)
	}
	d := date(t, "2025-03-31")
	if _, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d, To: d}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM farm_monthly_summaries WHERE farm_id = $1
		AND ((year_month = '2025-03' AND lead_party_name = 'Again Ltd') OR (year_month = '2025-04' AND lead_party_name = 'Renamed Ltd'))`, farm); n != 2 {
		t.Errorf("%d of the farm's months follow the rederive, want 2 (March renamed, April not)", n)
	}
}
