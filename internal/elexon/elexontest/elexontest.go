// Package elexontest is a stand-in for Elexon's Insights Solution API, for
// tests, benchmarks, demonstrations and fault drills (cmd/elexon-fake).
//
// ALL DATA IT SERVES IS SYNTHETIC. The settlement stacks and the wind
// generation are generated deterministically from the date, period, side and
// a revision number; they look like the real thing (the same paths under
// /bmrs/api/v1, the same JSON shapes, realistic sizes, nulls, tiny fractions,
// several rows per unit) but describe no real day. They carry the quirks the
// live API was seen to send (internal/elexon/testdata/real): metadata before
// data; offer rows with cadlFlag null and, of the adjusted volumes, only
// dmatAdjustedVolume; the system operator's SO-flagged offers with id "1"
// and no acceptance or bid-offer pair; now and then a row without an id;
// tiny volumes in exponent form (2.77777777778e-07). Offers turning units up
// come mostly from gas units, as when wind is curtailed. Every response carries the
// header X-Recon-Synthetic: true so that recon can label its output
// SYNTHETIC. Only the BM unit list is real: a snapshot of Elexon's
// /reference/bmunits/all (refdata.BMUnitsSnapshot).
//
// Tests can replace a period's stack (SetStack, SetStackJSON), withhold it
// (Unpublish), revise it (Revise) and switch faults on (AddFault).
package elexontest

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/refdata"
	"github.com/recon-energy/recon/internal/settlement"
)

// Prefix is the path prefix of the API, as on data.elexon.co.uk.
const Prefix = "/bmrs/api/v1"

// SampleDate is the sample day recon's documentation uses, 2025-03-06. Its
// data, like all this package serves, is SYNTHETIC.
func SampleDate() time.Time { return time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC) }

// Options configure a Handler.
type Options struct {
	// Latency is added to every request.
	Latency time.Duration
	// Logger, if set, receives a Debug record per request and an Info
	// record per fault served.
	Logger *slog.Logger
}

type periodKey struct {
	date   time.Time
	period int
}

type stackKey struct {
	periodKey
	side elexon.Side
}

type fault struct {
	Fault
	left int // requests it still hits; 0 with Times 0 means forever
}

// Handler serves the stand-in API. It is safe for concurrent use.
type Handler struct {
	opts     Options
	mux      *http.ServeMux
	requests atomic.Int64

	mu          sync.Mutex
	overrides   map[stackKey][]byte
	unpublished map[periodKey]bool
	revisions   map[periodKey]int
	faults      []*fault
	bmunits     []byte
	times       []time.Time

	// closing lets go the requests a Hang fault holds, when the test server
	// closes (it waits for every request in flight).
	closing     chan struct{}
	closingOnce sync.Once
}

// NewHandler returns a stand-in serving generated data.
func NewHandler(opts Options) *Handler {
	h := &Handler{
		opts:        opts,
		mux:         http.NewServeMux(),
		overrides:   make(map[stackKey][]byte),
		unpublished: make(map[periodKey]bool),
		revisions:   make(map[periodKey]int),
		bmunits:     refdata.BMUnitsSnapshot,
		closing:     make(chan struct{}),
	}
	h.mux.HandleFunc("GET "+Prefix+"/balancing/settlement/stack/all/{side}/{date}/{period}", h.serveStack)
	h.mux.HandleFunc("GET "+Prefix+"/reference/bmunits/all", h.serveBMUnits)
	h.mux.HandleFunc("GET "+Prefix+"/generation/actual/per-type/wind-and-solar", h.serveWind)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		problem(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	return h
}

// Server is a running stand-in (see Start).
type Server struct {
	*Handler
	// URL is the API's base URL, prefix included:
	// http://127.0.0.1:PORT/bmrs/api/v1.
	URL string
	// HTTP is the underlying test server.
	HTTP *httptest.Server
}

// Start runs a stand-in on a local port until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	h := NewHandler(opts)
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	// Cleanups run last first: requests held by a Hang fault are let go
	// before Close waits for them.
	t.Cleanup(func() { h.closingOnce.Do(func() { close(h.closing) }) })
	return &Server{Handler: h, URL: ts.URL + Prefix, HTTP: ts}
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	h.requests.Add(1)
	h.mu.Lock()
	h.times = append(h.times, now)
	h.mu.Unlock()
	if h.opts.Logger != nil {
		h.opts.Logger.Debug("elexontest: request", "method", r.Method, "url", r.URL.String())
	}
	w.Header().Set(elexon.SyntheticHeader, "true")
	if !sleep(r, h.opts.Latency) {
		return
	}
	h.mux.ServeHTTP(w, r)
}

// sleep waits d or until the client goes away; false if it went away.
func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// Requests is how many requests the stand-in has received.
func (h *Handler) Requests() int64 { return h.requests.Load() }

// RequestTimes is when each request arrived, in arrival order.
func (h *Handler) RequestTimes() []time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Time(nil), h.times...)
}

// SetStack makes the stand-in serve exactly rows for one period and side
// (numbers as JSON numbers, nulls as null), instead of generated data.
func (h *Handler) SetStack(date time.Time, period int, side elexon.Side, rows []elexon.StackRow) {
	h.SetStackJSON(date, period, side, encodeStack(rows))
}

// SetStackJSON makes the stand-in serve body, byte for byte, for one period
// and side: for hand-written payloads.
func (h *Handler) SetStackJSON(date time.Time, period int, side elexon.Side, body []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.overrides[stackKey{periodKey{settlement.Date(date), period}, side}] = append([]byte(nil), body...)
}

// Unpublish makes both sides of a period answer 404, as the API does for a
// period not yet published.
func (h *Handler) Unpublish(date time.Time, period int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.unpublished[periodKey{settlement.Date(date), period}] = true
}

// Revise bumps a period's revision: its generated rows (volumes among them)
// and createdDateTime change, deterministically.
func (h *Handler) Revise(date time.Time, period int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.revisions[periodKey{settlement.Date(date), period}]++
}

// SetBMUnits replaces the body of /reference/bmunits/all (default
// refdata.BMUnitsSnapshot).
func (h *Handler) SetBMUnits(raw []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.bmunits = append([]byte(nil), raw...)
}

// AddFault switches a fault on.
func (h *Handler) AddFault(f Fault) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults = append(h.faults, &fault{Fault: f, left: f.Times})
}

// ClearFaults switches every fault off.
func (h *Handler) ClearFaults() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults = nil
}

// takeFault returns the first fault matching a stack request, counting the
// hit, or nil.
func (h *Handler) takeFault(date time.Time, period int, side elexon.Side) *Fault {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, f := range h.faults {
		if !f.matches(date, period, side) {
			continue
		}
		hit := f.Fault
		if f.Times > 0 {
			f.left--
			if f.left <= 0 {
				h.faults = append(h.faults[:i:i], h.faults[i+1:]...)
			}
		}
		return &hit
	}
	return nil
}

// problem writes a JSON error the way the API does.
func problem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"type":"https://tools.ietf.org/html/rfc9110#section-15","title":%q,"status":%d,"detail":%q}`,
		http.StatusText(status), status, detail)
}

func writeJSON(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (h *Handler) serveStack(w http.ResponseWriter, r *http.Request) {
	side := elexon.Side(r.PathValue("side"))
	if side != elexon.Bid && side != elexon.Offer {
		problem(w, http.StatusBadRequest, "side must be bid or offer")
		return
	}
	date, err := time.Parse(settlement.DateLayout, r.PathValue("date"))
	if err != nil {
		problem(w, http.StatusBadRequest, "settlementDate must be YYYY-MM-DD")
		return
	}
	period, err := strconv.Atoi(r.PathValue("period"))
	if err != nil || period < 1 || period > 50 {
		problem(w, http.StatusBadRequest, "settlementPeriod must be 1-50")
		return
	}

	f := h.takeFault(date, period, side)
	if f != nil {
		if h.opts.Logger != nil {
			h.opts.Logger.Info("elexontest: fault", "fault", f.String(), "url", r.URL.String())
		}
		switch f.Kind {
		case TooManyRequests:
			secs := max(1, int((f.RetryAfter+time.Second-1)/time.Second))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			problem(w, http.StatusTooManyRequests, "rate limit exceeded")
			return
		case ServerError:
			problem(w, http.StatusInternalServerError, "an unexpected error occurred")
			return
		case Unavailable:
			problem(w, http.StatusServiceUnavailable, "service unavailable")
			return
		case HTMLPage:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(htmlPage))
			return
		case Slow:
			if !sleep(r, f.Delay) {
				return
			}
		case Hang:
			// Whatever the client's timeout and however busy the machine,
			// the request fails by the client's timeout and nothing else.
			select {
			case <-r.Context().Done():
				return
			case <-h.closing:
				panic(http.ErrAbortHandler) // break the connection: no answer at all
			}
		}
	}

	h.mu.Lock()
	pk := periodKey{date, period}
	body, overridden := h.overrides[stackKey{pk, side}]
	unpublished := h.unpublished[pk]
	rev := h.revisions[pk]
	h.mu.Unlock()
	switch {
	case period > settlement.Periods(date):
		problem(w, http.StatusNotFound, fmt.Sprintf("%s has %d settlement periods", date.Format(settlement.DateLayout), settlement.Periods(date)))
		return
	case unpublished:
		problem(w, http.StatusNotFound, "no data for this settlement period")
		return
	case !overridden:
		body = generateStack(stackParams{date: date, period: period, side: side, revision: rev})
	}

	if f != nil {
		switch f.Kind {
		case Truncated:
			writeJSON(w, body[:len(body)/2])
			return
		case MissingFields:
			body = missingFields(body)
		case WrongTypes:
			body = wrongTypes(body)
		case ExtraFields:
			body = extraFields(body)
		case ResetConnection:
			resetMidBody(w, body)
			return
		}
	}
	writeJSON(w, body)
}

// resetMidBody promises the whole body, sends half and resets the connection.
func resetMidBody(w http.ResponseWriter, body []byte) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		writeJSON(w, body[:len(body)/2])
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n%s: true\r\nContent-Length: %d\r\n\r\n",
		elexon.SyntheticHeader, len(body))
	_, _ = buf.Write(body[:len(body)/2])
	_ = buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // close with RST, not FIN
	}
	_ = conn.Close()
}

func (h *Handler) serveBMUnits(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	body := h.bmunits
	h.mu.Unlock()
	writeJSON(w, body)
}
