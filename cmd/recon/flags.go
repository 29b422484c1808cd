package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/alecthomas/kong"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// The flags' types: each decodes its text once, when the command line is
// parsed (kong calls Decode), so that a command's Run receives typed values.
// A value that does not decode is bad input: recon.BadInput, which Main
// prints as one line with exit status 2. Checks that need two flags (the
// order of --from and --to, periods against the day) are the commands'
// Validate methods, which kong calls after decoding, before Run.

// flagName is how the user wrote the value's name: --date, or <file>.
func flagName(ctx *kong.DecodeContext) string { return ctx.Value.ShortSummary() }

// popText takes the flag's text.
func popText(ctx *kong.DecodeContext) (string, error) {
	var s string
	err := ctx.Scan.PopValueInto(ctx.Value.Name, &s)
	return s, err
}

// dateFlag is a settlement date written YYYY-MM-DD (UTC midnight); the zero
// value is "not given".
type dateFlag struct{ time.Time }

// Decode parses the date.
func (d *dateFlag) Decode(ctx *kong.DecodeContext) error {
	s, err := popText(ctx)
	if err != nil {
		return err
	}
	t, err := settlement.ParseDate(s)
	if err != nil {
		return recon.BadInput("%s %v", flagName(ctx), err)
	}
	d.Time = t
	return nil
}

// String is the date as written, YYYY-MM-DD.
func (d dateFlag) String() string { return d.Format(settlement.DateLayout) }

// notFuture refuses a date after today in Europe/London; a date not given
// passes (kong says it is missing).
func notFuture(d dateFlag) error {
	if d.IsZero() {
		return nil
	}
	return recon.NotFuture(d.Time, time.Now())
}

// outFolder refuses a file flag (--out, --report) whose folder does not
// exist or is not a folder, before anything is done: the message names the
// folder. An empty path (not given) passes.
func outFolder(flag, path string) error {
	if path == "" {
		return nil
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return recon.BadInput("%s %s: the folder %s does not exist: create it (mkdir -p %s) or write elsewhere", flag, path, dir, dir)
	case err != nil:
		return recon.BadInput("%s %s: the folder %s cannot be used: %v", flag, path, dir, errors.Unwrap(err))
	case !st.IsDir():
		return recon.BadInput("%s %s: %s is not a folder", flag, path, dir)
	}
	return nil
}

// dateRange is --from and --to, both settlement dates, --from not after
// --to. A command embeds it; its Validate checks the order.
type dateRange struct {
	From dateFlag `required:"" help:"First settlement date, YYYY-MM-DD." placeholder:"YYYY-MM-DD"`
	To   dateFlag `required:"" help:"Last settlement date, YYYY-MM-DD (included)." placeholder:"YYYY-MM-DD"`
}

// Validate checks the order of the dates.
func (r *dateRange) Validate() error { return dateOrder(r.From, r.To) }

// dateOrder refuses --from after --to (either not given passes).
func dateOrder(from, to dateFlag) error {
	if !from.IsZero() && !to.IsZero() && from.After(to.Time) {
		return recon.BadInput("--from %s is after --to %s: give the earlier date first", from, to)
	}
	return nil
}

// periodsFlag is --periods A-B (or A), in order; whether the day has them
// is checked against the date (in).
type periodsFlag struct {
	text string // as written; "" when not given
	r    settlement.Range
}

// Decode parses the range.
func (p *periodsFlag) Decode(ctx *kong.DecodeContext) error {
	s, err := popText(ctx)
	if err != nil {
		return err
	}
	r, err := settlement.ParsePeriods(s)
	if err != nil {
		return recon.BadInput("%v", err)
	}
	p.text, p.r = s, r
	return nil
}

// in is the range as periods of date: nil when not given, bad input when
// the day does not have them.
func (p periodsFlag) in(date time.Time) (*settlement.Range, error) {
	if p.text == "" {
		return nil, nil
	}
	if err := p.r.CheckIn(date, p.text); err != nil {
		return nil, recon.BadInput("%v", err)
	}
	r := p.r
	return &r, nil
}

// positiveDecimal is a positive decimal number, thousands separators
// allowed (110,568,428,300,952.69); its tag's "unit" names what it counts,
// for the message. Nil-able through a pointer field: nil is "not given".
type positiveDecimal struct{ decimal.Decimal }

// Decode parses the number.
func (d *positiveDecimal) Decode(ctx *kong.DecodeContext) error {
	s, err := popText(ctx)
	if err != nil {
		return err
	}
	v, err := decimal.NewFromString(strings.ReplaceAll(s, ",", ""))
	if err != nil || !v.IsPositive() {
		what := "a positive number"
		if unit := ctx.Value.Tag.Get("unit"); unit != "" {
			what += " of " + unit
		}
		if example := ctx.Value.Tag.Get("example"); example != "" {
			what += ", e.g. " + example
		}
		return recon.BadInput("%s %q is not %s", flagName(ctx), s, what)
	}
	d.Decimal = v
	return nil
}

// reportBound is --from or --to of `recon report`: YYYY-MM-DD, YYYY-MM or
// YYYY, a month or a year standing for its first day (first) or last day
// (last).
type reportBound struct {
	t      time.Time
	layout string // "" when not given
}

// Decode parses the bound.
func (b *reportBound) Decode(ctx *kong.DecodeContext) error {
	s, err := popText(ctx)
	if err != nil {
		return err
	}
	for _, layout := range []string{settlement.DateLayout, "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil && len(s) == len(layout) {
			b.t, b.layout = t, layout
			return nil
		}
	}
	return recon.BadInput("%s %q is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", flagName(ctx), s)
}

// first is the first day the bound stands for; nil when not given.
func (b reportBound) first() *time.Time {
	if b.layout == "" {
		return nil
	}
	return &b.t
}

// last is the last day the bound stands for; nil when not given.
func (b reportBound) last() *time.Time {
	t := b.t
	switch b.layout {
	case "":
		return nil
	case "2006-01":
		t = t.AddDate(0, 1, -1)
	case "2006":
		t = t.AddDate(1, 0, -1)
	}
	return &t
}
