package difficulty

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/refdata"
)

// refSchedule is the schedule shipped in refdata.
func refSchedule(t testing.TB) Schedule {
	t.Helper()
	epochs, err := ParseEpochsCSV(bytes.NewReader(refdata.DifficultyEpochsCSV))
	if err != nil {
		t.Fatal(err)
	}
	return NewSchedule(epochs)
}

func TestParseEpochsCSVRefdata(t *testing.T) {
	epochs, err := ParseEpochsCSV(bytes.NewReader(refdata.DifficultyEpochsCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(epochs) != 284 {
		t.Errorf("%d epochs, want 284", len(epochs))
	}
	for i, e := range epochs {
		if i > 0 && (e.Height != epochs[i-1].Height+2016 || !e.ActivatedAt.After(epochs[i-1].ActivatedAt)) {
			t.Errorf("epoch %d (height %d, %s) does not follow %d (%s) by 2016 blocks",
				i, e.Height, e.ActivatedAt, epochs[i-1].Height, epochs[i-1].ActivatedAt)
		}
		if e.ActivatedAt.Location() != time.UTC {
			t.Errorf("epoch %d activation %s is not in UTC", e.Height, e.ActivatedAt)
		}
	}
	want := Epoch{Height: 887040, ActivatedAt: utc(t, "2025-03-09T15:58:46Z"), Difficulty: dec("112149504190349.28")}
	i := slices.IndexFunc(epochs, func(e Epoch) bool { return e.Height == want.Height })
	if i < 0 {
		t.Fatalf("no epoch at height %d", want.Height)
	}
	if got := epochs[i]; !got.ActivatedAt.Equal(want.ActivatedAt) || asWritten(got.Difficulty) != "112149504190349.28" {
		t.Errorf("epoch %d = %+v, want %+v", want.Height, got, want)
	}
}

func TestParseEpochsCSV(t *testing.T) {
	csvText := "\uFEFFHeight, activated_at_utc ,difficulty\n" +
		"100,2025-01-01T00:00:00Z,12.50\n" +
		"\n" +
		"200,2025-01-15T13:00:00+01:00,13,approx,\"a note, with a comma\",extra\n"
	got, err := ParseEpochsCSV(strings.NewReader(csvText))
	if err != nil {
		t.Fatal(err)
	}
	want := []Epoch{
		{Height: 100, ActivatedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Difficulty: dec("12.50")},
		{Height: 200, ActivatedAt: time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC), Difficulty: dec("13")},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d epochs, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Height != w.Height || g.ActivatedAt != w.ActivatedAt || asWritten(g.Difficulty) != asWritten(w.Difficulty) ||
			g.TimePrecision != "" || g.Notes != "" { // the header names no such columns
			t.Errorf("epoch %d = %+v, want %+v", i, g, w)
		}
	}

	empty, err := ParseEpochsCSV(strings.NewReader("height,activated_at_utc,difficulty,time_precision,notes\n"))
	if err != nil || len(empty) != 0 {
		t.Errorf("header only: %v, %v; want no epochs and no error", empty, err)
	}
}

// TestParseEpochsCSVPrecisionAndNotes: the optional columns are read by
// name, wherever they stand after the leading three, and a row may leave
// them out.
func TestParseEpochsCSVPrecisionAndNotes(t *testing.T) {
	csvText := "height,activated_at_utc,difficulty,Notes,source,TIME_PRECISION\n" +
		"100,2025-01-01T00:00:00Z,12.5,\"block 100, exactly\",x,Exact\n" +
		"200,2025-01-15T00:00:00Z,13,,y,\n" +
		"300,2025-01-29T00:00:00Z,14\n"
	got, err := ParseEpochsCSV(strings.NewReader(csvText))
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{PrecisionExact, "block 100, exactly"}, {"", ""}, {"", ""}}
	for i, w := range want {
		if got[i].TimePrecision != w[0] || got[i].Notes != w[1] {
			t.Errorf("epoch %d: precision %q, notes %q; want %q, %q", got[i].Height, got[i].TimePrecision, got[i].Notes, w[0], w[1])
		}
	}
	refs, err := ParseEpochsCSV(bytes.NewReader(refdata.DifficultyEpochsCSV))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range refs {
		if !slices.Contains(Precisions, e.TimePrecision) {
			t.Errorf("shipped epoch %d: precision %q; the shipped table says how precise each time is", e.Height, e.TimePrecision)
		}
	}
}

func TestParseEpochsCSVErrors(t *testing.T) {
	const header = "height,activated_at_utc,difficulty,time_precision,notes\n"
	const good = "100,2025-01-01T00:00:00Z,12.5\n"
	for _, tc := range []struct {
		name, text string
		want       []string // substrings of the error
	}{
		{"empty", "", []string{"empty", "height,activated_at_utc,difficulty"}},
		{"no header", good, []string{"line 1", "header"}},
		{"wrong column order", "height,difficulty,activated_at_utc\n" + good, []string{"line 1", "header"}},
		{"too few columns", header + good + "200,2025-01-02T00:00:00Z\n", []string{"line 3", "2 columns"}},
		{"bad height", header + good + "x1,2025-01-02T00:00:00Z,1\n", []string{"line 3", `height "x1"`}},
		{"negative height", header + "-1,2025-01-02T00:00:00Z,1\n", []string{"line 2", "height"}},
		{"date without time", header + "100,2025-01-02,1\n", []string{"line 2", `activated_at_utc "2025-01-02"`}},
		{"time without zone", header + "100,2025-01-02T10:00:00,1\n", []string{"line 2", "activated_at_utc"}},
		{"bad difficulty", header + "100,2025-01-02T00:00:00Z,lots\n", []string{"line 2", `difficulty "lots"`}},
		{"zero difficulty", header + "100,2025-01-02T00:00:00Z,0\n", []string{"line 2", "positive"}},
		{"negative difficulty", header + "100,2025-01-02T00:00:00Z,-5\n", []string{"line 2", "positive"}},
		{"duplicate height", header + good + "\n" + good, []string{"line 4", "height 100", "line 2"}},
		{"unknown precision", header + "100,2025-01-02T00:00:00Z,1,roughly,\n", []string{"line 2", `time_precision "roughly"`, "exact, approx"}},
		{"bad quoting", header + good + "200,\"2025-01-02T00:00:00Z,1\n", []string{"line 3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseEpochsCSV(strings.NewReader(tc.text))
			if err == nil {
				t.Fatalf("no error, got %v", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestDifficultiesAt(t *testing.T) {
	d := refSchedule(t)
	epochs := d.Epochs()
	first, last := epochs[0], epochs[len(epochs)-1]
	for _, tc := range []struct {
		name string
		at   time.Time
		want string // "" for not ok
	}{
		{"before the first epoch", first.ActivatedAt.Add(-time.Nanosecond), ""},
		{"at the first epoch", first.ActivatedAt, "103880340815.46"},
		{"before the 2025-03-09 adjustment", utc(t, "2025-03-09T15:58:45Z"), "110568428300952.69"},
		{"at the 2025-03-09 adjustment", utc(t, "2025-03-09T15:58:46Z"), "112149504190349.28"},
		{"same instant in another zone", utc(t, "2025-03-09T16:58:46+01:00"), "112149504190349.28"},
		{"trailing zeros kept", utc(t, "2025-03-23T11:15:42Z"), "113757508810854.00"},
		{"at the last epoch", last.ActivatedAt, "127479855693691.41"},
		{"21 days after the last", last.ActivatedAt.Add(MaxEpochAge), "127479855693691.41"},
		{"more than 21 days after the last", last.ActivatedAt.Add(MaxEpochAge + time.Nanosecond), ""},
		{"long after", utc(t, "2030-01-01T00:00:00Z"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := d.At(tc.at)
			switch {
			case tc.want == "" && ok:
				t.Errorf("At(%s) = %s, want not ok", tc.at, got)
			case tc.want != "" && !ok:
				t.Errorf("At(%s) not ok, want %s", tc.at, tc.want)
			case tc.want != "" && asWritten(got) != tc.want:
				t.Errorf("At(%s) = %s, want exactly %s", tc.at, got, tc.want)
			}
		})
	}
}

func TestDifficultiesGapAndOrder(t *testing.T) {
	day := 24 * time.Hour
	t0 := utc(t, "2025-01-01T00:00:00Z")
	input := []Epoch{
		{Height: 300, ActivatedAt: t0.Add(40 * day), Difficulty: dec("3")}, // after a 30-day gap
		{Height: 100, ActivatedAt: t0, Difficulty: dec("1")},
		{Height: 200, ActivatedAt: t0.Add(10 * day), Difficulty: dec("2")},
		{Height: 199, ActivatedAt: t0.Add(10 * day), Difficulty: dec("1.99")}, // same instant, lower height
	}
	original := slices.Clone(input)
	d := NewSchedule(input)
	if !slices.EqualFunc(input, original, func(a, b Epoch) bool { return a.Height == b.Height }) {
		t.Error("NewSchedule reordered its argument")
	}
	for _, tc := range []struct {
		after time.Duration
		want  string
	}{
		{0, "1"},
		{10 * day, "2"}, // the higher height wins a tie
		{31 * day, "2"},
		{31*day + time.Second, ""}, // in the gap, 21 days after the last known epoch
		{40 * day, "3"},
	} {
		got, ok := d.At(t0.Add(tc.after))
		if (tc.want == "") == ok || (ok && asWritten(got) != tc.want) {
			t.Errorf("At(t0 + %s) = %s, %v; want %q", tc.after, got, ok, tc.want)
		}
	}
	if _, ok := (Schedule{}).At(t0); ok {
		t.Error("an empty schedule knows a difficulty")
	}
}

// dec parses a decimal literal of a test.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// asWritten formats d keeping its exponent, trailing zeros included, so that
// tests can check that a decimal is passed on exactly as it was written.
func asWritten(d decimal.Decimal) string {
	if d.Exponent() < 0 {
		return d.StringFixed(-d.Exponent())
	}
	return d.String()
}

// utc parses an RFC 3339 time of a test.
func utc(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}
