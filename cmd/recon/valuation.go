package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/kong"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// maxAgeFlag is the bound of the price rule: a period whose latest BTC price
// point is older has no price. Written as days (8d), hours (36h), minutes
// (90m) or a Go duration (1h30m); positive.
type maxAgeFlag time.Duration

// Decode parses the bound.
func (m *maxAgeFlag) Decode(ctx *kong.DecodeContext) error {
	s, err := popText(ctx)
	if err != nil {
		return err
	}
	d, err := parseMaxAge(s)
	if err != nil {
		return recon.BadInput("%s %q: %v", flagName(ctx), s, err)
	}
	*m = maxAgeFlag(d)
	return nil
}

// parseMaxAge reads 8d (whole days) or a Go duration (36h, 90m, 1h30m).
func parseMaxAge(s string) (time.Duration, error) {
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("write whole days (8d) or hours (36h)")
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("write days (8d) or hours (36h)")
		}
	}
	if d <= 0 {
		return 0, fmt.Errorf("give a positive bound such as 8d or 36h")
	}
	return d, nil
}

// String writes the bound as the flag takes it, in the largest whole unit:
// 8d, 36h, 90m, or a Go duration.
func (m maxAgeFlag) String() string {
	d := time.Duration(m)
	for _, u := range []struct {
		unit   time.Duration
		suffix string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}} {
		if d > 0 && d%u.unit == 0 {
			return strconv.FormatInt(int64(d/u.unit), 10) + u.suffix
		}
	}
	return d.String()
}

// valuation is the flag of every command that computes Bitcoin, and so
// values it: the bound of the price rule, recorded with the run.
type valuation struct {
	PriceMaxAge maxAgeFlag `name:"price-max-age" default:"8d" placeholder:"8d" help:"Value Bitcoin at the latest BTC price point at or before each period's start only when it is at most this old (days 8d or hours 36h); older, the period has no price and its Bitcoin no value (default ${default})."`
}

// maxAge is the bound as a duration.
func (v valuation) maxAge() time.Duration { return time.Duration(v.PriceMaxAge) }

// maxAgeArgs is the flag to repeat in a printed command: none for the
// default bound.
func maxAgeArgs(d time.Duration) []string {
	if d == 0 || d == price.DefaultMaxAge {
		return nil
	}
	return []string{"--price-max-age", maxAgeFlag(d).String()}
}

// modelValue is one miner model's value for a summary line: the pounds
// (money, as format.go writes it), or "no BTC price" when none of its
// periods had one.
func modelValue(b recon.ModelBTC) string {
	if !b.Value.Valid {
		return "no BTC price"
	}
	return money(b.Value.Decimal)
}

// printValuation prints how a date's Bitcoin was valued, when there is
// something to say: the periods valued with a derived price, and those
// without a price, why (ref: what the run found and fetched of the prices;
// nil when its caller saw to them) and the commands that fill them and
// value them.
func printValuation(g *Globals, date time.Time, v recon.Valuation, ref *recon.ReferenceReport) {
	if v.PeriodsWithDerivedPrice > 0 {
		g.printf("  prices       %d %s valued with a derived BTC price (%s: Bitstamp BTC/USD times a GBP exchange rate, not a GBP market price)\n",
			v.PeriodsWithDerivedPrice, plural(v.PeriodsWithDerivedPrice, "period", "periods"), price.SourceDerived)
	}
	if v.PeriodsWithoutPrice > 0 {
		why := "no point in the " + maxAgeFlag(v.MaxAge).String() + " before " + plural(v.PeriodsWithoutPrice, "its", "their") + " start"
		if w := unpricedWhy(ref); w != "" {
			why += "; " + w
		}
		g.printf("  no price     %s %s had no BTC price (%s), so %s Bitcoin has no value: %s\n",
			grouped(v.PeriodsWithoutPrice), plural(v.PeriodsWithoutPrice, "period", "periods"), why,
			plural(v.PeriodsWithoutPrice, "its", "their"), fillPricesHint(g, date, date, v.MaxAge))
	}
}

// fillPricesHint is what to do about periods without a price from..to: the
// commands, with the global flags given (and the bound, when not the
// default).
func fillPricesHint(g *Globals, from, to time.Time, maxAge time.Duration) string {
	recalc := append([]string{"recalc", "--from", from.Format(settlement.DateLayout), "--to", to.Format(settlement.DateLayout)}, maxAgeArgs(maxAge)...)
	return fmt.Sprintf("run `%s` (or `%s`), then `%s`", g.suggest("price", "sync"), g.suggest("price", "import", "FILE"), g.suggest(recalc...))
}

// printPriceGaps says how many periods of which dates have no BTC price,
// why (ref, as for printValuation) and what to do, when there are any.
func printPriceGaps(g *Globals, gaps recon.PriceGaps, maxAge time.Duration, ref *recon.ReferenceReport) {
	if gaps.Dates == 0 {
		return
	}
	why := ""
	if w := unpricedWhy(ref); w != "" {
		why = " (" + w + ")"
	}
	g.printf("  no price     %s %s on %s %s (%s to %s) had no BTC price%s, so their Bitcoin has no value: %s\n",
		grouped(gaps.Periods), plural(gaps.Periods, "period", "periods"), grouped(gaps.Dates), plural(gaps.Dates, "date", "dates"),
		gaps.First.Format(settlement.DateLayout), gaps.Last.Format(settlement.DateLayout), why, fillPricesHint(g, gaps.First, gaps.Last, maxAge))
}
