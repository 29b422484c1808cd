package price_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/price/pricetest"
)

func TestParseHistory(t *testing.T) {
	// Newest first, as mempool.space sends it; one price with more digits
	// than a float64 holds, one with an exponent, one without data (-1) and
	// one with a null; exchangeRates must not be used.
	body := `{"prices":[
		{"time":1740787200,"USD":86000,"GBP":68123.123456789012345678,"EUR":82000},
		{"time":1740700800,"USD":85000,"GBP":-1,"EUR":81000},
		{"time":1740614400,"USD":84000,"GBP":6.7e4,"EUR":80000},
		{"time":1740528000,"USD":83000,"GBP":null},
		{"time":1740441600,"USD":82000,"GBP":0}
	],"exchangeRates":{"USDEUR":0.95,"USDGBP":0.79}}`
	h, err := price.ParseHistory([]byte(body), "GBP")
	if err != nil {
		t.Fatal(err)
	}
	if h.NoData != 3 {
		t.Errorf("%d entries without data, want 3 (-1, null, 0)", h.NoData)
	}
	want := []struct {
		unix int64
		gbp  string
	}{{1740614400, "67000"}, {1740787200, "68123.123456789012345678"}}
	if len(h.Points) != len(want) {
		t.Fatalf("%d points, want %d: %+v", len(h.Points), len(want), h.Points)
	}
	for i, w := range want {
		p := h.Points[i]
		if p.ObservedAt.Unix() != w.unix || p.ObservedAt.Location() != time.UTC || !p.GBP.Equal(decimal.RequireFromString(w.gbp)) {
			t.Errorf("point %d: %s %s, want %d %s (oldest first, exact)", i, p.ObservedAt, p.GBP, w.unix, w.gbp)
		}
	}
	if h.Points[1].GBP.String() != "68123.123456789012345678" {
		t.Errorf("price %s: not read from its JSON text", h.Points[1].GBP)
	}
}

func TestParseHistoryRefusesMalformedPayloads(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"not JSON", `<html>`, "want {\"prices\""},
		{"no prices", `{"exchangeRates":{}}`, `no "prices" array`},
		{"prices not an array", `{"prices":{}}`, "want {\"prices\""},
		{"no time", `{"prices":[{"GBP":1}]}`, `prices[0]: no "time"`},
		{"time not an integer", `{"prices":[{"time":"1740787200","GBP":1}]}`, "not unix seconds"},
		{"time before Bitcoin", `{"prices":[{"time":1000,"GBP":1}]}`, "not unix seconds after 2009-01-03"},
		{"no GBP", `{"prices":[{"time":1740787200,"USD":1}]}`, `no "GBP" price`},
		{"GBP a string", `{"prices":[{"time":1740787200,"GBP":"70000"}]}`, "is not a JSON number"},
		{"GBP an object", `{"prices":[{"time":1740787200,"GBP":{}}]}`, "is not a JSON number"},
		{"repeated time", `{"prices":[{"time":1740787200,"GBP":1},{"time":1740787200,"GBP":2}]}`, "prices[1]: time 1740787200 repeats prices[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := price.ParseHistory([]byte(tc.body), "GBP")
			if err == nil || !errors.Is(err, price.ErrMalformed) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%v, want ErrMalformed saying %q", err, tc.want)
			}
		})
	}
}

func TestHistoryURL(t *testing.T) {
	for base, want := range map[string]string{
		"https://mempool.space":      "https://mempool.space/api/v1/historical-price?currency=GBP",
		"https://mempool.space/":     "https://mempool.space/api/v1/historical-price?currency=GBP",
		"http://127.0.0.1:8080/pre/": "http://127.0.0.1:8080/pre/api/v1/historical-price?currency=GBP",
	} {
		if got, err := price.HistoryURL(base, "GBP"); err != nil || got != want {
			t.Errorf("HistoryURL(%q) = %q, %v; want %q", base, got, err, want)
		}
	}
	for _, base := range []string{"", "mempool.space", "ftp://mempool.space", "https://", "https://x/?currency=GBP"} {
		if got, err := price.HistoryURL(base, "GBP"); err == nil {
			t.Errorf("HistoryURL(%q) = %q, want an error", base, got)
		}
	}
	// The endpoint wants the currency code in upper case.
	for _, c := range []string{"gbp", "Gbp", "GB", "POUND", ""} {
		if got, err := price.HistoryURL("https://mempool.space", c); err == nil || !strings.Contains(err.Error(), "upper-case") {
			t.Errorf("HistoryURL(currency %q) = %q, %v; want an upper-case error", c, got, err)
		}
	}
}

// TestFetchFromStandIn fetches the stand-in's weekly and hourly points,
// leaving out the two without data and never using today's exchange rates.
func TestFetchFromStandIn(t *testing.T) {
	src := pricetest.Start(t)
	c := &price.Client{Retries: 2, RetryWait: time.Millisecond}
	h, err := c.Fetch(context.Background(), src.URL)
	if err != nil {
		t.Fatal(err)
	}
	if src.LastQuery() != "currency=GBP" {
		t.Errorf("query %q, want currency=GBP (upper case)", src.LastQuery())
	}
	series := pricetest.Series(pricetest.DefaultEnd)
	if len(h.Points) != len(series)-2 || h.NoData != 2 {
		t.Fatalf("%d points and %d without data, want %d and 2", len(h.Points), h.NoData, len(series)-2)
	}
	if !h.Synthetic {
		t.Error("the stand-in's prices are not marked synthetic")
	}
	byTime := map[time.Time]decimal.Decimal{}
	for _, p := range h.Points {
		byTime[p.ObservedAt] = p.GBP
	}
	weekly, hourly := 0, 0
	for _, e := range series {
		got, ok := byTime[e.Time]
		switch {
		case !e.GBP.IsPositive():
			if ok {
				t.Errorf("%s: price %s stored for an entry without data (GBP %s)", e.Time, got, e.GBP)
			}
		case !ok || !got.Equal(e.GBP):
			t.Errorf("%s: got %s, want %s", e.Time, got, e.GBP)
		case e.Time.Minute() == 0 && e.Time.Hour() == 0 && e.Time.Weekday() == time.Monday && pricetest.DefaultEnd.Sub(e.Time) > 7*24*time.Hour:
			weekly++
		default:
			hourly++
		}
	}
	if weekly < 20 || hourly < 100 {
		t.Errorf("%d weekly and %d hourly points: the stand-in should serve both", weekly, hourly)
	}
	if c.Requests() != 1 {
		t.Errorf("%d requests, want 1", c.Requests())
	}
}

func TestStandInRefusesLowerCaseCurrency(t *testing.T) {
	src := pricetest.Start(t)
	for _, c := range []string{"gbp", "Gbp", ""} {
		resp, err := http.Get(src.URL + price.HistoryPath + "?currency=" + c)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("currency %q: HTTP %d, want 400", c, resp.StatusCode)
		}
	}
}

func TestFetchRetriesThenFails(t *testing.T) {
	ctx := context.Background()
	src := pricetest.Start(t)

	// Two busy answers, then the history.
	src.FailNext(2)
	c := &price.Client{Retries: 2, RetryWait: time.Millisecond}
	if _, err := c.Fetch(ctx, src.URL); err != nil {
		t.Fatalf("after two 503s: %v", err)
	}
	if c.Requests() != 3 || src.Requests() != 3 {
		t.Errorf("%d requests sent, %d received; want 3", c.Requests(), src.Requests())
	}

	// Always busy: unreachable after the retries.
	src.SetStatus(http.StatusServiceUnavailable)
	_, err := (&price.Client{Retries: 2, RetryWait: time.Millisecond}).Fetch(ctx, src.URL)
	if !errors.Is(err, price.ErrUnreachable) || !strings.Contains(err.Error(), "3 attempt(s)") || !strings.Contains(err.Error(), "HTTP 503") {
		t.Errorf("always 503: %v", err)
	}

	// A 404 is not retried.
	src.SetStatus(http.StatusNotFound)
	before := src.Requests()
	_, err = (&price.Client{Retries: 2, RetryWait: time.Millisecond}).Fetch(ctx, src.URL)
	if err == nil || errors.Is(err, price.ErrUnreachable) || !strings.Contains(err.Error(), "HTTP 404") || src.Requests() != before+1 {
		t.Errorf("404: %v after %d request(s)", err, src.Requests()-before)
	}

	// A malformed body is not retried either.
	src.SetStatus(0)
	src.SetBody([]byte(`{"prices":[{"time":1740787200,"GBP":"1"}]}`))
	_, err = (&price.Client{Retries: 2, RetryWait: time.Millisecond}).Fetch(ctx, src.URL)
	if !errors.Is(err, price.ErrMalformed) {
		t.Errorf("malformed body: %v", err)
	}

	// Nobody listening.
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	_, err = (&price.Client{Retries: 1, RetryWait: time.Millisecond}).Fetch(ctx, dead.URL)
	if !errors.Is(err, price.ErrUnreachable) {
		t.Errorf("closed server: %v", err)
	}
}
