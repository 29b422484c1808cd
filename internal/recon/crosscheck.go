package recon

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
	"github.com/recon-energy/recon/internal/wastedwind"
)

// `recon crosscheck wastedwind`: recon's monthly figures beside those
// wastedwind.energy publishes. The pairing of the figures, which months are
// compared and what "within the tolerance" means are SQL's
// (sql/queries/crosscheck.sql); this fetches, records and reports.

// Crosscheck names, as runs.command and crosscheck_months.source record
// them.
const (
	CommandCrosscheckWastedwind = "crosscheck wastedwind"
	SourceWastedwind            = "wastedwind.energy"
)

// DefaultTolerancePct is the tolerance of a crosscheck, percent of the
// source's figure.
var DefaultTolerancePct = decimal.NewFromInt(2)

// The statuses of a month in a crosscheck (crosscheck_months.status).
const (
	CrosscheckCompared     = "compared"      // held completely by recon, published by the source
	CrosscheckPartial      = "partial"       // some days held: never a failure, never a match
	CrosscheckNotHeld      = "not_held"      // published by the source, no day held by recon
	CrosscheckNotPublished = "not_published" // held completely, not published by the source
)

// CrosscheckMeasures are recon's measures a crosscheck compares, in the
// order they are listed.
var CrosscheckMeasures = []string{"curtailed_mwh", "bid_cost_gbp", "turn_up_mwh", "turn_up_cost_gbp"}

// CrosscheckOptions say what to compare.
type CrosscheckOptions struct {
	Year int
	// TolerancePct is how far a figure may be from the source's, in percent
	// of the source's figure (0 or more).
	TolerancePct decimal.Decimal
	// Site fetches the source's figures.
	Site *wastedwind.Client
}

// CrosscheckFigure is one month and measure of a crosscheck, as recorded in
// crosscheck_months.
type CrosscheckFigure struct {
	YearMonth     string
	Measure       string // one of CrosscheckMeasures
	SourceMeasure string // the source's name for it: bidVolumeMWh, bidCost, turnUpVolume, turnUpCost
	Status        string // CrosscheckCompared, ...
	DaysInMonth   int
	DaysHeld      int
	DaysComplete  int
	Recon, Source decimal.NullDecimal
	// Delta is Recon − Source, DeltaPct that as a percentage of Source
	// (null when Source is 0).
	Delta, DeltaPct decimal.NullDecimal
	// Within says whether a compared figure is within the tolerance; nil
	// for a month not compared.
	Within *bool
}

// Beyond reports whether the figure was compared and is beyond the
// tolerance.
func (f CrosscheckFigure) Beyond() bool { return f.Within != nil && !*f.Within }

// CrosscheckResult is what a crosscheck found.
type CrosscheckResult struct {
	RunID        int64
	Year         int
	URL          string // what was fetched
	TolerancePct decimal.Decimal
	// Synthetic is true when recon's figures for the year rest on data from
	// its stand-in Elexon server.
	Synthetic bool
	// Figures are sorted by month, then in the order of CrosscheckMeasures.
	Figures []CrosscheckFigure
}

// Months lists the months (YYYY-MM) whose figures have the status, in order.
func (r *CrosscheckResult) Months(status string) []string {
	var out []string
	for _, f := range r.Figures {
		if f.Status == status && !slices.Contains(out, f.YearMonth) {
			out = append(out, f.YearMonth)
		}
	}
	return out
}

// Beyond lists the compared figures beyond the tolerance.
func (r *CrosscheckResult) Beyond() []CrosscheckFigure {
	var out []CrosscheckFigure
	for _, f := range r.Figures {
		if f.Beyond() {
			out = append(out, f)
		}
	}
	return out
}

// Month is the first figure of a month, for its days held.
func (r *CrosscheckResult) Month(yearMonth string) (CrosscheckFigure, bool) {
	for _, f := range r.Figures {
		if f.YearMonth == yearMonth {
			return f, true
		}
	}
	return CrosscheckFigure{}, false
}

// siteMonth is a month of the source as CrosscheckRecord reads it.
type siteMonth struct {
	YearMonth    string `json:"year_month"`
	BidVolumeMWh string `json:"bid_volume_mwh"`
	BidCost      string `json:"bid_cost"`
	TurnUpVolume string `json:"turn_up_volume"`
	TurnUpCost   string `json:"turn_up_cost"`
}

// CrosscheckWastedwind fetches wastedwind.energy's figures for a year and
// compares each month recon holds completely with them, recording the
// comparison (crosscheck_months) and a run in one transaction. A site that
// cannot be fetched or parsed is a failure (recorded as a failed run);
// differences beyond the tolerance are a result, not an error: see
// CrosscheckResult.Beyond.
func (s *Service) CrosscheckWastedwind(ctx context.Context, opt CrosscheckOptions) (*CrosscheckResult, error) {
	started := s.now()
	if thisYear := settlement.Today(s.now()).Year(); opt.Year < 2001 || opt.Year > thisYear {
		return nil, BadInput("--year %d: give a year from 2001 to %d", opt.Year, thisYear)
	}
	if opt.TolerancePct.IsNegative() {
		return nil, BadInput("--tolerance %s: give a percentage of 0 or more, e.g. 2", opt.TolerancePct)
	}
	if opt.Site == nil {
		return nil, errors.New("crosscheck needs a wastedwind.energy client")
	}
	res := &CrosscheckResult{Year: opt.Year, URL: opt.Site.URL(opt.Year), TolerancePct: opt.TolerancePct}
	summary, err := opt.Site.Summary(ctx, opt.Year)
	if err != nil {
		return nil, s.recordFailure(ctx, failedRun{Command: CommandCrosscheckWastedwind, Started: started},
			fmt.Errorf("crosscheck: %w", err))
	}
	months := make([]siteMonth, len(summary.Months))
	for i, m := range summary.Months {
		months[i] = siteMonth{YearMonth: fmt.Sprintf("%04d-%02d", m.Year, m.Month), BidVolumeMWh: m.BidVolumeMWh.String(),
			BidCost: m.BidCost.String(), TurnUpVolume: m.TurnUpVolume.String(), TurnUpCost: m.TurnUpCost.String()}
	}
	figures, err := json.Marshal(months)
	if err != nil {
		return nil, err
	}
	asked := map[string]any{"source": SourceWastedwind, "url": res.URL, "year": opt.Year, "tolerance_pct": opt.TolerancePct.String()}
	err = s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error {
		year := time.Date(opt.Year, 1, 1, 0, 0, 0, 0, time.UTC)
		if res.Synthetic, err = q.ReportSynthetic(ctx, db.ReportSyntheticParams{FromDate: year, ToDate: year.AddDate(1, 0, -1)}); err != nil {
			return fmt.Errorf("read the provenance of %d: %w", opt.Year, err)
		}
		details, err := json.Marshal(asked)
		if err != nil {
			return err
		}
		if res.RunID, err = q.CrosscheckRunStart(ctx, db.CrosscheckRunStartParams{Command: CommandCrosscheckWastedwind,
			StartedAt: started, Synthetic: res.Synthetic, Details: details}); err != nil {
			return fmt.Errorf("record run: %w", err)
		}
		rows, err := q.CrosscheckRecord(ctx, db.CrosscheckRecordParams{RunID: res.RunID, Source: SourceWastedwind,
			TolerancePct: opt.TolerancePct, Year: fmt.Sprintf("%04d", opt.Year), Figures: figures})
		if err != nil {
			return fmt.Errorf("record the comparison: %w", err)
		}
		for _, r := range rows {
			res.Figures = append(res.Figures, CrosscheckFigure{YearMonth: r.YearMonth, Measure: r.Measure,
				SourceMeasure: r.SourceMeasure, Status: r.Status, DaysInMonth: int(r.DaysInMonth), DaysHeld: int(r.DaysHeld),
				DaysComplete: int(r.DaysComplete), Recon: r.ReconValue, Source: r.SourceValue, Delta: r.Delta,
				DeltaPct: r.DeltaPct, Within: r.WithinTolerance})
		}
		slices.SortFunc(res.Figures, func(a, b CrosscheckFigure) int {
			return cmp.Or(cmp.Compare(a.YearMonth, b.YearMonth),
				cmp.Compare(slices.Index(CrosscheckMeasures, a.Measure), slices.Index(CrosscheckMeasures, b.Measure)))
		})
		asked["compared_months"] = len(res.Months(CrosscheckCompared))
		asked["partial_months"] = len(res.Months(CrosscheckPartial))
		asked["beyond_tolerance"] = len(res.Beyond())
		if details, err = json.Marshal(asked); err != nil {
			return err
		}
		return q.CrosscheckRunFinish(ctx, db.CrosscheckRunFinishParams{RunID: res.RunID, Details: details})
	})
	if err != nil {
		return nil, s.recordFailure(ctx, failedRun{Command: CommandCrosscheckWastedwind, Started: started},
			fmt.Errorf("crosscheck: %w", err))
	}
	return res, nil
}
