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

	"github.com/recon-energy/recon/internal/elexon"
)

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
