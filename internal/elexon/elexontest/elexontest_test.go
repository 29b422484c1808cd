package elexontest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

func TestAppendRatio(t *testing.T) {
	for _, tc := range []struct {
		num, den int64
		want     string
	}{
		{1, 240, "0.004166666666666667"},
		{-1, 240, "-0.004166666666666667"},
		{240, 240, "1"},
		{-480, 240, "-2"},
		{0, 240, "0"},
		{120, 240, "0.5"},
		{2, 3, "0.6666666666666667"},
		{-6550, 100, "-65.5"},
		{12345678, 1000, "12345.678"},
		{99999999999999995, 10, "10000000000000000"}, // 9999999999999999.5 rounds up to 17 digits
		{-1, -3, "0.3333333333333333"},
		{99999999999999995, 100000000000000000, "1"},
		{9999999999999999, 100000000000000000, "0.09999999999999999"},
		{99999999999999995, 1000000000000000, "100"},
		{17280001, 240, "72000.00416666667"},
	} {
		if got := string(appendRatio(nil, tc.num, tc.den)); got != tc.want {
			t.Errorf("appendRatio(%d, %d) = %s, want %s", tc.num, tc.den, got, tc.want)
		}
	}
	// Against exact decimal division: within half a unit of the 16th digit.
	for num := int64(-3000); num <= 3000; num += 7 {
		got := decimal.RequireFromString(string(appendRatio(nil, num, 240)))
		exact := decimal.New(num, 0).DivRound(decimal.New(240, 0), 40)
		if diff := got.Sub(exact).Abs(); exact.Abs().GreaterThan(decimal.Zero) &&
			diff.Div(exact.Abs()).GreaterThan(decimal.New(1, -15)) {
			t.Fatalf("appendRatio(%d, 240) = %s, exact %s", num, got, exact)
		}
	}
}

type dayStats struct {
	bid, offer, curtail                                int
	bidMin, bidMax, offerMin, offerMax                 int
	multiRow, soNull, cadlNull, nullID, posWindBid     int
	windOfferCurtail, tiny, nullPrice, nullCreated     int
	nullCreatedCurtail, nonWind, cadlOnly, windNotCurt int
}

func stats(t *testing.T, date time.Time) dayStats {
	t.Helper()
	wind := make(map[string]bool)
	for _, id := range WindUnits() {
		wind[id] = true
	}
	s := dayStats{bidMin: 1 << 30, offerMin: 1 << 30}
	tiny := decimal.New(1, -1)
	for p := 1; p <= settlement.Periods(date); p++ {
		for _, side := range elexon.Sides {
			rows, err := elexon.DecodeStack(GenerateStack(date, p, side, 0), date, p)
			if err != nil {
				t.Fatalf("%s period %d %s: %v", date.Format(settlement.DateLayout), p, side, err)
			}
			if side == elexon.Bid {
				s.bid += len(rows)
				s.bidMin, s.bidMax = min(s.bidMin, len(rows)), max(s.bidMax, len(rows))
			} else {
				s.offer += len(rows)
				s.offerMin, s.offerMax = min(s.offerMin, len(rows)), max(s.offerMax, len(rows))
			}
			perUnit := make(map[string]int)
			for _, r := range rows {
				if !r.StartTime.Equal(settlement.PeriodStart(date, p)) {
					t.Fatalf("startTime %v, want %v", r.StartTime, settlement.PeriodStart(date, p))
				}
				isWind := r.ID != nil && wind[*r.ID]
				curt := isWind && r.SoFlag != nil && *r.SoFlag && r.Volume.IsNegative()
				if curt {
					s.curtail++
					perUnit[*r.ID]++
					if side == elexon.Offer {
						s.windOfferCurtail++
					}
					if r.CreatedDateTime == nil {
						s.nullCreatedCurtail++
					}
					if r.OriginalPrice.Valid && r.OriginalPrice.Decimal.IsPositive() && side == elexon.Bid {
						s.posWindBid++
					}
				} else if isWind {
					s.windNotCurt++
				}
				if r.ID == nil {
					s.nullID++
				} else if !isWind {
					s.nonWind++
				}
				if r.SoFlag == nil {
					s.soNull++
				}
				if r.CadlFlag == nil {
					s.cadlNull++
				}
				if r.CadlFlag != nil && *r.CadlFlag && (r.SoFlag == nil || !*r.SoFlag) {
					s.cadlOnly++
				}
				if r.Volume.Abs().LessThan(tiny) {
					s.tiny++
				}
				if !r.OriginalPrice.Valid {
					s.nullPrice++
				}
				if r.CreatedDateTime == nil {
					s.nullCreated++
				}
			}
			for _, n := range perUnit {
				if n > 1 {
					s.multiRow++
				}
			}
		}
	}
	return s
}

func TestGeneratedDaysAreRealistic(t *testing.T) {
	for _, ds := range []string{"2025-03-06", "2025-03-30", "2025-10-26", "2024-01-15", "2025-07-01", "2022-12-31"} {
		date, _ := settlement.ParseDate(ds)
		start := time.Now()
		s := stats(t, date)
		t.Logf("%s: %d bid rows (%d-%d a period), %d offer rows (%d-%d), %d curtailment rows; decoded in %v",
			ds, s.bid, s.bidMin, s.bidMax, s.offer, s.offerMin, s.offerMax, s.curtail, time.Since(start).Round(time.Millisecond))
		switch {
		case s.bidMin < 150 || s.bidMax > 250:
			t.Errorf("%s: bid stacks of %d-%d rows, want 150-250", ds, s.bidMin, s.bidMax)
		case s.offerMin < 60 || s.offerMax > 150:
			t.Errorf("%s: offer stacks of %d-%d rows, want 60-150", ds, s.offerMin, s.offerMax)
		case s.curtail < 3000 || s.curtail > 5000:
			t.Errorf("%s: %d curtailment rows, want 3,000-5,000", ds, s.curtail)
		}
		for name, n := range map[string]int{
			"units with several rows in a period": s.multiRow, "null soFlag": s.soNull,
			"null cadlFlag": s.cadlNull, "null ids": s.nullID, "positive-priced wind bids": s.posWindBid,
			"wind offers counted as curtailment": s.windOfferCurtail, "tiny volumes": s.tiny,
			"null originalPrice": s.nullPrice, "null createdDateTime": s.nullCreated,
			"non-wind units": s.nonWind, "cadlFlag without soFlag": s.cadlOnly, "wind rows not curtailment": s.windNotCurt,
		} {
			if n == 0 {
				t.Errorf("%s: no %s", ds, name)
			}
		}
		if s.nullCreatedCurtail != 0 {
			t.Errorf("%s: %d curtailment rows without createdDateTime", ds, s.nullCreatedCurtail)
		}
		if s.nullPrice > s.curtail/20 {
			t.Errorf("%s: %d null prices: should be rare", ds, s.nullPrice)
		}
	}
}

func TestDeterministicAndRevise(t *testing.T) {
	date := SampleDate()
	a := GenerateStack(date, 17, elexon.Bid, 0)
	if !bytes.Equal(a, GenerateStack(date, 17, elexon.Bid, 0)) {
		t.Fatal("two generations of the same period differ")
	}
	if bytes.Equal(a, GenerateStack(date, 18, elexon.Bid, 0)) || bytes.Equal(a, GenerateStack(date, 17, elexon.Offer, 0)) {
		t.Fatal("different periods or sides generate the same stack")
	}

	srv := Start(t, Options{})
	get := func(period int) []byte {
		t.Helper()
		_, body := fetch(t, srv.URL+"/balancing/settlement/stack/all/bid/2025-03-06/"+strconv.Itoa(period))
		return body
	}
	before17, before18 := get(17), get(18)
	if !bytes.Equal(before17, a) {
		t.Fatal("the server does not serve GenerateStack's body")
	}
	srv.Revise(date, 17)
	after17 := get(17)
	if bytes.Equal(before17, after17) {
		t.Fatal("Revise did not change the period")
	}
	if !bytes.Equal(before18, get(18)) {
		t.Fatal("Revise of period 17 changed period 18")
	}
	if !bytes.Equal(after17, GenerateStack(date, 17, elexon.Bid, 1)) {
		t.Fatal("the revision is not deterministic")
	}
	r0, _ := elexon.DecodeStack(before17, date, 17)
	r1, _ := elexon.DecodeStack(after17, date, 17)
	if r0[0].CreatedDateTime == nil || r1[0].CreatedDateTime == nil || !r1[0].CreatedDateTime.After(*r0[0].CreatedDateTime) {
		t.Errorf("createdDateTime did not move forward: %v then %v", r0[0].CreatedDateTime, r1[0].CreatedDateTime)
	}
}

func fetch(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Header.Get(elexon.SyntheticHeader) != "true" {
		t.Errorf("%s: no %s header", url, elexon.SyntheticHeader)
	}
	return resp, body
}

func TestStatusCodes(t *testing.T) {
	srv := Start(t, Options{})
	srv.Unpublish(SampleDate(), 5)
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/balancing/settlement/stack/all/bid/2025-03-30/46", 200},
		{"/balancing/settlement/stack/all/bid/2025-03-30/47", 404},
		{"/balancing/settlement/stack/all/offer/2025-10-26/50", 200},
		{"/balancing/settlement/stack/all/offer/2025-03-06/49", 404},
		{"/balancing/settlement/stack/all/offer/2025-03-06/5", 404},
		{"/balancing/settlement/stack/all/bid/2025-03-06/5", 404},
		{"/balancing/settlement/stack/all/bid/2025-03-06/6", 200},
		{"/balancing/settlement/stack/all/both/2025-03-06/6", 400},
		{"/balancing/settlement/stack/all/bid/2025-3-6/6", 400},
		{"/balancing/settlement/stack/all/bid/2025-03-06/0", 400},
		{"/no/such/endpoint", 404},
		{"/reference/bmunits/all", 200},
		{"/generation/actual/per-type/wind-and-solar?from=2025-03-01&to=2025-03-08", 200},
		{"/generation/actual/per-type/wind-and-solar?from=2025-03-01&to=2025-03-09", 400},
		{"/generation/actual/per-type/wind-and-solar?from=2025-03-09&to=2025-03-01", 400},
	} {
		resp, body := fetch(t, srv.URL+tc.path)
		if resp.StatusCode != tc.want {
			t.Errorf("%s: HTTP %d, want %d", tc.path, resp.StatusCode, tc.want)
		}
		if !json.Valid(body) || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: not a JSON response: %.80s", tc.path, body)
		}
	}
	// Without the prefix nothing is found.
	resp, _ := fetch(t, srv.HTTP.URL+"/balancing/settlement/stack/all/bid/2025-03-06/6")
	if resp.StatusCode != 404 {
		t.Errorf("a path without %s: HTTP %d, want 404", Prefix, resp.StatusCode)
	}
	if got := srv.Requests(); got != 16 || len(srv.RequestTimes()) != 16 {
		t.Errorf("Requests() = %d, RequestTimes() has %d, want 16", got, len(srv.RequestTimes()))
	}
}

func TestSetStackRoundTrip(t *testing.T) {
	date := SampleDate()
	rows, err := elexon.DecodeStack(GenerateStack(date, 9, elexon.Offer, 0), date, 9)
	if err != nil {
		t.Fatal(err)
	}
	srv := Start(t, Options{})
	srv.SetStack(date, 9, elexon.Offer, rows)
	_, body := fetch(t, srv.URL+"/balancing/settlement/stack/all/offer/2025-03-06/09")
	got, err := elexon.DecodeStack(body, date, 9)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows back, want %d", len(got), len(rows))
	}
	for i := range rows {
		if string(got[i].Raw) != string(rows[i].Raw) {
			t.Fatalf("row %d:\n got %s\nwant %s", i, got[i].Raw, rows[i].Raw)
		}
	}
}

func TestWind(t *testing.T) {
	srv := Start(t, Options{})
	_, body := fetch(t, srv.URL+"/generation/actual/per-type/wind-and-solar?from=2025-03-30&to=2025-03-30")
	rows, err := elexon.DecodeGeneration(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 46*3 {
		t.Fatalf("%d rows for a 46-period day, want %d", len(rows), 46*3)
	}
	for _, r := range rows {
		if r.Quantity.IsNegative() {
			t.Errorf("negative quantity %v", r)
		}
		if r.PsrType == elexon.PsrSolar && r.SettlementPeriod < 5 && !r.Quantity.IsZero() {
			t.Errorf("solar at night: %s", r.Raw)
		}
	}
}

func TestParseFault(t *testing.T) {
	for _, s := range []string{"500:period=17:times=2", "429:retry-after=2s", "slow:date=2025-03-06:side=bid:delay=1.5s", "reset", "extra:times=1", "hang:period=30:times=2"} {
		f, err := ParseFault(s)
		if err != nil {
			t.Fatalf("ParseFault(%q): %v", s, err)
		}
		if f.String() != s {
			t.Errorf("ParseFault(%q).String() = %q", s, f.String())
		}
	}
	for _, s := range []string{"", "404", "500:period=51", "500:side=both", "500:times", "500:colour=red", "slow:delay=soon"} {
		if _, err := ParseFault(s); err == nil {
			t.Errorf("ParseFault(%q) succeeded", s)
		}
	}
}

func TestFaultsCountDown(t *testing.T) {
	srv := Start(t, Options{})
	srv.AddFault(Fault{Kind: ServerError, Period: 3, Side: elexon.Bid, Times: 2})
	srv.AddFault(Fault{Kind: HTMLPage, Date: time.Date(2025, 3, 7, 0, 0, 0, 0, time.UTC)})
	want := []int{500, 500, 200}
	for i, w := range want {
		resp, _ := fetch(t, srv.URL+"/balancing/settlement/stack/all/bid/2025-03-06/3")
		if resp.StatusCode != w {
			t.Errorf("request %d: HTTP %d, want %d", i+1, resp.StatusCode, w)
		}
	}
	if resp, _ := fetch(t, srv.URL+"/balancing/settlement/stack/all/offer/2025-03-06/3"); resp.StatusCode != 200 {
		t.Errorf("offer side hit by a bid fault: HTTP %d", resp.StatusCode)
	}
	resp, body := fetch(t, srv.URL+"/balancing/settlement/stack/all/offer/2025-03-07/3")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("<html>")) {
		t.Errorf("HTML fault not served: %s %.60s", resp.Header.Get("Content-Type"), body)
	}
	srv.ClearFaults()
	if resp, _ := fetch(t, srv.URL+"/balancing/settlement/stack/all/offer/2025-03-07/3"); resp.StatusCode != 200 {
		t.Errorf("after ClearFaults: HTTP %d", resp.StatusCode)
	}
}

func TestHandlerWithoutServer(t *testing.T) {
	h := NewHandler(Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", Prefix+"/reference/bmunits/all", nil))
	if rec.Code != 200 || rec.Body.Len() < 1000 {
		t.Fatalf("BM units: HTTP %d, %d bytes", rec.Code, rec.Body.Len())
	}
	h.SetBMUnits([]byte(`[]`))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", Prefix+"/reference/bmunits/all", nil))
	if rec.Body.String() != "[]" {
		t.Fatalf("SetBMUnits not served: %s", rec.Body.String())
	}
}

// TestHangHoldsUntilTheClientGivesUp: a Hang fault answers nothing until
// the client's context is done (so a timeout drill fails by the client's
// timeout, whatever the load), then the fault is spent; and a request
// still held when the test ends is let go, so the server can close.
func TestHangHoldsUntilTheClientGivesUp(t *testing.T) {
	url := "/balancing/settlement/stack/all/bid/2025-03-06/3"
	srv := Start(t, Options{})
	srv.AddFault(Fault{Kind: Hang, Period: 3, Times: 1})
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a hung request: %v, %v; want the client's deadline", resp, err)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("the hung request ended after %v, before the client gave up", took)
	}
	if resp, _ := fetch(t, srv.URL+url); resp.StatusCode != 200 {
		t.Errorf("after the fault was spent: HTTP %d", resp.StatusCode)
	}

	// A client that never gives up: the request is let go when the server
	// closes at the end of the (sub)test that started it.
	ended := make(chan error, 1)
	t.Run("closed while hanging", func(t *testing.T) {
		srv := Start(t, Options{})
		srv.AddFault(Fault{Kind: Hang})
		go func() {
			resp, err := http.Get(srv.URL + url)
			if err == nil {
				resp.Body.Close()
			}
			ended <- err
		}()
		for deadline := time.Now().Add(time.Minute); srv.Requests() == 0; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the stand-in saw no request within a minute")
			}
		}
	})
	select {
	case <-ended:
	case <-time.After(time.Minute):
		t.Fatal("the request held by Hang was not let go when the server closed")
	}
}
