package wastedwind_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/wastedwind"
	"github.com/recon-energy/recon/internal/wastedwind/wastedwindtest"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// The site's published figures for July 2026, as quoted in issue 12.
var july = wastedwind.Month{Year: 2026, Month: 7, Figures: wastedwind.Figures{
	BidVolumeMWh: dec("360996.5"), BidCost: dec("13746022.75"),
	TurnUpVolume: dec("348067.73"), TurnUpCost: dec("49897452.53"),
}}

func sameFigures(a, b wastedwind.Figures) bool {
	return a.BidVolumeMWh.Equal(b.BidVolumeMWh) && a.BidCost.Equal(b.BidCost) &&
		a.TurnUpVolume.Equal(b.TurnUpVolume) && a.TurnUpCost.Equal(b.TurnUpCost)
}

func TestParseReadsNumbersFromTheirText(t *testing.T) {
	// Floats that float64 cannot hold exactly, an exponent, a negative cost,
	// unknown fields of every kind, and months out of order.
	body := `{"total": {"bidVolumeMWh": 1e3, "bidCost": 0.1, "turnUpVolume": 2, "turnUpCost": 3, "extra": [1, 2]},
	  "data": [
	    {"year": 2026, "month": 7, "bidVolumeMWh": 360996.5, "bidVolumeGWh": 360.9965, "bidCost": 13746022.75,
	     "bidCostM": 13.74602275, "turnUpVolume": 348067.73, "turnUpCost": 49897452.53, "note": null, "flags": {"partial": true}},
	    {"year": 2026, "month": 2, "bidVolumeMWh": 0.30000000000000004, "bidCost": -1.5e2, "turnUpVolume": 12345678901234567.89,
	     "turnUpCost": 0}
	  ]}`
	s, err := wastedwind.Parse([]byte(body), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Months) != 2 || s.Months[0].Month != 2 || s.Months[1].Month != 7 {
		t.Fatalf("months %+v, want February then July", s.Months)
	}
	if !sameFigures(s.Months[1].Figures, july.Figures) {
		t.Errorf("July: %+v, want %+v", s.Months[1].Figures, july.Figures)
	}
	feb := s.Months[0]
	if feb.BidVolumeMWh.String() != "0.30000000000000004" || !feb.BidCost.Equal(dec("-150")) ||
		feb.TurnUpVolume.String() != "12345678901234567.89" {
		t.Errorf("February read through a float: %+v", feb.Figures)
	}
	if s.Total == nil || !s.Total.BidVolumeMWh.Equal(dec("1000")) || s.Total.BidCost.String() != "0.1" {
		t.Errorf("total %+v", s.Total)
	}
	if m, ok := s.Month(7); !ok || m.Month != 7 {
		t.Error("Month(7) not found")
	}
	if _, ok := s.Month(3); ok {
		t.Error("Month(3) found although not published")
	}
}

func TestParseRefusesMalformed(t *testing.T) {
	for _, c := range []struct{ name, body, says string }{
		{"not JSON", `<html>maintenance</html>`, "invalid character"},
		{"no data", `{"total": {}}`, `no "data" array`},
		{"data not an array", `{"data": {"year": 2026}}`, "cannot unmarshal"},
		{"number as a string", `{"data": [{"year": 2026, "month": 1, "bidVolumeMWh": "1", "bidCost": 1, "turnUpVolume": 1, "turnUpCost": 1}]}`, "not a JSON number"},
		{"null figure", `{"data": [{"year": 2026, "month": 1, "bidVolumeMWh": 1, "bidCost": null, "turnUpVolume": 1, "turnUpCost": 1}]}`, "has no bidCost"},
		{"missing figure", `{"data": [{"year": 2026, "month": 1, "bidVolumeMWh": 1, "bidCost": 1, "turnUpVolume": 1}]}`, "has no turnUpCost"},
		{"other year", `{"data": [{"year": 2025, "month": 1, "bidVolumeMWh": 1, "bidCost": 1, "turnUpVolume": 1, "turnUpCost": 1}]}`, "of year 2025"},
		{"month 13", `{"data": [{"year": 2026, "month": 13, "bidVolumeMWh": 1, "bidCost": 1, "turnUpVolume": 1, "turnUpCost": 1}]}`, "month 13"},
		{"month twice", `{"data": [{"year": 2026, "month": 1, "bidVolumeMWh": 1, "bidCost": 1, "turnUpVolume": 1, "turnUpCost": 1},
			{"year": 2026, "month": 1, "bidVolumeMWh": 1, "bidCost": 1, "turnUpVolume": 1, "turnUpCost": 1}]}`, "listed twice"},
		{"no month", `{"data": [{"year": 2026, "bidVolumeMWh": 1, "bidCost": 1, "turnUpVolume": 1, "turnUpCost": 1}]}`, "no year or month"},
		{"truncated", `{"data": [{"year": 2026, "month": 1, "bidVolumeMWh": 1`, "unexpected end"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := wastedwind.Parse([]byte(c.body), 2026)
			if !errors.Is(err, wastedwind.ErrMalformed) || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("err = %v, want ErrMalformed saying %q", err, c.says)
			}
		})
	}
	// An empty year is not malformed: the site has published nothing yet.
	s, err := wastedwind.Parse([]byte(`{"total": {}, "data": []}`), 2030)
	if err != nil || len(s.Months) != 0 || s.Total != nil {
		t.Fatalf("an empty year: %+v, %v", s, err)
	}
}

func client(t *testing.T, url string) *wastedwind.Client {
	t.Helper()
	c, err := wastedwind.New(wastedwind.Config{BaseURL: url, MaxRetries: 2, RetryWaitMin: time.Millisecond,
		RetryWaitMax: 2 * time.Millisecond, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientAgainstTheStandIn(t *testing.T) {
	srv := wastedwindtest.Start(t)
	srv.SetMonth(july)
	planted := july
	planted.Month, planted.TurnUpCost = 6, dec("1.05")
	srv.SetMonth(planted)
	c := client(t, srv.URL+"/")
	if got := c.URL(2026); got != srv.URL+"/api/summary/2026" {
		t.Errorf("URL %s", got)
	}
	s, err := c.Summary(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Months) != 2 || !sameFigures(s.Months[1].Figures, july.Figures) || !s.Months[0].TurnUpCost.Equal(dec("1.05")) {
		t.Fatalf("the stand-in's figures came back as %+v", s.Months)
	}
	if s.Total == nil || !s.Total.TurnUpCost.Equal(july.TurnUpCost.Add(dec("1.05"))) {
		t.Errorf("total %+v", s.Total)
	}
	empty, err := c.Summary(context.Background(), 2019)
	if err != nil || len(empty.Months) != 0 {
		t.Errorf("a year without figures: %+v, %v", empty, err)
	}
}

func TestClientFaults(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		fault wastedwindtest.Fault
		times int
		want  error // nil: succeeds after retrying
		tries int64
	}{
		{"unreachable, then back", wastedwindtest.Unreachable, 2, nil, 3},
		{"500, then back", wastedwindtest.ServerError, 1, nil, 2},
		{"unreachable", wastedwindtest.Unreachable, 0, wastedwind.ErrUnavailable, 3},
		{"500", wastedwindtest.ServerError, 0, wastedwind.ErrUnavailable, 3},
		{"404 is not retried", wastedwindtest.NotFound, 0, wastedwind.ErrUnavailable, 1},
		{"malformed is not retried", wastedwindtest.Malformed, 0, wastedwind.ErrMalformed, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := wastedwindtest.Start(t)
			srv.SetMonth(july)
			srv.SetFault(c.fault, c.times)
			s, err := client(t, srv.URL).Summary(ctx, 2026)
			if c.want == nil {
				if err != nil || len(s.Months) != 1 {
					t.Fatalf("after %d failures: %+v, %v", c.times, s, err)
				}
			} else if !errors.Is(err, c.want) || !strings.Contains(err.Error(), srv.URL+"/api/summary/2026") {
				t.Fatalf("err = %v, want %v naming the URL", err, c.want)
			}
			if got := srv.Requests(); got != c.tries {
				t.Errorf("%d requests, want %d", got, c.tries)
			}
		})
	}
}

func TestClientHonoursRetryAfterAndContext(t *testing.T) {
	var hits atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := client(t, ts.URL).Summary(ctx, 2026)
	if !errors.Is(err, wastedwind.ErrUnavailable) || !strings.Contains(err.Error(), "429") ||
		!strings.Contains(err.Error(), context.DeadlineExceeded.Error()) {
		t.Fatalf("err = %v, want ErrUnavailable after HTTP 429, ended by the context", err)
	}
	// Retry-After (capped at a minute) outweighs the millisecond backoff:
	// the context ends the wait before a second request.
	if n := hits.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestNewRefusesBadURLs(t *testing.T) {
	for _, u := range []string{"wastedwind.energy", "ftp://wastedwind.energy", "https://", "https://x/?q=1"} {
		if _, err := wastedwind.New(wastedwind.Config{BaseURL: u}); err == nil {
			t.Errorf("New accepted %q", u)
		}
	}
	c, err := wastedwind.New(wastedwind.Config{})
	if err != nil || c.URL(2025) != "https://wastedwind.energy/api/summary/2025" {
		t.Errorf("default: %v, %v", c, err)
	}
}
