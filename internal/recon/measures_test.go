package recon

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestOverviewShowsWhatTheShareIsTakenOver: a month with one day of wind
// out of two shows its curtailed share beside the figures it is taken over
// (days_with_wind, curtailed_mwh_on_wind_days), in the views and in the
// report, so that the share can be recomputed from the columns shown.
func TestOverviewShowsWhatTheShareIsTakenOver(t *testing.T) {
	h := newHarness(t)
	a1, a2 := date(t, "2025-04-01"), date(t, "2025-04-02")
	h.run(RunOptions{Date: a1})
	h.run(RunOptions{Date: a2})
	if _, err := h.svc.Wind(h.ctx, WindOptions{From: a1, To: a1}); err != nil {
		t.Fatal(err)
	}
	var day1 decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT total_curtailed_energy FROM daily_summaries WHERE summary_date = '2025-04-01'`).Scan(&day1); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct{ view, key string }{{"monthly_overview", "year_month = '2025-04'"}, {"yearly_overview", "year = '2025'"}} {
		var days int
		var onWindDays, share, allDaysShare decimal.Decimal
		var consistent bool
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT days_with_wind, curtailed_mwh_on_wind_days, curtailed_share,
				curtailed_mwh / (wind_mwh + curtailed_mwh),
				curtailed_share = curtailed_mwh_on_wind_days / (wind_mwh + curtailed_mwh_on_wind_days)
			FROM `+v.view+` WHERE `+v.key).Scan(&days, &onWindDays, &share, &allDaysShare, &consistent); err != nil {
			t.Fatal(err)
		}
		if days != 1 || !onWindDays.Equal(day1) || !consistent {
			t.Errorf("%s: %d days with wind, %s MWh on them (want 1, %s), share %s consistent with them: %v",
				v.view, days, onWindDays, day1, share, consistent)
		}
		if share.Equal(allDaysShare) {
			t.Errorf("%s: the share %s is the one over every day's curtailment: the test shows nothing", v.view, share)
		}
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM daily_overview
		WHERE (summary_date = '2025-04-01' AND days_with_wind = 1 AND curtailed_mwh_on_wind_days = curtailed_mwh)
		   OR (summary_date = '2025-04-02' AND days_with_wind = 0 AND curtailed_mwh_on_wind_days IS NULL)`); n != 2 {
		t.Errorf("%d daily_overview rows show their wind days right, want 2", n)
	}

	rep, err := h.svc.Report(h.ctx, ReportOptions{Level: ReportMonthly, From: &a1, To: &a2})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []ReportRow{rep.Rows[0], rep.Total} {
		if r.DaysWithWind != 1 || !r.CurtailedMWhOnWindDays.Valid || !r.CurtailedMWhOnWindDays.Decimal.Equal(day1) {
			t.Errorf("report %s: %d days with wind, %v MWh on them, want 1 and %s", r.Period, r.DaysWithWind, r.CurtailedMWhOnWindDays, day1)
		}
		want := day1.DivRound(r.WindMWh.Decimal.Add(day1), 16)
		if !r.CurtailedShare.Valid || !r.CurtailedShare.Decimal.Round(16).Equal(want) {
			t.Errorf("report %s: share %v, want %s", r.Period, r.CurtailedShare, want)
		}
	}
	if len(rep.Days) != 2 || rep.Days[1].DaysWithWind != 0 || rep.Days[1].CurtailedMWhOnWindDays.Valid {
		t.Errorf("report days %+v", rep.Days)
	}
}

// TestOneLeadPartyRule: a farm whose lead party changed within a month
// counts, in every farm and lead-party figure of that month (the views and
// the report), for the lead party of its latest curtailment record; and the
// lead parties add up to the month.
func TestOneLeadPartyRule(t *testing.T) {
	h := newHarness(t)
	d6, d7 := date(t, "2025-03-06"), date(t, "2025-03-07")
	h.run(RunOptions{Date: d6})
	h.run(RunOptions{Date: d7})
	var farm, oldParty string
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT farm_id, max(lead_party_name) FROM curtailment_records
		GROUP BY farm_id HAVING count(DISTINCT settlement_date) = 2 AND max(lead_party_name) IS NOT NULL
		ORDER BY sum(energy_mwh) DESC, farm_id LIMIT 1`).Scan(&farm, &oldParty); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Pool.Exec(h.ctx, `UPDATE wind_units SET lead_party_name = 'Renamed Ltd' WHERE elexon_bm_unit = $1`, farm); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Rederive(h.ctx, RederiveOptions{From: d7, To: d7}); err != nil {
		t.Fatal(err)
	}

	var party string
	var mwh decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT lead_party_name, curtailed_mwh FROM farm_curtailment_monthly
		WHERE year_month = '2025-03' AND farm_id = $1`, farm).Scan(&party, &mwh); err != nil {
		t.Fatal(err)
	}
	if party != "Renamed Ltd" {
		t.Errorf("farm_curtailment_monthly gives %s to %q, want the lead party of its latest record", farm, party)
	}
	var farms int
	var partyMWh decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT farms, curtailed_mwh FROM lead_party_bitcoin_monthly
		WHERE year_month = '2025-03' AND lead_party_name = 'Renamed Ltd' AND miner_model = 'S19J_PRO'`).Scan(&farms, &partyMWh); err != nil {
		t.Fatal(err)
	}
	if farms != 1 || !partyMWh.Equal(mwh) {
		t.Errorf("Renamed Ltd: %d farms, %s MWh; want 1 farm and its %s MWh of the month", farms, partyMWh, mwh)
	}
	// The lead parties add up to the month, per miner model.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM bitcoin_monthly_summaries AS b
		JOIN (SELECT miner_model, sum(bitcoin_mined) AS btc, sum(curtailed_mwh) AS mwh, sum(records) AS records
		      FROM lead_party_bitcoin_monthly WHERE year_month = '2025-03' GROUP BY miner_model) AS p USING (miner_model)
		JOIN monthly_summaries AS m ON m.year_month = b.year_month
		WHERE b.year_month = '2025-03' AND p.btc = b.bitcoin_mined AND p.mwh = m.total_curtailed_energy
		  AND p.records = m.curtailment_records`); n != 3 {
		t.Errorf("%d miner models whose lead parties add up to the month, want 3", n)
	}

	// The report's top farms follow the same rule over the report's range.
	for _, c := range []struct {
		to   string
		want string
	}{{"2025-03-07", "Renamed Ltd"}, {"2025-03-06", oldParty}} {
		to := date(t, c.to)
		rep, err := h.svc.Report(h.ctx, ReportOptions{Level: ReportDaily, From: &d6, To: &to, TopFarms: 300})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range rep.TopFarms {
			if f.FarmID == farm {
				found = true
				if f.LeadParty != c.want {
					t.Errorf("report to %s gives %s to %q, want %q", c.to, farm, f.LeadParty, c.want)
				}
			}
		}
		if !found {
			t.Errorf("report to %s lacks %s", c.to, farm)
		}
	}
}

// TestForeignKeysWhereTheCodeAssumesThem: every run_id, repair_run_id and
// miner_model column of a table is a foreign key to runs or miner_models,
// or (on the three tables a run fills by the thousand) checked as one after
// every INSERT and UPDATE statement; and the checks refuse what a foreign
// key refuses.
func TestForeignKeysWhereTheCodeAssumesThem(t *testing.T) {
	h := newHarness(t)
	const columns = `SELECT c.table_name, c.column_name
		FROM information_schema.columns AS c
		JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'runs'
		  AND c.column_name IN ('run_id', 'repair_run_id', 'miner_model')`
	if n := count(t, h.db.Pool, `SELECT count(*) FROM (`+columns+`) AS x`); n < 10 {
		t.Fatalf("only %d run and miner model columns found: the query is wrong", n)
	}
	rows, err := h.db.Pool.Query(h.ctx, `SELECT x.table_name || '.' || x.column_name FROM (`+columns+`) AS x
		WHERE NOT EXISTS (
		    SELECT 1 FROM pg_constraint AS k
		    JOIN pg_attribute AS a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
		    WHERE k.contype = 'f' AND k.conrelid = x.table_name::regclass AND a.attname = x.column_name
		      AND k.confrelid IN ('runs'::regclass, 'miner_models'::regclass))
		  AND (SELECT count(DISTINCT g.tgtype) FROM pg_trigger AS g JOIN pg_proc AS p ON p.oid = g.tgfoid
		       WHERE g.tgrelid = x.table_name::regclass
		         AND p.proname = CASE x.column_name WHEN 'miner_model' THEN 'check_bitcoin_keys' ELSE 'check_run_ids' END) < 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var col string
		if err := rows.Scan(&col); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s is neither a foreign key nor checked as one on INSERT and UPDATE", col)
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}

	// The per-statement checks refuse a run or a model that does not exist,
	// and the parents they guard cannot go.
	h.run(RunOptions{Date: date(t, "2025-03-06")})
	for what, q := range map[string]string{
		"a stack response naming run 999":     `UPDATE stack_responses SET run_id = 999 WHERE settlement_period = 1`,
		"a curtailment record naming run 999": `UPDATE curtailment_records SET run_id = 999 WHERE settlement_period = (SELECT min(settlement_period) FROM curtailment_records)`,
		"Bitcoin naming a model not in the table": `UPDATE historical_bitcoin_calculations SET miner_model = 'NOPE'
			WHERE settlement_period = (SELECT min(settlement_period) FROM historical_bitcoin_calculations)`,
		"Bitcoin copied under run 999": `INSERT INTO historical_bitcoin_calculations (settlement_date, settlement_period, farm_id, miner_model,
			bitcoin_mined, difficulty, run_id) VALUES ('2025-03-07', 1, 'X', 'S9', 0, 1, 999)`,
		"deleting a run":                `DELETE FROM runs WHERE run_id = (SELECT min(run_id) FROM runs)`,
		"deleting a model with Bitcoin": `DELETE FROM miner_models WHERE name = 'S9'`,
	} {
		if _, err := h.db.Pool.Exec(h.ctx, q); err == nil {
			t.Errorf("%s was accepted", what)
		} else if !strings.Contains(err.Error(), "SQLSTATE 23") {
			t.Errorf("%s: %v, want an integrity violation", what, err)
		}
	}
}
