package elexon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// The field types below decode one JSON value tolerantly: parsing never
// fails (so one bad field cannot hide the others, and the error can name the
// field), but remembers whether the value was absent, null, good or bad. The
// conversion to the public row types then reports the first problem by field
// name.

type presence uint8

const (
	absent presence = iota
	null
	set
	bad
)

// scalar classifies one JSON value. For a string it returns the unquoted
// text; for a number or literal, the literal text.
func scalar(b []byte) (text []byte, quoted bool, p presence) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return nil, false, bad
	case string(b) == "null":
		return nil, false, null
	case b[0] == '"':
		if len(b) >= 2 && bytes.IndexByte(b, '\\') < 0 {
			return b[1 : len(b)-1], true, set
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, true, bad
		}
		return []byte(s), true, set
	case b[0] == '{' || b[0] == '[':
		return nil, false, bad
	default:
		return b, false, set
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

// parseDecimal reads a JSON-number-like text exactly. Up to 18 digits go
// through an int64 (no string conversion); longer ones through
// decimal.NewFromString.
//
// Whitespace is not part of a number: " 0" sent as a string is refused, as
// decimal.NewFromString refuses it.
//
// Exponents are bounded as decimal.NewFromString bounds them (its
// MaxDecodeExponent), so both paths accept the same numbers.
func parseDecimal(b []byte) (decimal.Decimal, bool) {
	i, neg := 0, false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var v int64
	var exp int32
	digits, point, sawDigit := 0, false, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if v == 0 && c == '0' {
				if point {
					exp--
				}
				continue
			}
			if digits == 18 {
				return slowDecimal(b)
			}
			v = v*10 + int64(c-'0')
			digits++
			if point {
				exp--
			}
		case c == '.' && !point:
			point = true
		case c == 'e' || c == 'E':
			if !sawDigit {
				return decimal.Decimal{}, false
			}
			e, err := strconv.ParseInt(string(b[i+1:]), 10, 32)
			if err != nil || e > 1<<20 || e < -(1<<20) {
				return decimal.Decimal{}, false
			}
			exp += int32(e)
			i = len(b)
		default:
			return decimal.Decimal{}, false
		}
	}
	if !sawDigit || exp > maxExponent || exp < -maxExponent {
		return decimal.Decimal{}, false
	}
	if neg {
		v = -v
	}
	return decimal.New(v, exp), true
}

// maxExponent is the largest exponent, after the fraction's digits are
// counted, that decimal.NewFromString accepts.
var maxExponent = int32(decimal.MaxDecodeExponent)

func slowDecimal(b []byte) (decimal.Decimal, bool) {
	d, err := decimal.NewFromString(string(b))
	return d, err == nil
}

// numField is a decimal that may arrive as a JSON number or a string.
type numField struct {
	p   presence
	v   decimal.Decimal
	raw string
}

func (f *numField) parse(b []byte) {
	s, quoted, p := scalar(b)
	*f = numField{p: p}
	switch {
	case p == bad:
		f.raw = badText(b)
	case p != set:
	case quoted && len(bytes.TrimSpace(s)) == 0:
		f.p = null
	default:
		d, ok := parseDecimal(s)
		if !ok {
			f.p, f.raw = bad, badText(b)
			return
		}
		f.v = d
	}
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

func (f *intField) parse(b []byte) {
	s, quoted, p := scalar(b)
	*f = intField{p: p}
	switch {
	case p == bad:
		f.raw = badText(b)
	case p != set:
	case quoted && len(bytes.TrimSpace(s)) == 0:
		f.p = null
	default:
		v, ok := parseInt(s)
		if !ok {
			f.p, f.raw = bad, badText(b)
			return
		}
		f.v = v
	}
}

// parseInt reads a decimal integer without converting to a string.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) >= 19 {
		v, err := strconv.ParseInt(string(b), 10, 64)
		return v, err == nil
	}
	i, neg := 0, false
	if b[0] == '-' || b[0] == '+' {
		neg, i = b[0] == '-', 1
	}
	if i == len(b) {
		return 0, false
	}
	var v int64
	for ; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, false
		}
		v = v*10 + int64(b[i]-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// boolField is a boolean; "true" and "false" as strings are accepted too.
type boolField struct {
	p   presence
	v   bool
	raw string
}

func (f *boolField) parse(b []byte) {
	s, _, p := scalar(b)
	*f = boolField{p: p}
	switch {
	case p != set:
		if p == bad {
			f.raw = badText(b)
		}
	case string(s) == "true":
		f.v = true
	case string(s) == "false":
	default:
		f.p, f.raw = bad, badText(b)
	}
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

func (f *strField) parse(b []byte) {
	s, quoted, p := scalar(b)
	*f = strField{p: p}
	switch {
	case p == set && quoted:
		f.v = string(s)
	case p == set || p == bad:
		f.p, f.raw = bad, badText(b)
	}
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

func (f *timeField) parse(b []byte) {
	s, quoted, p := scalar(b)
	*f = timeField{p: p}
	switch {
	case p == bad:
		f.raw = badText(b)
		return
	case p != set:
		return
	case !quoted:
		f.p, f.raw = bad, badText(b)
		return
	case len(bytes.TrimSpace(s)) == 0:
		f.p = null
		return
	}
	str := string(s)
	t, err := time.Parse(time.RFC3339Nano, str)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02T15:04:05.999999999", str, time.UTC)
	}
	if err != nil {
		f.p, f.raw = bad, badText(b)
		return
	}
	f.v = t.UTC()
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
