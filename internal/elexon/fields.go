package elexon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The field types below decode one JSON value tolerantly: they never fail
// inside encoding/json (so one bad field cannot hide the others, and the
// error can name the field), but remember whether the value was absent, null,
// good or bad. The conversion to the public row types then reports the first
// problem by field name.

type presence uint8

const (
	absent presence = iota
	null
	set
	bad
)

// scalar classifies one JSON value. For a string it returns the unquoted
// text; for a number or literal, the literal text.
func scalar(b []byte) (text string, quoted bool, p presence) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return "", false, bad
	case string(b) == "null":
		return "", false, null
	case b[0] == '"':
		if bytes.IndexByte(b, '\\') < 0 && len(b) >= 2 {
			return string(b[1 : len(b)-1]), true, set
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", true, bad
		}
		return s, true, set
	case b[0] == '{' || b[0] == '[':
		return "", false, bad
	default:
		return string(b), false, set
	}
}

// what describes a field's problem for an error message.
func what(p presence, raw string) string {
	switch p {
	case absent:
		return "missing"
	case null:
		return "null"
	default:
		if len(raw) > 40 {
			raw = raw[:40] + "…"
		}
		return "not of the expected type (" + raw + ")"
	}
}

func badText(b []byte) string { return string(bytes.TrimSpace(b)) }

// numField is a decimal that may arrive as a JSON number or a string.
type numField struct {
	p   presence
	v   decimal.Decimal
	raw string
}

func (f *numField) UnmarshalJSON(b []byte) error {
	s, quoted, p := scalar(b)
	*f = numField{p: p}
	if p != set {
		if p == bad {
			f.raw = badText(b)
		}
		return nil
	}
	s = strings.TrimSpace(s)
	if quoted && s == "" {
		f.p = null
		return nil
	}
	if s == "" || !(s[0] == '-' || s[0] == '+' || s[0] == '.' || (s[0] >= '0' && s[0] <= '9')) {
		f.p, f.raw = bad, badText(b)
		return nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		f.p, f.raw = bad, badText(b)
		return nil
	}
	f.v = d
	return nil
}

func (f numField) null() decimal.NullDecimal {
	if f.p != set {
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: f.v, Valid: true}
}

// intField is an integer that may arrive as a JSON number or a string.
type intField struct {
	p   presence
	v   int64
	raw string
}

func (f *intField) UnmarshalJSON(b []byte) error {
	s, quoted, p := scalar(b)
	*f = intField{p: p}
	if p != set {
		if p == bad {
			f.raw = badText(b)
		}
		return nil
	}
	s = strings.TrimSpace(s)
	if quoted && s == "" {
		f.p = null
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f.p, f.raw = bad, badText(b)
		return nil
	}
	f.v = v
	return nil
}

// boolField is a boolean; "true" and "false" as strings are accepted too.
type boolField struct {
	p   presence
	v   bool
	raw string
}

func (f *boolField) UnmarshalJSON(b []byte) error {
	s, _, p := scalar(b)
	*f = boolField{p: p}
	switch {
	case p != set:
		if p == bad {
			f.raw = badText(b)
		}
	case s == "true":
		f.v = true
	case s == "false":
	default:
		f.p, f.raw = bad, badText(b)
	}
	return nil
}

func (f boolField) ptr() *bool {
	if f.p != set {
		return nil
	}
	v := f.v
	return &v
}

// strField is a string.
type strField struct {
	p   presence
	v   string
	raw string
}

func (f *strField) UnmarshalJSON(b []byte) error {
	s, quoted, p := scalar(b)
	*f = strField{p: p, v: s}
	if p == set && !quoted {
		f.p = bad
	}
	if f.p == bad {
		f.raw, f.v = badText(b), ""
	}
	return nil
}

func (f strField) ptr() *string {
	if f.p != set {
		return nil
	}
	v := f.v
	return &v
}

// timeField is an RFC 3339 instant (a missing zone is read as UTC).
type timeField struct {
	p   presence
	v   time.Time
	raw string
}

func (f *timeField) UnmarshalJSON(b []byte) error {
	s, quoted, p := scalar(b)
	*f = timeField{p: p}
	if p != set {
		if p == bad {
			f.raw = badText(b)
		}
		return nil
	}
	if quoted && strings.TrimSpace(s) == "" {
		f.p = null
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC)
	}
	if err != nil || !quoted {
		f.p, f.raw = bad, badText(b)
		return nil
	}
	f.v = t.UTC()
	return nil
}

func (f timeField) ptr() *time.Time {
	if f.p != set {
		return nil
	}
	v := f.v
	return &v
}

// checker collects the first problem of a row's conversion.
type checker struct{ err error }

func (c *checker) fail(name string, p presence, raw string) {
	c.failf(name, what(p, raw))
}

func (c *checker) failf(name, desc string) {
	if c.err == nil {
		c.err = fmt.Errorf("%w: field %q is %s", ErrMalformed, name, desc)
	}
}

// opt reports a bad (wrong-type) optional field; absent and null are fine.
func (c *checker) opt(name string, p presence, raw string) {
	if p == bad {
		c.fail(name, p, raw)
	}
}

func (c *checker) reqNum(name string, f numField) decimal.Decimal {
	if f.p != set {
		c.fail(name, f.p, f.raw)
	}
	return f.v
}

func (c *checker) optNum(name string, f numField) decimal.NullDecimal {
	c.opt(name, f.p, f.raw)
	return f.null()
}

func (c *checker) reqInt(name string, f intField, lo, hi int64) int64 {
	if f.p != set {
		c.fail(name, f.p, f.raw)
	} else if f.v < lo || f.v > hi {
		c.failf(name, "out of range ("+strconv.FormatInt(f.v, 10)+")")
	}
	return f.v
}

func (c *checker) optInt(name string, f intField, lo, hi int64) *int64 {
	c.opt(name, f.p, f.raw)
	if f.p != set {
		return nil
	}
	if f.v < lo || f.v > hi {
		c.failf(name, "out of range ("+strconv.FormatInt(f.v, 10)+")")
		return nil
	}
	v := f.v
	return &v
}

func (c *checker) reqStr(name string, f strField) string {
	if f.p != set || f.v == "" {
		p := f.p
		if p == set {
			p = absent
		}
		c.fail(name, p, f.raw)
	}
	return f.v
}

func (c *checker) optStr(name string, f strField) *string {
	c.opt(name, f.p, f.raw)
	return f.ptr()
}

func (c *checker) optBool(name string, f boolField) *bool {
	c.opt(name, f.p, f.raw)
	return f.ptr()
}

func (c *checker) optTime(name string, f timeField) *time.Time {
	c.opt(name, f.p, f.raw)
	return f.ptr()
}
