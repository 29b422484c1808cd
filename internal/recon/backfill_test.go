package recon

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// newBackfillHarness is newHarness with the rate limit out of the way: a
// backfill test sends a few hundred requests.
func newBackfillHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	client, err := elexon.New(elexon.Config{
		BaseURL:           h.api.URL,
		RequestsPerMinute: 1_000_000,
		RetryWaitMin:      time.Millisecond,
		RetryWaitMax:      5 * time.Millisecond,
		MaxRetries:        2, // and the default Timeout (30 s), as in newHarness
	})
	if err != nil {
		t.Fatal(err)
	}
	h.client, h.svc.Client = client, client
	return h
}

func (h *harness) backfill(opt BackfillOptions) *BackfillResult {
	h.t.Helper()
	res, err := h.svc.Backfill(h.ctx, opt)
	if err != nil {
		h.t.Fatalf("backfill: %v", err)
	}
	return res
}

func outcomes(res *BackfillResult) map[string]DateOutcome {
	out := map[string]DateOutcome{}
	for _, d := range res.Dates {
		out[d.Date.Format(settlement.DateLayout)] = d.Outcome
	}
	return out
}

func sameOutcomes(t *testing.T, res *BackfillResult, want map[string]DateOutcome) {
	t.Helper()
	got := outcomes(res)
	for d, w := range want {
		if got[d] != w {
			t.Errorf("%s: outcome %q, want %q (all: %v)", d, got[d], w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("outcomes %v, want %v", got, want)
	}
}

// dateState is what the database holds for one date.
type dateState struct {
	published, stackRows, expectedRows, records, bitcoinRows int
	summaryRecords                                           *int
}

func stateOf(t *testing.T, h *harness, d time.Time) dateState {
	t.Helper()
	var s dateState
	err := h.db.Pool.QueryRow(h.ctx, `
		SELECT (SELECT count(*) FROM settlement_periods p WHERE p.settlement_date = $1 AND p.published),
		       (SELECT count(*) FROM stack_rows s WHERE s.settlement_date = $1),
		       (SELECT coalesce(sum(p.bid_rows + p.offer_rows), 0) FROM settlement_periods p WHERE p.settlement_date = $1),
		       (SELECT count(*) FROM curtailment_records c WHERE c.settlement_date = $1),
		       (SELECT count(*) FROM historical_bitcoin_calculations b WHERE b.settlement_date = $1),
		       (SELECT d.curtailment_records FROM daily_summaries d WHERE d.summary_date = $1)`, d).
		Scan(&s.published, &s.stackRows, &s.expectedRows, &s.records, &s.bitcoinRows, &s.summaryRecords)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// complete says a date is whole: every period published, every row of it
// archived, curtailment derived, Bitcoin computed and the day summarised.
func (s dateState) complete(d time.Time) bool {
	return s.published == settlement.Periods(d) && s.stackRows == s.expectedRows && s.stackRows > 0 &&
		s.records > 0 && s.bitcoinRows > 0 && s.summaryRecords != nil && *s.summaryRecords == s.records
}

func (s dateState) absent() bool {
	return s.published == 0 && s.stackRows == 0 && s.expectedRows == 0 && s.records == 0 && s.bitcoinRows == 0 &&
		s.summaryRecords == nil
}

// checkWholeOrAbsent asserts that every date of the range is either
// complete or absent, and that the month and year rollups are the sums of
// the days present; it returns the complete dates.
func checkWholeOrAbsent(t *testing.T, h *harness, from, to time.Time) []string {
	t.Helper()
	var complete []string
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		switch s := stateOf(t, h, d); {
		case s.complete(d):
			complete = append(complete, d.Format(settlement.DateLayout))
		case !s.absent():
			t.Errorf("%s is partly there: %+v", d.Format(settlement.DateLayout), s)
		}
	}
	bad := count(t, h.db.Pool, `
		SELECT count(*) FROM (
		    SELECT m.year_month FROM monthly_summaries AS m
		    LEFT JOIN (SELECT to_char(d.summary_date, 'YYYY-MM') AS ym, sum(d.total_curtailed_energy) AS e,
		                      sum(d.curtailment_records) AS n, count(*) AS days
		               FROM daily_summaries AS d GROUP BY 1) AS s ON s.ym = m.year_month
		    WHERE (m.total_curtailed_energy, m.curtailment_records, m.days_covered)
		          IS DISTINCT FROM (s.e, s.n, s.days)
		    UNION ALL
		    SELECT b.year_month FROM bitcoin_monthly_summaries AS b
		    LEFT JOIN (SELECT to_char(d.summary_date, 'YYYY-MM') AS ym, d.miner_model, sum(d.bitcoin_mined) AS btc
		               FROM bitcoin_daily_summaries AS d GROUP BY 1, 2) AS s
		           ON s.ym = b.year_month AND s.miner_model = b.miner_model
		    WHERE b.bitcoin_mined IS DISTINCT FROM s.btc
		    UNION ALL
		    SELECT y.year FROM yearly_summaries AS y
		    LEFT JOIN (SELECT left(m.year_month, 4) AS y, sum(m.curtailment_records) AS n FROM monthly_summaries AS m
		               GROUP BY 1) AS s ON s.y = y.year
		    WHERE y.curtailment_records IS DISTINCT FROM s.n
		) AS x`)
	if bad != 0 {
		t.Errorf("%d month or year summaries are not the sum of the level below", bad)
	}
	return complete
}

func TestBackfillFailingDateDoesNotStopTheOthers(t *testing.T) {
	h := newBackfillHarness(t)
	from, bad, to := date(t, "2025-02-26"), date(t, "2025-02-28"), date(t, "2025-03-01")
	h.api.AddFault(elexontest.Fault{Kind: elexontest.ServerError, Date: bad}) // every request of that date, forever

	res := h.backfill(BackfillOptions{From: from, To: to, Concurrency: 2})
	sameOutcomes(t, res, map[string]DateOutcome{
		"2025-02-26": DateDone, "2025-02-27": DateDone, "2025-02-28": DateFailed, "2025-03-01": DateDone,
	})
	probs := res.Problems()
	if len(probs) != 1 || !strings.Contains(probs[0].Err.Error(), "2025-02-28") || !strings.Contains(probs[0].Err.Error(), "HTTP 500") {
		t.Fatalf("problems %+v, want the failed date with its reason", probs)
	}
	if res.Interrupted {
		t.Error("a failure is not an interruption")
	}
	complete := checkWholeOrAbsent(t, h, from, to)
	if strings.Join(complete, " ") != "2025-02-26 2025-02-27 2025-03-01" {
		t.Errorf("complete dates %v", complete)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE command = 'backfill' AND outcome = 'failed'
		AND settlement_date = '2025-02-28' AND error LIKE '%HTTP 500%'`); n != 1 {
		t.Errorf("%d failed-run records for 2025-02-28, want 1", n)
	}
	if res.Records != count(t, h.db.Pool, `SELECT count(*) FROM curtailment_records`) {
		t.Errorf("result counts %d records, the database holds %d", res.Records, count(t, h.db.Pool, `SELECT count(*) FROM curtailment_records`))
	}

	// Once the API is fixed, the same command does only what is left.
	h.api.ClearFaults()
	before := h.api.Requests()
	res = h.backfill(BackfillOptions{From: from, To: to, Concurrency: 2})
	sameOutcomes(t, res, map[string]DateOutcome{
		"2025-02-26": DateComplete, "2025-02-27": DateComplete, "2025-02-28": DateDone, "2025-03-01": DateComplete,
	})
	if sent, want := h.api.Requests()-before, int64(2*settlement.Periods(bad)); sent != want {
		t.Errorf("the second backfill sent %d requests, want %d (only the failed date's)", sent, want)
	}
	if complete := checkWholeOrAbsent(t, h, from, to); len(complete) != 4 {
		t.Errorf("complete dates %v, want all 4", complete)
	}
}

func TestBackfillSkipsCompleteDates(t *testing.T) {
	h := newBackfillHarness(t)
	from, partial, to := date(t, "2025-10-25"), date(t, "2025-10-26"), date(t, "2025-10-27")
	h.api.Unpublish(partial, 50) // the autumn clock-change day, its last period not published yet

	res := h.backfill(BackfillOptions{From: from, To: to})
	sameOutcomes(t, res, map[string]DateOutcome{"2025-10-25": DateDone, "2025-10-26": DateDone, "2025-10-27": DateDone})
	snap := snapshot(t, h.db.Pool, true)

	// Complete dates cost no request; the date with a period missing is tried again.
	before := h.api.Requests()
	res = h.backfill(BackfillOptions{From: from, To: to})
	sameOutcomes(t, res, map[string]DateOutcome{"2025-10-25": DateComplete, "2025-10-26": DateDone, "2025-10-27": DateComplete})
	if sent, want := h.api.Requests()-before, int64(2*50); sent != want {
		t.Errorf("second backfill sent %d requests, want %d (the 50-period day only)", sent, want)
	}
	sameSnapshots(t, snap, snapshot(t, h.db.Pool, true))

	// --force reingests everything, to the same tables.
	before = h.api.Requests()
	res = h.backfill(BackfillOptions{From: from, To: to, Force: true})
	if res.Count(DateDone) != 3 || h.api.Requests()-before != 2*(48+50+48) {
		t.Errorf("--force: %v, %d requests", outcomes(res), h.api.Requests()-before)
	}
	sameSnapshots(t, snap, snapshot(t, h.db.Pool, true))
}

func TestBackfillStopFinishesRunningDates(t *testing.T) {
	h := newBackfillHarness(t)
	from, to := date(t, "2025-01-10"), date(t, "2025-01-17")
	stop := make(chan struct{})
	var once sync.Once
	res := h.backfill(BackfillOptions{From: from, To: to, Concurrency: 2, Stop: stop,
		Progress: func(p BackfillProgress) {
			if p.Done == 1 {
				once.Do(func() { close(stop) }) // the first Ctrl-C, as soon as a date is done
			}
		}})
	done, notStarted := res.Count(DateDone), res.Count(DateNotStarted)
	if done < 1 || done > 2 || done+notStarted != 8 || !res.Interrupted {
		t.Fatalf("after a stop: %v (interrupted %v); want the dates in progress done, the rest not started", outcomes(res), res.Interrupted)
	}
	if complete := checkWholeOrAbsent(t, h, from, to); len(complete) != done {
		t.Errorf("%d dates done, %d complete in the database", done, len(complete))
	}
}

func TestBackfillCancelledLeavesNoPartialDate(t *testing.T) {
	h := newBackfillHarness(t)
	from, to := date(t, "2025-01-20"), date(t, "2025-01-25")
	// Slow answers keep dates in flight when the cancel comes.
	h.api.AddFault(elexontest.Fault{Kind: elexontest.Slow, Delay: 20 * time.Millisecond, Period: 30})
	ctx, cancel := context.WithCancel(h.ctx)
	defer cancel()
	res, err := h.svc.Backfill(ctx, BackfillOptions{From: from, To: to, Concurrency: 2,
		Progress: func(p BackfillProgress) {
			if p.Done == 1 {
				cancel() // the second Ctrl-C
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("outcomes after the cancel: %v", outcomes(res))
	if !res.Interrupted || res.Count(DateDone) < 1 || res.Count(DateDone) == 6 {
		t.Fatalf("after a cancel: %v (interrupted %v)", outcomes(res), res.Interrupted)
	}
	for _, d := range res.Problems() {
		if d.Outcome != DateAborted {
			t.Errorf("%s: %s (%v), want aborted", d.Date.Format(settlement.DateLayout), d.Outcome, d.Err)
		}
	}
	if complete := checkWholeOrAbsent(t, h, from, to); len(complete) != res.Count(DateDone) {
		t.Errorf("%d dates done, complete in the database: %v", res.Count(DateDone), complete)
	}
}

func TestBackfillRejectsBadRanges(t *testing.T) {
	h := newBackfillHarness(t)
	for _, opt := range []BackfillOptions{
		{From: date(t, "2025-03-02"), To: date(t, "2025-03-01")},
		{From: date(t, "2025-03-01"), To: fixedNow.AddDate(0, 0, 2)},
		{From: date(t, "2025-03-01"), To: date(t, "2025-03-02"), Concurrency: -1},
	} {
		if _, err := h.svc.Backfill(h.ctx, opt); !IsBadInput(err) {
			t.Errorf("%+v: %v, want bad input", opt, err)
		}
	}
	if h.api.Requests() != 0 {
		t.Errorf("%d requests sent for bad input", h.api.Requests())
	}
}
