package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kong"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// flagsCLI is a command line of every flag type, to decode without a
// database.
type flagsCLI struct {
	Span struct {
		dateRange
	} `cmd:""`
	Day struct {
		Date       dateFlag         `required:""`
		Periods    periodsFlag      ``
		Difficulty *positiveDecimal `example:"110568428300952.69"`
		Power      positiveDecimal  `unit:"watts"`
	} `cmd:""`
	Report struct {
		From reportBound
		To   reportBound
	} `cmd:""`
}

func parseFlags(t *testing.T, args ...string) (*flagsCLI, error) {
	t.Helper()
	var cli flagsCLI
	p, err := kong.New(&cli, kong.Exit(func(int) {}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Parse(args)
	return &cli, err
}

// TestFlagsDecodeOnce: each flag type gives its typed value, and a value
// that does not decode is bad input whose message names the flag.
func TestFlagsDecodeOnce(t *testing.T) {
	cli, err := parseFlags(t, "day", "--date", "2025-03-30", "--periods", "44-46", "--difficulty", "110,568,428,300,952.69", "--power", "3500")
	if err != nil {
		t.Fatal(err)
	}
	d := cli.Day
	if d.Date.Format(settlement.DateLayout) != "2025-03-30" || d.Date.Location() != time.UTC {
		t.Errorf("--date decoded as %v", d.Date)
	}
	if r, err := d.Periods.in(d.Date.Time); err != nil || *r != (settlement.Range{From: 44, To: 46}) {
		t.Errorf("--periods decoded as %v, %v", r, err)
	}
	if _, err := (periodsFlag{text: "47", r: settlement.Range{From: 47, To: 47}}).in(d.Date.Time); !recon.IsBadInput(err) ||
		!strings.Contains(err.Error(), "--periods 47 is outside 2025-03-30, which has periods 1-46") {
		t.Errorf("period 47 of a 46-period day: %v", err)
	}
	if d.Difficulty == nil || d.Difficulty.String() != "110568428300952.69" || d.Power.String() != "3500" {
		t.Errorf("numbers decoded as %v and %v", d.Difficulty, d.Power)
	}

	cli, err = parseFlags(t, "report", "--from", "2024", "--to", "2025-02")
	if err != nil {
		t.Fatal(err)
	}
	if f, l := cli.Report.From.first(), cli.Report.To.last(); f.Format(settlement.DateLayout) != "2024-01-01" || l.Format(settlement.DateLayout) != "2025-02-28" {
		t.Errorf("report bounds %v to %v, want 2024-01-01 to 2025-02-28", f, l)
	}
	if cli, _ := parseFlags(t, "report"); cli.Report.From.first() != nil || cli.Report.To.last() != nil {
		t.Error("report bounds not given are not nil")
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"day", "--date", "2025-02-29"}, `--date "2025-02-29" is not a date: February 2025 has 28 days`},
		{[]string{"day", "--date", "2025-03-06", "--periods", "9-4"}, "--periods 9-4 is reversed"},
		{[]string{"day", "--date", "2025-03-06", "--difficulty=-1"}, `--difficulty "-1" is not a positive number, e.g. 110568428300952.69`},
		{[]string{"day", "--date", "2025-03-06", "--power", "0"}, `--power "0" is not a positive number of watts`},
		{[]string{"report", "--to", "2025-3"}, `--to "2025-3" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY`},
		{[]string{"span", "--from", "2025-03-07", "--to", "2025-03-06"}, "--from 2025-03-07 is after --to 2025-03-06: give the earlier date first"},
	} {
		_, err := parseFlags(t, tc.args...)
		var bad *recon.InputError
		if !errors.As(err, &bad) || !strings.HasPrefix(bad.Error(), tc.want) {
			t.Errorf("%v: %v, want bad input %q", tc.args, err, tc.want)
		}
	}
}
