// Package wastedwindtest is a stand-in for wastedwind.energy's summary API,
// GET /api/summary/{year}, for tests of recon's cross-check: it serves the
// monthly figures it is given (so that a test can plant a difference), in the
// site's shape, with the GWh and £m duplicates and other fields recon
// ignores, and can be switched to fail (unreachable, HTTP 500, a malformed
// body), always or for the next few requests.
package wastedwindtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/wastedwind"
)

// Fault is a way for the stand-in to fail.
type Fault int

const (
	// None serves normally.
	None Fault = iota
	// Unreachable closes the connection without an answer.
	Unreachable
	// ServerError answers HTTP 500.
	ServerError
	// Malformed answers 200 with a body that is not a summary.
	Malformed
	// NotFound answers HTTP 404.
	NotFound
)

// Server is a running stand-in.
type Server struct {
	// URL is the base URL to give the client (no trailing slash).
	URL      string
	requests atomic.Int64

	mu     sync.Mutex
	months map[int][]wastedwind.Month // by year
	fault  Fault
	times  int // how many more requests fail; 0 with a fault set: all
}

// Start runs a stand-in with no figures until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{months: map[int][]wastedwind.Month{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/summary/{year}", s.serve)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

// SetMonth makes the stand-in publish these figures for m's month,
// replacing what it had for that month.
func (s *Server) SetMonth(m wastedwind.Month) {
	s.mu.Lock()
	defer s.mu.Unlock()
	months := slices.DeleteFunc(s.months[m.Year], func(x wastedwind.Month) bool { return x.Month == m.Month })
	months = append(months, m)
	slices.SortFunc(months, func(a, b wastedwind.Month) int { return a.Month - b.Month })
	s.months[m.Year] = months
}

// SetFault makes the next times requests fail with f (every request when
// times is 0); None clears it.
func (s *Server) SetFault(f Fault, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fault, s.times = f, times
}

// Requests is how many requests the stand-in has received.
func (s *Server) Requests() int64 { return s.requests.Load() }

// takeFault returns the fault this request gets.
func (s *Server) takeFault() Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.fault
	if f != None && s.times > 0 {
		s.times--
		if s.times == 0 {
			s.fault = None
		}
	}
	return f
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	switch s.takeFault() {
	case Unreachable:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	case ServerError:
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	case NotFound:
		http.NotFound(w, r)
		return
	case Malformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"total": {"bidVolumeMWh": 1}, "data": [{"year": 2025, "month": "July", "bidVolumeMWh": "lots"`))
		return
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		http.Error(w, `{"error": "year must be a number"}`, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	months := slices.Clone(s.months[year])
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(Encode(months))
}

var (
	thousand = decimal.NewFromInt(1000)
	million  = decimal.NewFromInt(1_000_000)
)

// Encode writes months in the site's shape: a total and one element per
// month, each figure as a JSON number, with the site's GWh and £m duplicates
// and a month name beside them.
func Encode(months []wastedwind.Month) []byte {
	var total wastedwind.Figures
	for _, m := range months {
		total.BidVolumeMWh = total.BidVolumeMWh.Add(m.BidVolumeMWh)
		total.BidCost = total.BidCost.Add(m.BidCost)
		total.TurnUpVolume = total.TurnUpVolume.Add(m.TurnUpVolume)
		total.TurnUpCost = total.TurnUpCost.Add(m.TurnUpCost)
	}
	b := []byte(`{"total": `)
	b = appendFigures(b, total, "")
	b = append(b, `, "data": [`...)
	for i, m := range months {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendFigures(b, m.Figures, fmt.Sprintf(`"year": %d, "month": %d, "monthName": %q, `,
			m.Year, m.Month, monthNames[(m.Month+11)%12]))
	}
	return append(b, "]}"...)
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

func appendFigures(b []byte, f wastedwind.Figures, head string) []byte {
	b = append(b, '{')
	b = append(b, head...)
	for i, x := range []struct {
		name string
		v    decimal.Decimal
	}{
		{"bidVolumeMWh", f.BidVolumeMWh},
		{"bidVolumeGWh", f.BidVolumeMWh.Div(thousand)},
		{"bidCost", f.BidCost},
		{"bidCostM", f.BidCost.Div(million)},
		{"turnUpVolume", f.TurnUpVolume},
		{"turnUpVolumeGWh", f.TurnUpVolume.Div(thousand)},
		{"turnUpCost", f.TurnUpCost},
		{"turnUpCostM", f.TurnUpCost.Div(million)},
	} {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendQuote(b, x.name)
		b = append(b, ": "...)
		b = append(b, x.v.String()...)
	}
	return append(b, '}')
}
