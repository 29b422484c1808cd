package price

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrUnreachable wraps a fetch that failed for want of an answer (network
// errors, time-outs, 429 and 5xx after every retry), as opposed to an answer
// that was wrong (another status, a malformed payload).
var ErrUnreachable = errors.New("price source unreachable")

// Client fetches a price history from an endpoint in mempool.space's
// historical-price shape.
type Client struct {
	// HTTP sends the requests; nil means a client with a 60-second timeout.
	HTTP *http.Client
	// Retries is how many times a failed attempt (network error, time-out,
	// 429, 5xx) is retried; RetryWait is the first wait (1 s when zero),
	// doubled each time.
	Retries   int
	RetryWait time.Duration

	requests int
}

// Requests is how many HTTP requests the client has sent, retries included.
func (c *Client) Requests() int { return c.requests }

// maxBody bounds the payload: the whole history (weekly points since 2010,
// hourly ones for recent weeks, a few currencies each) is a few megabytes.
const maxBody = 64 << 20

// Fetch gets the history of Currency (pounds) from base (e.g.
// https://mempool.space) and parses it.
func (c *Client) Fetch(ctx context.Context, base string) (*History, error) {
	u, err := HistoryURL(base, Currency)
	if err != nil {
		return nil, err
	}
	body, synthetic, err := c.get(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("price history from %s: %w", u, err)
	}
	h, err := ParseHistory(body, Currency)
	if err != nil {
		return nil, fmt.Errorf("price history from %s: %w", u, err)
	}
	h.Synthetic = synthetic
	return h, nil
}

func (c *Client) get(ctx context.Context, u string) (body []byte, synthetic bool, err error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	wait := c.RetryWait
	if wait <= 0 {
		wait = time.Second
	}
	var lastErr error
	for attempt := 0; attempt <= max(0, c.Retries); attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, false, ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
		body, synthetic, retry, err := c.attempt(ctx, hc, u)
		if err == nil {
			return body, synthetic, nil
		}
		lastErr = err
		if !retry {
			return nil, false, err
		}
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
	}
	return nil, false, fmt.Errorf("%w after %d attempt(s): %v", ErrUnreachable, max(0, c.Retries)+1, lastErr)
}

// attempt makes one request; retry says whether another might succeed.
func (c *Client) attempt(ctx context.Context, hc *http.Client, u string) (body []byte, synthetic, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, false, err
	}
	req.Header.Set("Accept", "application/json")
	c.requests++
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is said once, by Fetch
		}
		return nil, false, true, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, false, true, fmt.Errorf("read body: %w", err)
	}
	synthetic = strings.EqualFold(resp.Header.Get(SyntheticHeader), "true")
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, synthetic, true, fmt.Errorf("HTTP %d", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, synthetic, false, fmt.Errorf("HTTP %d %s", resp.StatusCode, snippet(body))
	case len(body) > maxBody:
		return nil, synthetic, false, fmt.Errorf("%w: body larger than %d bytes", ErrMalformed, maxBody)
	}
	return body, synthetic, false, nil
}

// snippet is the start of an error body, on one line.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
