package recon

import (
	"fmt"
	"time"

	"github.com/recon-energy/recon/internal/bitcoin"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/settlement"
)

// DifficultyGapError is why a date's Bitcoin could not be computed: some of
// its periods have no difficulty in force by the stored table. It says so
// in one short line: the date, how far the table reaches, and what to do.
type DifficultyGapError struct {
	Date    time.Time
	Periods int       // periods of the date without a difficulty
	Start   time.Time // the first of them starts then (UTC)
	// First and Last are the table's first and last epochs (zero values
	// when the table is empty).
	First, Last difficulty.Epoch
	// Missing is the arithmetic's own report, every period listed.
	Missing *bitcoin.MissingDifficultyError
}

// gapError turns the arithmetic's report of periods without a difficulty
// into a DifficultyGapError, given the table it used.
func gapError(date time.Time, mde *bitcoin.MissingDifficultyError, sched difficulty.Schedule) *DifficultyGapError {
	e := &DifficultyGapError{Date: date, Periods: len(mde.Periods), Missing: mde}
	if len(mde.Periods) > 0 {
		e.Start = mde.Periods[0].Start
	}
	if epochs := sched.Epochs(); len(epochs) > 0 {
		e.First, e.Last = epochs[0], epochs[len(epochs)-1]
	}
	return e
}

// Unwrap gives the arithmetic's report.
func (e *DifficultyGapError) Unwrap() error { return e.Missing }

// gapTime is how the message writes instants.
const gapTime = "2006-01-02 15:04Z"

// Error is one line: the date, how far the table reaches, and the commands
// that fix it.
func (e *DifficultyGapError) Error() string {
	var reach string
	switch {
	case e.Last.ActivatedAt.IsZero():
		reach = "the difficulty table is empty"
	case e.Start.Before(e.First.ActivatedAt):
		reach = fmt.Sprintf("the difficulty table starts at block %s (%s)",
			groupedInt(e.First.Height), e.First.ActivatedAt.UTC().Format(gapTime))
	case e.Start.After(e.Last.ActivatedAt):
		reach = fmt.Sprintf("the difficulty table reaches block %s (%s), trusted until %s",
			groupedInt(e.Last.Height), e.Last.ActivatedAt.UTC().Format(gapTime),
			e.Last.ActivatedAt.Add(difficulty.MaxEpochAge).UTC().Format(gapTime))
	default:
		reach = fmt.Sprintf("the difficulty table has no epoch in the %d days before %s",
			int(difficulty.MaxEpochAge.Hours()/24), e.Start.UTC().Format(gapTime))
	}
	return fmt.Sprintf("%s: no Bitcoin difficulty for %d of its periods: %s; run `recon difficulty sync` or `recon difficulty import FILE`, or give a what-if with --difficulty N",
		e.Date.Format(settlement.DateLayout), e.Periods, reach)
}

// groupedInt writes n with thousands separators: 961632 → 961,632.
func groupedInt(n int64) string {
	s := fmt.Sprint(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
