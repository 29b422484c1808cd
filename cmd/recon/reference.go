package main

import (
	"fmt"
	"time"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// referenceLines says what a verify --fix or reconcile found and fetched of
// the reference data its dates need: the syncs (referenceSyncLines), then
// the periods still without a BTC price, only when there is something to
// say. run and backfill print the syncs only: their own summary says which
// periods have no price, and why (unpricedWhy).
func referenceLines(g *Globals, ref *recon.ReferenceReport) []string {
	return append(referenceSyncLines(g, ref), unpricedLines(g, ref)...)
}

// referenceSyncLines says what was fetched of the reference data: one line
// for the difficulty table and one for the BTC prices, each only when a
// sync was made or failed, or the data is missing offline.
func referenceSyncLines(g *Globals, ref *recon.ReferenceReport) []string {
	if ref == nil {
		return nil
	}
	var lines []string
	dates := func(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "date", "dates")) }
	switch {
	case ref.DifficultySync != nil:
		r := ref.DifficultySync
		line := fmt.Sprintf("difficulty: the table did not reach %s; synced from %s: %d epoch(s) added, %d corrected",
			dates(ref.DifficultyDates), r.Source, r.Inserted(), r.Updated())
		if r.RunID != 0 {
			line += fmt.Sprintf(" (run #%d)", r.RunID)
		}
		if ref.DifficultyGaps > 0 {
			line += fmt.Sprintf("; the source does not reach %s either", dates(ref.DifficultyGaps))
		}
		if earliest, ok := r.EarliestChange(); ok && r.Updated() > 0 {
			from := settlement.Date(earliest.In(settlement.London)).Format(settlement.DateLayout)
			line += fmt.Sprintf("; it corrected stored epochs, so Bitcoin stored for dates from %s on may be out of date: %s",
				from, g.suggest("recalc", "--from", from, "--to", settlement.Today(time.Now()).Format(settlement.DateLayout)))
		}
		lines = append(lines, line)
	case ref.DifficultyErr != nil:
		lines = append(lines, fmt.Sprintf("difficulty: the table does not reach %s, and the sync failed: %s",
			dates(ref.DifficultyGaps), errorLine(ref.DifficultyErr)))
	case ref.DifficultyGaps > 0 && ref.Offline:
		lines = append(lines, fmt.Sprintf("difficulty: the table does not reach %s; offline (--offline), so nothing was fetched",
			dates(ref.DifficultyGaps)))
	}
	if r := ref.PriceSync; r != nil {
		line := fmt.Sprintf("prices: %s lacked a BTC price; synced from %s%s: %d point(s) added, %d replaced (run #%d)",
			dates(ref.PriceDates), r.Source, priceSyntheticLabel(r.Synthetic), r.Inserted(), r.Replaced(), r.RunID)
		if stale := ref.StaleValues; len(stale) > 0 {
			from, to := stale[0].Format(settlement.DateLayout), stale[len(stale)-1].Format(settlement.DateLayout)
			line += fmt.Sprintf("; the values of %s stored before (%s to %s) are now out of date: %s",
				dates(len(stale)), from, to, g.suggest(append([]string{"recalc", "--from", from, "--to", to}, maxAgeArgs(ref.PriceMaxAge)...)...))
		}
		lines = append(lines, line)
	}
	return lines
}

// unpricedLines says how many periods of the dates still have no BTC price
// after any sync, why, and what fills them.
func unpricedLines(g *Globals, ref *recon.ReferenceReport) []string {
	if ref == nil {
		return nil
	}
	n, of := ref.UnpricedPeriods()
	if n == 0 {
		return nil
	}
	first, last := ref.Unpriced[0].Date, ref.Unpriced[len(ref.Unpriced)-1].Date
	return []string{fmt.Sprintf("prices: %d of %d periods (%d %s) have no BTC price (%s), so their Bitcoin has no value: %s",
		n, of, len(ref.Unpriced), plural(len(ref.Unpriced), "date", "dates"), unpricedWhy(ref), fillPricesHint(g, first, last, ref.PriceMaxAge))}
}

// unpricedWhy says why periods of the dates still have no BTC price after
// ensureReference: the sync failed, recon is offline, or the source has
// none for them yet ("" without a report: nothing was tried).
func unpricedWhy(ref *recon.ReferenceReport) string {
	switch {
	case ref == nil || ref.PriceDates == 0:
		return ""
	case ref.PriceErr != nil:
		return "the price sync failed: " + errorLine(ref.PriceErr)
	case ref.Offline:
		return "offline (--offline), so none was fetched"
	}
	return "the price source has none for them yet"
}

// priceSyntheticLabel marks prices from recon's stand-in.
func priceSyntheticLabel(synthetic bool) string {
	if synthetic {
		return " [SYNTHETIC prices from recon's stand-in server]"
	}
	return ""
}
