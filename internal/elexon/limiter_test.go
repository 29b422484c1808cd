package elexon

import (
	"net/http"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/time/rate"
)

// TestLimiterWindow drives the limiter greedily on a simulated clock and
// checks that no 60-second window ever holds more than rpm requests.
func TestLimiterWindow(t *testing.T) {
	for _, rpm := range []int{1, 2, 9, 10, 120, 499, 500, 501, 4500, 5000, 20000} {
		limit, burst := limiterParams(rpm)
		if want := min(200, max(1, rpm/10)); burst != want && rpm > 1 {
			t.Errorf("rpm %d: burst %d, want %d", rpm, burst, want)
		}
		lim := rate.NewLimiter(limit, burst)
		t0 := time.Unix(0, 0)
		var sent []time.Time
		step := 5 * time.Millisecond
		for now := t0; now.Before(t0.Add(5 * time.Minute)); now = now.Add(step) {
			for lim.AllowN(now, 1) {
				sent = append(sent, now)
			}
		}
		j := 0
		worst := 0
		for i := range sent {
			for sent[i].Sub(sent[j]) >= time.Minute {
				j++
			}
			worst = max(worst, i-j+1)
		}
		if worst > rpm {
			t.Errorf("rpm %d (burst %d, %.3f/s): %d requests in one 60s window", rpm, burst, float64(limit), worst)
		}
		// And the limit is used: over 5 minutes, the burst and 5 minutes of refill.
		if want := (burst + 5*(rpm-burst)) * 99 / 100; rpm > 1 && len(sent) < want {
			t.Errorf("rpm %d: only %d requests in 5 minutes, want %d", rpm, len(sent), want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 6, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		h    string
		want time.Duration
	}{
		{"", 0},
		{"3", 3 * time.Second},
		{" 0 ", 0},
		{"-5", 0},
		{"3600", time.Minute},
		{now.Add(10 * time.Second).Format(http.TimeFormat), 10 * time.Second},
		{now.Add(-10 * time.Second).Format(http.TimeFormat), 0},
		{now.Add(time.Hour).Format(http.TimeFormat), time.Minute},
		{"soon", 0},
	} {
		if got := retryAfter(tc.h, now); got != tc.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tc.h, got, tc.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	c, err := New(Config{RetryWaitMin: 100 * time.Millisecond, RetryWaitMax: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= 10; n++ {
		ceiling := min(100*time.Millisecond<<(n-1), 2*time.Second)
		for range 200 {
			d := c.backoff(n)
			if d < 100*time.Millisecond || d < ceiling/2 || d > ceiling {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n, d, max(ceiling/2, 100*time.Millisecond), ceiling)
			}
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for _, s := range []string{"0", "-0.004166666666666667", "123.456", "1e-3", "-1.5E+2", "50.000",
		"0.000", "123456789012345678", "1234567890123456789012.5", ".5", "+7", "0e10000", "0.000e10003", "1e-10000", "1.5e10001"} {
		d, ok := parseDecimal([]byte(s))
		if !ok {
			t.Errorf("parseDecimal(%q) failed", s)
			continue
		}
		want, err := decimal.NewFromString(s)
		if err != nil || !d.Equal(want) {
			t.Errorf("parseDecimal(%q) = %s, want %s", s, d, want)
		}
	}
	for _, s := range []string{"", "-", "1.2.3", "abc", "1e", "NaN", "1,5", "e5", " 0", "1 ", "- 1", "0e10001", "1e-10001", "1.5e10002"} {
		if d, ok := parseDecimal([]byte(s)); ok {
			t.Errorf("parseDecimal(%q) = %s, want failure", s, d)
		}
	}
}
