package recon

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
)

// What curtailment cost, in a report: both halves on every row and the
// total, a series for the chart, and who was paid. Kept apart from the
// report's other figures (report.go), which it only adds to.

// CostFigures are both halves of what the curtailment of a report row cost.
type CostFigures struct {
	// BidCostGBP is the bid side as a cost: minus the payment, positive when
	// the wind farms are paid.
	BidCostGBP decimal.Decimal
	// TurnUpMWh and TurnUpCostGBP are the replacement ("turn-up") side: the
	// energy taken from the offer stacks to replace the curtailed energy and
	// what it cost (positive when the units turning up are paid).
	TurnUpMWh, TurnUpCostGBP decimal.Decimal
	// TotalCostGBP is BidCostGBP + TurnUpCostGBP, as the summaries store it
	// (SQL's curtailment_total_cost).
	TotalCostGBP decimal.Decimal
	// TotalCostPerMWhGBP is TotalCostGBP ÷ the curtailed MWh; null when no
	// energy was curtailed.
	TotalCostPerMWhGBP decimal.NullDecimal
}

// CostPoint is one bar of the cost chart: a day, or a month in a yearly
// report.
type CostPoint struct {
	Period string
	CostFigures
}

// FuelTurnUp is the turn-up of a report's range taken from the units of one
// fuel type.
type FuelTurnUp struct {
	FuelType      string // bm_units.fuel_type, or (no unit), (unlisted unit), (no fuel type)
	TurnUpMWh     decimal.Decimal
	TurnUpCostGBP decimal.Decimal
	RowsTaken     int64
	Units         int // BM units taken from (rows without a unit not counted)
	// CostShare is TurnUpCostGBP ÷ the range's turn-up cost (0 to 1); null
	// when that is 0.
	CostShare decimal.NullDecimal
}

// LeadPartyPaid is what a lead party's units were paid for offers the
// system operator flagged in a report's range: a different measure from the
// turn-up, never to be added to it.
type LeadPartyPaid struct {
	LeadParty  string
	PaymentGBP decimal.Decimal
	VolumeMWh  decimal.Decimal
	OfferRows  int64
	Units      int
	FuelTypes  string // of its units, comma-separated
}

// WhoWasPaid are a report's two who-was-paid measures.
type WhoWasPaid struct {
	// ByFuel splits the range's turn-up cost by fuel type; it adds up to the
	// total's TurnUpCostGBP.
	ByFuel []FuelTurnUp
	// TopLeadParties are the lead parties paid most for system-flagged
	// offers, most first.
	TopLeadParties []LeadPartyPaid
}

// DefaultTopLeadParties is how many lead parties a report lists by default.
const DefaultTopLeadParties = 10

// costRow is the shape every ReportCost* query answers.
type costRow = db.ReportCostDaysRow

func costFigures(r costRow) CostFigures {
	return CostFigures{
		BidCostGBP: r.BidCostGbp, TurnUpMWh: r.TurnUpMwh, TurnUpCostGBP: r.TurnUpCostGbp, TotalCostGBP: r.TotalCostGbp,
		TotalCostPerMWhGBP: decimal.NullDecimal{Decimal: r.TotalCostPerMwhGbp, Valid: r.HasMwh},
	}
}

// addCost puts the cost figures of a period on its row.
func addCost(rows []ReportRow, r costRow) {
	if i, ok := slices.BinarySearchFunc(rows, r.Period, func(x ReportRow, p string) int { return strings.Compare(x.Period, p) }); ok {
		rows[i].Cost = costFigures(r)
	}
}

// reportCosts adds both halves of the cost to the report's days, rows and
// total, the chart's series and who was paid. top bounds the lead parties
// listed (0 means DefaultTopLeadParties).
func (s *Service) reportCosts(ctx context.Context, q *db.Queries, rep *Report, top int) error {
	days, err := q.ReportCostDays(ctx, db.ReportCostDaysParams{FromDate: rep.From, ToDate: rep.To})
	if err != nil {
		return fmt.Errorf("report costs: %w", err)
	}
	for _, d := range days {
		addCost(rep.Days, d)
	}
	months := db.ReportCostMonthsParams{FromMonth: rep.From.Format("2006-01"), ToMonth: rep.To.Format("2006-01")}
	var rows []costRow
	switch rep.Level {
	case ReportDaily:
		rows = days
	case ReportMonthly:
		m, err := q.ReportCostMonths(ctx, months)
		if err != nil {
			return fmt.Errorf("report costs by month: %w", err)
		}
		for _, r := range m {
			rows = append(rows, costRow(r))
		}
	case ReportYearly:
		y, err := q.ReportCostYears(ctx, db.ReportCostYearsParams{FromYear: rep.From.Format("2006"), ToYear: rep.To.Format("2006")})
		if err != nil {
			return fmt.Errorf("report costs by year: %w", err)
		}
		for _, r := range y {
			rows = append(rows, costRow(r))
		}
	}
	if rep.Level != ReportDaily { // a daily report's rows are its days
		for _, r := range rows {
			addCost(rep.Rows, r)
		}
	}
	total, err := q.ReportCostTotal(ctx, db.ReportCostTotalParams{FromDate: rep.From, ToDate: rep.To})
	if err != nil {
		return fmt.Errorf("report cost total: %w", err)
	}
	rep.Total.Cost = costFigures(costRow(total))

	// The chart: a bar per day, or per month in a yearly report.
	series := days
	if rep.Level == ReportYearly {
		m, err := q.ReportCostMonths(ctx, months)
		if err != nil {
			return fmt.Errorf("report costs by month: %w", err)
		}
		series = nil
		for _, r := range m {
			series = append(series, costRow(r))
		}
	}
	rep.CostSeries = make([]CostPoint, len(series))
	for i, r := range series {
		rep.CostSeries[i] = CostPoint{Period: r.Period, CostFigures: costFigures(r)}
	}
	return s.reportWhoWasPaid(ctx, q, rep, top)
}

// reportWhoWasPaid fills rep.WhoWasPaid from the per-day tables (through the
// views turn_up_by_fuel_daily and so_offer_payments_daily).
func (s *Service) reportWhoWasPaid(ctx context.Context, q *db.Queries, rep *Report, top int) error {
	if top <= 0 {
		top = DefaultTopLeadParties
	}
	fuels, err := q.ReportTurnUpByFuel(ctx, db.ReportTurnUpByFuelParams{FromDate: rep.From, ToDate: rep.To})
	if err != nil {
		return fmt.Errorf("report turn-up by fuel type: %w", err)
	}
	w := WhoWasPaid{ByFuel: []FuelTurnUp{}, TopLeadParties: []LeadPartyPaid{}}
	for _, f := range fuels {
		w.ByFuel = append(w.ByFuel, FuelTurnUp{FuelType: f.FuelType, TurnUpMWh: f.TurnUpMwh, TurnUpCostGBP: f.TurnUpCostGbp,
			RowsTaken: f.RowsTaken, Units: int(f.Units), CostShare: decimal.NullDecimal{Decimal: f.CostShare, Valid: f.HasShare}})
	}
	parties, err := q.ReportTopLeadPartiesPaid(ctx, db.ReportTopLeadPartiesPaidParams{FromDate: rep.From, ToDate: rep.To, MaxParties: int32(top)})
	if err != nil {
		return fmt.Errorf("report lead parties paid: %w", err)
	}
	for _, p := range parties {
		w.TopLeadParties = append(w.TopLeadParties, LeadPartyPaid{LeadParty: p.LeadPartyName, PaymentGBP: p.PaymentGbp,
			VolumeMWh: p.VolumeMwh, OfferRows: p.OfferRows, Units: int(p.Units), FuelTypes: p.FuelTypes})
	}
	rep.WhoWasPaid = w
	return nil
}
