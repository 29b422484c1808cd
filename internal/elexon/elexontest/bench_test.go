package elexontest

import (
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
)

// BenchmarkGenerateDay generates every stack body of one day (both sides of
// 48 periods), as the stand-in does for each day recon fetches: its cost
// is on the same cores as recon's in `make bench`.
func BenchmarkGenerateDay(b *testing.B) {
	d := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		size = 0
		for p := 1; p <= 48; p++ {
			for _, side := range elexon.Sides {
				size += len(generateStack(stackParams{date: d, period: p, side: side}))
			}
		}
	}
	b.SetBytes(int64(size))
}
