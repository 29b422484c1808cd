package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/recon-energy/recon/internal/recon"
)

// VerifyCmd is `recon verify`.
type VerifyCmd struct {
	Date     dateFlag `required:"" help:"Settlement date, YYYY-MM-DD (Europe/London day)." placeholder:"YYYY-MM-DD"`
	Sample   string   `default:"full" enum:"full,progressive,random,fixed" help:"Which periods to check: full (every period), fixed (1, 12, 24, 36, last), progressive (fixed, plus 10 random on any non-match), random (10, first and last included)."`
	Fix      bool     `xor:"fix" help:"Reingest the date (as recon run does, Bitcoin included) when anything differs, then check again."`
	ForceFix bool     `name:"force-fix" xor:"fix" help:"Reingest the date without checking first, then check."`
	Report   string   `help:"Write the JSON report here (default: a new file in LOG-DIR/verify/)." placeholder:"PATH" type:"path"`
	LogDir   string   `name:"log-dir" env:"RECON_LOG_DIR" default:"logs" help:"Directory for reports; verify writes to its verify/ folder." placeholder:"DIR" type:"path"`
	Seed     uint64   `help:"Seed for the random choice of periods (default: a new one, recorded in the report)." placeholder:"N"`
	valuation
}

// Validate refuses a future date and a --report whose folder does not
// exist before anything is opened.
func (c *VerifyCmd) Validate() error {
	if err := outFolder("--report", c.Report); err != nil {
		return err
	}
	return notFuture(c.Date)
}

// Run verifies the date, prints the table and the verdict, and returns an
// error carrying exit status 3 (differences not fixed) or 1 (failed).
func (c *VerifyCmd) Run(ctx context.Context, g *Globals) error {
	s, err := g.service(ctx, true)
	if err != nil {
		return err
	}
	describe := func(rep *recon.VerifyReport) string { return verdict(rep, g.again()) }
	rep, err := s.Verify(ctx, recon.VerifyOptions{
		Date: c.Date.Time, Sample: recon.Sample(c.Sample), Fix: c.Fix, ForceFix: c.ForceFix, Seed: c.Seed,
		ReportPath: c.Report, ReportDir: filepath.Join(c.LogDir, "verify"), Describe: describe, PriceMaxAge: c.maxAge(),
	})
	if rep != nil {
		printVerify(g, rep, describe(rep))
	}
	if err != nil {
		return err
	}
	return verifyExit(rep)
}

// verifyExit maps a report's outcome to the command's exit status.
func verifyExit(rep *recon.VerifyReport) error {
	code := rep.ExitStatus()
	if code == recon.ExitOK {
		return nil
	}
	return &exitError{code: code, msg: fmt.Sprintf("verify %s: %s", rep.Date, rep.Outcome)}
}

// printVerify prints a verification: its checks as tables, then the verdict
// (with the repair command, when there is one: printed once) and where the
// report went.
func printVerify(g *Globals, rep *recon.VerifyReport, verdict string) {
	g.printf("recon verify %s (%s, %d-period day)%s\n", rep.Date, rep.Mode, rep.PeriodsInDay, syntheticLabel(rep.Synthetic))
	printState(g, "before", rep.InitialState)
	if rep.Before != nil {
		g.printf("\n")
		printCheck(g, rep.Before, false)
	}
	if rep.Action != recon.ActionNone {
		for _, line := range referenceLines(g, rep.Reference) {
			g.printf("\n  %s", line)
		}
		g.printf("\nrepair (%s): ", rep.Action)
		switch {
		case rep.RunID != 0 && rep.Action == recon.ActionRederive:
			g.printf("rebuilt from the archive as run #%d (no API call)\n", rep.RunID)
		case rep.RunID != 0:
			g.printf("reingested as run #%d\n", rep.RunID)
		default:
			g.printf("failed\n")
		}
		if rep.After != nil {
			g.printf("after repair, %s\n", countsLine(rep.After.Counts))
			printCheck(g, rep.After, rep.Before != nil)
		}
		printState(g, "after", rep.Final)
	}
	g.printf("\n%s\n", verdict)
	if rep.RepairCommand != "" && !strings.Contains(verdict, rep.RepairCommand) {
		g.printf("repair: %s\n", rep.RepairCommand)
	}
	if rep.ReportPath != "" {
		g.printf("report: %s\n", rep.ReportPath)
	}
}

func printState(g *Globals, when string, st recon.DateState) {
	g.printf("  %-6s %s curtailment records in %d published periods, %s MWh, %s\n",
		when, grouped(st.Records), st.PeriodsCovered, energy(st.EnergyMWh), money(st.Payment))
}

func countsLine(c recon.Counts) string {
	return fmt.Sprintf("%d checked: %d match, %d mismatch, %d missing, %d unpublished, %d error",
		c.Checked, c.Match, c.Mismatch, c.Missing, c.Unpublished, c.Error)
}

// printCheck prints one check as a table, one line per period (with
// onlyProblems, only the periods that do not match), values from the
// database and differences as API minus database.
func printCheck(g *Globals, c *recon.Check, onlyProblems bool) {
	g.printf("  %3s  %-11s %8s %14s %14s  %-20s  %s\n", "SP", "status", "records", "MWh", "payment", "newest created", "API − database")
	for _, p := range c.Periods {
		if onlyProblems && p.Status == recon.StatusMatch {
			continue
		}
		records, mwh, pay, created := "-", "-", "-", "-"
		if fp := p.Database; fp != nil {
			records, mwh, pay = grouped(fp.Records), energy(fp.EnergyMWh), money(fp.Payment)
			if fp.NewestCreated != nil {
				created = fp.NewestCreated.UTC().Format("2006-01-02 15:04:05")
			}
		}
		line := fmt.Sprintf("  %3d  %-11s %8s %14s %14s  %-20s  %s", p.Period, p.Status, records, mwh, pay, created, periodNote(p))
		g.printf("%s\n", strings.TrimRight(line, " "))
	}
	for _, i := range c.Inconsistencies {
		g.printf("  inconsistent: %s %s %s is %s, the rows below add up to %s\n", i.Summary, i.Subject, i.Measure, i.Stored, i.Expected)
	}
	if c.Extended {
		g.printf("  (progressive: the fixed periods did not all match, so 10 random periods were added)\n")
	}
	g.printf("  %s; %d internal inconsistencies\n", countsLine(c.Counts), len(c.Inconsistencies))
}

// periodNote is the last column of a period's line.
func periodNote(p recon.PeriodCheck) string {
	switch p.Status {
	case recon.StatusMismatch:
		parts := make([]string, 0, len(p.Differences))
		for _, d := range p.Differences {
			parts = append(parts, differenceNote(d))
		}
		if p.Note != "" {
			return strings.Join(parts, ", ") + " (" + p.Note + ")"
		}
		return strings.Join(parts, ", ")
	case recon.StatusMissing:
		if a := p.API; a != nil {
			return fmt.Sprintf("%s; the API has %s records, %s MWh", p.Note, grouped(a.Records), energy(a.EnergyMWh))
		}
		return p.Note
	case recon.StatusError:
		return p.Error
	}
	return p.Note
}

// differenceNote is one difference in a few characters, API minus
// database: energy to the kWh and money to the penny (the report has the
// exact figures), counts whole, createdDateTime as a duration.
func differenceNote(d recon.Difference) string {
	m := string(d.Measure)
	var s string
	negative := false
	switch {
	case d.Later != nil:
		s, negative = d.Later.String(), *d.Later < 0
	case !d.Delta.Valid:
		return m + " differs"
	case d.Measure == recon.MeasureEnergy:
		s, negative = energy(d.Delta.Decimal), d.Delta.Decimal.IsNegative()
	case d.Measure == recon.MeasurePayment:
		return m + " " + signedMoney(d.Delta.Decimal)
	default:
		s, negative = d.Delta.Decimal.String(), d.Delta.Decimal.IsNegative()
	}
	if !negative {
		s = "+" + s
	}
	return m + " " + s
}
