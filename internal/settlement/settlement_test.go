package settlement

import (
	"testing"
	"time"
)

func TestPeriods(t *testing.T) {
	for _, tc := range []struct {
		date string
		want int
	}{
		{"2025-03-06", 48},
		{"2025-03-30", 46}, // spring clock change
		{"2025-10-26", 50}, // autumn clock change
		{"2025-10-27", 48},
		{"2024-03-31", 46},
		{"2024-10-27", 50},
		{"2025-07-01", 48},
	} {
		d, err := ParseDate(tc.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := Periods(d); got != tc.want {
			t.Errorf("Periods(%s) = %d, want %d", tc.date, got, tc.want)
		}
	}
}

func TestPeriodStart(t *testing.T) {
	for _, tc := range []struct {
		date   string
		period int
		want   string
	}{
		{"2025-03-06", 1, "2025-03-06T00:00:00Z"},  // winter
		{"2025-03-06", 48, "2025-03-06T23:30:00Z"}, // winter
		{"2025-07-01", 1, "2025-06-30T23:00:00Z"},  // summer
		{"2025-03-30", 3, "2025-03-30T01:00:00Z"},  // the hour 01:00-02:00 local does not exist
		{"2025-03-30", 46, "2025-03-30T22:30:00Z"}, // last period of a 46-period day
		{"2025-10-26", 1, "2025-10-25T23:00:00Z"},  // still BST at local midnight
		{"2025-10-26", 50, "2025-10-26T23:30:00Z"}, // last period of a 50-period day
		{"2024-04-20", 3, "2024-04-20T00:00:00Z"},  // halving day: SP3 starts 00:00Z
		{"2024-04-20", 4, "2024-04-20T00:30:00Z"},
	} {
		d, _ := ParseDate(tc.date)
		got := PeriodStart(d, tc.period).Format(time.RFC3339)
		if got != tc.want {
			t.Errorf("PeriodStart(%s, %d) = %s, want %s", tc.date, tc.period, got, tc.want)
		}
	}
}

func TestParseRange(t *testing.T) {
	d48, _ := ParseDate("2025-03-06")
	d46, _ := ParseDate("2025-03-30")
	ok := []struct {
		s    string
		date time.Time
		want Range
	}{
		{"44-48", d48, Range{44, 48}},
		{"7", d48, Range{7, 7}},
		{"1-46", d46, Range{1, 46}},
	}
	for _, tc := range ok {
		got, err := ParseRange(tc.s, tc.date)
		if err != nil || got != tc.want {
			t.Errorf("ParseRange(%q) = %v, %v; want %v", tc.s, got, err, tc.want)
		}
	}
	for _, s := range []string{"48-44", "0-3", "45-49", "a-b", "", "3-", "-3", "1-2-3", "1 - 2"} {
		if _, err := ParseRange(s, d48); err == nil {
			t.Errorf("ParseRange(%q) succeeded, want an error", s)
		}
	}
	if _, err := ParseRange("47-47", d46); err == nil {
		t.Error("ParseRange(47-47) on a 46-period day succeeded")
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2025-02-30", "2025-3-6", "06/03/2025", "", "2025-13-01"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) succeeded, want an error", s)
		}
	}
}
