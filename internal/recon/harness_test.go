package recon

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/settlement"
)

// harness is one test's world: a migrated database, a stand-in Elexon
// server and a Service wired to both, with "today" pinned.
type harness struct {
	t      *testing.T
	ctx    context.Context
	db     *pgtest.DB
	api    *elexontest.Server
	svc    *Service
	client *elexon.Client
}

// fixedNow is "today" for the tests: well after every date they use.
var fixedNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func newHarness(t *testing.T) *harness {
	t.Helper()
	d := pgtest.New(t)
	api := elexontest.Start(t, elexontest.Options{})
	client, err := elexon.New(elexon.Config{
		BaseURL:      api.URL,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		MaxRetries:   3,
		// Timeout stays the default, 30 s: on a busy machine the stand-in
		// can take seconds to answer a day's requests in flight together.
	})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{
		t:      t,
		ctx:    context.Background(),
		db:     d,
		api:    api,
		client: client,
		svc:    &Service{Pool: d.Pool, Client: client, ElexonURL: api.URL, Now: func() time.Time { return fixedNow }},
	}
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := settlement.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// run runs a date and fails the test on error.
func (h *harness) run(opt RunOptions) *RunResult {
	h.t.Helper()
	res, err := h.svc.Run(h.ctx, opt)
	if err != nil {
		h.t.Fatalf("run %s: %v", opt.Date.Format(settlement.DateLayout), err)
	}
	return res
}

// digest is pgtest.Digest of a whole table. With stable, the volatile
// columns (ids, run ids, write times) are left out, for idempotency checks;
// otherwise every column counts, for "byte-identical" checks.
func digest(t testing.TB, pool *pgxpool.Pool, table string, stable bool) string {
	t.Helper()
	return digestWhere(t, pool, table, stable, "")
}

// digestWhere is digest over the rows matching an SQL condition.
func digestWhere(t testing.TB, pool *pgxpool.Pool, table string, stable bool, where string) string {
	t.Helper()
	return pgtest.Digest(t, pool, table, where, pgtest.Columns{KeepVolatile: !stable})
}

// snapshot digests every data table (pgtest.DataTables); stable as for digest.
func snapshot(t testing.TB, pool *pgxpool.Pool, stable bool) pgtest.Digests {
	t.Helper()
	return pgtest.Snapshot(t, pool, pgtest.Columns{KeepVolatile: !stable})
}

// sameSnapshots fails the test for each table whose digest changed.
func sameSnapshots(t testing.TB, before, after pgtest.Digests) {
	t.Helper()
	pgtest.SameSnapshots(t, before, after)
}

// count runs a count(*) query.
func count(t testing.TB, pool *pgxpool.Pool, query string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// archiveRows archives a day of hand-made stack rows under runID, as the
// stand-in would serve them: each published period's sides become response
// bodies (the stand-in's encoding), decoded again, and stored by the
// archive's COPY. The rows' Raw fields are replaced by the bytes served.
func archiveRows(t testing.TB, pool *pgxpool.Pool, runID int64, day *elexon.Day) {
	t.Helper()
	for i := range day.Periods {
		p := &day.Periods[i]
		if !p.Published {
			continue
		}
		for _, side := range elexon.Sides {
			body := elexontest.EncodeStack(sideRows(p, side))
			rows, err := elexon.DecodeStack(body, day.Date, p.Period)
			if err != nil {
				t.Fatalf("period %d %s: %v", p.Period, side, err)
			}
			if side == elexon.Bid {
				p.Bid, p.BidBody = rows, body
			} else {
				p.Offer, p.OfferBody = rows, body
			}
		}
	}
	if err := checkDay(day); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return archiveStackResponses(ctx, tx, day, runID) }); err != nil {
		t.Fatal(err)
	}
}
