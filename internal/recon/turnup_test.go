package recon

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// The turn-up walk, case by case, on stack rows planted directly in the
// archive: each case is one settlement period of one date, so one derivation
// covers them all.

// windUnit is a unit of the default wind registry (seed-212).
const windUnit = "2__NNATP001"

// plantedOffer is an offer-stack row: nil flags and price are null.
type plantedOffer struct {
	seq        int32
	so, cadl   *bool
	volume     string
	price      *string
	unit       *string
	bidSideRow bool // plant it on the bid side instead (never a candidate)
}

// plantedPeriod is one case: the volumes of its curtailment rows (negative
// MWh, on the bid side unless offerSide) and its offer stack.
type plantedPeriod struct {
	name        string
	curtailment []string
	offerSide   []string // negative, system-flagged wind offers: curtailment too
	offers      []plantedOffer
}

func gbp(s string) *string { return &s }

// plantRun records a run for the planted rows to belong to.
func plantRun(t *testing.T, pool *pgxpool.Pool, date time.Time) int64 {
	t.Helper()
	var runID int64
	if err := pool.QueryRow(context.Background(), `INSERT INTO runs (command, settlement_date, started_at, outcome)
		VALUES ('test', $1, now(), 'succeeded') RETURNING run_id`, date).Scan(&runID); err != nil {
		t.Fatal(err)
	}
	return runID
}

// plant archives the cases' stack rows for date, period i+1 for case i, as
// the stand-in would serve them (archiveRows).
func plant(t *testing.T, pool *pgxpool.Pool, date time.Time, runID int64, cases []plantedPeriod) {
	t.Helper()
	row := func(period int, seq int32, unit *string, so, cadl *bool, volume string, price *string) elexon.StackRow {
		r := elexon.StackRow{
			SettlementDate:   date.Format(settlement.DateLayout),
			SettlementPeriod: period,
			StartTime:        settlement.PeriodStart(date, period),
			SequenceNumber:   seq,
			ID:               unit,
			SoFlag:           so,
			CadlFlag:         cadl,
			Volume:           decimal.RequireFromString(volume),
		}
		if price != nil {
			r.OriginalPrice = decimal.NewNullDecimal(decimal.RequireFromString(*price))
		}
		return r
	}
	wind := ptr(windUnit)
	day := &elexon.Day{Date: date}
	for i, c := range cases {
		p := elexon.PeriodStack{Period: i + 1, Published: true}
		bidSeq, offerSeq := int32(1000), int32(1000)
		for _, v := range c.curtailment {
			bidSeq++
			p.Bid = append(p.Bid, row(p.Period, bidSeq, wind, yes, no, v, gbp("-50")))
		}
		for _, v := range c.offerSide {
			offerSeq++
			p.Offer = append(p.Offer, row(p.Period, offerSeq, wind, yes, no, v, gbp("60")))
		}
		for _, o := range c.offers {
			r := row(p.Period, o.seq, o.unit, o.so, o.cadl, o.volume, o.price)
			if o.bidSideRow {
				p.Bid = append(p.Bid, r)
			} else {
				p.Offer = append(p.Offer, r)
			}
		}
		day.Periods = append(day.Periods, p)
	}
	archiveRows(t, pool, runID, day)
}

// deriveAll derives curtailment and turn-up of the whole date, as a run does.
func deriveAll(t *testing.T, pool *pgxpool.Pool, date time.Time, runID int64) {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	q := db.New(tx)
	r := settlement.All(date)
	if err := deriveCurtailment(ctx, q, date, r, runID); err != nil {
		t.Fatal(err)
	}
	jitBefore, err := q.TurnUpJITSetting(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := deriveTurnUp(ctx, q, date, r, runID); err != nil {
		t.Fatal(err)
	}
	if jit, err := q.TurnUpJITSetting(ctx); err != nil || jit != jitBefore {
		t.Errorf("jit is %q after deriving turn-up, was %q (%v)", jit, jitBefore, err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

// turnUpRows reads turn_up_periods of a date by period.
func turnUpRows(t *testing.T, pool *pgxpool.Pool, date time.Time) map[int]db.TurnUpPeriod {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT settlement_period, curtailed_mwh, turn_up_mwh, turn_up_cost_gbp,
		shortfall_mwh, rows_taken, null_price_rows, candidate_rows, run_id
		FROM turn_up_periods WHERE settlement_date = $1`, date)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int]db.TurnUpPeriod{}
	for rows.Next() {
		var p db.TurnUpPeriod
		if err := rows.Scan(&p.SettlementPeriod, &p.CurtailedMwh, &p.TurnUpMwh, &p.TurnUpCostGbp, &p.ShortfallMwh,
			&p.RowsTaken, &p.NullPriceRows, &p.CandidateRows, &p.RunID); err != nil {
			t.Fatal(err)
		}
		p.SettlementDate = date
		out[int(p.SettlementPeriod)] = p
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// want is a turn_up_periods row expected for a case.
type want struct {
	curtailed, turnUp, cost, shortfall string
	rows, nullPrice, candidates        int32
	// taken lists "sequence:energy taken" in walk order, every candidate.
	taken string
}

func TestTurnUpWalkCases(t *testing.T) {
	h := newHarness(t)
	day := date(t, "2025-03-06")
	// The worked example of issue 12: T = 100 MWh; offers (seq, soFlag,
	// cadlFlag, volume, price). Row 3 is CADL-flagged; the order is 2, 4, 5
	// (not SO), then 1. Taken: 50 at £70, 30 at £90, 20 of 40 at £85.
	worked := []plantedOffer{
		{seq: 1, so: yes, cadl: no, volume: "80", price: gbp("120")},
		{seq: 2, so: no, cadl: nil, volume: "50", price: gbp("70")},
		{seq: 3, so: no, cadl: yes, volume: "500", price: gbp("10")},
		{seq: 4, so: no, cadl: no, volume: "30", price: gbp("90")},
		{seq: 5, so: nil, cadl: no, volume: "40", price: gbp("85")},
	}
	other := ptr("T_DRAXX-1")
	cases := []struct {
		plantedPeriod
		want *want // nil: no row
	}{
		{plantedPeriod{name: "worked example", curtailment: []string{"-100"}, offers: worked},
			&want{"100", "100", "7900", "0", 3, 0, 4, "2:50 4:30 5:20 1:0"}},
		{plantedPeriod{name: "exact boundary", curtailment: []string{"-60", "-20"}, offers: []plantedOffer{
			{seq: 1, so: no, cadl: no, volume: "50", price: gbp("10")},
			{seq: 2, so: no, cadl: no, volume: "30", price: gbp("20")},
			{seq: 3, so: no, cadl: no, volume: "40", price: gbp("30")},
		}}, &want{"80", "80", "1100", "0", 2, 0, 3, "1:50 2:30 3:0"}},
		{plantedPeriod{name: "shortfall", curtailment: []string{"-100"}, offers: []plantedOffer{
			{seq: 7, so: yes, cadl: no, volume: "20", price: gbp("50")},
			{seq: 9, so: no, cadl: no, volume: "30", price: gbp("10")},
		}}, &want{"100", "50", "1300", "50", 2, 0, 2, "9:30 7:20"}},
		{plantedPeriod{name: "no offers at all", curtailment: []string{"-40"}},
			&want{"40", "0", "0", "40", 0, 0, 0, ""}},
		{plantedPeriod{name: "only SO-flagged candidates", curtailment: []string{"-60"}, offers: []plantedOffer{
			{seq: 2, so: yes, cadl: nil, volume: "40", price: gbp("80")},
			{seq: 1, so: yes, cadl: no, volume: "40", price: gbp("100")},
		}}, &want{"60", "60", "5600", "0", 2, 0, 2, "1:40 2:20"}},
		{plantedPeriod{name: "cadlFlag null is false, true is out", curtailment: []string{"-50"}, offers: []plantedOffer{
			{seq: 1, so: no, cadl: yes, volume: "100", price: gbp("1")},
			{seq: 2, so: no, cadl: nil, volume: "30", price: gbp("10")},
			{seq: 3, so: nil, cadl: no, volume: "30", price: gbp("20")},
		}}, &want{"50", "50", "700", "0", 2, 0, 2, "2:30 3:20"}},
		{plantedPeriod{name: "null price taken at no cost", curtailment: []string{"-50"}, offers: []plantedOffer{
			{seq: 1, so: no, cadl: no, volume: "20", price: nil},
			{seq: 2, so: no, cadl: no, volume: "40", price: gbp("10")},
		}}, &want{"50", "50", "300", "0", 2, 1, 2, "1:20 2:30"}},
		{plantedPeriod{name: "volume <= 0 skipped; bid side never a candidate",
			curtailment: []string{"-20"}, offerSide: []string{"-10"}, offers: []plantedOffer{
				{seq: 1, so: no, cadl: no, volume: "0", price: gbp("5")},
				{seq: 2, so: no, cadl: no, volume: "-10", price: gbp("5")},
				{seq: 3, so: no, cadl: no, volume: "50", price: gbp("7"), unit: other},
				{seq: 4, so: no, cadl: no, volume: "99", price: gbp("1"), bidSideRow: true},
			}}, &want{"30", "30", "210", "0", 1, 0, 1, "3:30"}},
		{plantedPeriod{name: "exact decimals, negative price", curtailment: []string{"-1", "-0.25"}, offers: []plantedOffer{
			{seq: 1, so: no, cadl: no, volume: "0.333333333333", price: gbp("45.67")},
			{seq: 2, so: nil, cadl: nil, volume: "5", price: gbp("-12.5")},
		}}, &want{"1.25", "1.25", "3.76499999998061", "0", 2, 0, 2, "1:0.333333333333 2:0.916666666667"}},
		{plantedPeriod{name: "no curtailment: no row", offers: worked}, nil},
		{plantedPeriod{name: "not curtailment (soFlag false): no row", offers: worked}, nil},
	}
	planted := make([]plantedPeriod, len(cases))
	for i, c := range cases {
		planted[i] = c.plantedPeriod
	}
	// A wind bid that is not system-flagged is not curtailment.
	planted[len(planted)-1].offers = append(planted[len(planted)-1].offers,
		plantedOffer{seq: 77, so: no, volume: "-100", price: gbp("-40"), unit: ptr(windUnit), bidSideRow: true})

	runID := plantRun(t, h.db.Pool, day)
	plant(t, h.db.Pool, day, runID, planted)
	deriveAll(t, h.db.Pool, day, runID)
	got := turnUpRows(t, h.db.Pool, day)

	for i, c := range cases {
		period := i + 1
		g, ok := got[period]
		if c.want == nil {
			if ok {
				t.Errorf("%s: a turn_up_periods row %+v, want none", c.name, g)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no turn_up_periods row", c.name)
			continue
		}
		w := c.want
		for _, f := range []struct {
			what      string
			got, want decimal.Decimal
		}{
			{"curtailed_mwh", g.CurtailedMwh, decimal.RequireFromString(w.curtailed)},
			{"turn_up_mwh", g.TurnUpMwh, decimal.RequireFromString(w.turnUp)},
			{"turn_up_cost_gbp", g.TurnUpCostGbp, decimal.RequireFromString(w.cost)},
			{"shortfall_mwh", g.ShortfallMwh, decimal.RequireFromString(w.shortfall)},
		} {
			if !f.got.Equal(f.want) {
				t.Errorf("%s: %s = %s, want %s", c.name, f.what, f.got, f.want)
			}
		}
		if g.RowsTaken != w.rows || g.NullPriceRows != w.nullPrice || g.CandidateRows != w.candidates {
			t.Errorf("%s: rows taken %d, null price %d, candidates %d; want %d, %d, %d",
				c.name, g.RowsTaken, g.NullPriceRows, g.CandidateRows, w.rows, w.nullPrice, w.candidates)
		}
		if g.RunID != runID {
			t.Errorf("%s: run_id %d, want %d", c.name, g.RunID, runID)
		}
		if taken := walkOf(t, h.db.Pool, day, period); taken != w.taken {
			t.Errorf("%s: the walk took %q, want %q", c.name, taken, w.taken)
		}
	}
	// A curtailed period without candidates is in the walk once, candidate
	// columns null, nothing taken.
	if n := count(t, h.db.Pool, `SELECT count(*) FROM turn_up_walk WHERE settlement_date = $1 AND settlement_period = 4
		AND walk_position IS NULL AND sequence_number IS NULL AND taken_mwh = 0 AND cost_gbp IS NULL`, day); n != 1 {
		t.Errorf("the period without offers has %d null rows in turn_up_walk, want 1", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM turn_up_walk WHERE settlement_date = $1 AND walk_position IS NULL`, day); n != 1 {
		t.Errorf("%d null rows in turn_up_walk, want 1 (only the period without offers)", n)
	}
	if len(got) != 9 {
		t.Errorf("%d turn_up_periods rows, want 9 (one per curtailed period)", len(got))
	}
	// The worked example's figure, spelled out: £3,500 + £2,700 + £1,700.
	if !got[1].TurnUpCostGbp.Equal(decimal.NewFromInt(3500 + 2700 + 1700)) {
		t.Errorf("worked example: £%s", got[1].TurnUpCostGbp)
	}
}

// walkOf lists the walk of a period as "sequence:taken" in walk order.
func walkOf(t *testing.T, pool *pgxpool.Pool, date time.Time, period int) string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT walk_position, sequence_number, taken_mwh FROM turn_up_walk
		WHERE settlement_date = $1 AND settlement_period = $2 AND walk_position IS NOT NULL
		ORDER BY walk_position`, date, period)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var parts []string
	for i := int64(1); rows.Next(); i++ {
		var pos int64
		var seq int32
		var taken decimal.Decimal
		if err := rows.Scan(&pos, &seq, &taken); err != nil {
			t.Fatal(err)
		}
		if pos != i {
			t.Fatalf("walk positions not 1, 2, 3...: %d at %d", pos, i)
		}
		parts = append(parts, fmt.Sprintf("%d:%s", seq, taken))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(parts, " ")
}
