package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// CandidateUnit is a BM unit outside the registry whose archived rows would
// count as curtailment if it were a wind unit.
type CandidateUnit struct {
	Unit      string
	Rows      int
	EnergyMWh decimal.Decimal
	Payment   decimal.Decimal // £, same sign convention as curtailment_records.payment
	Days      int
	Periods   int
	First     time.Time
	Last      time.Time
}

// UnknownUnits lists the units outside the registry whose archived rows of
// the dates from..to would count as curtailment if they were wind units
// (the view curtailment_candidates_unregistered), largest energy first.
func (s *Service) UnknownUnits(ctx context.Context, from, to time.Time) ([]CandidateUnit, error) {
	if from.After(to) {
		return nil, BadInput("--from %s is after --to %s", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout))
	}
	rows, err := db.New(s.Pool).CandidateUnitsBetween(ctx, db.CandidateUnitsBetweenParams{FromDate: from, ToDate: to})
	if err != nil {
		return nil, fmt.Errorf("list candidate units: %w", err)
	}
	out := make([]CandidateUnit, len(rows))
	for i, r := range rows {
		out[i] = CandidateUnit{Unit: r.BmUnit, Rows: int(r.Rows), EnergyMWh: r.EnergyMwh, Payment: r.Payment,
			Days: int(r.Days), Periods: int(r.Periods), First: r.FirstDate, Last: r.LastDate}
	}
	return out, nil
}

// unregisteredRows is what the rows of units outside the registry that look
// like curtailment add up to in some periods of a date (read inside the
// run's transaction, after its archive is written).
func unregisteredRows(ctx context.Context, q *db.Queries, sp span) (UnregisteredRows, error) {
	r, err := q.CandidateUnitsForPeriods(ctx, db.CandidateUnitsForPeriodsParams(sp))
	if err != nil {
		return UnregisteredRows{}, fmt.Errorf("count units outside the registry: %w", err)
	}
	return UnregisteredRows{Units: int(r.Units), EnergyMWh: r.EnergyMwh}, nil
}
