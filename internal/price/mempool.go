package price

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// DefaultBaseURL is mempool.space, whose historical-price endpoint `recon
// price sync` reads by default.
const DefaultBaseURL = "https://mempool.space"

// HistoryPath is the path of the historical-price endpoint.
const HistoryPath = "/api/v1/historical-price"

// Currency is the currency recon asks for: pounds. The endpoint wants the
// code in upper case.
const Currency = "GBP"

// SyntheticHeader is the response header by which recon's stand-in servers
// mark their data as synthetic (the same header as the Elexon stand-in's).
const SyntheticHeader = "X-Recon-Synthetic"

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// HistoryURL is the historical-price URL for base (e.g.
// https://mempool.space, or a stand-in's URL; a path prefix is kept) and an
// upper-case currency code.
func HistoryURL(base, currency string) (string, error) {
	if !currencyCode.MatchString(currency) {
		return "", fmt.Errorf("currency %q is not an upper-case ISO code such as GBP (the endpoint answers nothing for lower case)", currency)
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return "", fmt.Errorf("%q is not an http(s) base URL such as %s", base, DefaultBaseURL)
	}
	return strings.TrimRight(base, "/") + HistoryPath + "?currency=" + currency, nil
}

// History is what the endpoint holds for one currency.
type History struct {
	// Points are the prices, oldest first; Source is "" (the caller labels
	// them).
	Points []Point
	// NoData counts the entries whose price was 0, negative or null: the
	// source's way of saying it has no price for that time. They are left out.
	NoData int
	// Synthetic is true when the response came from recon's stand-in.
	Synthetic bool
}

// historyJSON is the payload: {"prices": [{"time": <unix s>, "GBP": <n>,
// "USD": <n>, ...}, ...], "exchangeRates": {...}}, newest first. Each entry
// is kept as raw JSON text so that prices never pass through float64.
// exchangeRates holds today's rates and is deliberately not read: applying
// them to past prices would be wrong.
type historyJSON struct {
	Prices *[]map[string]json.RawMessage `json:"prices"`
}

// ParseHistory reads a historical-price payload for currency. Every entry
// must have an integer time (unix seconds, after Bitcoin's genesis) and the
// currency's price as a JSON number (or null); an entry whose price is 0 or
// less (or null) has no data and is counted in NoData. A time may appear once.
// Points come back oldest first.
func ParseHistory(body []byte, currency string) (*History, error) {
	var doc historyJSON
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %v (want {\"prices\": [{\"time\": ..., %q: ...}, ...]})", ErrMalformed, err, currency)
	}
	if doc.Prices == nil {
		return nil, fmt.Errorf("%w: no \"prices\" array (want {\"prices\": [{\"time\": ..., %q: ...}, ...]})", ErrMalformed, currency)
	}
	h := &History{}
	seen := map[int64]int{}
	for i, entry := range *doc.Prices {
		unix, gbp, ok, err := parseEntry(entry, currency)
		if err != nil {
			return nil, fmt.Errorf("%w: prices[%d]: %v", ErrMalformed, i, err)
		}
		if first, dup := seen[unix]; dup {
			return nil, fmt.Errorf("%w: prices[%d]: time %d repeats prices[%d]", ErrMalformed, i, unix, first)
		}
		seen[unix] = i
		if !ok {
			h.NoData++
			continue
		}
		h.Points = append(h.Points, Point{ObservedAt: time.Unix(unix, 0).UTC(), GBP: gbp})
	}
	slices.SortFunc(h.Points, func(a, b Point) int { return a.ObservedAt.Compare(b.ObservedAt) })
	return h, nil
}

// parseEntry reads one entry; ok is false when it has no price.
func parseEntry(entry map[string]json.RawMessage, currency string) (unix int64, gbp decimal.Decimal, ok bool, err error) {
	rawTime, found := entry["time"]
	if !found {
		return 0, gbp, false, fmt.Errorf("no \"time\"")
	}
	unix, err = strconv.ParseInt(string(rawTime), 10, 64)
	if err != nil || unix <= Genesis.Unix() {
		return 0, gbp, false, fmt.Errorf("time %s is not unix seconds after 2009-01-03", rawTime)
	}
	raw, found := entry[currency]
	if !found {
		return unix, gbp, false, fmt.Errorf("no %q price at time %d", currency, unix)
	}
	text := string(raw)
	if text == "null" {
		return unix, gbp, false, nil
	}
	if text == "" || !(text[0] == '-' || (text[0] >= '0' && text[0] <= '9')) {
		return unix, gbp, false, fmt.Errorf("%s price %s at time %d is not a JSON number", currency, text, unix)
	}
	gbp, err = decimal.NewFromString(text)
	if err != nil {
		return unix, gbp, false, fmt.Errorf("%s price %s at time %d: %v", currency, text, unix, err)
	}
	return unix, gbp, gbp.IsPositive(), nil
}
