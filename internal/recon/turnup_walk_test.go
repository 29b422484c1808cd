package recon

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// goWalk is the turn-up walk written again in Go, independently of the SQL,
// from the definition: it is what every turn_up_periods row must
// equal.
type goWalk struct {
	curtailed, turnUp, cost, shortfall decimal.Decimal
	rows, nullPrice, candidates        int32
	soTaken                            int // rows taken whose soFlag is true
}

type archivedOffer struct {
	seq      int32
	so, cadl *bool
	volume   decimal.Decimal
	price    decimal.NullDecimal
}

// walkInGo walks one period's offers towards T.
func walkInGo(target decimal.Decimal, offers []archivedOffer) goWalk {
	var cands []archivedOffer
	for _, o := range offers {
		if (o.cadl == nil || !*o.cadl) && o.volume.IsPositive() {
			cands = append(cands, o)
		}
	}
	isSO := func(o archivedOffer) int {
		if o.so != nil && *o.so {
			return 1
		}
		return 0
	}
	slices.SortFunc(cands, func(a, b archivedOffer) int {
		return cmp.Or(cmp.Compare(isSO(a), isSO(b)), cmp.Compare(a.seq, b.seq))
	})
	w := goWalk{curtailed: target, candidates: int32(len(cands))}
	for _, o := range cands {
		rest := target.Sub(w.turnUp)
		if !rest.IsPositive() {
			break
		}
		take := decimal.Min(o.volume, rest)
		w.turnUp = w.turnUp.Add(take)
		w.rows++
		if o.price.Valid {
			w.cost = w.cost.Add(take.Mul(o.price.Decimal))
		} else {
			w.nullPrice++
		}
		w.soTaken += isSO(o)
	}
	w.shortfall = target.Sub(w.turnUp)
	return w
}

// quirkyOffers is a generated offer stack with the live API's quirks planted
// at its head (so that the walk meets them first): cadlFlag null, soFlag
// null, a null price, a null id, zero and negative volumes, a tiny volume,
// and a synthetic system-flagged offer with id "1" and no acceptance or
// bid-offer pair.
func quirkyOffers(t *testing.T, day time.Time, period int, keep int) []elexon.StackRow {
	t.Helper()
	rows, err := elexon.DecodeStack(elexontest.GenerateStack(day, period, elexon.Offer, 0), day, period)
	if err != nil {
		t.Fatal(err)
	}
	if keep > 0 && keep < len(rows) {
		rows = rows[:keep]
	}
	for i := range rows {
		r := &rows[i]
		if r.Volume.IsNegative() { // keep the quirks ahead of everything
			continue
		}
		r.SoFlag, r.CadlFlag = no, no
	}
	set := func(i int, f func(r *elexon.StackRow)) {
		if i < len(rows) {
			f(&rows[i])
		}
	}
	set(0, func(r *elexon.StackRow) { r.CadlFlag = nil; r.Volume = decimal.RequireFromString("0.25") })
	set(1, func(r *elexon.StackRow) {
		r.OriginalPrice = decimal.NullDecimal{}
		r.Volume = decimal.RequireFromString("0.5")
	})
	set(2, func(r *elexon.StackRow) { r.SoFlag = nil; r.ID = nil; r.AcceptanceID = nil; r.BidOfferPairID = nil })
	set(3, func(r *elexon.StackRow) { r.Volume = decimal.Zero })
	set(4, func(r *elexon.StackRow) { r.Volume = decimal.RequireFromString("-3.5"); r.ID = ptr("T_DRAXX-1") })
	set(5, func(r *elexon.StackRow) { r.Volume = decimal.RequireFromString("2.77777777778e-07") })
	set(6, func(r *elexon.StackRow) { r.CadlFlag = yes })
	last := rows[len(rows)-1]
	synthetic := last
	synthetic.SequenceNumber = last.SequenceNumber + 1
	synthetic.ID, synthetic.AcceptanceID, synthetic.BidOfferPairID = ptr("1"), nil, nil
	synthetic.SoFlag, synthetic.CadlFlag = yes, nil
	synthetic.Volume = decimal.RequireFromString("25.5")
	synthetic.OriginalPrice = decimal.NewNullDecimal(decimal.RequireFromString("99.10"))
	return append(rows, synthetic)
}

// withoutCurtailment is a generated stack with its curtailment-like rows
// (negative, system-flagged) left out.
func withoutCurtailment(t *testing.T, day time.Time, period int, side elexon.Side) []elexon.StackRow {
	t.Helper()
	rows, err := elexon.DecodeStack(elexontest.GenerateStack(day, period, side, 0), day, period)
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(rows, func(r elexon.StackRow) bool {
		return r.SoFlag != nil && *r.SoFlag && r.Volume.IsNegative()
	})
}

// walkArchive computes the Go walk for every curtailed period of a date from
// the archived offer rows and the curtailment records.
func walkArchive(t *testing.T, pool *pgxpool.Pool, day time.Time) map[int]goWalk {
	t.Helper()
	ctx := context.Background()
	targets := map[int]decimal.Decimal{}
	rows, err := pool.Query(ctx, `SELECT settlement_period, volume FROM curtailment_records WHERE settlement_date = $1`, day)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p int16
		var v decimal.Decimal
		if err := rows.Scan(&p, &v); err != nil {
			t.Fatal(err)
		}
		targets[int(p)] = targets[int(p)].Add(v.Abs())
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	offers := map[int][]archivedOffer{}
	rows, err = pool.Query(ctx, `SELECT settlement_period, sequence_number, so_flag, cadl_flag, volume, original_price
		FROM stack_rows WHERE settlement_date = $1 AND side = 'offer'`, day)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p int16
		var o archivedOffer
		if err := rows.Scan(&p, &o.seq, &o.so, &o.cadl, &o.volume, &o.price); err != nil {
			t.Fatal(err)
		}
		offers[int(p)] = append(offers[int(p)], o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	out := map[int]goWalk{}
	for p, target := range targets {
		out[p] = walkInGo(target, offers[p])
	}
	return out
}

// sameAsGoWalk fails the test for each period where turn_up_periods and the
// Go walk disagree, and returns the Go walk.
func sameAsGoWalk(t *testing.T, pool *pgxpool.Pool, day time.Time) map[int]goWalk {
	t.Helper()
	want := walkArchive(t, pool, day)
	got := turnUpRows(t, pool, day)
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			t.Errorf("period %d: curtailed (%s MWh) but no turn_up_periods row", p, w.curtailed)
			continue
		}
		if !g.CurtailedMwh.Equal(w.curtailed) || !g.TurnUpMwh.Equal(w.turnUp) || !g.TurnUpCostGbp.Equal(w.cost) ||
			!g.ShortfallMwh.Equal(w.shortfall) || g.RowsTaken != w.rows || g.NullPriceRows != w.nullPrice ||
			g.CandidateRows != w.candidates {
			t.Errorf("period %d: turn_up_periods %s→%s MWh £%s short %s, %d rows (%d null price) of %d;\n"+
				"               the Go walk %s→%s MWh £%s short %s, %d rows (%d null price) of %d",
				p, g.CurtailedMwh, g.TurnUpMwh, g.TurnUpCostGbp, g.ShortfallMwh, g.RowsTaken, g.NullPriceRows, g.CandidateRows,
				w.curtailed, w.turnUp, w.cost, w.shortfall, w.rows, w.nullPrice, w.candidates)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("period %d: a turn_up_periods row but no curtailment", p)
		}
	}
	return want
}

func TestTurnUpEqualsGoWalkOnAStandInDay(t *testing.T) {
	h := newHarness(t)
	day := date(t, "2025-03-06")
	for _, p := range []int{3, 17, 30} {
		h.api.SetStack(day, p, elexon.Offer, quirkyOffers(t, day, p, 0))
	}
	// Few candidates: the walk runs out (shortfall) after taking the
	// system-flagged synthetic row too.
	h.api.SetStack(day, 41, elexon.Offer, quirkyOffers(t, day, 41, 9))
	// No curtailment at all in period 44: no turn_up_periods row.
	h.api.SetStack(day, 44, elexon.Bid, withoutCurtailment(t, day, 44, elexon.Bid))
	h.api.SetStack(day, 44, elexon.Offer, withoutCurtailment(t, day, 44, elexon.Offer))
	res := h.run(RunOptions{Date: day})

	walks := sameAsGoWalk(t, h.db.Pool, day)
	// The day must have exercised what the test is about.
	var nullPrice, soTaken, short, periods int
	for _, w := range walks {
		nullPrice += int(w.nullPrice)
		soTaken += w.soTaken
		if w.shortfall.IsPositive() {
			short++
		}
		periods++
	}
	if periods != 47 || nullPrice < 4 || soTaken == 0 || short == 0 {
		t.Errorf("the day covered %d curtailed periods (want 47), %d null-price rows taken (want >= 4), %d system-flagged rows taken, %d periods short: not the day planted",
			periods, nullPrice, soTaken, short)
	}
	if _, ok := walks[44]; ok {
		t.Error("period 44 has curtailment although its bid stack was planted without")
	}
	if !res.EnergyMWh.IsPositive() {
		t.Fatal("no curtailment on the stand-in day")
	}
	totals, err := turnUpTotals(h.ctx, db.New(h.db.Pool), day, settlement.All(day))
	if err != nil {
		t.Fatal(err)
	}
	if !totals.CurtailedMWh.Equal(res.EnergyMWh) || totals.Periods != 47 ||
		!totals.TurnUpMWh.Add(totals.ShortfallMWh).Equal(totals.CurtailedMWh) {
		t.Errorf("turn-up totals %+v do not add up to the run's %s MWh over 47 periods", totals, res.EnergyMWh)
	}
}
