package bitcoin

import (
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/settlement"
)

// utc parses an RFC 3339 time of a test.
func utc(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestSubsidyAt(t *testing.T) {
	for _, tc := range []struct {
		at, want string
	}{
		{"2009-01-03T18:15:05Z", "50"}, // genesis
		{"2012-11-28T15:24:37.999999999Z", "50"},
		{"2012-11-28T15:24:38Z", "25"}, // block 210,000
		{"2016-07-09T16:46:12Z", "25"},
		{"2016-07-09T16:46:13Z", "12.5"}, // block 420,000
		{"2020-05-11T19:23:42Z", "12.5"},
		{"2020-05-11T19:23:43Z", "6.25"}, // block 630,000
		{"2024-04-20T00:09:26Z", "6.25"},
		{"2024-04-20T00:09:27Z", "3.125"}, // block 840,000
		{"2024-04-20T01:09:27+01:00", "3.125"},
		{"2025-03-06T12:00:00Z", "3.125"},
		{"2027-12-31T23:59:59.999999999Z", "3.125"},
	} {
		got, err := SubsidyAt(utc(t, tc.at))
		if err != nil {
			t.Errorf("SubsidyAt(%s): %v", tc.at, err)
			continue
		}
		if !got.Equal(dec(tc.want)) {
			t.Errorf("SubsidyAt(%s) = %s, want %s", tc.at, got, tc.want)
		}
	}
}

func TestSubsidyAtHorizon(t *testing.T) {
	for _, at := range []time.Time{NextHalvingHorizon, NextHalvingHorizon.Add(400 * 24 * time.Hour)} {
		_, err := SubsidyAt(at)
		if err == nil {
			t.Fatalf("SubsidyAt(%s): no error", at)
		}
		for _, want := range []string{"unknown", "halving table", "internal/bitcoin"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("SubsidyAt(%s) error %q does not mention %q", at, err, want)
			}
		}
	}
}

func TestSubsidyOnHalvingDay(t *testing.T) {
	// 2024-04-20 is a BST day: SP1 starts 2024-04-19T23:00Z, SP3 at 00:00Z and
	// SP4 at 00:30Z, after block 840,000 (00:09:27Z).
	date, err := settlement.ParseDate("2024-04-20")
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{1: "2024-04-19T23:00:00Z", 3: "2024-04-20T00:00:00Z", 4: "2024-04-20T00:30:00Z"} {
		if got := settlement.PeriodStart(date, n); !got.Equal(utc(t, want)) {
			t.Fatalf("period %d starts %s, want %s", n, got, want)
		}
	}
	for n := 1; n <= settlement.Periods(date); n++ {
		want := "3.125"
		if n <= 3 {
			want = "6.25"
		}
		got, err := SubsidyAt(settlement.PeriodStart(date, n))
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(dec(want)) {
			t.Errorf("2024-04-20 period %d: subsidy %s, want %s", n, got, want)
		}
	}
}

func TestSubsidyOnTheHalvingDayOf2016(t *testing.T) {
	// 2016-07-09 is a BST day: SP1 starts 2016-07-08T23:00Z. Block 420,000
	// came at 16:46:13Z, after SP36 started (16:30Z) and before SP37 (17:00Z).
	date, err := settlement.ParseDate("2016-07-09")
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{1: "2016-07-08T23:00:00Z", 36: "2016-07-09T16:30:00Z", 37: "2016-07-09T17:00:00Z"} {
		if got := settlement.PeriodStart(date, n); !got.Equal(utc(t, want)) {
			t.Fatalf("period %d starts %s, want %s", n, got, want)
		}
	}
	for n := 1; n <= settlement.Periods(date); n++ {
		want := "12.5"
		if n <= 36 {
			want = "25"
		}
		got, err := SubsidyAt(settlement.PeriodStart(date, n))
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(dec(want)) {
			t.Errorf("2016-07-09 period %d: subsidy %s, want %s", n, got, want)
		}
	}
}
