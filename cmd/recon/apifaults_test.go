package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// faultDate is the date the API fault drills reingest.
var faultDate = time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC)

// drillTimeout is the --http-timeout of the time-out drills. The stand-in's
// Hang fault holds a request until recon gives up on it, so the drill fails
// by this timeout whatever the machine's load; the requests the fault leaves
// alone are few (see the drills' --periods) and answer in a small fraction
// of it even when other tests, PostgreSQL and the stand-in share the CPUs.
const drillTimeout = "5s"

// TestAPIFaultsRecovered: transient faults (a storm of 429s with
// Retry-After, bursts of 500s and 503s, responses slower than the timeout,
// cut-off bodies, connections reset mid-body) and unknown extra fields are
// absorbed: the run succeeds, and stores exactly what a run against a
// healthy API stores.
func TestAPIFaultsRecovered(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	date := faultDate.Format(settlement.DateLayout)
	for _, tc := range []struct {
		name    string
		fault   elexontest.Fault
		periods settlement.Range // default 13-42
		flags   []string
	}{
		{"429 storm with Retry-After", elexontest.Fault{Kind: elexontest.TooManyRequests, RetryAfter: time.Second, Times: 24}, settlement.Range{}, nil},
		{"500 burst", elexontest.Fault{Kind: elexontest.ServerError, Period: 17, Side: elexon.Bid, Times: 2}, settlement.Range{}, nil},
		{"503 burst", elexontest.Fault{Kind: elexontest.Unavailable, Times: 20}, settlement.Range{}, nil},
		// Both sides of period 30 hang once (or one side twice): each
		// such attempt ends at the timeout and is retried.
		{"slower than the timeout", elexontest.Fault{Kind: elexontest.Hang, Period: 30, Times: 2},
			settlement.Range{From: 28, To: 32}, []string{"--http-timeout", drillTimeout}},
		{"truncated body", elexontest.Fault{Kind: elexontest.Truncated, Period: 15, Side: elexon.Offer, Times: 2}, settlement.Range{}, nil},
		{"connection reset mid-body", elexontest.Fault{Kind: elexontest.ResetConnection, Period: 40, Times: 2}, settlement.Range{}, nil},
		{"extra unknown fields", elexontest.Fault{Kind: elexontest.ExtraFields}, settlement.Range{}, nil},
	} {
		if tc.periods == (settlement.Range{}) {
			tc.periods = settlement.Range{From: 13, To: 42}
		}
		// Five retries: a storm's hits are shared out among the first
		// requests to arrive, and on a busy machine those arrive over
		// seconds, so one request may meet the storm more than twice.
		run := append(append([]string{"--retries", "5"}, tc.flags...), "run", "--date", date, "--periods", tc.periods.String())
		t.Run(tc.name, func(t *testing.T) {
			w.t = t
			tc.fault.Date = faultDate
			w.api.AddFault(tc.fault)
			before := w.api.Requests()
			r := w.recon(run...)
			w.api.ClearFaults()
			if r.code != 0 {
				t.Fatalf("run with %s: %s", tc.fault, r)
			}
			if n := tc.periods.Len(); !strings.Contains(r.stdout, fmt.Sprintf("%d of %d published", n, n)) {
				t.Errorf("run with %s did not cover the day: %s", tc.fault, r.stdout)
			}
			// The archive keeps each row as received: with extra fields, the
			// raw JSON differs from a clean run's, and nothing else may.
			var skip []string
			if tc.fault.Kind == elexontest.ExtraFields {
				skip = []string{"stack_rows.raw"}
			}
			faulty := snapshot(t, w.db.Pool, skip...)
			faultRequests := w.api.Requests() - before
			if tc.fault.Kind != elexontest.ExtraFields && faultRequests <= int64(2*tc.periods.Len()) {
				t.Errorf("run with %s sent %d requests: the fault was never retried", tc.fault, faultRequests)
			}
			if tc.fault.Kind == elexontest.ExtraFields &&
				count(t, w.db.Pool, `SELECT count(*) FROM stack_rows WHERE raw::text LIKE '%futureField%'`) == 0 {
				t.Errorf("the archive lost the unknown fields")
			}
			if r := w.recon("run", "--date", date, "--periods", tc.periods.String()); r.code != 0 {
				t.Fatalf("clean run: %s", r)
			}
			if clean := snapshot(t, w.db.Pool, skip...); !faulty.Equal(clean) {
				t.Errorf("the run under %s stored something else than a clean run: %s", tc.fault, faulty.Diff(clean))
			}
		})
	}
}

// TestAPIFaultsFail: faults that last, and malformed payloads, fail the run
// with exit status 1 and one line naming the date, period and side, leave
// every data table as it was (a failed run is recorded, nothing else), and
// a rerun once the API is healthy succeeds.
func TestAPIFaultsFail(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	date := faultDate.Format(settlement.DateLayout)
	if r := w.recon("run", "--date", date); r.code != 0 {
		t.Fatalf("first run: %s", r)
	}
	// The API has revised the day since: a run that wrongly went through
	// would change the tables.
	for p := 1; p <= 48; p += 3 {
		w.api.Revise(faultDate, p)
	}
	baseline := snapshot(t, w.db.Pool)
	for _, tc := range []struct {
		name    string
		kind    elexontest.FaultKind
		flags   []string
		message string // what the error must say besides date, period and side
	}{
		{"429 without end", elexontest.TooManyRequests, nil, "429"},
		{"500 without end", elexontest.ServerError, nil, "500"},
		{"503 without end", elexontest.Unavailable, nil, "503"},
		{"always slower than the timeout", elexontest.Hang, []string{"--http-timeout", drillTimeout, "--retries", "1"}, "no response within " + drillTimeout},
		{"always truncated", elexontest.Truncated, nil, "attempts"},
		{"always reset mid-body", elexontest.ResetConnection, nil, "attempts"},
		{"HTML page with status 200", elexontest.HTMLPage, nil, "malformed"},
		{"required fields missing", elexontest.MissingFields, nil, "volume"},
		{"wrong types", elexontest.WrongTypes, nil, "volume"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.t = t
			w.api.AddFault(elexontest.Fault{Kind: tc.kind, Date: faultDate, Period: 23, Side: elexon.Offer,
				RetryAfter: time.Second})
			failed := `SELECT count(*) FROM runs WHERE outcome = 'failed' AND error LIKE '%period 23 offer%'`
			failedBefore := count(t, w.db.Pool, failed)
			r := w.recon(append(tc.flags, "run", "--date", date, "--periods", "21-26")...)
			w.api.ClearFaults()
			if r.code != 1 {
				t.Errorf("want exit 1, got %s", r)
			}
			t.Log(r.stderr)
			wantOneLine(t, r, date, "period 23", "offer", tc.message)
			if r.stdout != "" {
				t.Errorf("a failed run printed a summary: %q", r.stdout)
			}
			wantUnchanged(t, w.db.Pool, baseline)
			if n := count(t, w.db.Pool, failed); n != failedBefore+1 {
				t.Errorf("failed runs recorded: %d, want %d", n, failedBefore+1)
			}
		})
	}
	w.t = t
	if r := w.recon("run", "--date", date); r.code != 0 {
		t.Fatalf("rerun on a healthy API: %s", r)
	}
	if after := snapshot(t, w.db.Pool); after.Equal(baseline) {
		t.Error("the rerun did not take the revised data")
	}
}

// TestElexonUnreachable: an API nobody answers at fails with exit 1 and a
// message naming the request and the flag that points at the API, with the
// rerun command keeping --elexon-url, and writes nothing.
func TestElexonUnreachable(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	before := snapshot(t, w.db.Pool)
	w.api.HTTP.Close() // nothing listens on the port any more
	r := w.recon("run", "--date", faultDate.Format(settlement.DateLayout))
	if r.code != 1 {
		t.Errorf("want exit 1, got %s", r)
	}
	wantOneLine(t, r, "2025-03-06", "period", "connect", "could not be reached: check --elexon-url", "--elexon-url "+w.api.URL+" ")
	wantUnchanged(t, w.db.Pool, before)
}
