package recon

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/difficulty/difficultytest"
)

func TestDifficultySyncCorrectsEpochThenRecalc(t *testing.T) {
	h := newHarness(t)
	src := difficultytest.Start(t)
	d := date(t, "2025-03-06")
	h.run(RunOptions{Date: d})
	good := digest(t, h.db.Pool, "historical_bitcoin_calculations", true)

	// The epoch in force on the date is deliberately wrong (twice too hard),
	// and Bitcoin has been computed with it.
	var height int64
	if err := h.db.Pool.QueryRow(h.ctx, `UPDATE difficulty_epochs SET difficulty = difficulty * 2
		WHERE height = (SELECT height FROM difficulty_epochs WHERE activated_at <= '2025-03-06' ORDER BY activated_at DESC LIMIT 1)
		RETURNING height`).Scan(&height); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d}); err != nil {
		t.Fatal(err)
	}
	wrong := digest(t, h.db.Pool, "historical_bitcoin_calculations", true)
	if wrong == good {
		t.Fatal("doubling the difficulty did not change Bitcoin: the test proves nothing")
	}

	// A dry run says what would change and changes nothing.
	before := snapshot(t, h.db.Pool, false)
	dry, err := h.svc.SyncDifficulty(h.ctx, DifficultySyncOptions{URL: src.URL, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
	if dry.Updated() != 1 || dry.RunID != 0 {
		t.Errorf("dry run: %d updated, run %d", dry.Updated(), dry.RunID)
	}

	res, err := h.svc.SyncDifficulty(h.ctx, DifficultySyncOptions{URL: src.URL})
	if err != nil {
		t.Fatal(err)
	}
	refs := difficultytest.RefEpochs(t)
	if res.Offered != len(refs) || res.Inserted() != 0 || res.Updated() != 1 || res.Unchanged != len(refs)-1 || res.RunID == 0 {
		t.Fatalf("sync: fetched %d, inserted %d, updated %d, unchanged %d, run %d; want %d, 0, 1, %d",
			res.Offered, res.Inserted(), res.Updated(), res.Unchanged, res.RunID, len(refs), len(refs)-1)
	}
	c := res.Changes[0]
	if c.Height != height || !c.OldDifficulty.Decimal.Equal(c.NewDifficulty.Mul(decimal.NewFromInt(2))) {
		t.Errorf("change %+v, want height %d halved", c, height)
	}
	if at, ok := res.EarliestChange(); !ok || at.After(d) {
		t.Errorf("earliest change %v, want on or before the date", at)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM difficulty_epochs WHERE height = $1 AND difficulty = $2 AND source = $3`,
		height, c.NewDifficulty, "sync:"+src.URL); n != 1 {
		t.Error("the corrected epoch is not stored with its source")
	}
	// Bitcoin is untouched until recalc, which brings it back to the right figures.
	if got := digest(t, h.db.Pool, "historical_bitcoin_calculations", true); got != wrong {
		t.Error("difficulty sync changed Bitcoin by itself")
	}
	if _, err := h.svc.Recalc(h.ctx, RecalcOptions{From: d, To: d}); err != nil {
		t.Fatal(err)
	}
	if got := digest(t, h.db.Pool, "historical_bitcoin_calculations", true); got != good {
		t.Errorf("after sync and recalc, Bitcoin %s, want the correct %s", got, good)
	}
	// Syncing again finds nothing to do.
	again, err := h.svc.SyncDifficulty(h.ctx, DifficultySyncOptions{URL: src.URL})
	if err != nil || len(again.Changes) != 0 || again.RunID != 0 {
		t.Errorf("second sync: %v, %d changes", err, len(again.Changes))
	}
}

func TestDifficultySyncAddsEpochsAndRefusesBadPayloads(t *testing.T) {
	h := newHarness(t)
	src := difficultytest.Start(t)
	refs := difficultytest.RefEpochs(t)
	last := refs[len(refs)-1]
	next := difficulty.Epoch{Height: last.Height + 2016, ActivatedAt: last.ActivatedAt.Add(14 * 24 * time.Hour),
		Difficulty: decimal.RequireFromString("140123456789012.345678")}
	src.SetEpochs(append(refs, next))
	res, err := h.svc.SyncDifficulty(h.ctx, DifficultySyncOptions{URL: src.URL})
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted() != 1 || res.Updated() != 0 {
		t.Errorf("inserted %d, updated %d; want 1, 0", res.Inserted(), res.Updated())
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM difficulty_epochs WHERE height = $1 AND difficulty = 140123456789012.345678`, next.Height); n != 1 {
		t.Error("the new epoch is not stored exactly")
	}
	before := snapshot(t, h.db.Pool, false)
	for name, body := range map[string]string{
		"not an array":    `{"error":"nope"}`,
		"string number":   `[[1745200000, 893088, "123", 1.01]]`,
		"odd height":      `[[1745200000, 893089, 123.5, 1.01]]`,
		"short row":       `[[1745200000, 893088]]`,
		"zero difficulty": `[[1745200000, 893088, 0, 1]]`,
	} {
		src.SetBody([]byte(body))
		if _, err := h.svc.SyncDifficulty(h.ctx, DifficultySyncOptions{URL: src.URL}); err == nil || !errors.Is(err, difficulty.ErrMalformed) {
			t.Errorf("%s: %v, want a malformed-payload error", name, err)
		}
	}
	src.SetStatus(http.StatusNotFound)
	if _, err := h.svc.SyncDifficulty(h.ctx, DifficultySyncOptions{URL: src.URL}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("404: %v", err)
	}
	sameSnapshots(t, before, snapshot(t, h.db.Pool, false))
}

// TestDifficultyImportTakesTheDifficultyLockAndRecordsARun: an import
// stores what the file says (time_precision and notes included), waits for
// the difficulty table's lock (the one sync takes), is recorded as a run,
// and a sync does not wait for the wind registry's lock.
func TestDifficultyImportTakesTheDifficultyLockAndRecordsARun(t *testing.T) {
	h := newHarness(t)
	csv := []byte("height,activated_at_utc,difficulty,time_precision,notes\n" +
		"963648,2026-08-22T12:00:00Z,140000000000000,exact,block timestamp\n" +
		"965664,2026-09-05T12:00:00Z,141000000000000,,\n")

	// Another change of the difficulty table holds its lock.
	tx, err := h.db.Pool.Begin(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(h.ctx) //nolint:errcheck // released below
	if err := db.New(tx).DifficultyLockAcquire(h.ctx); err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		res *DifficultyResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := h.svc.ImportDifficulty(h.ctx, DifficultyImportOptions{Name: "/tmp/new.csv", CSV: csv})
		done <- outcome{res, err}
	}()
	waitForAdvisoryWaiter(t, h)
	select {
	case o := <-done:
		t.Fatalf("the import did not wait for the difficulty lock: %+v, %v", o.res, o.err)
	default:
	}
	if err := tx.Rollback(h.ctx); err != nil {
		t.Fatal(err)
	}
	o := <-done
	if o.err != nil || o.res.Inserted() != 2 || o.res.Updated() != 0 || o.res.RunID == 0 {
		t.Fatalf("import: %+v, %v; want 2 inserted, recorded as a run", o.res, o.err)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM difficulty_epochs WHERE source = 'import:new.csv' AND (
		(height = 963648 AND time_precision = 'exact' AND notes = 'block timestamp') OR
		(height = 965664 AND time_precision = 'unknown' AND notes IS NULL))`); n != 2 {
		t.Errorf("%d of the 2 epochs stored with their precision and notes", n)
	}
	if n := count(t, h.db.Pool, `SELECT count(*) FROM runs WHERE run_id = $1 AND command = 'difficulty import'
		AND outcome = 'succeeded' AND details->>'file' = '/tmp/new.csv'`, o.res.RunID); n != 1 {
		t.Error("the import's run is not recorded")
	}

	// The wind registry's lock is another lock: a sync does not wait for it.
	src := difficultytest.Start(t)
	reg, err := h.db.Pool.Begin(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Rollback(h.ctx) //nolint:errcheck // the point is to hold it
	if err := db.New(reg).RegistryLockAcquire(h.ctx); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(h.ctx, 20*time.Second)
	defer cancel()
	if _, err := h.svc.SyncDifficulty(ctx, DifficultySyncOptions{URL: src.URL, Source: &difficulty.Client{Retries: 0}}); err != nil {
		t.Fatalf("sync while the registry is locked: %v", err)
	}
}

// waitForAdvisoryWaiter waits until a session of the test's database waits
// for an advisory lock.
func waitForAdvisoryWaiter(t *testing.T, h *harness) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for count(t, h.db.Pool, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
		AND wait_event_type = 'Lock' AND wait_event = 'advisory'`) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("nothing waits for the advisory lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
