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
	// FuelType and LeadParty are as Elexon's BM unit list (bm_units) has
	// them; nil when it does not list the unit or gives none.
	FuelType, LeadParty *string
}

// UnknownUnits lists the units outside the registry whose archived rows of
// the dates from..to would count as curtailment if they were wind units
// (the view curtailment_candidates_unregistered), largest energy first.
func (s *Service) UnknownUnits(ctx context.Context, from, to time.Time) ([]CandidateUnit, error) {
	units, _, err := s.UnknownUnitsTop(ctx, from, to, 0)
	return units, err
}

// UnknownUnitsTop is UnknownUnits with at most limit units (0: all), and
// how many there are in all.
func (s *Service) UnknownUnitsTop(ctx context.Context, from, to time.Time, limit int) ([]CandidateUnit, int, error) {
	if from.After(to) {
		return nil, 0, BadInput("--from %s is after --to %s", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout))
	}
	if limit < 0 {
		return nil, 0, BadInput("--limit %d: give 1 or more, or 0 for every unit", limit)
	}
	var maxRows *int32
	if limit > 0 {
		maxRows = ptr(int32(limit))
	}
	rows, err := db.New(s.Pool).CandidateUnitsBetween(ctx, db.CandidateUnitsBetweenParams{FromDate: from, ToDate: to, MaxRows: maxRows})
	if err != nil {
		return nil, 0, fmt.Errorf("list candidate units: %w", err)
	}
	out := make([]CandidateUnit, len(rows))
	total := 0
	for i, r := range rows {
		out[i] = CandidateUnit{Unit: r.BmUnit, Rows: int(r.Rows), EnergyMWh: r.EnergyMwh, Payment: r.Payment,
			Days: int(r.Days), Periods: int(r.Periods), First: r.FirstDate, Last: r.LastDate,
			FuelType: r.FuelType, LeadParty: r.LeadPartyName}
		total = int(r.Units)
	}
	return out, total, nil
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
