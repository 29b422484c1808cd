package main

import (
	"bytes"
	"testing"

	"github.com/recon-energy/recon/internal/difficulty/difficultytest"
	"github.com/recon-energy/recon/internal/refdata"
)

// TestDifficultySyncRealResponse serves the bytes of a real mempool.space
// response (internal/refdata/mempool_difficulty_adjustments_2026-08.json:
// 463 epochs ending with the genesis block, difficulties truncated to
// integers by whoever saved it) to `recon difficulty sync --url`. The sync
// adds the 179 epochs before 2016 that the shipped table lacks and keeps the
// shipped ones: same heights and block times, and their difficulties (with
// cents) are the ones the integers were cut from. Stored Bitcoin does not
// move.
func TestDifficultySyncRealResponse(t *testing.T) {
	w := newWorld(t)
	src := difficultytest.Start(t)
	src.SetBody(refdata.MempoolDifficultyAdjustments)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-09"))
	before := snapshot(t, w.db.Pool, "difficulty_epochs.updated_at")
	shipped := `SELECT md5(string_agg(concat_ws('|', height, activated_at, difficulty, difficulty_precision, notes, source), ',' ORDER BY height))
		FROM difficulty_epochs WHERE source = 'refdata'`
	var shippedBefore string
	if err := w.db.Pool.QueryRow(t.Context(), shipped).Scan(&shippedBefore); err != nil {
		t.Fatal(err)
	}

	wantSucceeded(t, w.recon("difficulty", "sync", "--url", src.URL),
		"463 epoch(s) fetched: 179 inserted, 0 corrected, 284 unchanged",
		"+ height 0  2009-01-03 18:15:05Z  difficulty 1", "recon recalc --from 2009-01-03")
	if n := count(t, w.db.Pool, `SELECT count(*) FROM difficulty_epochs
		WHERE height < 391104 AND source = 'sync:' || $1 AND difficulty_precision = 'unknown'`, src.URL); n != 179 {
		t.Errorf("%d epochs before 2016 stored from the sync, want 179 of unknown precision", n)
	}
	var shippedAfter string
	if err := w.db.Pool.QueryRow(t.Context(), shipped).Scan(&shippedAfter); err != nil {
		t.Fatal(err)
	}
	if shippedAfter != shippedBefore {
		t.Error("the sync changed the shipped epochs")
	}
	after := snapshot(t, w.db.Pool, "difficulty_epochs.updated_at")
	for table, digest := range before {
		if table != "difficulty_epochs" && table != "runs" && after[table] != digest {
			t.Errorf("the sync changed %s", table)
		}
	}
	wantSucceeded(t, w.recon("difficulty", "sync", "--url", src.URL), "0 inserted, 0 corrected, 463 unchanged", "up to date")

	// A source that writes the fraction corrects an epoch whose stored
	// difficulty has none (precision unknown), never a shipped one.
	body := bytes.Replace(refdata.MempoolDifficultyAdjustments, []byte("389088,93448670796,"), []byte("389088,93448670796.37,"), 1)
	body = bytes.Replace(body, []byte("391104,103880340815,"), []byte("391104,103880340815.4,"), 1)
	src.SetBody(body)
	wantSucceeded(t, w.recon("difficulty", "sync", "--url", src.URL),
		"0 inserted, 1 corrected, 462 unchanged", "~ height 389088", "93448670796 -> 93448670796.37")
}
