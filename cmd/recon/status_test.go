package main

import "testing"

// TestStatusShowsReachAndPartialDates: status tells complete dates from
// partial ones (periods held of periods in the day) and how far each piece
// of reference data reaches.
func TestStatusShowsReachAndPartialDates(t *testing.T) {
	w := newWorld(t)
	wantSucceeded(t, w.recon("run", "--date", "2025-03-06"))
	wantSucceeded(t, w.recon("run", "--date", "2025-03-30", "--periods", "1-10")) // a 46-period day
	wantSucceeded(t, w.recon("status"),
		"recon status  [SYNTHETIC",
		"2 date(s) from 2025-03-06 to 2025-03-30", ": 1 complete, 1 partial",
		"  partial      2025-03-30  10 of 46 periods held",
		"  prices       every stored period with Bitcoin is valued at a BTC price",
		"reference data",
		" epochs to block 961,632 (2026-08-08 19:35Z, refdata); known complete until 2026-08-29 19:35Z",
		"  wind units   212 units; last sync never; last import never; last change ",
		" points from 2016-01-01 00:00Z; last 2026-01-01 00:00Z £", "pricing periods until 2026-01-09 00:00Z",
	)
}
