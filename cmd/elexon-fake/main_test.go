package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

func TestServeAndStop(t *testing.T) {
	urlFile := filepath.Join(t.TempDir(), "url")
	done := make(chan error, 1)
	go func() {
		done <- run([]string{"--addr", "127.0.0.1:0", "--url-file", urlFile, "--fault", "500:period=17:side=bid:times=2"})
	}()
	var url string
	// Poll for the URL file; a minute is far more than start-up takes on a
	// busy machine.
	for deadline := time.Now().Add(time.Minute); url == ""; {
		if b, err := os.ReadFile(urlFile); err == nil {
			url = string(b)
		} else if time.Now().After(deadline) {
			t.Fatal("no URL file")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, elexontest.Prefix) {
		t.Fatalf("URL %q", url)
	}
	resp, err := http.Get(url + "/balancing/settlement/stack/all/bid/2025-03-06/17")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || resp.Header.Get(elexon.SyntheticHeader) != "true" {
		t.Errorf("fault not served: HTTP %d", resp.StatusCode)
	}
	c, err := elexon.New(elexon.Config{BaseURL: url, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	d := elexontest.SampleDate()
	day, err := c.FetchDay(context.Background(), d, settlement.All(d))
	if err != nil || !day.Synthetic || day.Requests != 97 {
		t.Fatalf("FetchDay: %v (requests %d)", err, day.Requests)
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // it stops in milliseconds: this only catches a hang
		t.Fatal("did not stop on SIGINT within a minute")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--fault", "404"}, {"--latency", "soon"}, {"extra"}} {
		if err := run(args); err == nil || !strings.Contains(err.Error(), "usage") {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}

func TestBusiestMinute(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(secs ...float64) []time.Time {
		var out []time.Time
		for _, s := range secs {
			out = append(out, t0.Add(time.Duration(s*float64(time.Second))))
		}
		return out
	}
	for _, tc := range []struct {
		times []time.Time
		want  int
	}{
		{nil, 0},
		{at(0), 1},
		{at(0, 1, 2, 59.9), 4},
		{at(0, 1, 60, 61, 62), 3}, // 0 and 1 are a minute or more before 60 and 61
		{at(0, 30, 30, 30, 89, 91), 4},
	} {
		if got := busiestMinute(tc.times); got != tc.want {
			t.Errorf("busiestMinute(%v) = %d, want %d", tc.times, got, tc.want)
		}
	}
}
