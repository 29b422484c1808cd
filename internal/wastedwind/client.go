package wastedwind

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultURL is the site recon cross-checks against.
const DefaultURL = "https://wastedwind.energy"

// EnvURL names the environment variable that overrides DefaultURL.
const EnvURL = "RECON_WASTEDWIND_URL"

// ErrUnavailable wraps a summary that could not be fetched: the site was
// unreachable, timed out, or answered with an error status, after retries.
var ErrUnavailable = errors.New("wastedwind.energy summary not available")

// Defaults of Config.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRetries   = 3
	DefaultRetryWaitMin = time.Second
	DefaultRetryWaitMax = 15 * time.Second
)

// maxBody bounds a summary (twelve months are about 3 KB).
const maxBody = 4 << 20

// maxRetryAfter caps how long a Retry-After header can make us wait.
const maxRetryAfter = time.Minute

// Config configures a Client. The zero value of each field means its default.
type Config struct {
	// BaseURL is the site's base URL (a path prefix is kept, a trailing slash
	// tolerated). Default DefaultURL.
	BaseURL string
	// Timeout bounds one attempt, body included. Default 30s.
	Timeout time.Duration
	// MaxRetries is how many times a failed attempt (network error, time-out,
	// 429 or 5xx) is retried. Default 3; a negative value means no retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the backoff between attempts, which
	// doubles each time; a Retry-After header, when longer, is honoured up to
	// a minute. Defaults 1s and 15s.
	RetryWaitMin, RetryWaitMax time.Duration
	// HTTPClient, if set, sends the requests.
	HTTPClient *http.Client
}

// Client fetches wastedwind.energy's summaries. It is safe for concurrent use.
type Client struct {
	base       *url.URL
	http       *http.Client
	timeout    time.Duration
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	raw := cfg.BaseURL
	if raw == "" {
		raw = DefaultURL
	}
	base, err := url.Parse(raw)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" ||
		base.RawQuery != "" || base.Fragment != "" || base.User != nil {
		return nil, fmt.Errorf("wastedwind: URL %q is not an http(s) URL: write it like %s", raw, DefaultURL)
	}
	if cfg.Timeout < 0 || cfg.RetryWaitMin < 0 || cfg.RetryWaitMax < 0 {
		return nil, errors.New("wastedwind: negative Timeout or retry wait")
	}
	base.Path = strings.TrimRight(base.Path, "/")
	base.RawPath = ""
	c := &Client{
		base:       base,
		http:       cfg.HTTPClient,
		timeout:    or(cfg.Timeout, DefaultTimeout),
		maxRetries: or(cfg.MaxRetries, DefaultMaxRetries),
		waitMin:    or(cfg.RetryWaitMin, DefaultRetryWaitMin),
		waitMax:    or(cfg.RetryWaitMax, DefaultRetryWaitMax),
	}
	if cfg.MaxRetries < 0 {
		c.maxRetries = 0
	}
	c.waitMax = max(c.waitMax, c.waitMin)
	if c.http == nil {
		c.http = &http.Client{}
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

// URL is where the summary of year is fetched from.
func (c *Client) URL(year int) string {
	u := *c.base
	u.Path += "/api/summary/" + strconv.Itoa(year)
	return u.String()
}

// Summary fetches and parses the site's figures for year. A failure to fetch
// wraps ErrUnavailable, a payload of the wrong shape ErrMalformed; both name
// the URL.
func (c *Client) Summary(ctx context.Context, year int) (*Summary, error) {
	u := c.URL(year)
	body, err := c.get(ctx, u)
	if err != nil {
		return nil, err
	}
	s, err := Parse(body, year)
	if err != nil {
		return nil, fmt.Errorf("wastedwind: %s: %w", u, err)
	}
	return s, nil
}

// get fetches u, retrying what may succeed on another attempt.
func (c *Client) get(ctx context.Context, u string) ([]byte, error) {
	wait := c.waitMin
	var lastErr error
	attempts := 0
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		if attempt > 0 {
			pause := wait
			var ra retryAfter
			if errors.As(lastErr, &ra) {
				pause = max(pause, ra.d)
			}
			t := time.NewTimer(pause)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, fmt.Errorf("wastedwind: %s: %w after %d attempt(s): %v (last: %v)", u, ErrUnavailable, attempts, ctx.Err(), lastErr)
			case <-t.C:
			}
			wait = min(2*wait, c.waitMax)
		}
		attempts++
		body, retry, err := c.attempt(ctx, u)
		if err == nil {
			return body, nil
		}
		lastErr = err
		if !retry || ctx.Err() != nil {
			break
		}
	}
	return nil, fmt.Errorf("wastedwind: %s: %w after %d attempt(s): %v; check the URL (--wastedwind-url or %s) and the network",
		u, ErrUnavailable, attempts, lastErr, EnvURL)
}

// retryAfter is a 429 or 503 that said how long to wait.
type retryAfter struct {
	status int
	d      time.Duration
}

func (e retryAfter) Error() string { return fmt.Sprintf("HTTP %d (retry after %s)", e.status, e.d) }

// attempt makes one request; retry says whether another might succeed.
func (c *Client) attempt(ctx context.Context, u string) (body []byte, retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, true, err
	}
	defer resp.Body.Close()
	// A body cut at maxBody fails to parse: it is never read as complete.
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, true, fmt.Errorf("read body: %w", err)
	}
	switch code := resp.StatusCode; {
	case code == http.StatusOK:
		return body, false, nil
	case code == http.StatusTooManyRequests || code >= 500:
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After")); ok {
			return nil, true, retryAfter{status: code, d: d}
		}
		return nil, true, fmt.Errorf("HTTP %d", code)
	default:
		return nil, false, fmt.Errorf("HTTP %d: %s", code, snippet(body))
	}
}

// parseRetryAfter reads a Retry-After header given in seconds, capped.
func parseRetryAfter(h string) (time.Duration, bool) {
	secs, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || secs < 0 {
		return 0, false
	}
	return min(time.Duration(secs)*time.Second, maxRetryAfter), true
}

// snippet is the start of a body, whitespace collapsed, for an error.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}
