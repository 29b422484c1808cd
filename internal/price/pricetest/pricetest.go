// Package pricetest is a stand-in for mempool.space's
// GET /api/v1/historical-price?currency=GBP, for tests of `recon price sync`
// and for trying it by hand. It serves SYNTHETIC prices (marked with the
// X-Recon-Synthetic header) in mempool.space's shape: {"prices": [{"time":
// <unix s>, "USD": <n>, "EUR": <n>, "GBP": <n>}, ...], "exchangeRates":
// {...}}, newest first, weekly points in the past and hourly points for the
// last week, some with no data (a price of 0 or -1). Like the real endpoint
// it refuses a currency code that is not upper case.
package pricetest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/price"
)

// Entry is one element of the payload's prices array. GBP may be 0 or
// negative: the source's "no data".
type Entry struct {
	Time time.Time
	GBP  decimal.Decimal
	USD  decimal.Decimal
}

// DefaultEnd is the newest instant the stand-in serves by default (a Monday
// noon, after the shipped history ends on 2026-01-01).
var DefaultEnd = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// Series is a synthetic history ending at end (truncated to the hour):
// one point a week, Mondays at 00:00Z, for the 26 weeks before the last
// seven days, then one point an hour for those seven days. Prices are
// deterministic, with pence and, now and then, more decimals than pence. Two
// entries have no data: the weekly one of 13 weeks before the end (GBP 0)
// and the hourly one 30 hours before the end (GBP -1, USD still positive:
// a price in pounds must not be made up from the dollar price and today's
// exchange rate).
func Series(end time.Time) []Entry {
	end = end.UTC().Truncate(time.Hour)
	hourlyFrom := end.Add(-7 * 24 * time.Hour)
	monday := hourlyFrom.Truncate(24 * time.Hour)
	for monday.Weekday() != time.Monday || !monday.Before(hourlyFrom) {
		monday = monday.Add(-24 * time.Hour)
	}
	var out []Entry
	for i := 25; i >= 0; i-- {
		t := monday.Add(-time.Duration(i) * 7 * 24 * time.Hour)
		gbp := syntheticGBP(t)
		if i == 13 {
			gbp = decimal.Zero
		}
		out = append(out, Entry{Time: t, GBP: gbp, USD: syntheticGBP(t).Mul(decimal.RequireFromString("1.27")).Round(0)})
	}
	for t := hourlyFrom; !t.After(end); t = t.Add(time.Hour) {
		gbp := syntheticGBP(t)
		if end.Sub(t) == 30*time.Hour {
			gbp = decimal.NewFromInt(-1)
		}
		out = append(out, Entry{Time: t, GBP: gbp, USD: syntheticGBP(t).Mul(decimal.RequireFromString("1.27")).Round(0)})
	}
	return out
}

// syntheticGBP is a made-up price for t: 60,000 plus a wave, in pence, with
// six decimals every 5th hour.
func syntheticGBP(t time.Time) decimal.Decimal {
	h := t.Unix() / 3600
	p := decimal.NewFromInt(6_000_000 + (h*7919)%1_500_000).Shift(-2)
	if h%5 == 0 {
		p = p.Add(decimal.New(123456, -6))
	}
	return p
}

// Server is a running stand-in.
type Server struct {
	// URL is the base URL to give `recon price sync --url`.
	URL      string
	requests atomic.Int64

	mu        sync.Mutex
	entries   []Entry
	body      []byte // when set, served instead of the entries
	status    int    // when set, every request is answered with it
	failNext  int    // this many requests are answered 503 before serving
	lastQuery string
}

// Start runs a stand-in serving Series(DefaultEnd) until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := New(Series(DefaultEnd))
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

// New is a stand-in serving entries, for a program to mount its Handler.
func New(entries []Entry) *Server {
	return &Server{entries: slices.Clone(entries)}
}

// Handler serves the endpoint at price.HistoryPath.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+price.HistoryPath, s.serve)
	return mux
}

// SetEntries makes the stand-in serve these entries.
func (s *Server) SetEntries(entries []Entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = slices.Clone(entries)
}

// SetBody makes the stand-in serve body, byte for byte (nil: the entries).
func (s *Server) SetBody(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body = slices.Clone(body)
}

// SetStatus makes the stand-in answer every request with this status (0:
// serve normally).
func (s *Server) SetStatus(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = code
}

// FailNext makes the next n requests fail with 503, as a busy server would.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// Requests is how many requests the stand-in has received.
func (s *Server) Requests() int64 { return s.requests.Load() }

// LastQuery is the raw query string of the latest request.
func (s *Server) LastQuery() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastQuery
}

var upperCode = regexp.MustCompile(`^[A-Z]{3}$`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.mu.Lock()
	s.lastQuery = r.URL.RawQuery
	status, body, entries := s.status, s.body, s.entries
	if s.failNext > 0 {
		s.failNext--
		status = http.StatusServiceUnavailable
	}
	s.mu.Unlock()
	w.Header().Set(price.SyntheticHeader, "true")
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if c := r.URL.Query().Get("currency"); !upperCode.MatchString(c) {
		http.Error(w, fmt.Sprintf("invalid currency %q: use an upper-case code such as GBP", c), http.StatusBadRequest)
		return
	}
	if body == nil {
		body = Encode(entries)
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// Encode writes entries in mempool.space's shape, newest first. Prices are
// written as the decimals' exact text (JSON numbers); exchangeRates holds
// made-up rates of "today", which a client must never apply to the past.
func Encode(entries []Entry) []byte {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b Entry) int { return b.Time.Compare(a.Time) })
	b := []byte(`{"prices":[`)
	for i, e := range sorted {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"time":`...)
		b = strconv.AppendInt(b, e.Time.Unix(), 10)
		b = append(b, `,"USD":`...)
		b = append(b, e.USD.String()...)
		b = append(b, `,"EUR":`...)
		b = append(b, e.USD.Mul(decimal.RequireFromString("0.92")).Round(0).String()...)
		b = append(b, `,"GBP":`...)
		b = append(b, e.GBP.String()...)
		b = append(b, '}')
	}
	b = append(b, `],"exchangeRates":{"USDEUR":0.92,"USDGBP":0.5,"USDCAD":1.37,"USDCHF":0.88,"USDAUD":1.52,"USDJPY":151.2}}`...)
	return b
}
