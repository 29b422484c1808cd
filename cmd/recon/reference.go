package main

import (
	"fmt"
	"time"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// referenceLines says what a run, backfill, verify --fix or reconcile found
// and fetched of the reference data its dates need: one line for the
// difficulty table and one for the BTC prices, each only when there is
// something to say (a sync made or failed, data still missing).
func referenceLines(ref *recon.ReferenceReport) []string {
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
			line += fmt.Sprintf("; it corrected stored epochs, so Bitcoin stored for dates from %s on may be out of date: recon recalc --from %s --to %s",
				from, from, settlement.Today(time.Now()).Format(settlement.DateLayout))
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
			line += fmt.Sprintf("; the values of %s stored before (%s to %s) are now out of date: recon recalc --from %s --to %s",
				dates(len(stale)), from, to, from, to)
		}
		lines = append(lines, line)
	}
	if n, of := ref.UnpricedPeriods(); n > 0 {
		why := "the source has none for them yet"
		switch {
		case ref.PriceErr != nil:
			why = "the price sync failed: " + errorLine(ref.PriceErr)
		case ref.Offline:
			why = "offline (--offline), so nothing was fetched"
		}
		lines = append(lines, fmt.Sprintf("prices: %d of %d periods (%s) have no BTC price, so their value is null: %s; later, `recon price sync` then `recon recalc` values them",
			n, of, dates(len(ref.Unpriced)), why))
	}
	return lines
}

// priceSyntheticLabel marks prices from recon's stand-in.
func priceSyntheticLabel(synthetic bool) string {
	if synthetic {
		return " [SYNTHETIC prices from recon's stand-in server]"
	}
	return ""
}
