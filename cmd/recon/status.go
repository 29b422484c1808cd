package main

import (
	"context"

	"github.com/recon-energy/recon/internal/settlement"
)

// StatusCmd is `recon status`.
type StatusCmd struct {
	Runs int `default:"10" help:"How many recent runs to show."`
}

// Run prints coverage and recent runs.
func (c *StatusCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	st, err := s.Status(ctx, c.Runs)
	if err != nil {
		return err
	}
	if st.Dates == 0 {
		g.printf("no data yet: run `recon run --date YYYY-MM-DD`\n")
	} else {
		g.printf("%s date(s) from %s to %s, %s curtailment records\n", grouped(st.Dates),
			st.First.Format(settlement.DateLayout), st.Last.Format(settlement.DateLayout), grouped(st.CurtailmentRecords))
	}
	if gaps := st.PriceGaps; gaps.Dates > 0 {
		g.printf("%s %s on %s %s (%s to %s) had no BTC price, so their Bitcoin has no value: %s\n",
			grouped(gaps.Periods), plural(gaps.Periods, "period", "periods"), grouped(gaps.Dates), plural(gaps.Dates, "date", "dates"),
			gaps.First.Format(settlement.DateLayout), gaps.Last.Format(settlement.DateLayout), fillPricesHint(gaps.First, gaps.Last, 0))
	} else if st.Dates > 0 {
		g.printf("every stored period with Bitcoin is valued at a BTC price\n")
	}
	if len(st.Runs) > 0 {
		g.printf("\n%-6s %-19s %-12s %-10s %-9s %s\n", "run", "finished (UTC)", "command", "date", "outcome", "records / error")
	}
	for _, r := range st.Runs {
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
		}
		g.printf("%-6d %-19s %-12s %-10s %-9s %s\n", r.ID, r.FinishedAt.Format("2006-01-02 15:04:05"), r.Command, date, outcome, what)
	}
	return nil
}
