package difficulty

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// MaxEpochAge is how long after an epoch's activation its difficulty is still
// trusted when no later epoch is known. Adjustments come about every two
// weeks; past three weeks one has surely happened that the table lacks.
const MaxEpochAge = 21 * 24 * time.Hour

// Epoch is one difficulty adjustment: from block Height, activated at
// ActivatedAt, the network difficulty is Difficulty.
type Epoch struct {
	Height      int64
	ActivatedAt time.Time
	Difficulty  decimal.Decimal
	// TimePrecision says how well ActivatedAt is known (one of Precisions);
	// "" when the source does not say. Notes is free text about the epoch.
	// Neither plays a part in the arithmetic; they are kept with the table.
	TimePrecision string
	Notes         string
	// DifficultyPrecision says how well Difficulty is known (one of
	// DifficultyPrecisions); "" when the source does not say.
	DifficultyPrecision string
}

// How well an epoch's activation time is known, as difficulty_epochs.
// time_precision records it.
const (
	PrecisionExact     = "exact"     // the block timestamp of the adjustment block
	PrecisionApprox    = "approx"    // the time of day approximate
	PrecisionEstimated = "estimated" // estimated from neighbouring epochs
	PrecisionUnknown   = "unknown"   // the source did not say
)

// Precisions lists the values of Epoch.TimePrecision.
var Precisions = []string{PrecisionExact, PrecisionApprox, PrecisionEstimated, PrecisionUnknown}

// How well an epoch's difficulty is known, as difficulty_epochs.
// difficulty_precision records it: exact (published with its fraction),
// reconstructed (a whole part from a truncating source, its fraction
// restored from the block's compact target) or unknown (not said).
const DifficultyReconstructed = "reconstructed"

// DifficultyPrecisions lists the values of Epoch.DifficultyPrecision.
var DifficultyPrecisions = []string{PrecisionExact, DifficultyReconstructed, PrecisionUnknown}

// epochColumns are the leading columns of a difficulty CSV, in order;
// optionalColumns may follow them, in any order.
var (
	epochColumns    = []string{"height", "activated_at_utc", "difficulty"}
	optionalColumns = []string{"time_precision", "difficulty_precision", "notes"}
)

// ParseEpochsCSV reads epochs in the CSV format of
// internal/refdata/difficulty_epochs.csv: a header line starting
// height,activated_at_utc,difficulty, then one epoch a line with the height,
// the activation time in RFC 3339 (converted to UTC) and a positive decimal
// difficulty. Columns named time_precision (one of Precisions, or empty),
// difficulty_precision (one of DifficultyPrecisions, or empty) and notes,
// when the header has them, fill TimePrecision, DifficultyPrecision and Notes; other
// columns are ignored. A height given twice is an error. Epochs are returned
// in file order. Errors name the line and what is wrong.
func ParseEpochsCSV(r io.Reader) ([]Epoch, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // rows may omit the optional columns
	optional, err := readEpochsHeader(cr)
	if err != nil {
		return nil, err
	}
	var epochs []Epoch
	lineOfHeight := map[int64]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return epochs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("difficulty CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		e, err := parseEpoch(rec, optional)
		if err != nil {
			return nil, fmt.Errorf("difficulty CSV line %d: %w", line, err)
		}
		if prev, dup := lineOfHeight[e.Height]; dup {
			return nil, fmt.Errorf("difficulty CSV line %d: height %d already given on line %d", line, e.Height, prev)
		}
		lineOfHeight[e.Height] = line
		epochs = append(epochs, e)
	}
}

// readEpochsHeader reads the header line, checks its leading columns and
// says where the optional ones are: column index by name, -1 when absent.
func readEpochsHeader(cr *csv.Reader) (map[string]int, error) {
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("difficulty CSV is empty: expected a header line %q", strings.Join(epochColumns, ","))
	}
	if err != nil {
		return nil, fmt.Errorf("difficulty CSV: %w", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF") // byte order mark
	}
	for i, want := range epochColumns {
		if i >= len(header) || !strings.EqualFold(strings.TrimSpace(header[i]), want) {
			return nil, fmt.Errorf("difficulty CSV line 1: header must start with %q, got %q",
				strings.Join(epochColumns, ","), strings.Join(header, ","))
		}
	}
	optional := make(map[string]int, len(optionalColumns))
	for _, name := range optionalColumns {
		optional[name] = slices.IndexFunc(header[len(epochColumns):], func(h string) bool {
			return strings.EqualFold(strings.TrimSpace(h), name)
		})
		if optional[name] >= 0 {
			optional[name] += len(epochColumns)
		}
	}
	return optional, nil
}

// parseEpoch parses one CSV record: the leading columns, and the optional
// ones where optional says they are.
func parseEpoch(rec []string, optional map[string]int) (Epoch, error) {
	if len(rec) < len(epochColumns) {
		return Epoch{}, fmt.Errorf("%d columns, need at least %d (%s)",
			len(rec), len(epochColumns), strings.Join(epochColumns, ","))
	}
	heightText, atText, diffText := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])
	height, err := strconv.ParseInt(heightText, 10, 64)
	if err != nil || height < 0 {
		return Epoch{}, fmt.Errorf("height %q is not a block height (a whole number, 0 or more)", heightText)
	}
	at, err := time.Parse(time.RFC3339, atText)
	if err != nil {
		return Epoch{}, fmt.Errorf("activated_at_utc %q is not an RFC 3339 time such as 2025-03-09T16:09:00Z", atText)
	}
	diff, err := decimal.NewFromString(diffText)
	if err != nil || !diff.IsPositive() {
		return Epoch{}, fmt.Errorf("difficulty %q is not a positive decimal number", diffText)
	}
	e := Epoch{Height: height, ActivatedAt: at.UTC(), Difficulty: diff}
	field := func(name string) string {
		if i := optional[name]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	e.TimePrecision, e.Notes = strings.ToLower(field("time_precision")), field("notes")
	if e.TimePrecision != "" && !slices.Contains(Precisions, e.TimePrecision) {
		return Epoch{}, fmt.Errorf("time_precision %q is not one of %s (or empty)", e.TimePrecision, strings.Join(Precisions, ", "))
	}
	e.DifficultyPrecision = strings.ToLower(field("difficulty_precision"))
	if e.DifficultyPrecision != "" && !slices.Contains(DifficultyPrecisions, e.DifficultyPrecision) {
		return Epoch{}, fmt.Errorf("difficulty_precision %q is not one of %s (or empty)", e.DifficultyPrecision, strings.Join(DifficultyPrecisions, ", "))
	}
	return e, nil
}

// Schedule is a schedule of difficulty epochs sorted by activation time.
// The zero value is an empty schedule, which knows no difficulty.
type Schedule struct {
	epochs []Epoch
}

// NewSchedule builds a schedule from epochs, in any order. It sorts a
// copy; of epochs activated at the same instant the higher height wins.
func NewSchedule(epochs []Epoch) Schedule {
	sorted := slices.Clone(epochs)
	slices.SortStableFunc(sorted, func(a, b Epoch) int {
		return cmp.Or(a.ActivatedAt.Compare(b.ActivatedAt), cmp.Compare(a.Height, b.Height))
	})
	return Schedule{epochs: sorted}
}

// Epochs returns a copy of the schedule's epochs, sorted by activation time.
func (d Schedule) Epochs() []Epoch {
	return slices.Clone(d.epochs)
}

// At returns the difficulty in force at instant t: that of the epoch with the
// latest ActivatedAt <= t. It returns ok=false when t is before the first
// epoch, or more than MaxEpochAge after the epoch that would apply (after the
// last one, or in a gap of the table): an adjustment may have happened since
// that the schedule does not know, and there is no silent default.
func (d Schedule) At(t time.Time) (diff decimal.Decimal, ok bool) {
	// i is the number of epochs activated at or before t.
	i, _ := slices.BinarySearchFunc(d.epochs, t, func(e Epoch, t time.Time) int {
		if e.ActivatedAt.After(t) {
			return 1
		}
		return -1
	})
	if i == 0 {
		return decimal.Decimal{}, false
	}
	e := d.epochs[i-1]
	if t.Sub(e.ActivatedAt) > MaxEpochAge {
		return decimal.Decimal{}, false
	}
	return e.Difficulty, true
}
