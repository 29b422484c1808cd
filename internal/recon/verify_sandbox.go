package recon

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
)

// The API's side of a check is computed by the same SQL as the database's:
// its fresh rows replace the archived ones in stack_rows, inside a
// transaction that is always rolled back, and are read through the same
// views (stack_period_fingerprints, curtailed_stack_rows). The definition
// of curtailment stays in one place. It needs a role that may write
// stack_rows, so a verification cannot run on a read-only replica.

// sandbox is a transaction that is always rolled back.
type sandbox struct {
	q  *db.Queries
	tx pgx.Tx
}

// rolledBack runs fn in a sandbox.
func (s *Service) rolledBack(ctx context.Context, fn func(sb *sandbox) error) error {
	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // the rollback is the point
	if err := fn(&sandbox{q: db.New(tx), tx: tx}); err != nil {
		return err
	}
	return tx.Rollback(ctx)
}

// apiFingerprints puts the published periods' fresh rows in place of the
// archived ones and reads their fingerprints. A period whose rows fail
// validation becomes that period's error. The staged rows are let go.
func (sb *sandbox) apiFingerprints(ctx context.Context, date time.Time, got map[int]*fetched) (map[int]*Fingerprint, error) {
	day := &elexon.Day{Date: date}
	for _, f := range got {
		if f.err != nil || !f.published {
			continue
		}
		if err := checkDay(&elexon.Day{Date: date, Periods: []elexon.PeriodStack{f.stack}}); err != nil {
			f.err = fmt.Errorf("%w: %v", elexon.ErrMalformed, err)
			continue
		}
		day.Periods = append(day.Periods, f.stack)
	}
	out := make(map[int]*Fingerprint, len(day.Periods))
	if len(day.Periods) == 0 {
		return out, nil
	}
	slices.SortFunc(day.Periods, func(a, b elexon.PeriodStack) int { return a.Period - b.Period })
	periods := make([]int16, len(day.Periods))
	for i, p := range day.Periods {
		periods[i] = int16(p.Period)
	}
	if _, err := sb.q.VerifyStackResponsesClear(ctx, db.VerifyStackResponsesClearParams{SettlementDate: date, Periods: periods}); err != nil {
		return nil, fmt.Errorf("stage the API's rows: %w", err)
	}
	// The staged rows name a run, as every stack row must (its key is
	// checked); the run is rolled back with them.
	runID, err := sb.q.RunStart(ctx, db.RunStartParams{Command: "verify (staged, rolled back)", SettlementDate: &date,
		StartedAt: time.Now()})
	if err != nil {
		return nil, fmt.Errorf("stage the API's rows: %w", err)
	}
	if err := archiveStackResponses(ctx, sb.tx, day, runID); err != nil {
		return nil, fmt.Errorf("stage the API's rows: %w", err)
	}
	fps, err := sb.q.VerifyArchivedPeriods(ctx, db.VerifyArchivedPeriodsParams{SettlementDate: date, Periods: periods})
	if err != nil {
		return nil, fmt.Errorf("fingerprint the API's rows: %w", err)
	}
	for _, f := range fps {
		out[int(f.SettlementPeriod)] = &Fingerprint{
			Records: int(f.Records), EnergyMWh: f.EnergyMwh, Payment: f.Payment,
			NewestCreated: utc(f.NewestCreated), StackRows: int(f.StackRows), StackDigest: f.StackDigest,
		}
	}
	return out, nil
}
