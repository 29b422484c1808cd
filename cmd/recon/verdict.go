package main

import (
	"fmt"
	"strings"

	"github.com/recon-energy/recon/internal/recon"
)

// verdict is a verification's finding in one line: what was found, what
// was done, and what to do; retry is the command that verifies the date
// again (with every flag the user gave). recon verify prints it, reconcile
// shows it for dates that did not end well, and the JSON report keeps it
// as "verdict".
func verdict(rep *recon.VerifyReport, retry string) string {
	d := rep.Date
	b := rep.Before
	before := "reingested without checking first"
	if b != nil {
		before = disagreement(b)
	}
	switch rep.Finding {
	case recon.FindingAgrees:
		return fmt.Sprintf("%s: %s", d, agreement(b))
	case recon.FindingIncomplete:
		when := "Retry later"
		if b.AllUnreachable() {
			when = "Once that is fixed, retry"
		}
		return fmt.Sprintf("%s: verification incomplete: %s (periods %s); nothing was repaired. %s: %s",
			d, rep.Error, intList(b.PeriodsWith(recon.StatusError)), when, retry)
	case recon.FindingNothingPublished:
		return fmt.Sprintf("%s: %s: the date may be too recent, or --elexon-url (%s) may be wrong; nothing was repaired",
			d, rep.Error, rep.ElexonURL)
	case recon.FindingWithdrawn:
		return fmt.Sprintf("%s: %s; NOT repaired: the API no longer publishes periods %s, which the database holds, and reingesting would delete them. Check, then repair by hand: %s",
			d, before, intList(b.Withdrawn()), rep.RepairCommand)
	case recon.FindingDerivationDiffers:
		return fmt.Sprintf("%s: %s, but the archived rows are exactly the API's (the stack digests match): only the curtailment derived from them differs, as after a change of the wind registry (recon bmu import or sync); not repaired. Rebuild from the archive with: %s",
			d, before, rep.RepairCommand)
	case recon.FindingNotRepaired:
		return fmt.Sprintf("%s: %s; not repaired. Repair with: %s", d, before, rep.RepairCommand)
	case recon.FindingNoDifficulty:
		return rep.Error // the date, how far the table reaches, what to run
	case recon.FindingRepairFailed:
		return fmt.Sprintf("%s: %s; the date is unchanged. Retry with: %s", d, rep.Error, rep.RepairCommand)
	case recon.FindingRepaired:
		return fmt.Sprintf("%s: repaired: %s; after %s (run #%d) %s", d, before, repairWord(rep), rep.RunID, agreement(rep.After))
	case recon.FindingStillDiffers:
		return fmt.Sprintf("%s: NOT repaired: %s; after %s (run #%d) %s", d, before, repairWord(rep), rep.RunID, disagreement(rep.After))
	}
	return fmt.Sprintf("%s: %s", d, rep.Outcome)
}

// agreement describes a clean check in words.
func agreement(c *recon.Check) string {
	s := fmt.Sprintf("all %d checked periods match the API", c.Counts.Match)
	if c.Counts.Unpublished > 0 {
		s = fmt.Sprintf("%d of %d checked periods match the API, %d not published yet (%s)",
			c.Counts.Match, c.Counts.Checked, c.Counts.Unpublished, intList(c.PeriodsWith(recon.StatusUnpublished)))
	}
	return s + "; summaries and Bitcoin rows are consistent"
}

// disagreement describes what a check found wrong, in words.
func disagreement(c *recon.Check) string {
	var parts []string
	for _, st := range []recon.Status{recon.StatusMismatch, recon.StatusMissing, recon.StatusError} {
		if ps := c.PeriodsWith(st); len(ps) > 0 {
			parts = append(parts, fmt.Sprintf("%d %s (periods %s)", len(ps), st, intList(ps)))
		}
	}
	if n := len(c.Inconsistencies); n > 0 {
		parts = append(parts, fmt.Sprintf("%d internal inconsistencies", n))
	}
	if len(parts) == 0 {
		return "nothing differs"
	}
	return fmt.Sprintf("of %d checked periods %s", c.Counts.Checked, strings.Join(parts, ", "))
}

// repairWord names the repair a verification made.
func repairWord(rep *recon.VerifyReport) string {
	if rep.Action == recon.ActionRederive {
		return "rebuilding from the archive (the rows were the API's; only the derivation differed)"
	}
	return "reingestion"
}
