// Command elexon-fake serves the stand-in Elexon API (internal/elexon/elexontest)
// over HTTP, for demonstrations, benchmarks and fault drills. Everything it
// serves, apart from the BM unit list, is SYNTHETIC.
//
//	elexon-fake --addr 127.0.0.1:0 [--latency 100ms] [--fault 500:period=17:times=2 ...] [--url-file PATH]
//
// It prints the base URL it serves on stdout (and writes it to --url-file, so
// scripts can learn the port chosen), and stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/recon-energy/recon/internal/elexon/elexontest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "elexon-fake:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage error")

func run(args []string) error {
	fs := flag.NewFlagSet("elexon-fake", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on (port 0: any free port)")
	latency := fs.Duration("latency", 0, "latency added to every request, e.g. 100ms")
	urlFile := fs.String("url-file", "", "write the base URL to this file once serving")
	verbose := fs.Bool("v", false, "log every request to stderr")
	var faults []elexontest.Fault
	fs.Func("fault", "switch a fault on, KIND[:key=value...], e.g. 500:period=17:times=2 (repeatable);\n"+
		"kinds 429 500 503 slow truncated html missing wrongtypes extra reset hang;\n"+
		"keys date period side times retry-after delay", func(s string) error {
		f, err := elexontest.ParseFault(s)
		if err != nil {
			return err
		}
		faults = append(faults, f)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	h := elexontest.NewHandler(elexontest.Options{Latency: *latency, Logger: logger})
	for _, f := range faults {
		h.AddFault(f)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + elexontest.Prefix
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	fmt.Printf("elexon-fake: serving SYNTHETIC data at %s\n", url)
	if *urlFile != "" {
		if err := writeAtomically(*urlFile, url); err != nil {
			srv.Close()
			return err
		}
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	logger.Info("elexon-fake: stopped", "requests", h.Requests(), "busiest_minute", busiestMinute(h.RequestTimes()))
	return nil
}

// busiestMinute is the most requests that arrived within any 60 seconds
// (times in arrival order): what a rate limit per minute bounds.
func busiestMinute(times []time.Time) int {
	best, first := 0, 0
	for last, t := range times {
		for t.Sub(times[first]) >= time.Minute {
			first++
		}
		best = max(best, last-first+1)
	}
	return best
}

// writeAtomically writes s to path so that a reader polling for the file
// never sees it half written.
func writeAtomically(path, s string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
