package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// StatusCmd is `recon status`.
type StatusCmd struct {
	Runs int `default:"10" help:"How many recent runs to show."`
}

// statusListed bounds how many partial or what-if dates are listed.
const statusListed = 10

// statusTime is how status writes instants.
const statusTime = "2006-01-02 15:04Z"

// Run prints coverage, how far the reference data reaches, and recent runs.
func (c *StatusCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	st, err := s.Status(ctx, c.Runs)
	if err != nil {
		return err
	}
	g.printf("recon status%s\n", syntheticLabel(st.Synthetic))
	if st.Dates == 0 {
		g.printf("no data yet: run `%s`\n", g.suggest("run", "--date", "YYYY-MM-DD"))
	} else {
		g.printf("%s date(s) from %s to %s, %s curtailment records: %s complete, %s partial\n", grouped(st.Dates),
			st.First.Format(settlement.DateLayout), st.Last.Format(settlement.DateLayout), grouped(st.CurtailmentRecords),
			grouped(st.Dates-len(st.Partial)), grouped(len(st.Partial)))
	}
	printPartial(g, st.Partial)
	printWhatIf(g, st.WhatIf)
	if st.PriceGaps.Dates > 0 {
		printPriceGaps(g, st.PriceGaps, 0, nil)
	} else if st.Dates > 0 {
		g.printf("  prices       every stored period with Bitcoin is valued at a BTC price\n")
	}
	printReach(g, st)
	printRuns(g, st.Runs)
	return nil
}

// printListed prints up to statusListed lines under a label (the first line
// carries it), then how many more there are.
func printListed(g *Globals, label string, n int, line func(i int) string) {
	for i := 0; i < n; i++ {
		if i == statusListed {
			g.printf("               ... and %d more\n", n-statusListed)
			return
		}
		head := "               "
		if i == 0 {
			head = fmt.Sprintf("  %-13s", label)
		}
		g.printf("%s%s\n", head, line(i))
	}
}

// printPartial lists the partial dates: periods held of periods in the day.
func printPartial(g *Globals, dates []recon.PartialDate) {
	printListed(g, "partial", len(dates), func(i int) string {
		d := dates[i]
		return fmt.Sprintf("%s  %d of %d periods held", d.Date.Format(settlement.DateLayout), d.Periods, d.PeriodsInDay)
	})
}

// printWhatIf lists the dates holding what-if Bitcoin.
func printWhatIf(g *Globals, dates []recon.WhatIfDate) {
	printListed(g, "WHAT-IF", len(dates), func(i int) string {
		d := dates[i]
		diff := fixed(d.DifficultyMin, 0)
		if !d.DifficultyMax.Equal(d.DifficultyMin) {
			diff += " to " + fixed(d.DifficultyMax, 0)
		}
		ds := d.Date.Format(settlement.DateLayout)
		return fmt.Sprintf("%s  %d period(s) at difficulty %s, not the table: `recon run --date %s` or `recon recalc --from %s --to %s` replaces them",
			ds, d.Periods, diff, ds, ds, ds)
	})
}

// printReach says how far each piece of reference data reaches.
func printReach(g *Globals, st *recon.DatabaseStatus) {
	g.printf("\nreference data\n")
	d := st.Difficulty
	if d.Epochs == 0 {
		g.printf("  difficulty   empty: run `recon difficulty sync` or `recon difficulty import FILE`\n")
	} else {
		g.printf("  difficulty   %s epochs to block %s (%s, %s); known complete until %s\n", grouped(d.Epochs),
			grouped(d.Height), d.Activated.Format(statusTime), d.Source, d.CompleteUntil.Format(statusTime))
	}
	r := st.Registry
	g.printf("  wind units   %s units; last sync %s; last import %s", grouped(r.Units), runWhen(r.LastSyncRun, r.LastSync.Format(statusTime)),
		runWhen(r.LastImportRun, r.LastImport.Format(statusTime)))
	if r.LastChangeSource != "" {
		g.printf("; last change %s (%s)", r.LastChange.Format(statusTime), r.LastChangeSource)
	}
	g.printf("\n")
	p := st.Prices
	if p.Points == 0 {
		g.printf("  BTC prices   none: run `recon price sync` or `recon price import FILE`\n")
	} else {
		g.printf("  BTC prices   %s points from %s; last %s £%s (%s), pricing periods until %s\n", grouped(p.Points),
			p.First.Format(statusTime), p.Last.Format(statusTime), fixed(p.LastGBP, 2), p.LastSource, p.PricedUntil.Format(statusTime))
	}
}

// runWhen is "never" or "#N, TIME".
func runWhen(run int64, at string) string {
	if run == 0 {
		return "never"
	}
	return fmt.Sprintf("run #%d, %s", run, at)
}

// statusError bounds how much of a failed run's error a line shows (the
// whole text is in runs.error).
const statusError = 160

// printRuns lists the latest runs.
func printRuns(g *Globals, runs []recon.RunRecord) {
	if len(runs) == 0 {
		return
	}
	g.printf("\n%-6s %-17s %-18s %-10s %-9s %s\n", "run", "finished (UTC)", "command", "date", "outcome", "records / error")
	for _, r := range runs {
		date := ""
		if r.Date != nil {
			date = r.Date.Format(settlement.DateLayout)
		}
		what := ""
		if r.Records != nil {
			what = grouped(*r.Records)
		}
		outcome := "succeeded"
		if !r.Succeeded {
			outcome, what = "failed", r.Error
			if rs := []rune(what); len(rs) > statusError {
				what = string(rs[:statusError]) + "…"
			}
		}
		var marks []string
		if r.WhatIf != nil {
			marks = append(marks, "WHAT-IF difficulty "+fixed(*r.WhatIf, 0))
		}
		if r.Synthetic {
			marks = append(marks, "SYNTHETIC")
		}
		if len(marks) > 0 {
			what = strings.TrimSpace(what + "  [" + strings.Join(marks, ", ") + "]")
		}
		g.printf("%-6d %-17s %-18s %-10s %-9s %s\n", r.ID, r.FinishedAt.Format("2006-01-02 15:04"), r.Command, date, outcome, what)
	}
}
