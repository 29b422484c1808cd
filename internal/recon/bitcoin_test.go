package recon

import (
	"context"
	"math/big"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// This file checks the Bitcoin rows a run stores against a computation
// written again here, independently of internal/bitcoin: exact rationals
// (math/big), SPEC §4 step by step.

type modelSpec struct{ hashrate, watts string }

var specModels = map[string]modelSpec{
	"S19J_PRO": {"100", "3050"},
	"S9":       {"13.5", "1323"},
	"M20S":     {"68", "3360"},
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad rational " + s)
	}
	return r
}

// specSubsidy is SPEC §3's subsidy in force at t.
func specSubsidy(t time.Time) *big.Rat {
	switch {
	case t.Before(time.Date(2016, 7, 9, 16, 46, 13, 0, time.UTC)):
		return rat("25")
	case t.Before(time.Date(2020, 5, 11, 19, 23, 43, 0, time.UTC)):
		return rat("12.5")
	case t.Before(time.Date(2024, 4, 20, 0, 9, 27, 0, time.UTC)):
		return rat("6.25")
	}
	return rat("3.125")
}

// specPeriodSats is SPEC §4 steps 1–3 for one period, in satoshis.
func specPeriodSats(mwh *big.Rat, m modelSpec, difficulty *big.Rat, subsidy *big.Rat) *big.Int {
	kwh := new(big.Rat).Mul(mwh, rat("1000"))
	perMiner := new(big.Rat).Mul(new(big.Rat).Quo(rat(m.watts), rat("1000")), rat("0.5"))
	q := new(big.Rat).Quo(kwh, perMiner)
	miners := new(big.Int).Quo(q.Num(), q.Denom()) // floor (q >= 0)
	network := new(big.Rat).Quo(new(big.Rat).Mul(difficulty, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), 32))), rat("600000000000000"))
	btc := new(big.Rat).SetInt(miners)
	btc.Mul(btc, rat(m.hashrate))
	btc.Quo(btc, network)
	btc.Mul(btc, subsidy)
	btc.Mul(btc, rat("3"))
	// Half-up to 8 decimals: floor(btc*1e8 + 1/2).
	sats := new(big.Rat).Add(new(big.Rat).Mul(btc, rat("100000000")), rat("1/2"))
	return new(big.Int).Quo(sats.Num(), sats.Denom())
}

type farmMWh struct {
	farm string
	mwh  *big.Rat
}

// specAllocate is SPEC §4 step 4: floor shares, leftovers to the largest
// fractional parts, ties by larger MWh then farm id.
func specAllocate(total *big.Int, farms []farmMWh) map[string]int64 {
	sum := new(big.Rat)
	for _, f := range farms {
		sum.Add(sum, f.mwh)
	}
	type part struct {
		farm  string
		mwh   *big.Rat
		floor *big.Int
		frac  *big.Rat
	}
	parts := make([]part, len(farms))
	given := new(big.Int)
	for i, f := range farms {
		exact := new(big.Rat).Quo(new(big.Rat).Mul(new(big.Rat).SetInt(total), f.mwh), sum)
		fl := new(big.Int).Quo(exact.Num(), exact.Denom())
		parts[i] = part{f.farm, f.mwh, fl, new(big.Rat).Sub(exact, new(big.Rat).SetInt(fl))}
		given.Add(given, fl)
	}
	sort.SliceStable(parts, func(i, j int) bool {
		if c := parts[i].frac.Cmp(parts[j].frac); c != 0 {
			return c > 0
		}
		if c := parts[i].mwh.Cmp(parts[j].mwh); c != 0 {
			return c > 0
		}
		return parts[i].farm < parts[j].farm
	})
	left := new(big.Int).Sub(total, given).Int64()
	out := map[string]int64{}
	for i, p := range parts {
		s := p.floor.Int64()
		if int64(i) < left {
			s++
		}
		out[p.farm] = s
	}
	return out
}

// checkBitcoinAgainstSpec recomputes every Bitcoin row of date from the
// stored curtailment and the difficulty table, and compares.
func checkBitcoinAgainstSpec(t *testing.T, h *harness, d time.Time) {
	t.Helper()
	ctx := context.Background()
	epochs, err := db.New(h.db.Pool).DifficultyEpochsList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	difficultyAt := func(at time.Time) string {
		var in string
		for _, e := range epochs {
			if !e.ActivatedAt.After(at) {
				in = e.Difficulty.String()
			}
		}
		return in
	}
	rows, err := h.db.Pool.Query(ctx, `SELECT settlement_period, farm_id, sum(abs(volume))::text
		FROM curtailment_records WHERE settlement_date = $1 GROUP BY 1, 2 ORDER BY 1, 2`, d)
	if err != nil {
		t.Fatal(err)
	}
	energy := map[int][]farmMWh{}
	for rows.Next() {
		var p int
		var farm, mwh string
		if err := rows.Scan(&p, &farm, &mwh); err != nil {
			t.Fatal(err)
		}
		energy[p] = append(energy[p], farmMWh{farm, rat(mwh)})
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if len(energy) == 0 {
		t.Fatal("no curtailment: the comparison proves nothing")
	}
	type key struct {
		period int
		farm   string
		model  string
	}
	want := map[key]int64{}
	wantDifficulty := map[int]string{}
	for p, farms := range energy {
		start := settlement.PeriodStart(d, p)
		diff := difficultyAt(start)
		wantDifficulty[p] = diff
		sum := new(big.Rat)
		for _, f := range farms {
			sum.Add(sum, f.mwh)
		}
		for name, m := range specModels {
			total := specPeriodSats(sum, m, rat(diff), specSubsidy(start))
			for farm, s := range specAllocate(total, farms) {
				want[key{p, farm, name}] = s
			}
		}
	}
	got, err := h.db.Pool.Query(ctx, `SELECT settlement_period, farm_id, miner_model, bitcoin_mined, difficulty::text
		FROM historical_bitcoin_calculations WHERE settlement_date = $1`, d)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for got.Next() {
		var k key
		var btc decimal.Decimal
		var diff string
		if err := got.Scan(&k.period, &k.farm, &k.model, &btc, &diff); err != nil {
			t.Fatal(err)
		}
		n++
		w, ok := want[k]
		if !ok {
			t.Errorf("unexpected row %+v", k)
			continue
		}
		if s := btc.Shift(8).IntPart(); s != w || !btc.Shift(8).IsInteger() {
			t.Errorf("%s period %d %s %s: %s BTC, want %d sat", d.Format(settlement.DateLayout), k.period, k.farm, k.model, btc, w)
		}
		if diff != wantDifficulty[k.period] {
			t.Errorf("period %d: difficulty %s, want %s", k.period, diff, wantDifficulty[k.period])
		}
	}
	if got.Err() != nil {
		t.Fatal(got.Err())
	}
	if n != len(want) {
		t.Errorf("%d bitcoin rows stored, want %d (one per period, farm and model)", n, len(want))
	}
}

func TestBitcoinRowsEqualAnIndependentComputation(t *testing.T) {
	h := newHarness(t)
	for _, day := range []string{
		"2025-03-06", // the sample day
		"2025-03-09", // a difficulty adjustment at 15:58:46Z
		"2024-04-20", // the halving: periods 1-3 at 6.25, 4 onward at 3.125
		"2025-10-26", // 50 periods
		"2016-07-09", // the halving at block 420,000 (16:46:13Z): periods 1-36 at 25, 37 onward at 12.5
		"2026-07-20", // an epoch shipped from the mempool.space capture
	} {
		d := date(t, day)
		h.run(RunOptions{Date: d})
		checkBitcoinAgainstSpec(t, h, d)
	}
	// Periods before and after the adjustment of 2025-03-09 15:58:46Z.
	for _, tc := range []struct {
		period int
		want   string
	}{{32, "110568428300952.69"}, {33, "112149504190349.28"}} {
		var diff string
		if err := h.db.Pool.QueryRow(h.ctx, `SELECT DISTINCT difficulty::text FROM historical_bitcoin_calculations
			WHERE settlement_date = '2025-03-09' AND settlement_period = $1`, tc.period).Scan(&diff); err != nil {
			t.Fatal(err)
		}
		if diff != tc.want {
			t.Errorf("2025-03-09 period %d: difficulty %s, want %s", tc.period, diff, tc.want)
		}
	}
	// Every curtailed (date, period, farm) has one row per model.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM (
		SELECT DISTINCT settlement_date, settlement_period, farm_id FROM curtailment_records) AS c
		CROSS JOIN miner_models AS m
		LEFT JOIN historical_bitcoin_calculations AS b USING (settlement_date, settlement_period, farm_id)
		WHERE b.miner_model IS NULL`); n != 0 {
		t.Errorf("%d curtailed farm-periods lack bitcoin rows", n)
	}
	// The daily, monthly and yearly Bitcoin summaries equal the sums of their rows.
	for _, q := range []string{
		`SELECT count(*) FROM bitcoin_daily_summaries AS s WHERE s.bitcoin_mined <> (SELECT sum(b.bitcoin_mined)
			FROM historical_bitcoin_calculations AS b WHERE b.settlement_date = s.summary_date AND b.miner_model = s.miner_model)`,
		`SELECT count(*) FROM bitcoin_monthly_summaries AS s WHERE s.bitcoin_mined <> (SELECT sum(b.bitcoin_mined)
			FROM historical_bitcoin_calculations AS b WHERE to_char(b.settlement_date, 'YYYY-MM') = s.year_month AND b.miner_model = s.miner_model)`,
		`SELECT count(*) FROM bitcoin_yearly_summaries AS s WHERE s.bitcoin_mined <> (SELECT sum(b.bitcoin_mined)
			FROM historical_bitcoin_calculations AS b WHERE to_char(b.settlement_date, 'YYYY') = s.year AND b.miner_model = s.miner_model)`,
	} {
		if n := count(t, h.db.Pool, q); n != 0 {
			t.Errorf("%d summary rows differ from their base rows: %s", n, q)
		}
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM bitcoin_yearly_summaries`); n != 12 {
		t.Errorf("%d yearly bitcoin rows, want 12 (4 years x 3 models)", n)
	}
}

func TestMissingDifficultyFailsWithNothingWritten(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	// Forget every adjustment from 2025 on: 2025-03-06 is then more than 21
	// days after the last known one, so its difficulty is unknown.
	if _, err := h.db.Pool.Exec(h.ctx, `DELETE FROM difficulty_epochs WHERE activated_at >= '2025-01-01'`); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, h.db.Pool, false)
	_, err := h.svc.Run(h.ctx, RunOptions{Date: d})
	if err == nil {
		t.Fatal("run succeeded without a difficulty")
	}
	for _, want := range []string{"2025-03-06", "recon difficulty import", "--difficulty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))

	// An explicit what-if override works, and is recorded on every row.
	override := decimal.RequireFromString("100000000000000")
	h.run(RunOptions{Date: d, Difficulty: &override})
	if n := count(t, h.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations
		WHERE NOT difficulty_override OR difficulty <> 100000000000000`); n != 0 {
		t.Errorf("%d rows do not record the override", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE difficulty_override = 100000000000000 AND outcome = 'succeeded'`); n != 1 {
		t.Errorf("the run does not record its override")
	}
}

func TestAddedModelAppearsInRecalcAndNextRun(t *testing.T) {
	h := newHarness(t)
	d1, d2 := date(t, "2025-03-06"), date(t, "2025-03-07")
	h.run(RunOptions{Date: d1})
	old := digestWhere(t, h.db.Pool, "historical_bitcoin_calculations", true, "miner_model <> 'S21'")
	added, err := h.svc.AddModel(h.ctx, MinerModel{
		Name: "S21", HashrateTHs: decimal.RequireFromString("200"), PowerWatts: decimal.RequireFromString("3500"),
	})
	if err != nil || added.Change != Inserted || added.RunID == 0 {
		t.Fatalf("add S21: %+v, %v; want inserted and recorded as a run", added, err)
	}
	specModels["S21"] = modelSpec{"200", "3500"}
	t.Cleanup(func() { delete(specModels, "S21") })

	res, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d1, To: d1, Model: "S21"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 {
		t.Fatalf("recalc touched %d dates, want 1", len(res))
	}
	checkBitcoinAgainstSpec(t, h, d1)
	// A recalc asks the API nothing, and its run record says so with nulls.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'recalc --model S21'
		AND requests IS NULL AND stack_rows IS NULL AND periods_expected IS NULL AND curtailment_records > 0`); n != 1 {
		t.Errorf("recalc run records like that: %d, want 1", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'run'
		AND requests >= 96 AND stack_rows > 0 AND periods_expected = 48`); n != 1 {
		t.Errorf("fetching run records with their requests and stack rows: %d, want 1", n)
	}
	if now := digestWhere(t, h.db.Pool, "historical_bitcoin_calculations", true, "miner_model <> 'S21'"); now != old {
		t.Error("recalc --model S21 changed the other models' rows")
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM bitcoin_daily_summaries WHERE miner_model = 'S21' AND bitcoin_mined > 0`); n != 1 {
		t.Errorf("S21 daily summary rows: %d, want 1", n)
	}
	h.run(RunOptions{Date: d2})
	checkBitcoinAgainstSpec(t, h, d2)
	if n := count(t, h.db.Pool, `SELECT count(*) FROM bitcoin_monthly_summaries WHERE miner_model = 'S21' AND year_month = '2025-03'`); n != 1 {
		t.Error("S21 missing from the monthly summary")
	}

	if _, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d1, To: d1, Model: "NOPE"}); !IsBadInput(err) {
		t.Errorf("recalc of an unknown model: %v, want bad input", err)
	}
}
