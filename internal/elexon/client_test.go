package elexon_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// newClient is a client of srv with fast retries. Its timeout of one
// request is the default (30 s), which the stand-in meets however busy the
// machine; the tests that need a timeout to strike make the stand-in hang
// (elexontest.Hang) and shorten it.
func newClient(t testing.TB, baseURL string, tweak ...func(*elexon.Config)) *elexon.Client {
	t.Helper()
	cfg := elexon.Config{
		BaseURL:           baseURL,
		RequestsPerMinute: 1_000_000,
		RetryWaitMin:      time.Millisecond,
		RetryWaitMax:      5 * time.Millisecond,
	}
	for _, f := range tweak {
		f(&cfg)
	}
	c, err := elexon.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := settlement.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNotFoundBeyondDayAndUnpublished(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	spring := date(t, "2025-03-30")
	if _, err := c.Stack(ctx, spring, 47, elexon.Bid); !errors.Is(err, elexon.ErrNotFound) {
		t.Errorf("period 47 of a 46-period day: err = %v, want ErrNotFound", err)
	}
	if _, err := c.Stack(ctx, spring, 46, elexon.Bid); err != nil {
		t.Errorf("period 46 of a 46-period day: %v", err)
	}
	sample := elexontest.SampleDate()
	srv.Unpublish(sample, 48)
	before := srv.Requests()
	_, err := c.Stack(ctx, sample, 48, elexon.Offer)
	if !errors.Is(err, elexon.ErrNotFound) || errors.Is(err, elexon.ErrMalformed) {
		t.Errorf("unpublished period: err = %v, want ErrNotFound", err)
	}
	if n := srv.Requests() - before; n != 1 {
		t.Errorf("a 404 was retried: %d requests", n)
	}
	day, err := c.FetchDay(ctx, sample, settlement.All(sample))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range day.Periods {
		if p.Published != (p.Period != 48) {
			t.Errorf("period %d: Published = %v", p.Period, p.Published)
		}
		if !p.Published && (p.Bid != nil || p.Offer != nil) {
			t.Errorf("unpublished period %d has rows", p.Period)
		}
		if p.Published && (len(p.Bid) == 0 || len(p.Offer) == 0) {
			t.Errorf("period %d: %d bid and %d offer rows", p.Period, len(p.Bid), len(p.Offer))
		}
	}
	if !day.Synthetic {
		t.Error("Synthetic is false against the stand-in")
	}
}

// recorder counts the paths a handler is asked for.
type recorder struct {
	h     http.Handler
	mu    sync.Mutex
	paths map[string]int
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.paths[req.URL.Path]++
	r.mu.Unlock()
	r.h.ServeHTTP(w, req)
}

func TestFetchDayClockChangeDays(t *testing.T) {
	rec := &recorder{h: elexontest.NewHandler(elexontest.Options{}), paths: map[string]int{}}
	ts := httptest.NewServer(rec)
	defer ts.Close()
	c := newClient(t, ts.URL+elexontest.Prefix+"/") // a trailing slash is tolerated
	for _, tc := range []struct {
		date    string
		periods int
	}{{"2025-03-30", 46}, {"2025-10-26", 50}, {"2025-03-06", 48}} {
		rec.mu.Lock()
		clear(rec.paths)
		rec.mu.Unlock()
		d := date(t, tc.date)
		before := c.Requests()
		day, err := c.FetchDay(context.Background(), d, settlement.All(d))
		if err != nil {
			t.Fatal(err)
		}
		want := 2 * tc.periods
		if day.Requests != want || int(c.Requests()-before) != want || len(rec.paths) != want {
			t.Errorf("%s: Day.Requests %d, Client.Requests %d, distinct URLs %d; want %d",
				tc.date, day.Requests, c.Requests()-before, len(rec.paths), want)
		}
		for p := range tc.periods {
			for _, side := range elexon.Sides {
				path := fmt.Sprintf("%s/balancing/settlement/stack/all/%s/%s/%d", elexontest.Prefix, side, tc.date, p+1)
				if rec.paths[path] != 1 {
					t.Errorf("%s requested %d times", path, rec.paths[path])
				}
			}
		}
		if len(day.Periods) != tc.periods {
			t.Fatalf("%s: %d periods", tc.date, len(day.Periods))
		}
		for i, p := range day.Periods {
			if p.Period != i+1 || !p.Published {
				t.Errorf("%s: Periods[%d] is period %d, published %v", tc.date, i, p.Period, p.Published)
			}
			if got := p.Bid[0].StartTime; !got.Equal(settlement.PeriodStart(d, p.Period)) {
				t.Errorf("%s period %d starts %v", tc.date, p.Period, got)
			}
		}
	}
	// A sub-range fetches only its periods.
	d := date(t, "2025-10-26")
	day, err := c.FetchDay(context.Background(), d, settlement.Range{From: 44, To: 50})
	if err != nil || len(day.Periods) != 7 || day.Periods[0].Period != 44 || day.Requests != 14 {
		t.Fatalf("range 44-50: %v, %+v", err, day)
	}
	// A range beyond the day is the caller's mistake: nothing is requested.
	before := c.Requests()
	for _, r := range []settlement.Range{{From: 1, To: 48}, {From: 0, To: 3}, {From: 5, To: 4}} {
		if _, err := c.FetchDay(context.Background(), date(t, "2025-03-30"), r); err == nil {
			t.Errorf("FetchDay(2025-03-30, %v) succeeded", r)
		}
	}
	if c.Requests() != before {
		t.Error("an invalid range sent requests")
	}
}

func TestContextCancelStopsPromptly(t *testing.T) {
	d := elexontest.SampleDate()
	const bound = 15 * time.Second
	stopsPromptly := func(srv *elexontest.Server, fetch func(context.Context) error) {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		errc := make(chan error, 1)
		go func() { errc <- fetch(ctx) }()
		waitFor(t, "the stand-in to receive a request", func() bool { return srv.Requests() > 0 })
		start := time.Now()
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		if took := time.Since(start); took > bound {
			t.Errorf("took %v to stop", took)
		}
	}

	// Requests in flight: every one hangs until the client gives up.
	srv := elexontest.Start(t, elexontest.Options{})
	srv.AddFault(elexontest.Fault{Kind: elexontest.Hang})
	c := newClient(t, srv.URL)
	stopsPromptly(srv, func(ctx context.Context) error {
		_, err := c.FetchDay(ctx, d, settlement.All(d))
		return err
	})

	// A backoff wait: the API asks for 30 s.
	srv2 := elexontest.Start(t, elexontest.Options{})
	srv2.AddFault(elexontest.Fault{Kind: elexontest.TooManyRequests, RetryAfter: 30 * time.Second})
	c2 := newClient(t, srv2.URL)
	stopsPromptly(srv2, func(ctx context.Context) error {
		_, err := c2.Stack(ctx, d, 1, elexon.Bid)
		return err
	})
}

// waitFor polls cond until it holds, and fails the test if it has not after
// a minute (far more than any condition here takes on a busy machine).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s", what)
		}
	}
}

func TestPathPrefixAndBaseURL(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	d := elexontest.SampleDate()
	// Without the prefix the stand-in knows no such endpoint.
	_, err := newClient(t, srv.HTTP.URL).Stack(context.Background(), d, 1, elexon.Bid)
	if !errors.Is(err, elexon.ErrNotFound) {
		t.Errorf("base URL without the prefix: err = %v, want ErrNotFound", err)
	}
	for _, base := range []string{srv.URL, srv.URL + "/"} {
		if _, err := newClient(t, base).Stack(context.Background(), d, 1, elexon.Bid); err != nil {
			t.Errorf("base %s: %v", base, err)
		}
	}
	for _, bad := range []string{"data.elexon.co.uk/bmrs/api/v1", "ftp://x/y", "http://", "://", "http://h/p?q=1"} {
		_, err := elexon.New(elexon.Config{BaseURL: bad})
		if err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("New(%q): err = %v, want one naming the URL", bad, err)
		}
	}
	if _, err := elexon.New(elexon.Config{}); err != nil {
		t.Errorf("New with defaults: %v", err)
	}
}

// TestRateLimitLive: a Client at 240 requests a minute (a burst of 24, then
// 216/60.5 ≈ 3.57 a second) sends 33 requests from 8 goroutines. The k-th
// request to reach the stand-in cannot arrive before the limiter has
// granted k tokens: for every k, k ≤ 24 + 3.57 × (its arrival − the start)
// + 1, so the 33 take at least 2.5 s. These are lower bounds on time: a
// slow machine only makes them easier to meet, never breaks them, while a
// Client that sent faster than its limit would.
func TestRateLimitLive(t *testing.T) {
	t.Parallel()
	const burst, perSecond, total = 24, 216 / 60.5, 33
	srv := elexontest.Start(t, elexontest.Options{})
	c := newClient(t, srv.URL, func(c *elexon.Config) { c.RequestsPerMinute = 240 })
	var sent atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for p := sent.Add(1); p <= total; p = sent.Add(1) {
				if _, err := c.Stack(context.Background(), elexontest.SampleDate(), int(p), elexon.Bid); err != nil {
					t.Errorf("request %d: %v", p, err)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	times := srv.RequestTimes()
	if len(times) != total {
		t.Fatalf("%d requests reached the stand-in, want %d", len(times), total)
	}
	for i, at := range times {
		if k := float64(i + 1); k > burst+perSecond*at.Sub(start).Seconds()+1 {
			t.Errorf("request %d arrived %v after the start: faster than 240 a minute allows", i+1, at.Sub(start))
		}
	}
	t.Logf("%d requests in %v at 240/min", total, elapsed.Round(time.Millisecond))
}

func TestWindGeneration(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	c := newClient(t, srv.URL)
	from, to := date(t, "2025-03-01"), date(t, "2025-03-10")
	rows, err := c.WindGeneration(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	if n := srv.Requests(); n != 2 {
		t.Errorf("10 days took %d requests, want 2", n)
	}
	if len(rows) != 10*48*3 {
		t.Fatalf("%d rows, want %d", len(rows), 10*48*3)
	}
	if rows[0].SettlementDate != "2025-03-01" || rows[0].SettlementPeriod != 1 ||
		rows[len(rows)-1].SettlementDate != "2025-03-10" || rows[len(rows)-1].SettlementPeriod != 48 {
		t.Errorf("rows run from %s/%d to %s/%d", rows[0].SettlementDate, rows[0].SettlementPeriod,
			rows[len(rows)-1].SettlementDate, rows[len(rows)-1].SettlementPeriod)
	}
	types := map[string]int{}
	for _, r := range rows {
		types[r.PsrType]++
		if r.Quantity.IsNegative() || r.PublishTime == nil {
			t.Fatalf("row %s", r.Raw)
		}
	}
	if types[elexon.PsrWindOnshore] != 480 || types[elexon.PsrWindOffshore] != 480 || types[elexon.PsrSolar] != 480 {
		t.Errorf("psrTypes %v", types)
	}
	// Exactly 7 days is one request; a reversed range none.
	before := srv.Requests()
	if _, err := c.WindGeneration(context.Background(), from, date(t, "2025-03-07")); err != nil || srv.Requests()-before != 1 {
		t.Errorf("7 days: %v, %d requests", err, srv.Requests()-before)
	}
	if _, err := c.WindGeneration(context.Background(), to, from); err == nil {
		t.Error("a reversed range succeeded")
	}
}

func TestBMUnits(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	c := newClient(t, srv.URL)
	units, err := c.BMUnits(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 2733 {
		t.Errorf("%d units, want 2733", len(units))
	}
	wind, noID := 0, 0
	for _, u := range units {
		if u.FuelType != nil && *u.FuelType == "WIND" {
			wind++
		}
		if u.ElexonBmUnit == "" {
			noID++
		}
		if u.ElexonBmUnit == "T_ABRBO-1" {
			if u.GenerationCapacity.Decimal.String() != "99" || !u.GenerationCapacity.Valid ||
				*u.LeadPartyName != "Aberdeen Offshore Wind Farm" || !strings.Contains(string(u.Raw), `"eic"`) {
				t.Errorf("T_ABRBO-1 decoded as %+v", u)
			}
		}
	}
	t.Logf("%d units, %d WIND, %d without an Elexon id", len(units), wind, noID)
	if wind < 200 {
		t.Errorf("%d WIND units", wind)
	}
	srv.SetBMUnits([]byte(`{"data":[]}`))
	if _, err := c.BMUnits(context.Background()); !errors.Is(err, elexon.ErrMalformed) {
		t.Errorf("a wrapped list: err = %v, want ErrMalformed", err)
	}
}
