package recon

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// The levels of `recon report`.
const (
	ReportDaily   = "daily"
	ReportMonthly = "monthly"
	ReportYearly  = "yearly"
)

// ReportOptions say what `recon report` covers.
type ReportOptions struct {
	Level string // ReportDaily, ReportMonthly or ReportYearly
	// From and To bound the settlement dates; nil means the first (last)
	// date stored. A monthly report widens them to whole months, a yearly
	// one to whole years.
	From, To *time.Time
	TopFarms int // how many farms to list; 0 means 10
	// TopLeadParties is how many lead parties paid for system-flagged offers
	// to list; 0 means DefaultTopLeadParties.
	TopLeadParties int
}

// ReportRow is one day, month or year of a report (or the range's total).
type ReportRow struct {
	Period       string // YYYY-MM-DD, YYYY-MM, YYYY, or "total"
	CurtailedMWh decimal.Decimal
	Payment      decimal.Decimal // £, usually negative: paid to the farms
	// Wind generation in MWh; null where `recon wind` has not fetched it.
	WindMWh, WindOnshoreMWh, WindOffshoreMWh decimal.NullDecimal
	// CurtailedShare is curtailed ÷ (generated + curtailed), over the days
	// with wind generation; null when there are none.
	CurtailedShare decimal.NullDecimal
	// DaysWithWind counts the days whose wind generation has been fetched
	// (0 or 1 for a day), and CurtailedMWhOnWindDays is their curtailed
	// energy (null when there are none): the share is
	// CurtailedMWhOnWindDays ÷ (WindMWh + CurtailedMWhOnWindDays).
	DaysWithWind           int
	CurtailedMWhOnWindDays decimal.NullDecimal
	Records                int
	// Covered is periods covered (a day) or days covered (a month or a
	// year); the total adds up its rows'.
	Covered int
	Bitcoin map[string]decimal.Decimal // by miner model
	// Value is what the Bitcoin was worth, and the cost per MWh beside it
	// (report_value.go).
	Value RowValue
	// WhatIf is true when some of the row's Bitcoin is what-if figures
	// (computed with an explicit difficulty, not the difficulty table).
	WhatIf bool
	// Cost is what the curtailment cost: both halves and the total
	// (report_cost.go).
	Cost CostFigures
}

// FarmRow is one of the farms with the most curtailment in a report's range.
type FarmRow struct {
	FarmID       string
	LeadParty    string
	Records      int
	CurtailedMWh decimal.Decimal
	Payment      decimal.Decimal
	Bitcoin      map[string]decimal.Decimal
	// Value is what the farm's Bitcoin was worth, £, by miner model; not
	// Valid when none of its periods had a BTC price.
	Value  map[string]decimal.NullDecimal
	WhatIf bool // as for ReportRow
}

// Report is what `recon report` shows; internal/report lays it out.
type Report struct {
	Level     string
	From, To  time.Time
	Generated time.Time
	// Synthetic is true when some of the data came from recon's stand-in
	// server: SYNTHETIC, not real.
	Synthetic bool
	Models    []string    // miner models, sorted
	Rows      []ReportRow // one per day, month or year with data
	Total     ReportRow
	Days      []ReportRow // one per day with data (the charts' x axis)
	TopFarms  []FarmRow
	// Months is one row per month with data in a monthly or yearly report
	// (the x axis of the value chart); nil in a daily report.
	Months []ReportRow
	// WhatIf are the dates of the range whose Bitcoin holds what-if
	// figures; the rows that include them are marked WhatIf.
	WhatIf []WhatIfDate
	// CostSeries is both halves of the cost per day (per month in a yearly
	// report), for the chart; WhoWasPaid who was paid in the range
	// (report_cost.go).
	CostSeries []CostPoint
	WhoWasPaid WhoWasPaid
}

// Report reads a report from the summaries and the base tables.
func (s *Service) Report(ctx context.Context, opt ReportOptions) (*Report, error) {
	q := db.New(s.Pool)
	from, to, err := s.reportRange(ctx, q, opt)
	if err != nil {
		return nil, err
	}
	rep := &Report{Level: opt.Level, From: from, To: to, Generated: s.now().UTC()}
	dr := db.ReportDaysParams{FromDate: from, ToDate: to}
	days, err := q.ReportDays(ctx, dr)
	if err != nil {
		return nil, fmt.Errorf("report days: %w", err)
	}
	btcDays, err := q.ReportBitcoinDays(ctx, db.ReportBitcoinDaysParams(dr))
	if err != nil {
		return nil, fmt.Errorf("report bitcoin: %w", err)
	}
	rep.Days = make([]ReportRow, len(days))
	for i, d := range days {
		rep.Days[i] = reportRow(d)
	}
	for _, b := range btcDays {
		addBitcoin(rep.Days, b.SummaryDate.Format(settlement.DateLayout), b.MinerModel, b.BitcoinMined)
		addModelValue(rep.Days, b.SummaryDate.Format(settlement.DateLayout), b.MinerModel, dayValue(b))
	}
	if err := s.reportRows(ctx, q, rep); err != nil {
		return nil, err
	}
	if rep.Total, err = reportTotal(ctx, q, rep); err != nil {
		return nil, err
	}
	if err := s.reportFarms(ctx, q, rep, opt.TopFarms); err != nil {
		return nil, err
	}
	if err := reportValues(ctx, q, rep); err != nil {
		return nil, err
	}
	if err := markWhatIf(ctx, q, rep); err != nil {
		return nil, err
	}
	if err := s.reportCosts(ctx, q, rep, opt.TopLeadParties); err != nil {
		return nil, err
	}
	rep.Synthetic, err = q.ReportSynthetic(ctx, db.ReportSyntheticParams(dr))
	if err != nil {
		return nil, fmt.Errorf("report sources: %w", err)
	}
	models, err := q.MinerModelsList(ctx)
	if err != nil {
		return nil, fmt.Errorf("miner models: %w", err)
	}
	for _, m := range models {
		rep.Models = append(rep.Models, m.Name)
	}
	return rep, nil
}

// reportRange resolves the options' dates, defaulting to the stored range
// and widening to whole months or years.
func (s *Service) reportRange(ctx context.Context, q *db.Queries, opt ReportOptions) (time.Time, time.Time, error) {
	switch opt.Level {
	case ReportDaily, ReportMonthly, ReportYearly:
	default:
		return time.Time{}, time.Time{}, BadInput("report level %q: give daily, monthly or yearly", opt.Level)
	}
	var from, to time.Time
	if opt.From == nil || opt.To == nil {
		cov, err := q.CoverageOverall(ctx)
		if err != nil {
			return from, to, fmt.Errorf("coverage: %w", err)
		}
		if cov.Dates == 0 {
			return from, to, BadInput("no data to report yet: run `recon run --date YYYY-MM-DD` (or backfill) first")
		}
		if from, err = settlement.ParseDate(cov.FirstDate); err != nil {
			return from, to, fmt.Errorf("coverage: first stored date: %w", err)
		}
		if to, err = settlement.ParseDate(cov.LastDate); err != nil {
			return from, to, fmt.Errorf("coverage: last stored date: %w", err)
		}
	}
	if opt.From != nil {
		from = *opt.From
	}
	if opt.To != nil {
		to = *opt.To
	}
	switch opt.Level {
	case ReportMonthly:
		from = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
		to = time.Date(to.Year(), to.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	case ReportYearly:
		from = time.Date(from.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		to = time.Date(to.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if from.After(to) {
		return from, to, BadInput("--from %s is after --to %s", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout))
	}
	return from, to, nil
}

// reportRow converts a row of ReportDays (ReportMonths and ReportYears rows
// have the same shape and convert to it).
func reportRow(r db.ReportDaysRow) ReportRow {
	return ReportRow{
		Period: r.Period, CurtailedMWh: r.CurtailedMwh, Payment: r.Payment, WindMWh: r.WindMwh,
		WindOnshoreMWh: r.WindOnshoreMwh, WindOffshoreMWh: r.WindOffshoreMwh, CurtailedShare: r.CurtailedShare,
		DaysWithWind: int(r.DaysWithWind), CurtailedMWhOnWindDays: r.CurtailedMwhOnWindDays,
		Records: int(r.CurtailmentRecords), Covered: int(r.Covered), Bitcoin: map[string]decimal.Decimal{},
		Value: newRowValue(),
	}
}

// addBitcoin puts one model's BTC on the row of a period.
func addBitcoin(rows []ReportRow, period, model string, btc decimal.Decimal) {
	i, ok := slices.BinarySearchFunc(rows, period, func(r ReportRow, p string) int {
		switch {
		case r.Period < p:
			return -1
		case r.Period > p:
			return 1
		}
		return 0
	})
	if ok {
		rows[i].Bitcoin[model] = btc
	}
}

// reportRows fills rep.Rows at the report's level.
func (s *Service) reportRows(ctx context.Context, q *db.Queries, rep *Report) error {
	switch rep.Level {
	case ReportDaily:
		rep.Rows = rep.Days
	case ReportMonthly:
		p := db.ReportMonthsParams{FromMonth: rep.From.Format("2006-01"), ToMonth: rep.To.Format("2006-01")}
		rows, err := q.ReportMonths(ctx, p)
		if err != nil {
			return fmt.Errorf("report months: %w", err)
		}
		btc, err := q.ReportBitcoinMonths(ctx, db.ReportBitcoinMonthsParams(p))
		if err != nil {
			return fmt.Errorf("report bitcoin months: %w", err)
		}
		for _, r := range rows {
			rep.Rows = append(rep.Rows, reportRow(db.ReportDaysRow(r)))
		}
		for _, b := range btc {
			addBitcoin(rep.Rows, b.YearMonth, b.MinerModel, b.BitcoinMined)
			addModelValue(rep.Rows, b.YearMonth, b.MinerModel, monthValue(b))
		}
	case ReportYearly:
		p := db.ReportYearsParams{FromYear: rep.From.Format("2006"), ToYear: rep.To.Format("2006")}
		rows, err := q.ReportYears(ctx, p)
		if err != nil {
			return fmt.Errorf("report years: %w", err)
		}
		btc, err := q.ReportBitcoinYears(ctx, db.ReportBitcoinYearsParams(p))
		if err != nil {
			return fmt.Errorf("report bitcoin years: %w", err)
		}
		for _, r := range rows {
			rep.Rows = append(rep.Rows, reportRow(db.ReportDaysRow(r)))
		}
		for _, b := range btc {
			addBitcoin(rep.Rows, b.Year, b.MinerModel, b.BitcoinMined)
			addModelValue(rep.Rows, b.Year, b.MinerModel, yearValue(b))
		}
	}
	return nil
}

// reportTotal reads the total line of the range from the database, added
// up as a month is (days_rollup) with the curtailed share over its days with
// wind; Covered is the periods of a daily report and the days otherwise.
func reportTotal(ctx context.Context, q *db.Queries, rep *Report) (ReportRow, error) {
	t, err := q.ReportTotal(ctx, db.ReportTotalParams{FromDate: rep.From, ToDate: rep.To})
	if err != nil {
		return ReportRow{}, fmt.Errorf("report total: %w", err)
	}
	// The query gives 0 where the value is null (see ReportTotal).
	withWind := func(d decimal.Decimal) decimal.NullDecimal {
		return decimal.NullDecimal{Decimal: d, Valid: t.DaysWithWind > 0}
	}
	row := ReportRow{
		Period: "total", CurtailedMWh: t.CurtailedMwh, Payment: t.Payment,
		WindMWh: withWind(t.WindMwh), WindOnshoreMWh: withWind(t.WindOnshoreMwh), WindOffshoreMWh: withWind(t.WindOffshoreMwh),
		CurtailedShare: decimal.NullDecimal{Decimal: t.CurtailedShare, Valid: t.HasShare},
		DaysWithWind:   int(t.DaysWithWind), CurtailedMWhOnWindDays: withWind(t.CurtailedMwhOnWindDays),
		Records: int(t.CurtailmentRecords), Covered: int(t.DaysCovered), Bitcoin: map[string]decimal.Decimal{},
		Value: newRowValue(),
	}
	if rep.Level == ReportDaily {
		row.Covered = int(t.PeriodsCovered)
	}
	btc, err := q.ReportBitcoinTotal(ctx, db.ReportBitcoinTotalParams{FromDate: rep.From, ToDate: rep.To})
	if err != nil {
		return ReportRow{}, fmt.Errorf("report bitcoin total: %w", err)
	}
	for _, b := range btc {
		row.Bitcoin[b.MinerModel] = b.BitcoinMined
		row.Value.addModel(b.MinerModel, totalValue(b))
	}
	return row, nil
}

// reportFarms fills rep.TopFarms.
func (s *Service) reportFarms(ctx context.Context, q *db.Queries, rep *Report, top int) error {
	if top <= 0 {
		top = 10
	}
	farms, err := q.ReportTopFarms(ctx, db.ReportTopFarmsParams{FromDate: rep.From, ToDate: rep.To, MaxFarms: int32(top)})
	if err != nil {
		return fmt.Errorf("report top farms: %w", err)
	}
	ids := make([]string, len(farms))
	index := map[string]int{}
	for i, f := range farms {
		ids[i] = f.FarmID
		index[f.FarmID] = i
		rep.TopFarms = append(rep.TopFarms, FarmRow{FarmID: f.FarmID, LeadParty: f.LeadPartyName, Records: int(f.Records),
			CurtailedMWh: f.CurtailedMwh, Payment: f.Payment, Bitcoin: map[string]decimal.Decimal{}, Value: map[string]decimal.NullDecimal{}})
	}
	btc, err := q.ReportFarmBitcoin(ctx, db.ReportFarmBitcoinParams{FromDate: rep.From, ToDate: rep.To, FarmIds: ids})
	if err != nil {
		return fmt.Errorf("report farm bitcoin: %w", err)
	}
	for _, b := range btc {
		rep.TopFarms[index[b.FarmID]].Bitcoin[b.MinerModel] = b.BitcoinMined
		rep.TopFarms[index[b.FarmID]].Value[b.MinerModel] = decimal.NullDecimal{Decimal: b.ValueGbp, Valid: b.HasValue}
	}
	return nil
}

// markWhatIf marks the rows (days, months or years, the total, the top
// farms) whose Bitcoin includes what-if figures of some date of the range.
func markWhatIf(ctx context.Context, q *db.Queries, rep *Report) error {
	dates, err := whatIfDates(ctx, q, rep.From, rep.To)
	if err != nil || len(dates) == 0 {
		return err
	}
	rep.WhatIf = dates
	rep.Total.WhatIf = true
	keys := map[string]bool{}
	days := make([]time.Time, len(dates))
	for i, d := range dates {
		days[i] = d.Date
		keys[d.Date.Format(settlement.DateLayout)] = true
		keys[d.Date.Format("2006-01")] = true
		keys[d.Date.Format("2006")] = true
	}
	for _, rows := range [][]ReportRow{rep.Rows, rep.Days, rep.Months} {
		for i := range rows {
			rows[i].WhatIf = keys[rows[i].Period]
		}
	}
	farms, err := q.ReportWhatIfFarms(ctx, days)
	if err != nil {
		return fmt.Errorf("report what-if farms: %w", err)
	}
	marked := map[string]bool{}
	for _, f := range farms {
		marked[f] = true
	}
	for i := range rep.TopFarms {
		rep.TopFarms[i].WhatIf = marked[rep.TopFarms[i].FarmID]
	}
	return nil
}
