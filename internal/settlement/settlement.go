// Package settlement is the GB settlement calendar: a settlement day is a
// Europe/London calendar day cut into half-hour settlement periods numbered
// from 1 at local midnight. Most days have 48 periods, the spring clock-change
// day 46 and the autumn one 50.
//
// A settlement date is represented as a time.Time at UTC midnight of that
// calendar date (the value pgx reads from and writes to a PostgreSQL date).
package settlement

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/London must resolve on machines without zoneinfo.
)

// PeriodLength is the length of one settlement period.
const PeriodLength = 30 * time.Minute

// London is the Europe/London time zone, in which settlement days are defined.
var London = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("settlement: load time zone %s: %v", name, err))
	}
	return loc
}

// DateLayout is the layout of a settlement date on the command line and in the API.
const DateLayout = "2006-01-02"

// ParseDate parses YYYY-MM-DD into a settlement date (UTC midnight).
func ParseDate(s string) (time.Time, error) {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: %s", s, dateProblem(s))
	}
	return d, nil
}

// dateProblem says what is wrong with a string ParseDate refused: a day or
// month that does not exist, or the wrong shape.
func dateProblem(s string) string {
	var y, m, d int
	if n, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err == nil && n == 3 && len(s) == len(DateLayout) {
		switch first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC); {
		case m < 1 || m > 12:
			return fmt.Sprintf("there is no month %d (months run 01-12)", m)
		case d < 1:
			return fmt.Sprintf("there is no day %d (days start at 01)", d)
		case d > first.AddDate(0, 1, -1).Day():
			return fmt.Sprintf("%s %d has %d days", first.Month(), y, first.AddDate(0, 1, -1).Day())
		}
	}
	return "write it as YYYY-MM-DD, e.g. 2025-03-06"
}

// Date normalises t to the settlement-date representation: UTC midnight of t's
// calendar date as read in t's own location.
func Date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Today is the current settlement date in Europe/London.
func Today(now time.Time) time.Time {
	return Date(now.In(London))
}

// localMidnight is the instant at which the settlement day date starts.
func localMidnight(date time.Time) time.Time {
	y, m, d := date.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, London)
}

// Periods is the number of settlement periods of date: 46, 48 or 50.
func Periods(date time.Time) int {
	start := localMidnight(date)
	end := localMidnight(date.AddDate(0, 0, 1))
	return int(end.Sub(start) / PeriodLength)
}

// PeriodStart is the UTC instant at which period n (1-based) of date starts.
// It follows the real instants, so on 2025-03-30 period 3 starts at 01:00Z.
func PeriodStart(date time.Time, n int) time.Time {
	return localMidnight(date).Add(time.Duration(n-1) * PeriodLength).UTC()
}

// Range is an inclusive range of settlement periods of one day.
type Range struct{ From, To int }

// All is the range of every period of date.
func All(date time.Time) Range { return Range{1, Periods(date)} }

// Contains reports whether period n is in r.
func (r Range) Contains(n int) bool { return n >= r.From && n <= r.To }

// Len is the number of periods in r.
func (r Range) Len() int { return r.To - r.From + 1 }

// String formats r as "A-B".
func (r Range) String() string { return fmt.Sprintf("%d-%d", r.From, r.To) }

// ParseRange parses "A-B" or "A" into a range of periods of date, checking it
// against the number of periods the day has.
func ParseRange(s string, date time.Time) (Range, error) {
	r, err := ParsePeriods(s)
	if err != nil {
		return Range{}, err
	}
	if err := r.CheckIn(date, s); err != nil {
		return Range{}, err
	}
	return r, nil
}

// ParsePeriods parses "A-B" or "A" into a range of periods, checking its
// form and order but not against a day (see CheckIn).
func ParsePeriods(s string) (Range, error) {
	var r Range
	n, err := fmt.Sscanf(s, "%d-%d", &r.From, &r.To)
	if err != nil || n != 2 {
		var one int
		if k, err1 := fmt.Sscanf(s, "%d", &one); err1 != nil || k != 1 || fmt.Sprint(one) != s {
			return Range{}, fmt.Errorf("--periods %q is not a range: write A-B, e.g. 44-48", s)
		}
		r = Range{one, one}
	} else if fmt.Sprintf("%d-%d", r.From, r.To) != s {
		return Range{}, fmt.Errorf("--periods %q is not a range: write A-B, e.g. 44-48", s)
	}
	if r.From > r.To {
		return Range{}, fmt.Errorf("--periods %s is reversed: write the smaller period first, e.g. %d-%d", s, r.To, r.From)
	}
	return r, nil
}

// CheckIn checks that r lies within the periods date has; written is how
// the range was given, for the message.
func (r Range) CheckIn(date time.Time, written string) error {
	if last := Periods(date); r.From < 1 || r.To > last {
		return fmt.Errorf("--periods %s is outside %s, which has periods 1-%d", written, date.Format(DateLayout), last)
	}
	return nil
}
