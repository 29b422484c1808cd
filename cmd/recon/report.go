package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/recon-energy/recon/internal/recon"
	reportfmt "github.com/recon-energy/recon/internal/report"
	"github.com/recon-energy/recon/internal/settlement"
)

// ReportCmd is `recon report`.
type ReportCmd struct {
	Level  string      `arg:"" enum:"daily,monthly,yearly" help:"One row per day, month or year: daily, monthly or yearly."`
	From   reportBound `help:"First date: YYYY-MM-DD, YYYY-MM or YYYY (default: the first date stored)." placeholder:"DATE"`
	To     reportBound `help:"Last date: YYYY-MM-DD, YYYY-MM or YYYY (default: the last date stored)." placeholder:"DATE"`
	Format string      `default:"table" enum:"table,csv,json,html" help:"Output format: table, csv, json or html (one self-contained page with charts)."`
	Out    string      `help:"Write to this file instead of standard output." placeholder:"FILE" type:"path"`
	Top    int         `default:"10" help:"How many farms to list by curtailed energy."`
}

// Validate refuses an --out whose folder does not exist, before anything
// is read.
func (c *ReportCmd) Validate() error { return outFolder("--out", c.Out) }

// Run reads the report and writes it.
func (c *ReportCmd) Run(ctx context.Context, g *Globals) error {
	if c.Top < 1 {
		return recon.BadInput("--top %d: give at least 1", c.Top)
	}
	s, err := g.service(ctx, false)
	if err != nil {
		return err
	}
	rep, err := s.Report(ctx, recon.ReportOptions{Level: c.Level, From: c.From.first(), To: c.To.last(), TopFarms: c.Top})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := reportfmt.Write(&buf, c.Format, rep); err != nil {
		return err
	}
	if c.Out == "" {
		_, err := g.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(c.Out, buf.Bytes()); err != nil {
		return err
	}
	g.printf("report %s %s to %s written to %s\n", c.Level, rep.From.Format(settlement.DateLayout), rep.To.Format(settlement.DateLayout), c.Out)
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// into place, so that a failure never leaves half a report.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil { // name the folder, not the temporary file's name
		return fmt.Errorf("write %s: cannot create a file in the folder %s: %v (choose another --out)", path, dir, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
