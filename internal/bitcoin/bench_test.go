package bitcoin

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func BenchmarkPeriodBTC(b *testing.B) {
	energy, diff, sub := dec("1234.567"), dec("112149504190349.28"), dec("3.125")
	for b.Loop() {
		PeriodBTC(energy, s19jPro, diff, sub)
	}
}

// benchFarms makes n farms with realistic curtailment (0-400 MWh, 3 decimals).
func benchFarms(rng *rand.Rand, n int) []Share {
	farms := make([]Share, n)
	for i := range farms {
		farms[i] = Share{FarmID: fmt.Sprintf("T_FARM-%d", i), MWh: randDecimal(rng, 3, 3)}
	}
	return farms
}

func BenchmarkAllocate(b *testing.B) {
	farms := benchFarms(rand.New(rand.NewPCG(1, 1)), 60)
	for b.Loop() {
		if _, err := Allocate(123_456_789, farms); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkComputeDay(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	periods := day(b, "2025-03-06", nil)
	for i := range periods {
		periods[i].Farms = benchFarms(rng, 80)
	}
	diffs := refDifficulties(b)
	for b.Loop() {
		rows, err := Compute(periods, specModelList, diffs, nil)
		if err != nil || len(rows) != 48*80*3 {
			b.Fatal(len(rows), err)
		}
	}
}
