// Package difficultytest is a stand-in for mempool.space's
// GET /api/v1/mining/difficulty-adjustments, for tests of `recon difficulty
// sync`. By default it serves the difficulty table recon ships
// (internal/refdata/difficulty_epochs.csv) in mempool.space's shape, newest
// first, with each difficulty written as the float literal of the table's
// exact decimal (e.g. 110568428300952.69) and a ratio to the previous epoch.
package difficultytest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/refdata"
)

// Path is the endpoint's path, as on mempool.space.
const Path = "/api/v1/mining/difficulty-adjustments"

// Server is a running stand-in.
type Server struct {
	// URL is the endpoint's full URL.
	URL      string
	requests atomic.Int64

	mu     sync.Mutex
	epochs []difficulty.Epoch
	body   []byte // when set, served instead of the epochs
	status int    // when set, answered instead
}

// RefEpochs is the shipped difficulty table.
func RefEpochs(t testing.TB) []difficulty.Epoch {
	t.Helper()
	epochs, err := difficulty.ParseEpochsCSV(bytes.NewReader(refdata.DifficultyEpochsCSV))
	if err != nil {
		t.Fatal(err)
	}
	return epochs
}

// Start runs a stand-in serving the shipped table until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{epochs: RefEpochs(t)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Path, s.serve)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	s.URL = ts.URL + Path
	return s
}

// SetEpochs makes the stand-in serve these epochs.
func (s *Server) SetEpochs(epochs []difficulty.Epoch) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.epochs = slices.Clone(epochs)
}

// SetBody makes the stand-in serve body, byte for byte.
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

// Requests is how many requests the stand-in has received.
func (s *Server) Requests() int64 { return s.requests.Load() }

func (s *Server) serve(w http.ResponseWriter, _ *http.Request) {
	s.requests.Add(1)
	s.mu.Lock()
	status, body := s.status, s.body
	if body == nil {
		body = Encode(s.epochs)
	}
	s.mu.Unlock()
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// Encode writes epochs in mempool.space's shape, newest first:
// [[timestamp, height, difficulty, ratio], ...].
func Encode(epochs []difficulty.Epoch) []byte {
	sorted := slices.Clone(epochs)
	slices.SortFunc(sorted, func(a, b difficulty.Epoch) int { return a.ActivatedAt.Compare(b.ActivatedAt) })
	b := []byte{'['}
	for i := len(sorted) - 1; i >= 0; i-- {
		e := sorted[i]
		if i < len(sorted)-1 {
			b = append(b, ',')
		}
		ratio := "1"
		if i > 0 {
			ratio = e.Difficulty.Div(sorted[i-1].Difficulty).StringFixed(6)
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, e.ActivatedAt.Unix(), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, e.Height, 10)
		b = append(b, ',')
		b = append(b, e.Difficulty.String()...)
		b = append(b, ',')
		b = append(b, ratio...)
		b = append(b, ']')
	}
	return append(b, ']')
}

// Extended is epochs followed by made-up ones, every two weeks (2016
// blocks, difficulty up 1% each time) after the last, until the last is
// within two weeks of until: a table that reaches "today" for tests of
// dates after the shipped table ends. The made-up epochs are not real
// figures; they stand in for what mempool.space would serve.
func Extended(epochs []difficulty.Epoch, until time.Time) []difficulty.Epoch {
	out := slices.Clone(epochs)
	slices.SortFunc(out, func(a, b difficulty.Epoch) int { return a.ActivatedAt.Compare(b.ActivatedAt) })
	if len(out) == 0 {
		return out
	}
	step := decimal.RequireFromString("1.01")
	for last := out[len(out)-1]; until.Sub(last.ActivatedAt) > 14*24*time.Hour; last = out[len(out)-1] {
		out = append(out, difficulty.Epoch{
			Height:      last.Height + difficulty.EpochBlocks,
			ActivatedAt: last.ActivatedAt.Add(14 * 24 * time.Hour),
			Difficulty:  last.Difficulty.Mul(step).Round(2),
		})
	}
	return out
}
