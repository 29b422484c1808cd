// Command floorfetch is half of the floor `make bench` measures recon
// against: it fetches both sides of every settlement period of a date from
// the stack endpoint, as many requests in flight as recon allows, and reads
// each body whole into memory without decoding it. It is what any client
// must do to get a day; recon's one-day time is reported as a ratio to this
// plus a bare COPY of the day's archive (scripts/bench.sh).
//
//	floorfetch --url BASE --date YYYY-MM-DD [--periods 48] [--concurrency 64]
//
// It prints one line: responses, bytes and the wall time from its start.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"
)

func main() {
	started := time.Now()
	if err := run(os.Args[1:], started); err != nil {
		fmt.Fprintln(os.Stderr, "floorfetch:", err)
		os.Exit(1)
	}
}

func run(args []string, started time.Time) error {
	fs := flag.NewFlagSet("floorfetch", flag.ContinueOnError)
	base := fs.String("url", "", "base URL of the API (as ELEXON_BASE_URL)")
	date := fs.String("date", "", "settlement date, YYYY-MM-DD")
	periods := fs.Int("periods", 48, "settlement periods of the date")
	concurrency := fs.Int("concurrency", 64, "requests in flight at most (recon's default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *date == "" || *periods < 1 || *concurrency < 1 {
		return errors.New("give --url, --date, and positive --periods and --concurrency")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *concurrency}, Timeout: time.Minute}
	sem := make(chan struct{}, *concurrency)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int64
		first error
	)
	bodies := make([][]byte, 0, 2**periods) // held until the end, as a client that stores them must
	for p := 1; p <= *periods; p++ {
		for _, side := range []string{"bid", "offer"} {
			url := fmt.Sprintf("%s/balancing/settlement/stack/all/%s/%s/%d", *base, side, *date, p)
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				body, err := get(client, url)
				mu.Lock()
				defer mu.Unlock()
				if err != nil && first == nil {
					first = err
				}
				total += int64(len(body))
				bodies = append(bodies, body)
			})
		}
	}
	wg.Wait()
	if first != nil {
		return first
	}
	fmt.Printf("fetched %d responses, %d bytes in %.3f s\n", len(bodies), total, time.Since(started).Seconds())
	return nil
}

func get(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %d", url, resp.StatusCode)
	}
	return buf.Bytes(), nil
}
