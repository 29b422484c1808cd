// Package elexon is recon's client for Elexon's public Insights Solution API
// (https://data.elexon.co.uk/bmrs/api/v1): the settlement stacks, the BM unit
// list and the actual wind generation.
//
// One Client holds one rate limiter and one bound on requests in flight, shared
// by every call made through it, so many concurrent FetchDay calls on one Client
// stay under Elexon's published limit together. Idempotent GETs are retried on
// 429, 5xx (except 501), network errors, time-outs and truncated bodies, with
// exponential backoff and jitter; everything else fails at once with an error
// that names what was requested. Payloads are decoded into decimals, never
// float64, and every row keeps the exact bytes it arrived as (Raw).
package elexon

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Side is one side of the settlement stack.
type Side string

// The two sides of the settlement stack.
const (
	Bid   Side = "bid"
	Offer Side = "offer"
)

// Sides lists both sides in the order recon fetches them.
var Sides = []Side{Bid, Offer}

func (s Side) valid() bool { return s == Bid || s == Offer }

// Sentinel errors, for errors.Is.
var (
	// ErrNotFound: the API answered 404. For a stack request of a period the
	// day has, that means "not published yet".
	ErrNotFound = errors.New("not found")
	// ErrMalformed: the API answered with a payload recon cannot trust: not
	// the documented shape, a required field missing or of the wrong type, a
	// row for another date or period, a repeated sequence number.
	ErrMalformed = errors.New("malformed payload")
)

// SyntheticHeader is the response header by which the stand-in server
// (elexontest) marks its data as synthetic.
const SyntheticHeader = "X-Recon-Synthetic"

// DefaultBaseURL is the base URL of Elexon's public API.
const DefaultBaseURL = "https://data.elexon.co.uk/bmrs/api/v1"

// Defaults of Config.
const (
	DefaultRequestsPerMinute = 4500 // Elexon publishes 5,000 a minute
	DefaultConcurrency       = 64
	DefaultTimeout           = 30 * time.Second
	DefaultMaxRetries        = 5
	DefaultRetryWaitMin      = 500 * time.Millisecond
	DefaultRetryWaitMax      = 15 * time.Second
)

// RetryWarnInterval is the least time between two Warn records about
// retries from one Client; the retries in between are logged at Info.
const RetryWarnInterval = 30 * time.Second

// maxRetryAfter caps how long a Retry-After header can make us wait.
const maxRetryAfter = 60 * time.Second

// Config configures a Client. The zero value of each field means its default.
type Config struct {
	// BaseURL is the API's base URL; it may carry a path prefix, and a
	// trailing slash is tolerated. Default DefaultBaseURL.
	BaseURL string
	// RequestsPerMinute bounds the requests sent in any 60-second window
	// (attempts included). Default 4,500.
	RequestsPerMinute int
	// Concurrency bounds the requests in flight. Default 64: with the
	// API's latency, a day's 96 requests then take two round trips.
	Concurrency int
	// Timeout bounds one attempt, body included. Default 30s.
	Timeout time.Duration
	// MaxRetries is how many times a failed attempt is retried (so at most
	// MaxRetries+1 attempts). Default 5; a negative value means no retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the backoff between attempts.
	// Defaults 500ms and 15s.
	RetryWaitMin, RetryWaitMax time.Duration
	// HTTPClient, if set, sends the requests. Its own Timeout, if any, applies
	// on top of Timeout.
	HTTPClient *http.Client
	// Logger, if set, receives a record for every retry: at Info, except
	// that the first retry, and then at most one every RetryWarnInterval,
	// is a Warn (saying how many retries there were since the last Warn).
	// An unreachable API thus shows as a warning or two before the final
	// error, not one per request and attempt.
	Logger *slog.Logger
}

// Client talks to the Elexon API. It is safe for concurrent use.
type Client struct {
	base       *url.URL
	http       *http.Client
	limiter    *rate.Limiter
	sem        chan struct{}
	timeout    time.Duration
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	log        *slog.Logger
	requests   atomic.Int64
	retryWarns retryWarnings
}

// New checks cfg, fills in defaults and returns a Client.
func New(cfg Config) (*Client, error) {
	raw := cfg.BaseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	base, err := url.Parse(raw)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" ||
		base.RawQuery != "" || base.Fragment != "" || base.User != nil {
		return nil, fmt.Errorf("elexon: base URL %q is not an http(s) URL: write it like %s", raw, DefaultBaseURL)
	}
	base.Path = strings.TrimRight(base.Path, "/")
	base.RawPath = ""

	if cfg.RequestsPerMinute < 0 || cfg.Concurrency < 0 || cfg.Timeout < 0 ||
		cfg.RetryWaitMin < 0 || cfg.RetryWaitMax < 0 {
		return nil, errors.New("elexon: negative RequestsPerMinute, Concurrency, Timeout or retry wait")
	}
	rpm := or(cfg.RequestsPerMinute, DefaultRequestsPerMinute)
	conc := or(cfg.Concurrency, DefaultConcurrency)
	c := &Client{
		base:       base,
		http:       cfg.HTTPClient,
		sem:        make(chan struct{}, conc),
		timeout:    or(cfg.Timeout, DefaultTimeout),
		maxRetries: or(cfg.MaxRetries, DefaultMaxRetries),
		waitMin:    or(cfg.RetryWaitMin, DefaultRetryWaitMin),
		waitMax:    or(cfg.RetryWaitMax, DefaultRetryWaitMax),
		log:        cfg.Logger,
	}
	if cfg.MaxRetries < 0 {
		c.maxRetries = 0
	}
	if c.waitMax < c.waitMin {
		c.waitMax = c.waitMin
	}
	limit, burst := limiterParams(rpm)
	c.limiter = rate.NewLimiter(limit, burst)
	if c.http == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = conc
		c.http = &http.Client{Transport: tr}
	}
	return c, nil
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// limiterParams is the token bucket that keeps any 60-second window under
// rpm requests: a burst b = min(200, max(1, rpm/10)) and a refill of
// (rpm−b)/60.5 tokens a second, so a window holds at most
// b + (rpm−b)·60/60.5, about rpm − (rpm−b)/121. The half second to spare
// absorbs jitter: the server counts arrivals, and a first request delayed by
// a few milliseconds (a new connection) against a later one that is not
// would otherwise put rpm+1 requests in the server's minute. A burst of 200
// lets a day's 96–100 requests (or two days' at once) go out without
// waiting for the refill (71 a second at 4,500 a minute).
func limiterParams(rpm int) (rate.Limit, int) {
	b := min(200, max(1, rpm/10))
	if rpm <= b {
		// rpm of 1: one token, refilled a little slower than once a minute.
		return rate.Limit(1.0 / 61), 1
	}
	return rate.Limit(float64(rpm-b) / 60.5), b
}

// Requests is the total number of HTTP requests this Client has sent,
// retries included.
func (c *Client) Requests() int64 { return c.requests.Load() }
