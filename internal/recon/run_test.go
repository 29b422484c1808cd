package recon

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// stackRow builds a hand-written stack row for period p of date d.
func stackRow(d time.Time, p int, seq int32, id string, volume, price string, so, cadl *bool) elexon.StackRow {
	r := elexon.StackRow{
		SettlementDate:   d.Format(settlement.DateLayout),
		SettlementPeriod: p,
		StartTime:        settlement.PeriodStart(d, p),
		SequenceNumber:   seq,
		SoFlag:           so,
		CadlFlag:         cadl,
		Volume:           decimal.RequireFromString(volume),
	}
	created := settlement.PeriodStart(d, p).Add(3 * time.Hour)
	r.CreatedDateTime = &created
	if id != "" {
		r.ID = &id
	}
	acc := int64(1000 + seq)
	r.AcceptanceID = &acc
	if price != "" {
		r.OriginalPrice = decimal.NewNullDecimal(decimal.RequireFromString(price))
		r.FinalPrice = r.OriginalPrice
	}
	return r
}

var (
	yes = ptr(true)
	no  = ptr(false)
)

// Wind units of the default registry, and one unit that is not in it.
const (
	windA   = "T_SGRWO-1" // Seagreen
	windB   = "T_WHILW-1" // Whitelee
	windC   = "2__PEDGE003"
	notWind = "T_DRAXX-1"
)

func TestRunDerivesCurtailmentExactly(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	const p = 10
	h.api.SetStack(d, p, elexon.Bid, []elexon.StackRow{
		stackRow(d, p, 1, windA, "-10.5", "-40", yes, nil),                 // counts
		stackRow(d, p, 2, windA, "-2.25", "-35.5", yes, no),                // same unit, another acceptance: counts too
		stackRow(d, p, 3, windA, "-1", "-40", no, nil),                     // soFlag false
		stackRow(d, p, 4, windB, "-3", "-40", nil, nil),                    // soFlag null is not true
		stackRow(d, p, 5, notWind, "-50", "-10", yes, nil),                 // not a wind unit
		stackRow(d, p, 6, "", "-5", "-10", yes, nil),                       // no BM unit at all
		stackRow(d, p, 7, windB, "-0.004166666666666667", "-20", yes, yes), // tiny, with cadlFlag too: counts
		stackRow(d, p, 8, windB, "4", "-20", yes, nil),                     // positive volume
		stackRow(d, p, 9, windC, "-1.5", "12.25", yes, nil),                // positive-priced wind bid: counts
		stackRow(d, p, 10, windC, "-2", "", yes, nil),                      // no price: counts, payment null
		stackRow(d, p, 11, windA, "-6", "-40", no, yes),                    // cadlFlag alone does not count
	})
	h.api.SetStack(d, p, elexon.Offer, []elexon.StackRow{
		stackRow(d, p, 1, windB, "-7", "60", yes, nil), // a wind offer turned down: counts
		stackRow(d, p, 2, windB, "7", "60", yes, nil),  // an offer taken: not curtailment
	})
	r := settlement.Range{From: p, To: p}
	res := h.run(RunOptions{Date: d, Periods: &r})

	rows, err := h.db.Pool.Query(h.ctx, `
		SELECT side, sequence_number, farm_id, volume::text, coalesce(payment::text, 'null'), coalesce(lead_party_name, '')
		FROM curtailment_records ORDER BY side, sequence_number`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var side, farm, vol, pay, lead string
		var seq int
		if err := rows.Scan(&side, &seq, &farm, &vol, &pay, &lead); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{side, itoa(seq), farm, vol, pay, lead}, " "))
	}
	want := []string{
		"bid 1 T_SGRWO-1 -10.5 -420.0 Seagreen Wind Energy Limited",
		"bid 2 T_SGRWO-1 -2.25 -79.875 Seagreen Wind Energy Limited",
		"bid 7 T_WHILW-1 -0.004166666666666667 -0.083333333333333340 SP Renewables (UK) Limited",
		"bid 9 2__PEDGE003 -1.5 18.375 Edgware Energy Limited",
		"bid 10 2__PEDGE003 -2 null Edgware Energy Limited",
		"offer 1 T_WHILW-1 -7 420 SP Renewables (UK) Limited",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("curtailment_records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM stack_rows`); n != 13 {
		t.Errorf("stack_rows has %d rows, want all 13 archived", n)
	}
	wantMWh := decimal.RequireFromString("23.254166666666666667")
	wantPay := decimal.RequireFromString("-61.58333333333333334")
	if !res.EnergyMWh.Equal(wantMWh) || !res.Payment.Equal(wantPay) || res.Records != 6 || res.NullPriceRows != 1 {
		t.Errorf("result: %d records, %s MWh, £%s, %d null prices; want 6, %s, %s, 1",
			res.Records, res.EnergyMWh, res.Payment, res.NullPriceRows, wantMWh, wantPay)
	}
	var dayMWh, dayPay decimal.Decimal
	if err := h.db.Pool.QueryRow(h.ctx, `SELECT total_curtailed_energy, total_payment FROM daily_summaries WHERE summary_date = $1`, d).Scan(&dayMWh, &dayPay); err != nil {
		t.Fatal(err)
	}
	if !dayMWh.Equal(wantMWh) || !dayPay.Equal(wantPay) {
		t.Errorf("daily summary %s MWh £%s, want %s £%s", dayMWh, dayPay, wantMWh, wantPay)
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func TestRunClockChangeDays(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		date    string
		periods int
	}{{"2025-03-30", 46}, {"2025-10-26", 50}, {"2025-03-06", 48}} {
		d := date(t, tc.date)
		res := h.run(RunOptions{Date: d})
		if res.PeriodsExpected != tc.periods || res.PeriodsPublished != tc.periods {
			t.Errorf("%s: %d of %d periods published, want %d of %d", tc.date, res.PeriodsPublished, res.PeriodsExpected, tc.periods, tc.periods)
		}
		if n := count(t, h.db.Pool, `SELECT count(*) FROM settlement_periods WHERE settlement_date = $1 AND published`, d); n != tc.periods {
			t.Errorf("%s: %d published periods stored, want %d", tc.date, n, tc.periods)
		}
		if n := count(t, h.db.Pool, `SELECT count(DISTINCT settlement_period) FROM stack_rows WHERE settlement_date = $1`, d); n != tc.periods {
			t.Errorf("%s: stack rows cover %d periods, want %d", tc.date, n, tc.periods)
		}
		if n := count(t, h.db.Pool, `SELECT count(DISTINCT settlement_period) FROM curtailment_records WHERE settlement_date = $1`, d); n != tc.periods {
			t.Errorf("%s: curtailment covers %d periods, want %d (the stand-in curtails every period)", tc.date, n, tc.periods)
		}
		if n := count(t, h.db.Pool, `SELECT max(settlement_period) FROM stack_rows WHERE settlement_date = $1`, d); n != tc.periods {
			t.Errorf("%s: last period stored is %d, want %d", tc.date, n, tc.periods)
		}
	}
}

func TestRunTransientFaultsGiveCompleteData(t *testing.T) {
	d := date(t, "2025-03-06")
	clean := newHarness(t)
	clean.run(RunOptions{Date: d})

	faulty := newHarness(t)
	faulty.api.AddFault(elexontest.Fault{Kind: elexontest.ServerError, Period: 5, Side: elexon.Bid, Times: 2})
	faulty.api.AddFault(elexontest.Fault{Kind: elexontest.Unavailable, Period: 30, Times: 1})
	faulty.api.AddFault(elexontest.Fault{Kind: elexontest.TooManyRequests, Period: 9, Side: elexon.Offer, Times: 2, RetryAfter: time.Second})
	res := faulty.run(RunOptions{Date: d})
	if res.PeriodsPublished != 48 {
		t.Fatalf("%d of 48 periods published after transient faults", res.PeriodsPublished)
	}
	if res.Requests <= 96 {
		t.Errorf("%d requests: the faults should have caused retries beyond the 96 needed", res.Requests)
	}
	sameSnapshots(t, snapshot(t, clean.db.Pool, true), snapshot(t, faulty.db.Pool, true))
}

func TestRunFailingPeriodChangesNothing(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	h.api.Revise(d, 3) // the API now says something else, so a partial write would show
	before := snapshot(t, h.db.Pool, false)
	runsBefore := count(t, h.db.Pool, `SELECT count(*) FROM runs`)

	h.api.AddFault(elexontest.Fault{Kind: elexontest.ServerError, Period: 17, Side: elexon.Bid})
	_, err := h.svc.Run(h.ctx, RunOptions{Date: d})
	if err == nil {
		t.Fatal("run succeeded although period 17 always fails")
	}
	for _, want := range []string{"2025-03-06", "period 17", "bid"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE outcome = 'failed' AND error LIKE '%period 17%'`); n != 1 {
		t.Errorf("%d failed runs recorded, want 1", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs`); n != runsBefore+1 {
		t.Errorf("runs grew from %d to %d, want exactly one failure record", runsBefore, n)
	}
}

func TestRunTwiceGivesIdenticalTables(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	first := snapshot(t, h.db.Pool, true)
	h.run(RunOptions{Date: d})
	sameSnapshots(t, first, snapshot(t, h.db.Pool, true))
	if first["curtailment_records"] == "empty" {
		t.Fatal("no curtailment records: the comparison proves nothing")
	}
}

func TestRunSomePeriodsChangesOnlyThose(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	tables := []string{"stack_rows", "curtailment_records", "historical_bitcoin_calculations"}
	part := func(where string) map[string]string {
		out := map[string]string{}
		for _, table := range tables {
			out[table] = digestWhere(t, h.db.Pool, table, true, where)
		}
		return out
	}
	early, late := part("settlement_period < 44"), part("settlement_period >= 44")
	for _, p := range []int{10, 44, 46, 48} {
		h.api.Revise(d, p)
	}
	r := settlement.Range{From: 44, To: 48}
	res := h.run(RunOptions{Date: d, Periods: &r})
	if res.PeriodsExpected != 5 {
		t.Errorf("expected %d periods, want 5", res.PeriodsExpected)
	}
	sameSnapshots(t, early, part("settlement_period < 44")) // period 10 was revised but not rerun
	for table, b := range late {
		if a := part("settlement_period >= 44")[table]; a == b {
			t.Errorf("%s: periods 44-48 did not change although the API revised them", table)
		}
	}
	// The day's summary follows the new rows.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM daily_summaries AS d
		WHERE d.total_curtailed_energy = (SELECT sum(abs(volume)) FROM curtailment_records)`); n != 1 {
		t.Error("daily summary does not equal the sum of the curtailment records after a partial run")
	}
}

func TestMonthSummaryIsTheSumOfItsDays(t *testing.T) {
	h := newHarness(t)
	h.run(RunOptions{Date: date(t, "2025-03-06")})
	h.run(RunOptions{Date: date(t, "2025-03-07")})
	h.run(RunOptions{Date: date(t, "2025-04-01")})
	checks := map[string]string{
		"month energy = sum of days": `SELECT count(*) FROM monthly_summaries AS m WHERE m.year_month = '2025-03'
			AND m.total_curtailed_energy = (SELECT sum(total_curtailed_energy) FROM daily_summaries WHERE summary_date < '2025-04-01')
			AND m.total_payment = (SELECT sum(total_payment) FROM daily_summaries WHERE summary_date < '2025-04-01')
			AND m.days_covered = 2`,
		"month energy = sum of records": `SELECT count(*) FROM monthly_summaries AS m WHERE m.year_month = '2025-03'
			AND m.total_curtailed_energy = (SELECT sum(abs(volume)) FROM curtailment_records WHERE settlement_date < '2025-04-01')
			AND m.total_payment = (SELECT sum(payment) FROM curtailment_records WHERE settlement_date < '2025-04-01')`,
		"year = sum of records": `SELECT count(*) FROM yearly_summaries AS y WHERE y.year = '2025'
			AND y.total_curtailed_energy = (SELECT sum(abs(volume)) FROM curtailment_records)
			AND y.days_covered = 3`,
		"bitcoin month = sum of rows": `SELECT count(*) FROM bitcoin_monthly_summaries AS m WHERE m.year_month = '2025-03'
			AND m.bitcoin_mined = (SELECT sum(bitcoin_mined) FROM historical_bitcoin_calculations AS b
			                       WHERE b.miner_model = m.miner_model AND b.settlement_date < '2025-04-01')`,
		"bitcoin year = sum of rows": `SELECT count(*) FROM bitcoin_yearly_summaries AS y WHERE y.year = '2025'
			AND y.bitcoin_mined = (SELECT sum(bitcoin_mined) FROM historical_bitcoin_calculations AS b WHERE b.miner_model = y.miner_model)`,
	}
	want := map[string]int{"bitcoin month = sum of rows": 3, "bitcoin year = sum of rows": 3}
	for name, q := range checks {
		w := want[name]
		if w == 0 {
			w = 1
		}
		if n := count(t, h.db.Pool, q); n != w {
			t.Errorf("%s: %d rows satisfy it, want %d", name, n, w)
		}
	}
}

func TestRunUnpublishedPeriods(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.api.Unpublish(d, 20)
	h.api.Unpublish(d, 21)
	res := h.run(RunOptions{Date: d})
	if res.PeriodsPublished != 46 || len(res.Unpublished) != 2 || res.Unpublished[0] != 20 || res.Unpublished[1] != 21 {
		t.Errorf("published %d, unpublished %v; want 46 and [20 21]", res.PeriodsPublished, res.Unpublished)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM settlement_periods WHERE NOT published AND settlement_period IN (20, 21)`); n != 2 {
		t.Errorf("%d unpublished periods recorded, want 2", n)
	}
	if n := count(t, h.db.Pool, `SELECT periods_covered FROM daily_summaries`); n != 46 {
		t.Errorf("daily summary covers %d periods, want 46", n)
	}

	// When no period is published, the run fails: a wrong URL or a date too
	// recent looks exactly like that, and must never read as zero curtailment.
	d2 := date(t, "2025-03-07")
	for p := 1; p <= 48; p++ {
		h.api.Unpublish(d2, p)
	}
	before := snapshot(t, h.db.Pool, false)
	_, err := h.svc.Run(h.ctx, RunOptions{Date: d2})
	if err == nil || !strings.Contains(err.Error(), "published none") {
		t.Fatalf("run of an unpublished day: %v, want an error saying none is published", err)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
}

func TestRunRejectsBadInputBeforeFetching(t *testing.T) {
	h := newHarness(t)
	future := settlement.Today(fixedNow).AddDate(0, 0, 1)
	for name, opt := range map[string]RunOptions{
		"future date":     {Date: future},
		"period too late": {Date: date(t, "2025-03-30"), Periods: &settlement.Range{From: 45, To: 47}},
		"reversed":        {Date: date(t, "2025-03-06"), Periods: &settlement.Range{From: 9, To: 3}},
		"zero difficulty": {Date: date(t, "2025-03-06"), Difficulty: ptr(decimal.Zero)},
	} {
		_, err := h.svc.Run(h.ctx, opt)
		if !IsBadInput(err) {
			t.Errorf("%s: error %v, want bad input", name, err)
		}
	}
	if n := h.api.Requests(); n != 0 {
		t.Errorf("%d API requests for bad input, want 0", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs`); n != 0 {
		t.Errorf("%d runs recorded for bad input, want 0", n)
	}
}

func TestRunCancelledLeavesNothing(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	before := snapshot(t, h.db.Pool, false)
	// Every request hangs until the run gives up on it, and the run is
	// cancelled once the stand-in has seen a request: it is cancelled while
	// fetching however slow the machine, not before it starts nor after.
	h.api.AddFault(elexontest.Fault{Kind: elexontest.Hang})
	ctx, cancel := context.WithCancel(h.ctx)
	defer cancel()
	go func() {
		for h.api.Requests() == 0 && ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err := h.svc.Run(ctx, RunOptions{Date: d})
	if err == nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v, want context.Canceled", err)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
}

func TestRunRefusesToDeleteAPeriodTheAPIWithdrew(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	before := snapshot(t, h.db.Pool, false)
	h.api.Unpublish(d, 20)
	_, err := h.svc.Run(h.ctx, RunOptions{Date: d})
	if err == nil || !strings.Contains(err.Error(), "no longer publishes period(s) 20 of 2025-03-06") {
		t.Fatalf("run over a withdrawn period: %v, want a refusal naming period 20", err)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	// The other periods can still be refreshed.
	r := settlement.Range{From: 21, To: 48}
	h.run(RunOptions{Date: d, Periods: &r})
	if n := count(t, h.db.Pool, `SELECT count(*) FROM curtailment_records WHERE settlement_period = 20`); n == 0 {
		t.Error("period 20's records are gone")
	}
}
