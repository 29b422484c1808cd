package recon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/recon-energy/recon/db"
)

// Reference data (the wind registry, the difficulty table, the miner
// models) changes the same way whatever the command: one transaction that
// takes the table's lock, plans the change against the table as it stands,
// and writes it with a runs row (command, what changed in details, no
// settlement date); a dry run plans and rolls back; a failure rolls back
// and is recorded as a failed run. A change that changes nothing records no
// run: there is nothing to trace.

// The commands that change reference data, as runs.command records them.
const (
	commandBMUSync          = "bmu sync"
	commandBMUImport        = "bmu import"
	commandDifficultySync   = "difficulty sync"
	commandDifficultyImport = "difficulty import"
	commandModelAdd         = "model add"
	commandModelRemove      = "model remove"
)

// errDryRun rolls back the transaction of a dry run, which only plans.
var errDryRun = errors.New("dry run")

// changeReference runs fn, a change of reference data, in one transaction.
// fn takes its lock, plans, and either writes (recordReference) or returns
// errDryRun. A failure of anything but bad input is recorded as a failed
// run of command and returned prefixed with it.
func (s *Service) changeReference(ctx context.Context, command string, started time.Time, fn func(q *db.Queries) error) error {
	err := s.inTx(ctx, func(q *db.Queries, _ pgx.Tx) error { return fn(q) })
	switch {
	case err == nil, errors.Is(err, errDryRun):
		return nil
	case IsBadInput(err):
		return err
	}
	return s.recordFailure(ctx, failedRun{Command: command, Started: started}, fmt.Errorf("%s: %w", command, err))
}

// referenceRun is the runs row of a change of reference data.
type referenceRun struct {
	Command string
	Started time.Time
	// ElexonURL and Requests are set when the change came from the API.
	ElexonURL *string
	Requests  *int32
	Details   map[string]any // what changed
}

// recordReference records a change of reference data as a succeeded run,
// inside the change's transaction, and answers its id.
func recordReference(ctx context.Context, q *db.Queries, r referenceRun) (int64, error) {
	details, err := json.Marshal(r.Details)
	if err != nil {
		return 0, err
	}
	id, err := q.RunRecordReference(ctx, db.RunRecordReferenceParams{
		Command: r.Command, StartedAt: r.Started, ElexonUrl: r.ElexonURL, Requests: r.Requests, Details: details,
	})
	if err != nil {
		return 0, fmt.Errorf("record run: %w", err)
	}
	return id, nil
}
