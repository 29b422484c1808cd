package main

import (
	"context"
	"os"
	"strings"

	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/settlement"
)

// BmuCmd is `recon bmu`: the wind registry.
type BmuCmd struct {
	Sync    BmuSyncCmd    `cmd:"" help:"Refresh the wind registry from Elexon's BM unit list (fuelType WIND; the default list's other units are kept) and bm_units, every unit of the list (who was paid)."`
	Import  BmuImportCmd  `cmd:"" help:"Add the BM units of a JSON file to the wind registry (Elexon's /reference/bmunits/all shape or the default list's)."`
	Unknown BmuUnknownCmd `cmd:"" help:"List units outside the registry whose archived rows would count as curtailment if they were wind units."`
	History BmuHistoryCmd `cmd:"" help:"Show when units entered or left the registry, and lead-party changes."`
}

// BmuSyncCmd is `recon bmu sync`.
type BmuSyncCmd struct {
	PruneSeed bool `name:"prune-seed" help:"Also remove units of the default list (seed-212) that Elexon does not tag WIND."`
	DryRun    bool `name:"dry-run" help:"Show what would change, change nothing."`
	Verbose   bool `short:"v" help:"Also list the units kept that the source did not offer (by default only their count)."`
}

// Run syncs and prints what changed.
func (c *BmuSyncCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, true)
	if err != nil {
		return err
	}
	res, err := s.SyncBMUnits(ctx, recon.SyncOptions{PruneSeed: c.PruneSeed, DryRun: c.DryRun})
	if err != nil {
		return err
	}
	g.printf("bmu sync from %s/reference/bmunits/all: %s WIND unit(s) offered", strings.TrimRight(g.ElexonURL, "/"), grouped(res.Offered))
	if res.SkippedNoID > 0 || res.Duplicates > 0 {
		g.printf(" (%d without an Elexon id left out, %d repeated)", res.SkippedNoID, res.Duplicates)
	}
	g.printf("\n")
	for _, id := range res.Conflicting {
		g.printf("  ! %s is listed more than once with different details: left as the registry has it\n", id)
	}
	printRegistry(g, res, c.Verbose)
	printBMUnits(g, res)
	return nil
}

// printBMUnits prints what a sync changed in bm_units, the list of every
// unit whatever its fuel (who was paid).
func printBMUnits(g *Globals, res *recon.RegistryResult) {
	b := res.BMUnits
	if b == nil {
		return
	}
	g.printf("every BM unit (bm_units, for who was paid): %s unit(s) listed", grouped(b.Units))
	if b.NoID > 0 || b.Merged > 0 {
		g.printf(" (%d without an Elexon id left out, %d repeated)", b.NoID, b.Merged)
	}
	g.printf("\n  added %d, changed %d, delisted %d, relisted %d\n", b.Added, b.Changed, b.Delisted, b.Relisted)
	for _, id := range b.Conflicting {
		g.printf("  ! %s is listed more than once with different details: left as bm_units has it\n", id)
	}
	switch {
	case res.DryRun:
	case b.Changes() == 0:
		g.printf("bm_units is up to date: nothing changed\n")
	case !res.Changed():
		g.printf("bm_units changed (run #%d); the fuel types and lead parties of who was paid follow at once\n", res.RunID)
	default:
		g.printf("bm_units changed (run #%d, as above)\n", res.RunID)
	}
}

// BmuImportCmd is `recon bmu import`.
type BmuImportCmd struct {
	File      string `arg:"" type:"existingfile" help:"JSON array of BM units, e.g. [{\"elexonBmUnit\":\"T_NEWW-1\",\"leadPartyName\":\"…\",\"fuelType\":\"WIND\"}]."`
	Replace   bool   `help:"Make the file the whole registry: units not in it are removed (seed-212 units only with --prune-seed)."`
	PruneSeed bool   `name:"prune-seed" help:"With --replace, also remove seed-212 units not in the file."`
	WindOnly  bool   `name:"wind-only" help:"Import only the units tagged fuelType WIND (e.g. from a whole /reference/bmunits/all response)."`
	AnyFuel   bool   `name:"any-fuel" help:"Import units of any fuelType as wind units."`
	DryRun    bool   `name:"dry-run" help:"Show what would change, change nothing."`
	Verbose   bool   `short:"v" help:"Also list the units kept that the file did not offer (by default only their count)."`
}

// Run imports the file and prints what changed.
func (c *BmuImportCmd) Run(ctx context.Context, g *Globals) error {
	raw, err := os.ReadFile(c.File)
	if err != nil {
		return recon.BadInput("cannot read %s: %v", c.File, err)
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	res, err := s.ImportBMUnits(ctx, recon.ImportOptions{Name: c.File, Units: raw, Replace: c.Replace, PruneSeed: c.PruneSeed,
		AnyFuel: c.AnyFuel, WindOnly: c.WindOnly, DryRun: c.DryRun})
	if err != nil {
		return err
	}
	g.printf("bmu import %s: %s unit(s) offered", c.File, grouped(res.Offered))
	if res.SkippedFuel > 0 {
		g.printf(" (%s of other fuel types left out)", grouped(res.SkippedFuel))
	}
	g.printf("\n")
	printRegistry(g, res, c.Verbose)
	return nil
}

// clip shortens s to n characters at most, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// orUnknown is s, or "?" when it is null or empty.
func orUnknown(s *string) string {
	if s == nil || *s == "" {
		return "?"
	}
	return *s
}

// printRegistry prints what a sync or import changed: each unit added,
// removed or whose lead party changed, and counts of the rest (with
// verbose, the units kept though not offered one by one too).
func printRegistry(g *Globals, res *recon.RegistryResult, verbose bool) {
	g.printf("  added               %4d\n", res.Count(recon.UnitAdded))
	for _, c := range res.Changes {
		if c.Kind == recon.UnitAdded {
			g.printf("    + %-14s %s, %s\n", c.Unit, orUnknown(c.Name), orUnknown(c.NewLeadParty))
		}
	}
	g.printf("  removed             %4d\n", res.Count(recon.UnitRemoved))
	for _, c := range res.Changes {
		if c.Kind == recon.UnitRemoved {
			g.printf("    - %-14s %s, %s\n", c.Unit, orUnknown(c.Name), orUnknown(c.OldLeadParty))
		}
	}
	g.printf("  lead party changed  %4d\n", res.Count(recon.UnitLeadPartyChanged))
	for _, c := range res.Changes {
		if c.Kind == recon.UnitLeadPartyChanged {
			g.printf("    ~ %-14s %s -> %s\n", c.Unit, orUnknown(c.OldLeadParty), orUnknown(c.NewLeadParty))
		}
	}
	g.printf("  details refreshed   %4d (name, capacity, ids or fuel type)\n", res.Refreshed)
	g.printf("  unchanged           %4d\n", res.Unchanged)
	g.printf("  kept, not offered   %4d", len(res.Kept))
	if len(res.Kept) > 0 && !verbose {
		g.printf(" (-v lists them)")
	}
	g.printf("\n")
	for _, u := range res.Kept {
		if verbose {
			g.printf("    = %-14s %s, %s (source %s)\n", u.Unit, orUnknown(u.Name), orUnknown(u.LeadParty), u.Source)
		}
	}
	switch {
	case res.DryRun:
		g.printf("dry run: nothing was changed\n")
	case !res.Changed():
		g.printf("the registry is up to date: nothing changed\n")
	default:
		g.printf("registry changed (run #%d). Stored curtailment keeps the old registry until you run\n"+
			"  %s\nover the dates it should apply to.\n", res.RunID, g.suggest("rederive", "--from", "YYYY-MM-DD", "--to", "YYYY-MM-DD"))
	}
}

// BmuUnknownCmd is `recon bmu unknown`.
type BmuUnknownCmd struct {
	dateRange
	Limit int `default:"25" help:"How many units to list, largest energy first; 0 lists every one." placeholder:"N"`
}

// Run lists the candidate units.
func (c *BmuUnknownCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	units, total, err := s.UnknownUnitsTop(ctx, c.From.Time, c.To.Time, c.Limit)
	if err != nil {
		return err
	}
	if len(units) == 0 {
		g.printf("no unit outside the wind registry has rows that would count as curtailment between %s and %s\n", c.From, c.To)
		return nil
	}
	g.printf("%s %s outside the wind registry whose archived rows (volume < 0, soFlag true) would count as curtailment, %s to %s",
		grouped(total), plural(total, "unit", "units"), c.From, c.To)
	if len(units) < total {
		g.printf("; the %d with the most energy (--limit 0 lists all)", len(units))
	}
	g.printf(":\n\n")
	g.printf("%-16s %-9s %-30s %8s %14s %16s %5s %8s  %-10s %-10s\n", "unit", "fuel", "lead party", "rows", "MWh", "payment", "days", "periods", "first", "last")
	for _, u := range units {
		g.printf("%-16s %-9s %-30s %8s %14s %16s %5d %8d  %-10s %-10s\n", u.Unit, orUnknown(u.FuelType), clip(orUnknown(u.LeadParty), 30),
			grouped(u.Rows), energy(u.EnergyMWh), money(u.Payment),
			u.Days, u.Periods, u.First.Format(settlement.DateLayout), u.Last.Format(settlement.DateLayout))
	}
	g.printf("(fuel type and lead party as Elexon's BM unit list gives them; ? where it gives none or does not list the unit)\n")
	g.printf("\nTo count a unit as wind: put it in a JSON file, e.g.\n"+
		"  [{\"elexonBmUnit\": %q, \"leadPartyName\": \"...\", \"fuelType\": \"WIND\"}]\n"+
		"then run `%s` and `%s`.\n", units[0].Unit, g.suggest("bmu", "import", "FILE"), g.suggest("rederive", "--from", c.From.String(), "--to", c.To.String()))
	return nil
}

// BmuHistoryCmd is `recon bmu history`.
type BmuHistoryCmd struct {
	Unit  string `help:"Only this BM unit." placeholder:"ID"`
	Limit int    `default:"50" help:"How many changes to show, newest first."`
}

// Run prints the registry's history.
func (c *BmuHistoryCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	changes, err := s.RegistryHistory(ctx, recon.RegistryHistoryOptions{Unit: c.Unit, Limit: c.Limit})
	if err != nil {
		return err
	}
	g.printf("%-19s %-14s %-18s %-24s %s\n", "when (UTC)", "unit", "change", "source", "lead party")
	for _, r := range changes {
		lead := orUnknown(r.NewLeadParty)
		switch r.Kind {
		case recon.UnitRemoved:
			lead = orUnknown(r.OldLeadParty)
		case recon.UnitLeadPartyChanged:
			lead = orUnknown(r.OldLeadParty) + " -> " + orUnknown(r.NewLeadParty)
		}
		g.printf("%-19s %-14s %-18s %-24s %s\n", r.At.Format("2006-01-02 15:04:05"), r.Unit, r.Kind, r.Source, lead)
	}
	return nil
}
