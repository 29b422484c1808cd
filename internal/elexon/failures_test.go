package elexon_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// What the client does when the API fails: retries with backoff, the errors
// it gives up with, and what it logs while retrying.

func TestRetries(t *testing.T) {
	t.Parallel()
	d := elexontest.SampleDate()
	for _, tc := range []struct {
		name     string
		fault    elexontest.Fault
		requests int64
		minTime  time.Duration // a lower bound, which no load can break
		timeout  time.Duration // 0: newClient's
	}{
		{"429 with Retry-After", elexontest.Fault{Kind: elexontest.TooManyRequests, RetryAfter: time.Second, Times: 1}, 2, time.Second, 0},
		{"500 twice", elexontest.Fault{Kind: elexontest.ServerError, Times: 2}, 3, 0, 0},
		{"503", elexontest.Fault{Kind: elexontest.Unavailable, Times: 1}, 2, 0, 0},
		{"truncated body", elexontest.Fault{Kind: elexontest.Truncated, Times: 2}, 3, 0, 0},
		{"connection reset mid-body", elexontest.Fault{Kind: elexontest.ResetConnection, Times: 1}, 2, 0, 0},
		// The first attempt hangs until the client gives up at its timeout;
		// the retry, one request alone, answers well within 2 s on any load.
		{"slower than Timeout", elexontest.Fault{Kind: elexontest.Hang, Times: 1}, 2, 2 * time.Second, 2 * time.Second},
		{"extra fields (no retry needed)", elexontest.Fault{Kind: elexontest.ExtraFields}, 1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := elexontest.Start(t, elexontest.Options{})
			f := tc.fault
			f.Date, f.Period, f.Side = d, 17, elexon.Bid
			srv.AddFault(f)
			c := newClient(t, srv.URL, func(c *elexon.Config) {
				if tc.timeout > 0 {
					c.Timeout = tc.timeout
				}
			})
			start := time.Now()
			rows, err := c.Stack(context.Background(), d, 17, elexon.Bid)
			if err != nil {
				t.Fatal(err)
			}
			if took := time.Since(start); took < tc.minTime {
				t.Errorf("took %v, want at least %v", took, tc.minTime)
			}
			if got := srv.Requests(); got != tc.requests {
				t.Errorf("%d requests, want %d", got, tc.requests)
			}
			want, _ := elexon.DecodeStack(elexontest.GenerateStack(d, 17, elexon.Bid, 0), d, 17)
			if len(rows) != len(want) {
				t.Fatalf("%d rows, want %d", len(rows), len(want))
			}
			for i := range rows {
				if !rows[i].Volume.Equal(want[i].Volume) || rows[i].SequenceNumber != want[i].SequenceNumber {
					t.Fatalf("row %d differs", i)
				}
			}
		})
	}
}

func TestFailures(t *testing.T) {
	t.Parallel()
	d := elexontest.SampleDate()
	for _, tc := range []struct {
		name     string
		fault    elexontest.Fault
		is       error
		contains string
		requests int64
	}{
		// Every attempt hangs until the client gives up: no request has
		// to beat the 1 s timeout, so it cannot fail on a busy machine.
		{"hangs forever", elexontest.Fault{Kind: elexontest.Hang}, nil,
			"gave up after 4 attempts: no response within 1s", 4},
		{"500 forever", elexontest.Fault{Kind: elexontest.ServerError}, nil,
			"elexon: stack 2025-03-06 period 17 bid: HTTP 500 after 4 attempts: ", 4},
		{"truncated forever", elexontest.Fault{Kind: elexontest.Truncated}, elexon.ErrMalformed,
			"elexon: stack 2025-03-06 period 17 bid: gave up after 4 attempts: malformed payload", 4},
		{"HTML page with 200", elexontest.Fault{Kind: elexontest.HTMLPage}, elexon.ErrMalformed,
			"elexon: stack 2025-03-06 period 17 bid: malformed payload: not JSON", 1},
		{"missing fields", elexontest.Fault{Kind: elexontest.MissingFields}, elexon.ErrMalformed,
			`row 1: malformed payload: field "volume" is missing`, 1},
		{"wrong types", elexontest.Fault{Kind: elexontest.WrongTypes}, elexon.ErrMalformed,
			`row 1: malformed payload: field "volume" is not of the expected type`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := elexontest.Start(t, elexontest.Options{})
			f := tc.fault
			f.Period, f.Side = 17, elexon.Bid
			srv.AddFault(f)
			c := newClient(t, srv.URL, func(c *elexon.Config) {
				c.MaxRetries = 3
				if tc.fault.Kind == elexontest.Hang {
					c.Timeout = time.Second
				}
			})
			_, err := c.Stack(context.Background(), d, 17, elexon.Bid)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q does not contain %q", err, tc.contains)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if got := srv.Requests(); got != tc.requests {
				t.Errorf("%d requests, want %d", got, tc.requests)
			}
		})
	}
}

// TestFetchDayFailsOnOnePeriod: a request that fails for good cancels the
// rest of the day. The failing request is among the first sent (period 2),
// so the day's other 94 can only all have gone out meanwhile if nothing
// stopped them, however the load spreads the requests in time.
func TestFetchDayFailsOnOnePeriod(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{Latency: 20 * time.Millisecond})
	srv.AddFault(elexontest.Fault{Kind: elexontest.ServerError, Period: 2, Side: elexon.Bid})
	c := newClient(t, srv.URL, func(c *elexon.Config) { c.Concurrency = 4 })
	d := elexontest.SampleDate()
	day, err := c.FetchDay(context.Background(), d, settlement.All(d))
	if day != nil || err == nil {
		t.Fatalf("FetchDay = %v, %v; want an error", day, err)
	}
	const want = "elexon: stack 2025-03-06 period 2 bid: HTTP 500 after 6 attempts: "
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start %q", err, want)
	}
	// The rest was cancelled: far fewer than the 96 requests of a day (+5 retries).
	if n := srv.Requests(); n >= 96 {
		t.Errorf("%d requests: the rest of the day was not cancelled", n)
	}
}

func TestOtherStatusesFailAtOnce(t *testing.T) {
	for _, status := range []int{400, 401, 403, 410, 501} {
		n := 0
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n++
			http.Error(w, "nope", status)
		}))
		c := newClient(t, ts.URL)
		_, err := c.Stack(context.Background(), elexontest.SampleDate(), 1, elexon.Bid)
		var he *elexon.HTTPError
		if !errors.As(err, &he) || he.StatusCode != status || n != 1 {
			t.Errorf("HTTP %d: err = %v after %d requests", status, err, n)
		}
		ts.Close()
	}
}

// TestContextCancelStopsPromptly: cancelling the context stops requests in
// flight and backoff waits at once, instead of at the 30 s timeout or the
// 30 s Retry-After. The cancel comes once the stand-in has seen a request,
// and the bound on how long stopping took (15 s) is hundreds of times what
// it takes, yet half of what waiting would take.
func TestRetryLogging(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	srv.AddFault(elexontest.Fault{Kind: elexontest.ServerError, Times: 1})
	var buf syncBuffer
	c := newClient(t, srv.URL, func(c *elexon.Config) { c.Logger = newLogger(&buf) })
	if _, err := c.Stack(context.Background(), elexontest.SampleDate(), 7, elexon.Offer); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"level=WARN", "date=2025-03-06", "period=7", "side=offer", "attempt=1"} {
		if !strings.Contains(out, want) {
			t.Errorf("log %q lacks %q", out, want)
		}
	}
}

// TestRetryLoggingIsQuietWhenTheAPIIsDown: an API that fails every request
// gives one Warn for the first retry and Info for the rest (all within
// RetryWarnInterval), while each request's error still says how many
// attempts were made.
func TestRetryLoggingIsQuietWhenTheAPIIsDown(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	srv.AddFault(elexontest.Fault{Kind: elexontest.ServerError})
	var buf syncBuffer
	c := newClient(t, srv.URL, func(c *elexon.Config) { c.Logger, c.MaxRetries = newLogger(&buf), 3 })
	start := time.Now()
	for p := 1; p <= 4; p++ {
		_, err := c.Stack(context.Background(), elexontest.SampleDate(), p, elexon.Bid)
		if err == nil || !strings.Contains(err.Error(), "after 4 attempts") {
			t.Fatalf("period %d: err %v, want one that says after 4 attempts", p, err)
		}
	}
	// These take milliseconds, so one Warn and 11 Info; were the machine so
	// slow that they took longer than RetryWarnInterval, one more Warn per
	// interval is right, not a failure.
	maxWarns := 1 + int(time.Since(start)/elexon.RetryWarnInterval)
	out := buf.String()
	warns, infos := strings.Count(out, "level=WARN"), strings.Count(out, "level=INFO msg=\"elexon: retrying\"")
	if warns < 1 || warns > maxWarns || warns+infos != 4*3 {
		t.Errorf("%d Warn and %d Info records for 12 retries, want 1 (at most %d) and the rest Info:\n%s", warns, infos, maxWarns, out)
	}
}
