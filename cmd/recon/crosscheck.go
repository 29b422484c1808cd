package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/alecthomas/kong"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/wastedwind"
)

// CrosscheckCmd is `recon crosscheck`: recon's figures beside a published
// source's.
type CrosscheckCmd struct {
	Wastedwind CrosscheckWastedwindCmd `cmd:"" help:"Compare each month of a year that recon holds completely with wastedwind.energy's published figures (curtailed MWh, bid cost, turn-up MWh and cost); exit 0 all within the tolerance, 3 any beyond, 1 the site could not be read."`
}

// CrosscheckWastedwindCmd is `recon crosscheck wastedwind`. It takes the
// global --http-timeout and --retries for its one request.
type CrosscheckWastedwindCmd struct {
	Year          int          `required:"" help:"The year to compare, e.g. 2025." placeholder:"YYYY"`
	WastedwindURL string       `name:"wastedwind-url" env:"RECON_WASTEDWIND_URL" default:"${wastedwind_url}" help:"Base URL of the site; recon asks it for /api/summary/{year} (default ${default})." placeholder:"URL"`
	Tolerance     percentValue `default:"2" help:"How far a figure may be from the site's, in percent of the site's figure (default 2)." placeholder:"PCT"`
}

// percentValue is a percentage of 0 or more, with or without a % sign.
type percentValue struct{ decimal.Decimal }

// Decode parses the percentage.
func (p *percentValue) Decode(ctx *kong.DecodeContext) error {
	s, err := popText(ctx)
	if err != nil {
		return err
	}
	v, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if err != nil || v.IsNegative() {
		return recon.BadInput("%s %q is not a percentage of 0 or more, e.g. 2 or 0.5", flagName(ctx), s)
	}
	p.Decimal = v
	return nil
}

// Run compares, prints the table and the verdict, and exits 3 when any
// compared figure is beyond the tolerance.
func (c *CrosscheckWastedwindCmd) Run(ctx context.Context, g *Globals) error {
	if g.HTTPTimeout <= 0 || g.Retries < 0 {
		return recon.BadInput("--http-timeout must be positive and --retries 0 or more")
	}
	retries := g.Retries
	if retries == 0 {
		retries = -1 // wastedwind.Config: negative means none, 0 the default
	}
	site, err := wastedwind.New(wastedwind.Config{BaseURL: c.WastedwindURL, Timeout: g.HTTPTimeout, MaxRetries: retries})
	if err != nil {
		return recon.BadInput("--wastedwind-url: %v", err)
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.CrosscheckWastedwind(ctx, recon.CrosscheckOptions{Year: c.Year, TolerancePct: c.Tolerance.Decimal, Site: site})
	if err != nil {
		return crosscheckHint(err, g)
	}
	return printCrosscheck(g, res)
}

// crosscheckHint adds to a failure what to do about it. A site that could
// not be fetched already names --wastedwind-url and the network; a summary
// of the wrong shape most likely comes from a URL that is not the site's.
// Nothing was recorded but the failed run, so the same command can be
// rerun once the cause is fixed.
func crosscheckHint(err error, g *Globals) error {
	switch {
	case recon.IsBadInput(err):
		return err
	case errors.Is(err, wastedwind.ErrMalformed):
		return fmt.Errorf("%w; check that --wastedwind-url (or %s) points at wastedwind.energy or a copy of its API, then rerun `%s`",
			err, wastedwind.EnvURL, g.again())
	case errors.Is(err, wastedwind.ErrUnavailable):
		return fmt.Errorf("%w; once that is fixed, rerun `%s`", err, g.again())
	}
	return err
}

// measureNames are the measures as the table prints them.
var measureNames = map[string]string{
	"curtailed_mwh": "curtailed MWh", "bid_cost_gbp": "bid cost", "turn_up_mwh": "turn-up MWh", "turn_up_cost_gbp": "turn-up cost",
}

// printCrosscheck prints one table of the compared months, the months not
// compared, and the verdict; beyond the tolerance it returns exit status 3.
func printCrosscheck(g *Globals, r *recon.CrosscheckResult) error {
	label := ""
	if r.Synthetic {
		label = "  [SYNTHETIC: recon's figures rest on data from its stand-in Elexon server]"
	}
	tol := r.TolerancePct.String() + "%"
	g.printf("recon crosscheck wastedwind %d: recon's monthly figures against %s (tolerance %s)%s\n", r.Year, r.URL, tol, label)
	g.printf("Energy in MWh. Δ = recon − wastedwind.energy; Δ %% of the site's figure. Bid cost is positive when the wind farms are paid.\n\n")
	compared := r.Months(recon.CrosscheckCompared)
	if len(compared) > 0 {
		tw := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "month\tmeasure\trecon\twastedwind.energy\tΔ\tΔ %\t\t")
		last := ""
		for _, f := range r.Figures {
			if f.Status != recon.CrosscheckCompared {
				continue
			}
			month := f.YearMonth
			if month == last {
				month = ""
			}
			last = f.YearMonth
			money := strings.HasSuffix(f.Measure, "_gbp")
			mark := ""
			if f.Beyond() {
				mark = "beyond " + tol
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", month, measureNames[f.Measure], amount(f.Recon, money),
				amount(f.Source, money), signedAmount(f.Delta, money), pct(f.DeltaPct), mark)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if ms := r.Months(recon.CrosscheckPartial); len(ms) > 0 {
		parts := make([]string, len(ms))
		for i, m := range ms {
			f, _ := r.Month(m)
			parts[i] = fmt.Sprintf("%s (%d of %d days)", m, f.DaysComplete, f.DaysInMonth)
		}
		g.printf("partial, not compared: %s\n", strings.Join(parts, ", "))
	}
	if ms := r.Months(recon.CrosscheckNotHeld); len(ms) > 0 {
		g.printf("not held by recon: %s\n", strings.Join(ms, ", "))
	}
	if ms := r.Months(recon.CrosscheckNotPublished); len(ms) > 0 {
		g.printf("held, but not published by wastedwind.energy: %s\n", strings.Join(ms, ", "))
	}
	g.printf("recorded as run #%d (table crosscheck_months)\n", r.RunID)
	beyond := r.Beyond()
	if len(beyond) == 0 {
		if len(compared) == 0 {
			g.printf("no month of %d is held completely by recon and published by the site: nothing compared\n", r.Year)
		} else {
			g.printf("all %d figures of %d %s within %s of wastedwind.energy's\n", 4*len(compared), len(compared),
				plural(len(compared), "month", "months"), tol)
		}
		return nil
	}
	names := make([]string, len(beyond))
	for i, f := range beyond {
		names[i] = fmt.Sprintf("%s %s (%s)", f.YearMonth, f.Measure, pct(f.DeltaPct))
	}
	return &exitError{code: recon.ExitDifferences, msg: fmt.Sprintf("crosscheck: %d %s beyond the %s tolerance: %s",
		len(beyond), plural(len(beyond), "figure", "figures"), tol, strings.Join(names, ", "))}
}

// amount is a figure as recon writes it: money (-£1,234.56) or energy
// (MWh, 1,234.567); "-" when there is none.
func amount(d decimal.NullDecimal, isMoney bool) string {
	switch {
	case !d.Valid:
		return "-"
	case isMoney:
		return money(d.Decimal)
	}
	return energy(d.Decimal)
}

// signedAmount is a difference as amount writes it, + when positive.
func signedAmount(d decimal.NullDecimal, isMoney bool) string {
	switch {
	case !d.Valid:
		return "-"
	case isMoney:
		return signedMoney(d.Decimal)
	case d.Decimal.Round(3).IsPositive():
		return "+" + energy(d.Decimal)
	}
	return energy(d.Decimal)
}

// pct is a percentage with its sign and two decimals; "n/a" when the site's
// figure was 0.
func pct(d decimal.NullDecimal) string {
	if !d.Valid {
		return "n/a"
	}
	s := d.Decimal.StringFixed(2) + "%"
	if d.Decimal.IsPositive() {
		s = "+" + s
	}
	return s
}
