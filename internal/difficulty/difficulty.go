// This file fetches Bitcoin difficulty adjustments from a public
// source in the shape of mempool.space's
// GET /api/v1/mining/difficulty-adjustments: a JSON array of
// [timestamp, height, difficulty, ratio] arrays, timestamp in unix seconds
// (the time of the first block at the new difficulty), difficulty a JSON
// number that may be written as a float literal. Numbers are read from the
// raw JSON text into decimals: a difficulty never passes through float64.

package difficulty

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// DefaultURL is mempool.space's difficulty-adjustment history.
const DefaultURL = "https://mempool.space/api/v1/mining/difficulty-adjustments"

// EpochBlocks is the number of blocks between difficulty adjustments.
const EpochBlocks = 2016

// GenesisTime is the timestamp of the genesis block (height 0),
// 2009-01-03T18:15:05Z: the first epoch, at difficulty 1.
const GenesisTime = 1231006505

// maxTime (2100-01-01) bounds a timestamp in seconds; a larger one is
// likely in milliseconds.
const maxTime = 4102444800

// ErrMalformed wraps every complaint about a payload's shape.
var ErrMalformed = errors.New("malformed difficulty-adjustment payload")

// Parse reads a difficulty-adjustment payload. Each element must hold at
// least timestamp, height and difficulty; the ratio (and anything after it)
// is ignored. Heights must be multiples of 2016 and appear once; difficulties
// must be positive; timestamps are unix seconds from the genesis block's on,
// which only height 0 may have (mempool.space ends its list with the genesis
// block, [1231006505, 0, 1, 0]). Epochs come back in the payload's order.
func Parse(body []byte) ([]Epoch, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var rows [][]json.RawMessage
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("%w: %v (want [[timestamp, height, difficulty, ratio], ...])", ErrMalformed, err)
	}
	seen := map[int64]bool{}
	out := make([]Epoch, 0, len(rows))
	for i, row := range rows {
		e, err := parseRow(row)
		if err != nil {
			return nil, fmt.Errorf("%w: element %d: %v", ErrMalformed, i+1, err)
		}
		if seen[e.Height] {
			return nil, fmt.Errorf("%w: element %d: height %d appears twice", ErrMalformed, i+1, e.Height)
		}
		seen[e.Height] = true
		out = append(out, e)
	}
	return out, nil
}

// minDistinct is 2^24: from this size on, the difficulties of two compact
// targets (nBits: a 23-bit mantissa and an exponent) lie more than 1 apart.
var minDistinct = decimal.New(1<<24, 0)

// SameFigure reports whether a and b are one epoch's difficulty written to
// different precision: less than 1 apart, at a size where two different
// compact targets cannot be. mempool.space sends a float (~17 digits), a
// saved copy may truncate it to an integer, the shipped table keeps cents.
func SameFigure(a, b decimal.Decimal) bool {
	return a.GreaterThanOrEqual(minDistinct) && b.GreaterThanOrEqual(minDistinct) &&
		a.Sub(b).Abs().LessThan(decimal.NewFromInt(1))
}

func parseRow(row []json.RawMessage) (Epoch, error) {
	if len(row) < 3 {
		return Epoch{}, fmt.Errorf("%d values, want [timestamp, height, difficulty, ratio]", len(row))
	}
	ts, err := strconv.ParseInt(string(row[0]), 10, 64)
	if err != nil || ts < GenesisTime || ts >= maxTime {
		return Epoch{}, fmt.Errorf("timestamp %s is not unix seconds from the genesis block (%d, 2009-01-03) to 2100", row[0], GenesisTime)
	}
	height, err := strconv.ParseInt(string(row[1]), 10, 64)
	if err != nil || height < 0 || height%EpochBlocks != 0 {
		return Epoch{}, fmt.Errorf("height %s is not a non-negative multiple of %d", row[1], EpochBlocks)
	}
	// The genesis block is the only block at height 0 and the only one
	// mined at its time: mempool.space lists it last, [1231006505, 0, 1, 0].
	if (height == 0) != (ts == GenesisTime) {
		return Epoch{}, fmt.Errorf("height %d at timestamp %d: only the genesis block (height 0) has timestamp %d", height, ts, GenesisTime)
	}
	raw := string(row[2])
	if len(raw) == 0 || raw[0] == '"' {
		return Epoch{}, fmt.Errorf("difficulty %s is not a JSON number", raw)
	}
	d, err := decimal.NewFromString(raw)
	if err != nil || !d.IsPositive() {
		return Epoch{}, fmt.Errorf("difficulty %s is not a positive number", raw)
	}
	return Epoch{Height: height, ActivatedAt: time.Unix(ts, 0).UTC(), Difficulty: d}, nil
}

// Client fetches difficulty adjustments.
type Client struct {
	// HTTP sends the request; nil means a client with a 30-second timeout.
	HTTP *http.Client
	// Retries is how many times a failed attempt (network error, 429, 5xx)
	// is retried; RetryWait is the first wait, doubled each time.
	Retries   int
	RetryWait time.Duration
}

// maxBody bounds the payload (the whole history is about 60 KB).
const maxBody = 16 << 20

// Fetch gets and parses the adjustments at url.
func (c *Client) Fetch(ctx context.Context, url string) ([]Epoch, error) {
	body, err := c.get(ctx, url)
	if err != nil {
		return nil, err
	}
	epochs, err := Parse(body)
	if err != nil {
		return nil, fmt.Errorf("difficulty adjustments from %s: %w", url, err)
	}
	return epochs, nil
}

func (c *Client) get(ctx context.Context, url string) ([]byte, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
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
				return nil, ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
		body, retry, err := c.attempt(ctx, hc, url)
		if err == nil {
			return body, nil
		}
		lastErr = err
		if !retry || ctx.Err() != nil {
			break
		}
	}
	return nil, fmt.Errorf("difficulty adjustments from %s: %w", url, lastErr)
}

// attempt makes one request; retry says whether another might succeed.
func (c *Client) attempt(ctx context.Context, hc *http.Client, url string) (body []byte, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, false, fmt.Errorf("bad URL (give an http(s) URL, e.g. %s): %w", DefaultURL, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, true, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, true, fmt.Errorf("read body: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, true, fmt.Errorf("HTTP %d", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("HTTP %d: check the URL (--url / RECON_DIFFICULTY_URL)", resp.StatusCode)
	}
	return body, false, nil
}
