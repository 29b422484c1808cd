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
// turn_up_by_period); nothing here decides which rows are taken. Then it
// rebuilds who was paid on the whole date (deriveWhoWasPaid).
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
	if err := deriveWhoWasPaid(ctx, q, date, runID); err != nil {
		return err
	}
	if err := q.TurnUpJITSet(ctx, jit); err != nil {
		return fmt.Errorf("restore jit: %w", err)
	}
	return nil
}

// TurnUpTotals are the turn-up (replacement) figures of some periods: the
// energy to replace (the curtailed MWh), what the walk took and what it cost,
// and the total cost of the periods' curtailment (both halves).
type TurnUpTotals struct {
	Periods       int             // periods with curtailment
	CurtailedMWh  decimal.Decimal // T summed over the periods
	TurnUpMWh     decimal.Decimal // energy taken from the offer stacks
	TurnUpCostGBP decimal.Decimal // its cost, £ (positive: paid to the units)
	ShortfallMWh  decimal.Decimal // CurtailedMWh − TurnUpMWh
	RowsTaken     int
	NullPriceRows int // rows taken with a null price (at no cost)
	// TotalCostGBP is the bid side as a cost (minus the payment) plus
	// TurnUpCostGBP, as SQL's curtailment_total_cost computes it.
	TotalCostGBP decimal.Decimal
}

// turnUpTotals reads back the turn-up totals of some periods of a date.
func turnUpTotals(ctx context.Context, q *db.Queries, date time.Time, r settlement.Range) (TurnUpTotals, error) {
	return turnUpTotalsOf(ctx, q, periodSpan(date, r))
}

// turnUpTotalsOf reads back the turn-up totals of a span of periods.
func turnUpTotalsOf(ctx context.Context, q *db.Queries, sp span) (TurnUpTotals, error) {
	t, err := q.TurnUpTotalsForPeriods(ctx, db.TurnUpTotalsForPeriodsParams(sp))
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
		TotalCostGBP:  t.TotalCostGbp,
	}, nil
}

// details are the turn-up figures a runs row keeps in its details, as exact
// decimal strings.
func (t TurnUpTotals) details() map[string]any {
	return map[string]any{
		"turn_up_mwh":           t.TurnUpMWh.String(),
		"turn_up_cost_gbp":      t.TurnUpCostGBP.String(),
		"turn_up_shortfall_mwh": t.ShortfallMWh.String(),
		"total_cost_gbp":        t.TotalCostGBP.String(),
	}
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

// deriveWhoWasPaid rebuilds the two who-was-paid measures of a whole date
// from its archive, whatever periods the run covers: the turn-up taken per
// BM unit (turn_up_unit_days, from the walk over the curtailment_records of
// every period, as they now stand) and the gross payments to system-flagged
// offers per unit (so_offer_unit_days). Both are defined by views of
// migration 00015 (turn_up_by_unit_day, so_offer_by_unit_day).
func deriveWhoWasPaid(ctx context.Context, q *db.Queries, date time.Time, runID int64) error {
	if _, err := q.TurnUpUnitDaysDelete(ctx, date); err != nil {
		return fmt.Errorf("delete turn-up per unit: %w", err)
	}
	if _, err := q.TurnUpUnitDaysDerive(ctx, db.TurnUpUnitDaysDeriveParams{RunID: runID, SettlementDate: date}); err != nil {
		return fmt.Errorf("derive turn-up per unit: %w", err)
	}
	if _, err := q.SOOfferUnitDaysDelete(ctx, date); err != nil {
		return fmt.Errorf("delete payments to system-flagged offers: %w", err)
	}
	if _, err := q.SOOfferUnitDaysDerive(ctx, db.SOOfferUnitDaysDeriveParams{RunID: runID, SettlementDate: date}); err != nil {
		return fmt.Errorf("derive payments to system-flagged offers: %w", err)
	}
	return nil
}

// turnUpChecks is the part of verify's consistency check that covers
// turn-up, as Inconsistency rows: each period of the date whose
// turn_up_periods row differs from the walk over the archive (or that only
// one of them has), and each unit whose who-was-paid rows differ from what
// the archive gives.
//
// Like the derivation, it runs with JIT compilation off (restored after): the
// planner prices the walk high enough to compile it, which doubles the time.
func turnUpChecks(ctx context.Context, q *db.Queries, date time.Time) ([]Inconsistency, error) {
	jit, err := q.TurnUpJITSetting(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the jit setting: %w", err)
	}
	if err := q.TurnUpJITSet(ctx, "off"); err != nil {
		return nil, fmt.Errorf("set jit off: %w", err)
	}
	rows, err := q.TurnUpConsistency(ctx, date)
	if err != nil {
		return nil, fmt.Errorf("check turn-up and who was paid: %w", err)
	}
	if err := q.TurnUpJITSet(ctx, jit); err != nil {
		return nil, fmt.Errorf("restore jit: %w", err)
	}
	out := make([]Inconsistency, len(rows))
	for i, r := range rows {
		out[i] = Inconsistency(r)
	}
	return out, nil
}
