package recon

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
)

// RowValue is what the Bitcoin of a report row (a day, month, year or the
// total) was worth, and what the curtailment cost per MWh beside it. Every
// figure comes from SQL (the stored values, the per-MWh functions of
// migration 00017); a figure that cannot be known is not Valid, never 0.
type RowValue struct {
	// BTCPriceGBP is the price of one bitcoin the values used for the
	// day's first period with Bitcoin; not Valid for months, years and the
	// total, nor for a day without Bitcoin or whose first period has no
	// price.
	BTCPriceGBP decimal.NullDecimal
	// BitcoinValueGBP is what the Bitcoin was worth, £, by miner model: the
	// sum of the values of the periods that have a price; not Valid when
	// none has.
	BitcoinValueGBP map[string]decimal.NullDecimal
	// ValuePerMWhGBP is the mining value per curtailed MWh, £/MWh, by
	// miner model.
	ValuePerMWhGBP map[string]decimal.NullDecimal
	// CostPerMWhGBP is the bid-side cost of curtailment per curtailed MWh,
	// £/MWh: -payment ÷ MWh, positive when the farms were paid.
	CostPerMWhGBP decimal.NullDecimal
	// PeriodsWithoutPrice counts the settlement periods with Bitcoin but no
	// BTC price (whose Bitcoin is in no value); PeriodsWithDerivedPrice
	// those valued with a derived price (price.SourceDerived). The most of
	// any miner model: the same for all unless a model was recalculated
	// alone.
	PeriodsWithoutPrice     int
	PeriodsWithDerivedPrice int
}

func newRowValue() RowValue {
	return RowValue{BitcoinValueGBP: map[string]decimal.NullDecimal{}, ValuePerMWhGBP: map[string]decimal.NullDecimal{}}
}

// DerivedPrices reports whether some of the row's values rest on derived
// prices, which are to be labelled as such.
func (v RowValue) DerivedPrices() bool { return v.PeriodsWithDerivedPrice > 0 }

// modelValue is one miner model's value figures, as the report queries give
// them.
type modelValue struct {
	value, perMWh           decimal.NullDecimal
	withoutPrice, withDeriv int
}

func dayValue(b db.ReportBitcoinDaysRow) modelValue {
	return modelValue{b.ValueGbp, decimal.NullDecimal{Decimal: b.ValuePerMwhGbp, Valid: b.HasValuePerMwh},
		int(b.PeriodsWithoutPrice), int(b.PeriodsWithDerivedPrice)}
}

func monthValue(b db.ReportBitcoinMonthsRow) modelValue {
	return modelValue{b.ValueGbp, decimal.NullDecimal{Decimal: b.ValuePerMwhGbp, Valid: b.HasValuePerMwh},
		int(b.PeriodsWithoutPrice), int(b.PeriodsWithDerivedPrice)}
}

func yearValue(b db.ReportBitcoinYearsRow) modelValue {
	return modelValue{b.ValueGbp, decimal.NullDecimal{Decimal: b.ValuePerMwhGbp, Valid: b.HasValuePerMwh},
		int(b.PeriodsWithoutPrice), int(b.PeriodsWithDerivedPrice)}
}

func totalValue(b db.ReportBitcoinTotalRow) modelValue {
	return modelValue{decimal.NullDecimal{Decimal: b.ValueGbp, Valid: b.HasValue},
		decimal.NullDecimal{Decimal: b.ValuePerMwhGbp, Valid: b.HasValuePerMwh},
		int(b.PeriodsWithoutPrice), int(b.PeriodsWithDerivedPrice)}
}

// addModel puts one miner model's figures on the row.
func (v *RowValue) addModel(model string, m modelValue) {
	v.BitcoinValueGBP[model] = m.value
	v.ValuePerMWhGBP[model] = m.perMWh
	v.PeriodsWithoutPrice = max(v.PeriodsWithoutPrice, m.withoutPrice)
	v.PeriodsWithDerivedPrice = max(v.PeriodsWithDerivedPrice, m.withDeriv)
}

// rowIndex finds the row of a period in rows ordered by period.
func rowIndex(rows []ReportRow, period string) (int, bool) {
	return slices.BinarySearchFunc(rows, period, func(r ReportRow, p string) int { return strings.Compare(r.Period, p) })
}

// addModelValue puts one model's figures on the row of a period.
func addModelValue(rows []ReportRow, period, model string, m modelValue) {
	if i, ok := rowIndex(rows, period); ok {
		rows[i].Value.addModel(model, m)
	}
}

// reportValues fills in the figures of the rows that do not come per miner
// model: each day's BTC price, the cost per MWh of every row and of the
// total, and, for a monthly or yearly report, the months (the x axis of the
// value chart).
func reportValues(ctx context.Context, q *db.Queries, rep *Report) error {
	days, err := q.ReportValueDays(ctx, db.ReportValueDaysParams{FromDate: rep.From, ToDate: rep.To})
	if err != nil {
		return fmt.Errorf("report day prices: %w", err)
	}
	for _, d := range days {
		if i, ok := rowIndex(rep.Days, d.Period); ok {
			rep.Days[i].Value.BTCPriceGBP = decimal.NullDecimal{Decimal: d.BtcPriceGbp, Valid: d.HasBtcPrice}
			rep.Days[i].Value.CostPerMWhGBP = decimal.NullDecimal{Decimal: d.CostPerMwhGbp, Valid: d.HasCostPerMwh}
		}
	}
	total, err := q.ReportValueTotal(ctx, db.ReportValueTotalParams{FromDate: rep.From, ToDate: rep.To})
	if err != nil {
		return fmt.Errorf("report cost per MWh: %w", err)
	}
	rep.Total.Value.CostPerMWhGBP = decimal.NullDecimal{Decimal: total.CostPerMwhGbp, Valid: total.HasCostPerMwh}

	switch rep.Level {
	case ReportMonthly:
		rep.Months = rep.Rows
		return monthCosts(ctx, q, rep, rep.Rows)
	case ReportYearly:
		if rep.Months, err = reportMonths(ctx, q, rep); err != nil {
			return err
		}
		if err := monthCosts(ctx, q, rep, rep.Months); err != nil {
			return err
		}
		years, err := q.ReportValueYears(ctx, db.ReportValueYearsParams{FromYear: rep.From.Format("2006"), ToYear: rep.To.Format("2006")})
		if err != nil {
			return fmt.Errorf("report cost per MWh of years: %w", err)
		}
		for _, y := range years {
			if i, ok := rowIndex(rep.Rows, y.Period); ok {
				rep.Rows[i].Value.CostPerMWhGBP = decimal.NullDecimal{Decimal: y.CostPerMwhGbp, Valid: y.HasCostPerMwh}
			}
		}
	}
	return nil
}

// monthCosts puts each month's cost per MWh on rows (the months of the
// report's range).
func monthCosts(ctx context.Context, q *db.Queries, rep *Report, rows []ReportRow) error {
	months, err := q.ReportValueMonths(ctx, db.ReportValueMonthsParams{FromMonth: rep.From.Format("2006-01"), ToMonth: rep.To.Format("2006-01")})
	if err != nil {
		return fmt.Errorf("report cost per MWh of months: %w", err)
	}
	for _, m := range months {
		if i, ok := rowIndex(rows, m.Period); ok {
			rows[i].Value.CostPerMWhGBP = decimal.NullDecimal{Decimal: m.CostPerMwhGbp, Valid: m.HasCostPerMwh}
		}
	}
	return nil
}

// reportMonths reads the months of a yearly report's range, with their
// Bitcoin and its value, for the value chart.
func reportMonths(ctx context.Context, q *db.Queries, rep *Report) ([]ReportRow, error) {
	p := db.ReportMonthsParams{FromMonth: rep.From.Format("2006-01"), ToMonth: rep.To.Format("2006-01")}
	rows, err := q.ReportMonths(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("report months: %w", err)
	}
	btc, err := q.ReportBitcoinMonths(ctx, db.ReportBitcoinMonthsParams(p))
	if err != nil {
		return nil, fmt.Errorf("report bitcoin months: %w", err)
	}
	months := make([]ReportRow, len(rows))
	for i, r := range rows {
		months[i] = reportRow(db.ReportDaysRow(r))
	}
	for _, b := range btc {
		addBitcoin(months, b.YearMonth, b.MinerModel, b.BitcoinMined)
		addModelValue(months, b.YearMonth, b.MinerModel, monthValue(b))
	}
	return months, nil
}
