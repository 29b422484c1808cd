// Package wastedwind reads the monthly figures that wastedwind.energy
// publishes, for recon to cross-check its own curtailment and turn-up
// figures against: GET {url}/api/summary/{year} answers
//
//	{"total": {...}, "data": [{"year": 2026, "month": 7, "bidVolumeMWh": 360996.5,
//	  "bidCost": 13746022.75, "turnUpVolume": 348067.73, "turnUpCost": 49897452.53, ...}]}
//
// one element per month of the year (the current month partial). Numbers are
// JSON floats: they are read from their text into decimals, never through
// float64. Fields recon does not compare are ignored.
package wastedwind

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
)

// ErrMalformed wraps every complaint about a summary's shape.
var ErrMalformed = errors.New("malformed wastedwind.energy summary")

// Figures are the four figures the site publishes for a month (or a year).
type Figures struct {
	// BidVolumeMWh is the curtailed wind energy, MWh (the bids accepted
	// from the site's list of wind units).
	BidVolumeMWh decimal.Decimal
	// BidCost is what those bids cost, £, positive when the wind farms were
	// paid (recon's curtailment payment with its sign flipped).
	BidCost decimal.Decimal
	// TurnUpVolume is the energy taken from the offer stack to replace the
	// curtailed energy, MWh.
	TurnUpVolume decimal.Decimal
	// TurnUpCost is what that energy cost, £.
	TurnUpCost decimal.Decimal
}

// Month is one element of a summary's data.
type Month struct {
	Year, Month int
	Figures
}

// Summary is the site's answer for one year.
type Summary struct {
	Year int
	// Months holds the months the site has published, in calendar order.
	Months []Month
	// Total is the year's total as the site states it; nil when the payload
	// has no total or the total lacks one of the four figures.
	Total *Figures
}

// Month returns the figures of month m (1-12), if the site published it.
func (s *Summary) Month(m int) (Month, bool) {
	for _, x := range s.Months {
		if x.Month == m {
			return x, true
		}
	}
	return Month{}, false
}

// number is a JSON number read from its text. A string, a boolean or an
// object where a number belongs is an error; null never reaches it (the
// fields are pointers, and a null leaves them nil).
type number struct{ d decimal.Decimal }

func (n *number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || !(b[0] == '-' || (b[0] >= '0' && b[0] <= '9')) {
		return fmt.Errorf("%s is not a JSON number", b)
	}
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return fmt.Errorf("%s is not a number: %v", b, err)
	}
	n.d = d
	return nil
}

type wireFigures struct {
	BidVolumeMWh *number `json:"bidVolumeMWh"`
	BidCost      *number `json:"bidCost"`
	TurnUpVolume *number `json:"turnUpVolume"`
	TurnUpCost   *number `json:"turnUpCost"`
}

type wireMonth struct {
	Year  *int `json:"year"`
	Month *int `json:"month"`
	wireFigures
}

type wireSummary struct {
	Total *wireFigures `json:"total"`
	Data  *[]wireMonth `json:"data"`
}

// figures checks that all four figures are there; missing names the first
// one that is not.
func (w wireFigures) figures() (f Figures, missing string) {
	for _, x := range []struct {
		name string
		n    *number
		dst  *decimal.Decimal
	}{
		{"bidVolumeMWh", w.BidVolumeMWh, &f.BidVolumeMWh},
		{"bidCost", w.BidCost, &f.BidCost},
		{"turnUpVolume", w.TurnUpVolume, &f.TurnUpVolume},
		{"turnUpCost", w.TurnUpCost, &f.TurnUpCost},
	} {
		if x.n == nil {
			return Figures{}, x.name
		}
		*x.dst = x.n.d
	}
	return f, ""
}

// Parse reads the answer to GET /api/summary/{year}. Every element of data
// must be a month (1-12) of that year, listed once, with the four figures as
// JSON numbers.
func Parse(body []byte, year int) (*Summary, error) {
	var w wireSummary
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: %v (want {\"total\": {...}, \"data\": [{\"year\": %d, \"month\": 1, \"bidVolumeMWh\": ...}]})",
			ErrMalformed, err, year)
	}
	if w.Data == nil {
		return nil, fmt.Errorf("%w: no \"data\" array", ErrMalformed)
	}
	s := &Summary{Year: year, Months: make([]Month, 0, len(*w.Data))}
	seen := map[int]bool{}
	for i, e := range *w.Data {
		switch {
		case e.Year == nil || e.Month == nil:
			return nil, fmt.Errorf("%w: data element %d has no year or month", ErrMalformed, i+1)
		case *e.Year != year:
			return nil, fmt.Errorf("%w: data element %d is of year %d, asked for %d", ErrMalformed, i+1, *e.Year, year)
		case *e.Month < 1 || *e.Month > 12:
			return nil, fmt.Errorf("%w: data element %d has month %d", ErrMalformed, i+1, *e.Month)
		case seen[*e.Month]:
			return nil, fmt.Errorf("%w: month %d-%02d is listed twice", ErrMalformed, year, *e.Month)
		}
		seen[*e.Month] = true
		f, missing := e.figures()
		if missing != "" {
			return nil, fmt.Errorf("%w: month %d-%02d has no %s (or it is null)", ErrMalformed, year, *e.Month, missing)
		}
		s.Months = append(s.Months, Month{Year: year, Month: *e.Month, Figures: f})
	}
	slices.SortFunc(s.Months, func(a, b Month) int { return a.Month - b.Month })
	if w.Total != nil {
		if f, missing := w.Total.figures(); missing == "" {
			s.Total = &f
		}
	}
	return s, nil
}
