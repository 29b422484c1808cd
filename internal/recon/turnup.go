package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// deriveTurnUp rebuilds turn_up_periods of the periods from the archived
// offer stack and the curtailment_records of the same periods, which must
// already be derived in this transaction: call it right after
// deriveCurtailment. The walk itself is SQL (the views turn_up_walk and
// turn_up_by_period); nothing here decides which rows are taken.
//
// The derivation runs with PostgreSQL's JIT compilation off (restored after):
// see TurnUpJITSet.
func deriveTurnUp(ctx context.Context, q *db.Queries, date time.Time, r settlement.Range, runID int64) error {
	sp := periodSpan(date, r)
	if _, err := q.TurnUpDeleteForPeriods(ctx, db.TurnUpDeleteForPeriodsParams(sp)); err != nil {
		return fmt.Errorf("delete turn-up periods: %w", err)
	}
	jit, err := q.TurnUpJITSetting(ctx)
	if err != nil {
		return fmt.Errorf("read the jit setting: %w", err)
	}
	if err := q.TurnUpJITSet(ctx, "off"); err != nil {
		return fmt.Errorf("set jit off: %w", err)
	}
	if _, err := q.TurnUpDeriveForPeriods(ctx, db.TurnUpDeriveForPeriodsParams{
		RunID: runID, SettlementDate: date, PeriodFrom: sp.PeriodFrom, PeriodTo: sp.PeriodTo,
	}); err != nil {
		return fmt.Errorf("derive turn-up periods: %w", err)
	}
	if err := q.TurnUpJITSet(ctx, jit); err != nil {
		return fmt.Errorf("restore jit: %w", err)
	}
	return nil
}

// TurnUpTotals are the turn-up (replacement) figures of some periods: the
// energy to replace (the curtailed MWh), what the walk took and what it cost.
type TurnUpTotals struct {
	Periods       int             // periods with curtailment
	CurtailedMWh  decimal.Decimal // T summed over the periods
	TurnUpMWh     decimal.Decimal // energy taken from the offer stacks
	TurnUpCostGBP decimal.Decimal // its cost, £ (positive: paid to the units)
	ShortfallMWh  decimal.Decimal // CurtailedMWh − TurnUpMWh
	RowsTaken     int
	NullPriceRows int // rows taken with a null price (at no cost)
}

// turnUpTotals reads back the turn-up totals of some periods of a date.
func turnUpTotals(ctx context.Context, q *db.Queries, date time.Time, r settlement.Range) (TurnUpTotals, error) {
	t, err := q.TurnUpTotalsForPeriods(ctx, db.TurnUpTotalsForPeriodsParams(periodSpan(date, r)))
	if err != nil {
		return TurnUpTotals{}, fmt.Errorf("turn-up totals: %w", err)
	}
	return TurnUpTotals{
		Periods:       int(t.Periods),
		CurtailedMWh:  t.CurtailedMwh,
		TurnUpMWh:     t.TurnUpMwh,
		TurnUpCostGBP: t.TurnUpCostGbp,
		ShortfallMWh:  t.ShortfallMwh,
		RowsTaken:     int(t.RowsTaken),
		NullPriceRows: int(t.NullPriceRows),
	}, nil
}

// TurnUpInconsistency is a period whose stored turn-up differs from the walk
// over the archive as it stands, or that only one of them has (Stored,
// Derived say which; a side without the period reads 0).
type TurnUpInconsistency struct {
	Date                          time.Time
	Period                        int
	Stored, Derived               bool
	StoredMWh, DerivedMWh         decimal.Decimal
	StoredCostGBP, DerivedCostGBP decimal.Decimal
}

// turnUpInconsistencies lists the periods of dates from..to whose
// turn_up_periods rows disagree with the walk: for verify's consistency check.
func turnUpInconsistencies(ctx context.Context, q *db.Queries, from, to time.Time) ([]TurnUpInconsistency, error) {
	rows, err := q.TurnUpInconsistentPeriods(ctx, db.TurnUpInconsistentPeriodsParams{FromDate: from, ToDate: to})
	if err != nil {
		return nil, fmt.Errorf("check turn-up periods: %w", err)
	}
	out := make([]TurnUpInconsistency, len(rows))
	for i, r := range rows {
		out[i] = TurnUpInconsistency{
			Date: r.SettlementDate, Period: int(r.SettlementPeriod), Stored: r.Stored, Derived: r.Derived,
			StoredMWh: r.StoredTurnUpMwh, DerivedMWh: r.DerivedTurnUpMwh,
			StoredCostGBP: r.StoredTurnUpCostGbp, DerivedCostGBP: r.DerivedTurnUpCostGbp,
		}
	}
	return out, nil
}
