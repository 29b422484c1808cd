package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
)

// progress shows the progress of a command over many dates (backfill,
// reconcile) on stderr: a bar redrawn in place on a terminal, otherwise a
// plain line every logEvery and one at the end. Failures are not listed
// here: the command's final table lists each once.
type progress struct {
	w        io.Writer
	name     string // "backfill", "reconcile": the plain lines' prefix
	tty      bool
	started  time.Time
	mu       sync.Mutex
	last     progressState
	seen     bool
	lastLog  time.Time
	done     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup
}

// progressState is where a command stands after a date ended.
type progressState struct {
	finished int    // dates finished (done, failed or aborted) so far
	toRun    int    // dates it will run in all (those skipped left out)
	left     int    // dates still to finish (running or not started yet)
	words    string // what else to say, e.g. ", 1 failed, 1,234 rows"
}

const (
	redrawEvery = 200 * time.Millisecond
	logEvery    = 10 * time.Second
)

func newProgress(w io.Writer, name string) *progress {
	p := &progress{w: w, name: name, started: time.Now(), lastLog: time.Now(), done: make(chan struct{})}
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		p.tty = true
		p.wg.Go(p.redraw)
	}
	return p
}

// update receives the state after each date.
func (p *progress) update(st progressState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last, p.seen = st, true
	if p.tty {
		return // the redraw loop shows it
	}
	if time.Since(p.lastLog) >= logEvery || st.left == 0 {
		p.lastLog = time.Now()
		fmt.Fprintf(p.w, "%s: %s\n", p.name, p.line(st))
	}
}

// redraw repaints the bar until close.
func (p *progress) redraw() {
	t := time.NewTicker(redrawEvery)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		p.mu.Lock()
		if p.seen {
			fmt.Fprintf(p.w, "\r\033[K%s %s", bar(p.last, 24), p.line(p.last))
		}
		p.mu.Unlock()
	}
}

// close stops the redraw loop and ends the bar's line.
func (p *progress) close() {
	p.stopOnce.Do(func() {
		close(p.done)
		p.wg.Wait()
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.tty && p.seen {
			fmt.Fprintf(p.w, "\r\033[K%s %s\n", bar(p.last, 24), p.line(p.last))
		}
	})
}

// line is the progress in words: dates, what else, rate, ETA, elapsed.
func (p *progress) line(st progressState) string {
	s := fmt.Sprintf("%s/%s dates%s", grouped(st.finished), grouped(st.toRun), st.words)
	elapsed := time.Since(p.started)
	if st.finished > 0 && elapsed > 0 {
		rate := float64(st.finished) / elapsed.Seconds()
		s += fmt.Sprintf(", %.2f dates/s", rate)
		if st.left > 0 {
			s += ", ETA " + time.Duration(float64(st.left)/rate*float64(time.Second)).Round(time.Second).String()
		}
	}
	return s + ", elapsed " + elapsed.Round(time.Second).String()
}

// bar draws the share of dates finished.
func bar(st progressState, width int) string {
	filled := width
	if st.toRun > 0 {
		filled = min(st.finished*width/st.toRun, width)
	}
	return "[" + strings.Repeat("=", filled) + strings.Repeat(" ", width-filled) + "]"
}
