package elexon

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxBody bounds a response body (the BM unit list, the largest, is ~2 MB).
const maxBody = 64 << 20

// HTTPError is a response with a status other than 200.
type HTTPError struct {
	StatusCode int
	Body       string // the start of the body, whitespace collapsed
}

func (e *HTTPError) Error() string { return "HTTP " + strconv.Itoa(e.StatusCode) + ": " + e.detail() }

func (e *HTTPError) detail() string {
	if e.Body != "" && e.Body != "(empty body)" {
		return e.Body
	}
	return http.StatusText(e.StatusCode)
}

// Unwrap makes a 404 match ErrNotFound.
func (e *HTTPError) Unwrap() error {
	if e.StatusCode == http.StatusNotFound {
		return ErrNotFound
	}
	return nil
}

// Error is a request that failed for good: it names what was requested and
// how many attempts were made. It wraps the last attempt's error, so
// errors.Is(err, ErrNotFound) and errors.Is(err, ErrMalformed) work.
type Error struct {
	What     string // e.g. "stack 2025-03-06 period 17 bid"
	Attempts int
	Err      error
}

func (e *Error) Error() string {
	var he *HTTPError
	switch {
	case errors.As(e.Err, &he) && e.Attempts > 1:
		return fmt.Sprintf("elexon: %s: HTTP %d after %d attempts: %s", e.What, he.StatusCode, e.Attempts, he.detail())
	case e.Attempts > 1:
		return fmt.Sprintf("elexon: %s: gave up after %d attempts: %v", e.What, e.Attempts, e.Err)
	default:
		return fmt.Sprintf("elexon: %s: %v", e.What, e.Err)
	}
}

func (e *Error) Unwrap() error { return e.Err }

// request describes one logical request, for errors and logs.
type request struct {
	what   string
	url    string
	date   string
	period int
	side   Side
}

func (r request) logAttrs() []any {
	attrs := []any{"request", r.what}
	if r.date != "" {
		attrs = append(attrs, "date", r.date)
	}
	if r.period != 0 {
		attrs = append(attrs, "period", r.period)
	}
	if r.side != "" {
		attrs = append(attrs, "side", string(r.side))
	}
	return attrs
}

// retryable wraps the error of an attempt worth repeating.
type retryable struct {
	err        error
	retryAfter time.Duration // from a Retry-After header, 0 if none
}

func (r *retryable) Error() string { return r.err.Error() }
func (r *retryable) Unwrap() error { return r.err }

// outcome is what get learned besides the error.
type outcome struct {
	attempts  int
	synthetic bool
}

// get sends GET req.url until it succeeds, fails for good or runs out of
// retries, and hands a 200 body to decode. A decode error that says the body
// was truncated is retried; any other fails at once.
func (c *Client) get(ctx context.Context, req request, decode func([]byte) error) (outcome, error) {
	var out outcome
	for {
		out.attempts++
		body, synthetic, err := c.attempt(ctx, req.url)
		out.synthetic = out.synthetic || synthetic
		if err == nil {
			err = decode(body)
			if errors.Is(err, errTruncated) {
				err = &retryable{err: err}
			}
			if err == nil {
				return out, nil
			}
		}
		if ctx.Err() != nil {
			return out, &Error{What: req.what, Attempts: out.attempts, Err: ctx.Err()}
		}
		var r *retryable
		if !errors.As(err, &r) {
			return out, &Error{What: req.what, Attempts: out.attempts, Err: err}
		}
		if out.attempts > c.maxRetries {
			return out, &Error{What: req.what, Attempts: out.attempts, Err: r.err}
		}
		wait := r.retryAfter
		if wait <= 0 {
			wait = c.backoff(out.attempts)
		}
		c.logRetry(req, out.attempts, wait, r.err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return out, &Error{What: req.what, Attempts: out.attempts, Err: ctx.Err()}
		case <-t.C:
		}
	}
}

// retryWarnings decides which retries a Client logs at Warn.
type retryWarnings struct {
	mu           sync.Mutex
	last         time.Time // of the last Warn; zero before the first
	retriesSince int       // retries logged at Info since then
}

// warn reports whether a retry at now is to be a Warn and, if so, how many
// retries were logged at Info since the last one.
func (w *retryWarnings) warn(now time.Time) (bool, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.last.IsZero() && now.Sub(w.last) < RetryWarnInterval {
		w.retriesSince++
		return false, 0
	}
	n := w.retriesSince
	w.last, w.retriesSince = now, 0
	return true, n
}

// logRetry logs that req's attempt-th attempt failed with err and is
// retried after wait (see Config.Logger for the level).
func (c *Client) logRetry(req request, attempt int, wait time.Duration, err error) {
	if c.log == nil {
		return
	}
	attrs := append(req.logAttrs(), "attempt", attempt, "of", c.maxRetries+1, "wait", wait, "err", err.Error())
	warn, since := c.retryWarns.warn(time.Now())
	if !warn {
		c.log.Info("elexon: retrying", attrs...)
		return
	}
	if since > 0 {
		attrs = append(attrs, "retries_since_last_warning", since)
	}
	c.log.Warn("elexon: retrying (further retries within "+RetryWarnInterval.String()+" are logged at info)", attrs...)
}

// backoff is the wait after the n-th failed attempt: exponential from
// RetryWaitMin, capped at RetryWaitMax, with the upper half jittered.
func (c *Client) backoff(n int) time.Duration {
	d := c.waitMin
	for i := 1; i < n && d < c.waitMax; i++ {
		d *= 2
	}
	d = min(d, c.waitMax)
	half := d / 2
	if half > 0 {
		d = half + rand.N(half+1)
	}
	return max(d, c.waitMin)
}

// attempt sends one GET under the concurrency bound and the rate limiter and
// returns the body of a 200. Errors worth retrying are *retryable.
func (c *Client) attempt(ctx context.Context, url string) (body []byte, synthetic bool, err error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	defer func() { <-c.sem }()
	if err := c.limiter.Wait(ctx); err != nil {
		return nil, false, err
	}

	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(actx, http.MethodGet, url, nil)
	if err != nil {
		return nil, false, err
	}
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", "recon (github.com/recon-energy/recon)")
	c.requests.Add(1)
	resp, err := c.http.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		if actx.Err() != nil {
			return nil, false, &retryable{err: fmt.Errorf("no response within %v", c.timeout)}
		}
		return nil, false, &retryable{err: err}
	}
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
	}()
	synthetic = strings.EqualFold(resp.Header.Get(SyntheticHeader), "true")

	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<12))
		he := &HTTPError{StatusCode: resp.StatusCode, Body: snippet(b)}
		switch {
		case resp.StatusCode == http.StatusTooManyRequests,
			resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
			return nil, synthetic, &retryable{err: he, retryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
		default:
			return nil, synthetic, he
		}
	}

	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 && n <= maxBody {
		buf.Grow(int(n))
	}
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, maxBody+1))
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, synthetic, ctx.Err()
	case err != nil && actx.Err() != nil:
		return nil, synthetic, &retryable{err: fmt.Errorf("body not read within %v", c.timeout)}
	case err != nil:
		return nil, synthetic, &retryable{err: fmt.Errorf("reading body: %w", err)}
	case n > maxBody:
		return nil, synthetic, fmt.Errorf("%w: body larger than %d bytes", ErrMalformed, maxBody)
	}
	return buf.Bytes(), synthetic, nil
}

// retryAfter reads a Retry-After header (seconds or an HTTP date), capped at
// a minute; 0 if absent or unreadable.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	var d time.Duration
	if s, err := strconv.ParseInt(h, 10, 64); err == nil {
		d = time.Duration(min(max(s, 0), int64(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}
