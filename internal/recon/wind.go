package recon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// WindOptions say which settlement dates `recon wind` fetches.
type WindOptions struct {
	From, To time.Time
}

// WindDay is what `recon wind` stored for one date.
type WindDay struct {
	Date    time.Time
	RunID   int64
	Periods int // periods stored (both onshore and offshore given)
	// Incomplete lists periods the API gave only one of onshore and offshore
	// for: not stored, so never read as zero.
	Incomplete []int
	// Energy of the stored periods, MWh (MW × 0.5 h), as the database sums it.
	OnshoreMWh, OffshoreMWh, TotalMWh decimal.Decimal
	// Summarised is true when the date has curtailment data and its daily,
	// monthly and yearly summaries were refreshed. A date recon has not run
	// yet gets no summary (it would read as zero curtailment); its wind
	// appears in the summary when `recon run` stores it.
	Summarised bool
	// Synthetic is true when the API's response was marked as synthetic
	// (recon's stand-in server); the run is recorded so.
	Synthetic bool
}

// WindResult is what `recon wind` did.
type WindResult struct {
	Days []WindDay
	// Unpublished are dates of the range the API returned no wind rows for.
	Unpublished []time.Time
	Requests    int // API requests the client sent meanwhile, retries included
	// Synthetic is true when any date stored came from recon's stand-in
	// server: SYNTHETIC, not real.
	Synthetic bool
}

// windPeriod is one period's generation in MW.
type windPeriod struct {
	onshore, offshore       decimal.Decimal
	hasOnshore, hasOffshore bool
	synthetic               bool // a row of it came from the stand-in server
}

// windFetch is what one wind request brought: the dates it covered and the
// HTTP requests it took. Its requests are recorded on the run of the first
// date stored from it (0 on the others), so that runs.requests adds up.
type windFetch struct {
	from, to time.Time
	requests int
}

// Wind fetches the actual wind generation of the dates from..to from the
// API in requests of at most elexon.MaxGenerationDays days, and stores each
// date in one transaction under its advisory lock: its periods replace the
// date's wind_generation_data (MW), the date's summaries (MWh) are refreshed
// when the date has curtailment data, and the change is recorded as a run
// (command "wind") that the stored rows name, saying whether the data came
// from the stand-in server and how many requests fetched it. A failed
// request stops the command with an error naming the dates; dates already
// stored stay stored.
func (s *Service) Wind(ctx context.Context, opt WindOptions) (*WindResult, error) {
	if s.Client == nil {
		return nil, errors.New("wind needs the Elexon API client")
	}
	if opt.From.After(opt.To) {
		return nil, BadInput("--from %s is after --to %s", opt.From.Format(settlement.DateLayout), opt.To.Format(settlement.DateLayout))
	}
	if err := s.CheckDate(opt.To); err != nil {
		return nil, err
	}
	res := &WindResult{}
	before := s.Client.Requests()
	defer func() { res.Requests = int(s.Client.Requests() - before) }()
	for start := opt.From; !start.After(opt.To); start = start.AddDate(0, 0, elexon.MaxGenerationDays) {
		end := start.AddDate(0, 0, elexon.MaxGenerationDays-1)
		if end.After(opt.To) {
			end = opt.To
		}
		if err := s.windChunk(ctx, start, end, res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// windChunk fetches one request's worth of dates and stores them date by date.
func (s *Service) windChunk(ctx context.Context, from, to time.Time, res *WindResult) error {
	before := s.Client.Requests()
	rows, err := s.Client.WindGeneration(ctx, from, to)
	fetch := &windFetch{from: from, to: to, requests: int(s.Client.Requests() - before)}
	if err != nil {
		return fmt.Errorf("wind generation %s to %s: %w", from.Format(settlement.DateLayout), to.Format(settlement.DateLayout), err)
	}
	byDate, err := groupWind(rows)
	if err != nil {
		return err
	}
	stored, err := db.New(s.Pool).StoredDates(ctx, db.StoredDatesParams{FromDate: from, ToDate: to})
	if err != nil {
		return fmt.Errorf("list stored dates: %w", err)
	}
	hasData := map[time.Time]bool{}
	for _, d := range stored {
		hasData[d] = true
	}
	for date := from; !date.After(to); date = date.AddDate(0, 0, 1) {
		periods := byDate[date]
		if len(periods) == 0 {
			res.Unpublished = append(res.Unpublished, date)
			continue
		}
		day, err := s.storeWindDay(ctx, date, periods, hasData[date], fetch)
		if err != nil {
			return err
		}
		fetch.requests = 0 // counted on the first date's run
		res.Days = append(res.Days, *day)
		res.Synthetic = res.Synthetic || day.Synthetic
	}
	return nil
}

// groupWind arranges the rows by date and period, checking that every period
// exists on its day. Solar rows are left out.
func groupWind(rows []elexon.GenerationRow) (map[time.Time]map[int]*windPeriod, error) {
	out := map[time.Time]map[int]*windPeriod{}
	for _, r := range rows {
		if r.PsrType != elexon.PsrWindOnshore && r.PsrType != elexon.PsrWindOffshore {
			continue
		}
		date, err := settlement.ParseDate(r.SettlementDate)
		if err != nil {
			return nil, fmt.Errorf("wind generation: %w", err)
		}
		if n := settlement.Periods(date); r.SettlementPeriod < 1 || r.SettlementPeriod > n {
			return nil, fmt.Errorf("wind generation: %w: %s has periods 1-%d, the API sent period %d",
				elexon.ErrMalformed, r.SettlementDate, n, r.SettlementPeriod)
		}
		if out[date] == nil {
			out[date] = map[int]*windPeriod{}
		}
		p := out[date][r.SettlementPeriod]
		if p == nil {
			p = &windPeriod{}
			out[date][r.SettlementPeriod] = p
		}
		if r.PsrType == elexon.PsrWindOnshore {
			p.onshore, p.hasOnshore = r.Quantity, true
		} else {
			p.offshore, p.hasOffshore = r.Quantity, true
		}
		p.synthetic = p.synthetic || r.Synthetic
	}
	return out, nil
}

// storeWindDay replaces one date's wind generation in one transaction.
func (s *Service) storeWindDay(ctx context.Context, date time.Time, periods map[int]*windPeriod, summarise bool,
	fetch *windFetch) (*WindDay, error) {
	started := s.now()
	r := settlement.All(date)
	day := &WindDay{Date: date, Summarised: summarise}
	var params []db.WindGenerationInsertParams
	for p := r.From; p <= r.To; p++ {
		wp := periods[p]
		if wp != nil {
			day.Synthetic = day.Synthetic || wp.synthetic
		}
		switch {
		case wp == nil:
		case !wp.hasOnshore || !wp.hasOffshore:
			day.Incomplete = append(day.Incomplete, p)
		default:
			params = append(params, db.WindGenerationInsertParams{
				SettlementDate: date, SettlementPeriod: int16(p),
				WindOnshore: wp.onshore, WindOffshore: wp.offshore, TotalWind: wp.onshore.Add(wp.offshore),
			})
		}
	}
	err := s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error {
		if err := q.DateLockAcquire(ctx, date); err != nil {
			return fmt.Errorf("lock %s: %w", date.Format(settlement.DateLayout), err)
		}
		runID, err := q.RunStart(ctx, db.RunStartParams{
			Command: "wind", SettlementDate: &date, PeriodFrom: ptr(int16(r.From)), PeriodTo: ptr(int16(r.To)),
			StartedAt: started, ElexonUrl: &s.ElexonURL, Synthetic: day.Synthetic,
		})
		if err != nil {
			return fmt.Errorf("record run: %w", err)
		}
		day.RunID = runID
		for i := range params {
			params[i].RunID = runID
		}
		if _, err := q.WindGenerationDeleteForDate(ctx, date); err != nil {
			return fmt.Errorf("delete wind generation: %w", err)
		}
		if _, err := q.WindGenerationInsert(ctx, params); err != nil {
			return fmt.Errorf("copy wind generation: %w", err)
		}
		if summarise {
			if err := refreshRollups(ctx, q, date); err != nil {
				return err
			}
		}
		return finishWindRun(ctx, q, runID, day, fetch)
	})
	if err != nil {
		return nil, s.failed(ctx, RunOptions{Date: date, Command: "wind"}, r, started, fetch.requests, err)
	}
	return day, nil
}

// finishWindRun reads back the stored totals and completes the run record.
func finishWindRun(ctx context.Context, q *db.Queries, runID int64, day *WindDay, fetch *windFetch) error {
	t, err := q.WindGenerationTotalsForDate(ctx, day.Date)
	if err != nil {
		return fmt.Errorf("wind generation totals: %w", err)
	}
	day.Periods, day.OnshoreMWh, day.OffshoreMWh, day.TotalMWh = int(t.Periods), t.OnshoreMwh, t.OffshoreMwh, t.TotalMwh
	details, err := json.Marshal(map[string]any{
		"wind_periods": day.Periods, "wind_incomplete_periods": day.Incomplete, "summarised": day.Summarised,
		"wind_mwh": t.TotalMwh.String(), "wind_onshore_mwh": t.OnshoreMwh.String(), "wind_offshore_mwh": t.OffshoreMwh.String(),
		"fetched_from": fetch.from.Format(settlement.DateLayout), "fetched_to": fetch.to.Format(settlement.DateLayout),
	})
	if err != nil {
		return err
	}
	return q.RunFinish(ctx, db.RunFinishParams{RunID: runID, Requests: ptr(int32(fetch.requests)),
		PeriodsUnpublished: []int32{}, Details: details})
}
