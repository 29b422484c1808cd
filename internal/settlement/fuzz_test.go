package settlement

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseDate: ParseDate never panics; what it accepts is a real calendar
// date at UTC midnight written exactly as YYYY-MM-DD; what it refuses gets a
// one-line message quoting the input. Seeds: testdata/fuzz/FuzzParseDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-06", "2025-02-30", "2024-02-29", "2025-13-01", "0000-01-01", "9999-12-31",
		"2025-3-6", "", "2025-03-06T00:00:00Z", " 2025-03-06", "+025-03-06", "２０２５-03-06"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, "is not a date") {
				t.Fatalf("ParseDate(%q): message %q is not one line saying what is wrong", s, msg)
			}
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v: not UTC midnight", s, d)
		}
		if got := d.Format(DateLayout); got != s {
			t.Fatalf("ParseDate(%q) = %s: the input was not exactly YYYY-MM-DD", s, got)
		}
		if !Date(d).Equal(d) {
			t.Fatalf("ParseDate(%q) = %v is not a settlement date", s, d)
		}
		if n := Periods(d); n != 46 && n != 48 && n != 50 {
			t.Fatalf("Periods(%s) = %d", s, n)
		}
	})
}

// FuzzParseRange: ParseRange never panics; what it accepts lies within the
// day and in order and reads back through Range.String; what it refuses
// gets a one-line message naming --periods. The date varies over ordinary
// and clock-change days. Seeds: testdata/fuzz/FuzzParseRange.
func FuzzParseRange(f *testing.F) {
	for _, s := range []struct {
		r   string
		day uint8
	}{
		{"44-48", 0}, {"1-46", 1}, {"47", 1}, {"1-50", 2}, {"50", 2}, {"0-4", 0}, {"9-4", 0}, {"4-4", 0},
		{"-1-3", 0}, {"1--2", 0}, {"01-02", 0}, {"+1-2", 0}, {"1-2 ", 0}, {"", 0}, {"a-b", 0}, {"1-99999999999999999999", 0},
	} {
		f.Add(s.r, s.day)
	}
	days := []time.Time{
		time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC),   // 48 periods
		time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC),  // 46
		time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC), // 50
	}
	f.Fuzz(func(t *testing.T, s string, day uint8) {
		date := days[int(day)%len(days)]
		r, err := ParseRange(s, date)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, "--periods") {
				t.Fatalf("ParseRange(%q): message %q is not one line naming --periods", s, msg)
			}
			return
		}
		if r.From < 1 || r.From > r.To || r.To > Periods(date) {
			t.Fatalf("ParseRange(%q, %s) = %v: outside the day's periods 1-%d or reversed",
				s, date.Format(DateLayout), r, Periods(date))
		}
		if r.Len() < 1 || !r.Contains(r.From) || !r.Contains(r.To) {
			t.Fatalf("ParseRange(%q) = %v: inconsistent Len/Contains", s, r)
		}
		back, err := ParseRange(r.String(), date)
		if err != nil || back != r {
			t.Fatalf("ParseRange(%q) = %v, but its String %q reads back as %v, %v", s, r, r.String(), back, err)
		}
	})
}
