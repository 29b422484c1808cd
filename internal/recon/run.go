package recon

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// RunOptions says what `recon run` should reingest.
type RunOptions struct {
	Date time.Time // settlement date (UTC midnight)
	// Periods limits the run to some periods of the date; nil means all.
	Periods *settlement.Range
	// Difficulty, when set, replaces the difficulty table for every period:
	// an explicit what-if, recorded on each row it produces.
	Difficulty *decimal.Decimal
	// Command is recorded in runs.command; empty means "run".
	Command string
	// PriceMaxAge is the bound of the price rule the Bitcoin is valued with
	// (a period whose latest price point is older has no price); 0 means
	// price.DefaultMaxAge. Recorded in runs.price_max_age.
	PriceMaxAge time.Duration

	// referenceReady says the caller (backfill, reconcile) has already
	// ensured the reference data of this date, for many dates at once.
	referenceReady bool
}

// ModelBTC is the Bitcoin of one miner model, and what it was worth.
type ModelBTC struct {
	Model   string
	Bitcoin decimal.Decimal
	// Value is the sum of the values (£) of the periods that have a BTC
	// price; not Valid when none has.
	Value decimal.NullDecimal
}

// RunResult is what a run did, for its printed summary.
type RunResult struct {
	RunID            int64
	Date             time.Time
	Periods          settlement.Range
	PeriodsExpected  int   // periods in the range
	PeriodsPublished int   // of those, published by the API
	Unpublished      []int // periods answered 404 although the day has them
	StackRows        int
	Records          int
	EnergyMWh        decimal.Decimal
	Payment          decimal.Decimal
	NullPriceRows    int
	Bitcoin          []ModelBTC
	// TurnUp is the replacement side of the run's periods and the total
	// cost of their curtailment.
	TurnUp    TurnUpTotals
	Requests  int
	Synthetic bool
	Elapsed   time.Duration
	// Unregistered is what the archived rows of units outside the wind
	// registry that look like curtailment (volume < 0, soFlag true) add up
	// to in the run's periods: candidates for `recon bmu unknown`.
	Unregistered UnregisteredRows
	// Prices says how the Bitcoin was valued: the bound, and the periods
	// without a price or with a derived one.
	Prices Valuation
	// WhatIf is the what-if difficulty every period used instead of the
	// difficulty table (RunOptions.Difficulty); nil for table figures.
	WhatIf *decimal.Decimal
	// Reference is what was found and fetched of the reference data the
	// date needs (nil when the caller saw to it for many dates).
	Reference *ReferenceReport
}

// UnregisteredRows counts the units outside the wind registry whose
// archived rows would count as curtailment if they were wind units.
type UnregisteredRows struct {
	Units     int
	EnergyMWh decimal.Decimal // positive
}

// NotFuture refuses a settlement date after today in Europe/London, now
// being the current time. Commands check their dates with it before they
// open anything; the use cases check again with the Service's clock.
func NotFuture(date, now time.Time) error {
	today := settlement.Today(now)
	if date.After(today) {
		return BadInput("%s is in the future (today in Europe/London is %s): give a date up to today",
			date.Format(settlement.DateLayout), today.Format(settlement.DateLayout))
	}
	return nil
}

// CheckDate refuses a settlement date after today in Europe/London by the
// Service's clock.
func (s *Service) CheckDate(date time.Time) error { return NotFuture(date, s.now()) }

// periodsOf resolves the options' period range against the date.
func periodsOf(date time.Time, r *settlement.Range) (settlement.Range, error) {
	all := settlement.All(date)
	if r == nil {
		return all, nil
	}
	if r.From < 1 || r.To > all.To || r.From > r.To {
		return settlement.Range{}, BadInput("periods %s are outside %s, which has periods 1-%d",
			r, date.Format(settlement.DateLayout), all.To)
	}
	return *r, nil
}

// Run reingests a date (or some periods of it): it fetches every period and
// side, validates everything in memory, then in one transaction replaces the
// archived rows, derives curtailment, computes Bitcoin for every miner model,
// refreshes the rollups of the day, month and year, and records the run.
// On any failure nothing is written but a record of the failed run.
func (s *Service) Run(ctx context.Context, opt RunOptions) (*RunResult, error) {
	started := s.now()
	if opt.Command == "" {
		opt.Command = "run"
	}
	if err := s.CheckDate(opt.Date); err != nil {
		return nil, err
	}
	r, err := periodsOf(opt.Date, opt.Periods)
	if err != nil {
		return nil, err
	}
	if opt.Difficulty != nil && !opt.Difficulty.IsPositive() {
		return nil, BadInput("--difficulty %s is not a positive number", opt.Difficulty)
	}
	bound, err := priceMaxAge(opt.PriceMaxAge)
	if err != nil {
		return nil, err
	}
	opt.PriceMaxAge = bound.Duration()
	log := s.log().With("date", opt.Date.Format(settlement.DateLayout), "periods", r.String())

	var ref *ReferenceReport
	if !opt.referenceReady {
		if ref, err = s.ensureReference(ctx, opt.Date, opt.Date, opt.Difficulty == nil, opt.PriceMaxAge); err != nil {
			return nil, s.failed(ctx, opt, r, started, 0, err)
		}
	}
	day, err := s.Client.FetchDay(ctx, opt.Date, r)
	if err != nil {
		return nil, s.failed(ctx, opt, r, started, requests(day), err)
	}
	res := summarise(day, r)
	res.WhatIf, res.Reference = opt.Difficulty, ref
	if res.PeriodsPublished == 0 {
		err := fmt.Errorf("the API has published none of periods %s of %s: the date may be too recent, or --elexon-url (%s) may be wrong",
			r, opt.Date.Format(settlement.DateLayout), s.ElexonURL)
		return nil, s.failed(ctx, opt, r, started, res.Requests, err)
	}
	if err := checkDay(day); err != nil {
		return nil, s.failed(ctx, opt, r, started, res.Requests, err)
	}
	log.Debug("fetched", "requests", res.Requests, "stack_rows", res.StackRows)

	err = s.inTx(ctx, func(q *db.Queries, tx pgx.Tx) error {
		return s.store(ctx, q, tx, opt, r, started, day, res)
	})
	if err != nil {
		return nil, s.failed(ctx, opt, r, started, res.Requests, err)
	}
	res.Elapsed = s.now().Sub(started)
	log.Info("run complete", "records", res.Records, "mwh", res.EnergyMWh.String(), "elapsed", res.Elapsed)
	return res, nil
}

func requests(day *elexon.Day) int {
	if day == nil {
		return 0
	}
	return day.Requests
}

// summarise counts what the API published.
func summarise(day *elexon.Day, r settlement.Range) *RunResult {
	res := &RunResult{Date: day.Date, Periods: r, PeriodsExpected: r.Len(), Requests: day.Requests, Synthetic: day.Synthetic}
	for _, p := range day.Periods {
		if p.Published {
			res.PeriodsPublished++
		} else {
			res.Unpublished = append(res.Unpublished, p.Period)
		}
		res.StackRows += len(p.Bid) + len(p.Offer)
	}
	return res
}

// refuseWithdrawn fails when the API answers "not published" for a period
// the database holds as published: replacing it would delete what the API
// said before, and silence is never zero curtailment.
func refuseWithdrawn(ctx context.Context, q *db.Queries, date time.Time, unpublished []int) error {
	if len(unpublished) == 0 {
		return nil
	}
	periods := make([]int16, len(unpublished))
	for i, p := range unpublished {
		periods[i] = int16(p)
	}
	held, err := q.SettlementPeriodsStoredAsPublished(ctx, db.SettlementPeriodsStoredAsPublishedParams{SettlementDate: date, Periods: periods})
	if err != nil {
		return fmt.Errorf("check stored periods: %w", err)
	}
	if len(held) == 0 {
		return nil
	}
	list := make([]string, len(held))
	for i, p := range held {
		list[i] = fmt.Sprint(p)
	}
	return fmt.Errorf("the API no longer publishes period(s) %s of %s, which the database holds: refusing to delete them; run the other periods with --periods, or try again later",
		strings.Join(list, ", "), date.Format(settlement.DateLayout))
}

// store writes a fetched day inside the caller's transaction.
func (s *Service) store(ctx context.Context, q *db.Queries, tx pgx.Tx, opt RunOptions, r settlement.Range, started time.Time,
	day *elexon.Day, res *RunResult) error {
	date := opt.Date
	if err := q.DateLockAcquire(ctx, date); err != nil {
		return fmt.Errorf("lock %s: %w", date.Format(settlement.DateLayout), err)
	}
	runID, err := q.RunStart(ctx, db.RunStartParams{
		Command:            opt.Command,
		SettlementDate:     &date,
		PeriodFrom:         ptr(int16(r.From)),
		PeriodTo:           ptr(int16(r.To)),
		StartedAt:          started,
		ElexonUrl:          &s.ElexonURL,
		Synthetic:          day.Synthetic,
		DifficultyOverride: nullDecimal(opt.Difficulty),
		PriceMaxAge:        valuationBound(opt.PriceMaxAge).interval(),
	})
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	res.RunID, res.Prices.MaxAge = runID, opt.PriceMaxAge
	if err := refuseWithdrawn(ctx, q, date, res.Unpublished); err != nil {
		return err
	}
	span := periodSpan(date, r)

	// Archive: replace the periods' responses and coverage. The COPY lets
	// the decoded rows go as it sends them (a backfill holds a few days).
	coverage := coverageParams(day, runID)
	if _, err := q.StackResponsesDeleteForPeriods(ctx, db.StackResponsesDeleteForPeriodsParams(span)); err != nil {
		return fmt.Errorf("delete archived stack responses: %w", err)
	}
	if err := archiveStackResponses(ctx, tx, day, runID); err != nil {
		return fmt.Errorf("copy stack responses: %w", err)
	}
	if err := q.SettlementPeriodsDeleteForPeriods(ctx, db.SettlementPeriodsDeleteForPeriodsParams(span)); err != nil {
		return fmt.Errorf("delete coverage: %w", err)
	}
	if _, err := q.SettlementPeriodsInsert(ctx, coverage); err != nil {
		return fmt.Errorf("copy coverage: %w", err)
	}

	// Curtailment, Bitcoin, rollups.
	if err := deriveCurtailment(ctx, q, date, r, runID); err != nil {
		return err
	}
	if err := deriveTurnUp(ctx, q, date, r, runID); err != nil {
		return err
	}
	if err := computeBitcoin(ctx, q, date, r, runID, opt.Difficulty, "", valuationBound(opt.PriceMaxAge)); err != nil {
		return err
	}
	if err := refreshRollups(ctx, q, date); err != nil {
		return err
	}
	if res.Unregistered, err = unregisteredRows(ctx, q, span); err != nil {
		return err
	}
	return finishFetchRun(ctx, q, runID, span, res)
}

// periodSpan is the (date, from, to) triple most queries take.
type span struct {
	SettlementDate time.Time
	PeriodFrom     int16
	PeriodTo       int16
}

func periodSpan(date time.Time, r settlement.Range) span {
	return span{SettlementDate: date, PeriodFrom: int16(r.From), PeriodTo: int16(r.To)}
}

// deriveCurtailment rebuilds curtailment_records of the periods from the
// archive; which rows count is the SQL view curtailed_stack_rows' business.
func deriveCurtailment(ctx context.Context, q *db.Queries, date time.Time, r settlement.Range, runID int64) error {
	sp := periodSpan(date, r)
	if _, err := q.CurtailmentDeleteForPeriods(ctx, db.CurtailmentDeleteForPeriodsParams(sp)); err != nil {
		return fmt.Errorf("delete curtailment records: %w", err)
	}
	if _, err := q.CurtailmentDeriveForPeriods(ctx, db.CurtailmentDeriveForPeriodsParams{
		RunID: runID, SettlementDate: date, PeriodFrom: sp.PeriodFrom, PeriodTo: sp.PeriodTo,
	}); err != nil {
		return fmt.Errorf("derive curtailment records: %w", err)
	}
	return nil
}
