package main

import (
	"testing"
)

// TestRunAcrossTheDecade runs `recon run` on a fresh database for the first
// day of 2016 and a day of July 2026: the shipped difficulty table and the
// subsidy rule cover both, so no import, sync or what-if is needed. Every
// Bitcoin row uses the epoch in force (both dates lie inside one epoch).
func TestRunAcrossTheDecade(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct{ date, difficulty string }{
		{"2016-01-01", "103880340815.46"},    // block 391,104, 2015-12-31 10:42:42Z
		{"2026-07-20", "127170500429035.19"}, // block 957,600, 2026-07-11 20:09:11Z
	} {
		wantSucceeded(t, w.recon("run", "--date", tc.date), "recon run "+tc.date, "48 of 48 published", "S19J_PRO")
		if n := count(t, w.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations
			WHERE settlement_date = $1 AND difficulty = $2::numeric AND NOT difficulty_override AND bitcoin_mined > 0`,
			tc.date, tc.difficulty); n == 0 {
			t.Errorf("%s: no Bitcoin rows at difficulty %s", tc.date, tc.difficulty)
		}
		if n := count(t, w.db.Pool, `SELECT count(*) FROM historical_bitcoin_calculations
			WHERE settlement_date = $1 AND (difficulty <> $2::numeric OR difficulty_override)`, tc.date, tc.difficulty); n != 0 {
			t.Errorf("%s: %d Bitcoin rows at another difficulty than %s", tc.date, n, tc.difficulty)
		}
	}
}
