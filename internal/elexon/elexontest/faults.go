package elexontest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// FaultKind is a way for the stand-in to misbehave.
type FaultKind int

// The faults. Each applies to the stack requests a Fault matches.
const (
	TooManyRequests FaultKind = iota + 1 // 429 with Retry-After
	ServerError                          // 500
	Unavailable                          // 503
	Slow                                 // sleep Delay, then answer normally
	Truncated                            // 200 with the body cut in half
	HTMLPage                             // 200 with a text/html error page
	MissingFields                        // rows lacking volume (and the last, sequenceNumber)
	WrongTypes                           // volume as an object
	ExtraFields                          // unknown fields in rows and wrapper (must still decode)
	ResetConnection                      // headers and half the body, then the connection is reset
	Hang                                 // no answer until the client gives up (its request's context is done)
)

var faultNames = map[FaultKind]string{
	TooManyRequests: "429",
	ServerError:     "500",
	Unavailable:     "503",
	Slow:            "slow",
	Truncated:       "truncated",
	HTMLPage:        "html",
	MissingFields:   "missing",
	WrongTypes:      "wrongtypes",
	ExtraFields:     "extra",
	ResetConnection: "reset",
	Hang:            "hang",
}

func (k FaultKind) String() string {
	if s, ok := faultNames[k]; ok {
		return s
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Fault switches a misbehaviour on for the stack requests it matches.
type Fault struct {
	Kind       FaultKind
	Date       time.Time     // zero: any date
	Period     int           // 0: any period
	Side       elexon.Side   // "": either side
	Times      int           // how many matching requests it hits; 0: forever
	RetryAfter time.Duration // TooManyRequests: the Retry-After sent (whole seconds, at least 1)
	Delay      time.Duration // Slow: how long to sleep
}

func (f Fault) matches(date time.Time, period int, side elexon.Side) bool {
	return (f.Date.IsZero() || settlement.Date(f.Date).Equal(date)) &&
		(f.Period == 0 || f.Period == period) &&
		(f.Side == "" || f.Side == side)
}

// String formats f the way ParseFault reads it.
func (f Fault) String() string {
	var b strings.Builder
	b.WriteString(f.Kind.String())
	if !f.Date.IsZero() {
		b.WriteString(":date=" + f.Date.Format(settlement.DateLayout))
	}
	if f.Period != 0 {
		b.WriteString(":period=" + strconv.Itoa(f.Period))
	}
	if f.Side != "" {
		b.WriteString(":side=" + string(f.Side))
	}
	if f.Times != 0 {
		b.WriteString(":times=" + strconv.Itoa(f.Times))
	}
	if f.RetryAfter != 0 {
		b.WriteString(":retry-after=" + f.RetryAfter.String())
	}
	if f.Delay != 0 {
		b.WriteString(":delay=" + f.Delay.String())
	}
	return b.String()
}

// ParseFault reads a fault written KIND[:key=value...], e.g.
// "500:period=17:times=2" or "slow:delay=2s". Kinds: 429, 500, 503, slow,
// truncated, html, missing, wrongtypes, extra, reset, hang. Keys: date
// (YYYY-MM-DD), period, side (bid or offer), times, retry-after and delay
// (durations such as 2s).
func ParseFault(s string) (Fault, error) {
	parts := strings.Split(s, ":")
	var f Fault
	for k, name := range faultNames {
		if strings.EqualFold(parts[0], name) {
			f.Kind = k
		}
	}
	if f.Kind == 0 {
		return Fault{}, fmt.Errorf("fault %q: unknown kind %q (want one of 429, 500, 503, slow, truncated, html, missing, wrongtypes, extra, reset, hang)", s, parts[0])
	}
	for _, kv := range parts[1:] {
		key, val, ok := strings.Cut(kv, "=")
		if !ok {
			return Fault{}, fmt.Errorf("fault %q: %q is not key=value", s, kv)
		}
		var err error
		switch key {
		case "date":
			f.Date, err = settlement.ParseDate(val)
		case "period":
			f.Period, err = strconv.Atoi(val)
			if err == nil && (f.Period < 1 || f.Period > 50) {
				err = fmt.Errorf("period %d is not 1-50", f.Period)
			}
		case "side":
			f.Side = elexon.Side(val)
			if f.Side != elexon.Bid && f.Side != elexon.Offer {
				err = fmt.Errorf("side %q is neither bid nor offer", val)
			}
		case "times":
			f.Times, err = strconv.Atoi(val)
			if err == nil && f.Times < 0 {
				err = fmt.Errorf("times %d is negative", f.Times)
			}
		case "retry-after":
			f.RetryAfter, err = time.ParseDuration(val)
		case "delay":
			f.Delay, err = time.ParseDuration(val)
		default:
			err = fmt.Errorf("unknown key %q (want date, period, side, times, retry-after or delay)", key)
		}
		if err != nil {
			return Fault{}, fmt.Errorf("fault %q: %v", s, err)
		}
	}
	return f, nil
}

// rewriteRows decodes a stack body (numbers kept as text), lets edit change
// every row and the wrapper, and encodes it again.
func rewriteRows(body []byte, edit func(i, n int, row map[string]any), wrap func(map[string]any)) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var env map[string]any
	if err := dec.Decode(&env); err != nil {
		return body
	}
	rows, _ := env["data"].([]any)
	for i, r := range rows {
		if m, ok := r.(map[string]any); ok {
			edit(i, len(rows), m)
		}
	}
	if wrap != nil {
		wrap(env)
	}
	out, err := json.Marshal(env)
	if err != nil {
		return body
	}
	return out
}

func missingFields(body []byte) []byte {
	return rewriteRows(body, func(i, n int, row map[string]any) {
		delete(row, "volume")
		if i == n-1 {
			delete(row, "sequenceNumber")
		}
	}, nil)
}

func wrongTypes(body []byte) []byte {
	return rewriteRows(body, func(_, _ int, row map[string]any) {
		row["volume"] = map[string]any{"value": row["volume"], "unit": "MWh"}
	}, nil)
}

func extraFields(body []byte) []byte {
	return rewriteRows(body, func(i, _ int, row map[string]any) {
		row["futureField"] = "added in a later API version"
		row["nestedExtra"] = map[string]any{"list": []any{1, "two", nil}, "n": i}
		row["extraNumber"] = json.Number("1e-30")
	}, func(env map[string]any) {
		env["links"] = map[string]any{"self": "/balancing/settlement/stack/all"}
		if md, ok := env["metadata"].(map[string]any); ok {
			md["sourceVersion"] = "2.0"
		}
	})
}

const htmlPage = `<!DOCTYPE html>
<html><head><title>Service temporarily unavailable</title></head>
<body><h1>We'll be back soon</h1><p>The Insights Solution is undergoing maintenance.</p></body></html>
`
