package main

import (
	"os"
	"runtime/debug"
)

// memoryPerDate is the memory limit's share of one date in flight: its
// decoded stack rows (~25 MiB for ~15,000 rows, let go period by period as
// the COPY sends them), plus room for the garbage of decoding. The process's resident size runs ~20 MB above
// the limit (the binary, stacks, memory not yet returned to the system).
const memoryPerDate = 36 << 20

// limitMemory gives the Go runtime a soft memory limit, unless GOMEMLIMIT
// already sets one: enough for the given number of dates in flight (at
// least two), 72 MiB for a run or a two-date backfill. Without it the heap
// may grow to twice its live size between collections (decoding makes
// plenty of garbage), which put a two-date backfill at ~150 MiB; with it
// the collector works harder near the limit instead (~5-8% more CPU) and
// the process stays under ~100 MB.
//
// And unless GOGC says otherwise, the collector runs only near that limit,
// not each time the heap doubles: a one-day run (~50 MiB at its peak) then
// collects hardly at all, which took a third off its CPU (0.12-0.20 s
// against 0.08-0.14 s of user time, scripts/bench.sh's days, 2-core
// machine), for ~6 MB more resident memory.
func limitMemory(dates int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(int64(max(dates, 2)) * memoryPerDate)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
}
