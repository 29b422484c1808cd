// Package recon holds recon's use cases: run a date, recalculate Bitcoin,
// verify, backfill. It owns the transactions: every change to a date happens
// in one transaction under that date's advisory lock, and a failure leaves
// the database as it was (apart from a record of the failed run).
package recon

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
)

// Service runs recon's use cases against one database and one API client.
type Service struct {
	Pool   *pgxpool.Pool
	Client *elexon.Client // nil for use cases that never call the API
	// ElexonURL is the API's base URL, recorded with each run.
	ElexonURL string
	// CommandFlags are the global flags the user gave (e.g. "--elexon-url
	// URL"), shell-quoted: every command recon suggests repeats them. Empty
	// means none given; then a suggestion names --elexon-url when ElexonURL
	// is not the default.
	CommandFlags string
	Log          *slog.Logger
	// Now is the clock; nil means time.Now. Tests set it to pin "today".
	Now func() time.Time
	// Sources is where reference data (the difficulty table, BTC prices) is
	// fetched from when the dates of a run, backfill, verify --fix or
	// reconcile need it (reference.go); nil fetches none (--offline).
	Sources *Sources
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

// inTx runs fn in a transaction and commits it, or rolls it back when fn
// fails.
func (s *Service) inTx(ctx context.Context, fn func(q *db.Queries, tx pgx.Tx) error) error {
	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after Commit
	if err := fn(db.New(tx), tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
