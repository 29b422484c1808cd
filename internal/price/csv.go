package price

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ErrMalformed wraps every complaint about a price file or payload.
var ErrMalformed = errors.New("malformed price data")

// Genesis is the time of Bitcoin's first block: no price can be older.
var Genesis = time.Date(2009, 1, 3, 18, 15, 5, 0, time.UTC)

// CSVHeader is the header a price file starts with; the source column is
// optional.
const CSVHeader = "observed_at,price_gbp,source"

// plainDecimal is a price as a file may write it: digits, optionally a point
// and more digits. No sign, exponent, spaces or thousands separators.
var plainDecimal = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// ParseCSV reads a price file: the header observed_at,price_gbp or
// observed_at,price_gbp,source, then one point a line. observed_at is an
// RFC 3339 instant (2025-03-07T00:00:00Z; an offset is converted to UTC), not
// before Bitcoin's genesis block and to the microsecond at most; price_gbp a
// positive decimal written plainly (71234.56); source, when the column is
// there, a label (empty means the importer labels the point). Every instant
// appears once. Points come back in the file's order.
//
// The file is taken whole or not at all: the first problem is returned,
// wrapping ErrMalformed, as one line that names the file's line.
func ParseCSV(r io.Reader) ([]Point, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: the file is empty: want the header %s", ErrMalformed, CSVHeader)
	}
	if err != nil {
		return nil, csvError(err)
	}
	withSource, err := checkHeader(header)
	if err != nil {
		return nil, err
	}
	var points []Point
	seen := map[time.Time]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		p, err := parseRecord(rec, withSource)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrMalformed, line, err)
		}
		if first, dup := seen[p.ObservedAt]; dup {
			return nil, fmt.Errorf("%w: line %d: observed_at %s repeats line %d: give each instant once",
				ErrMalformed, line, p.ObservedAt.Format(time.RFC3339Nano), first)
		}
		seen[p.ObservedAt] = line
		points = append(points, p)
	}
	if len(points) == 0 {
		return nil, fmt.Errorf("%w: no points after the header", ErrMalformed)
	}
	return points, nil
}

// checkHeader accepts observed_at,price_gbp[,source] (case and surrounding
// spaces aside, and a leading byte-order mark) and says whether the source
// column is there.
func checkHeader(h []string) (withSource bool, err error) {
	names := make([]string, len(h))
	for i, n := range h {
		names[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(n, "\ufeff")))
	}
	got := strings.Join(names, ",")
	switch got {
	case "observed_at,price_gbp":
		return false, nil
	case CSVHeader:
		return true, nil
	}
	return false, fmt.Errorf("%w: line 1: the header is %q: want observed_at,price_gbp or %s", ErrMalformed, got, CSVHeader)
}

// csvError reports a CSV syntax error (a stray quote, a wrong number of
// fields) with its line.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%w: line %d: %v", ErrMalformed, pe.Line, pe.Err)
	}
	return fmt.Errorf("%w: %v", ErrMalformed, err)
}

func parseRecord(rec []string, withSource bool) (Point, error) {
	at, err := ParseInstant(rec[0])
	if err != nil {
		return Point{}, err
	}
	gbp, err := parsePrice(rec[1])
	if err != nil {
		return Point{}, err
	}
	p := Point{ObservedAt: at, GBP: gbp}
	if withSource {
		p.Source = strings.TrimSpace(rec[2])
	}
	return p, nil
}

// ParseInstant reads an RFC 3339 instant for observed_at and returns it in
// UTC. It refuses instants before Bitcoin's genesis block and fractions of a
// microsecond (PostgreSQL's timestamptz would round them, and two distinct
// instants could become one).
func ParseInstant(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("observed_at %q is not an RFC 3339 instant: write e.g. 2025-03-07T00:00:00Z", s)
	}
	t = t.UTC()
	switch {
	case t.Before(Genesis):
		return time.Time{}, fmt.Errorf("observed_at %s is before Bitcoin existed (2009-01-03)", s)
	case t.Nanosecond()%1000 != 0:
		return time.Time{}, fmt.Errorf("observed_at %s is finer than a microsecond", s)
	}
	return t, nil
}

func parsePrice(s string) (decimal.Decimal, error) {
	if !plainDecimal.MatchString(s) {
		return decimal.Decimal{}, fmt.Errorf("price_gbp %q is not a positive decimal: write e.g. 71234.56 (no sign, exponent, spaces or separators)", s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil || !d.IsPositive() {
		return decimal.Decimal{}, fmt.Errorf("price_gbp %q is not a positive decimal", s)
	}
	return d, nil
}
