package bitcoin

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// shares builds farms from alternating id and MWh literals.
func shares(idAndMWh ...string) []Share {
	var out []Share
	for i := 0; i < len(idAndMWh); i += 2 {
		out = append(out, Share{FarmID: idAndMWh[i], MWh: dec(idAndMWh[i+1])})
	}
	return out
}

func TestAllocate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		total int64
		farms []Share
		want  []int64
	}{
		{"exact shares", 10, shares("A", "1", "B", "4"), []int64{2, 8}},
		// 33.33 and 66.67: the leftover satoshi goes to the larger fraction.
		{"largest fraction first", 100, shares("A", "1", "B", "2"), []int64{33, 67}},
		// 0.5, 1.5 and 2: A and B tie on the fraction 0.5; B has more MWh and
		// wins although its id sorts after A's.
		{"tie: larger MWh first", 4, shares("A", "1", "B", "3", "C", "4"), []int64{0, 2, 2}},
		// 0.5, 0.5 and 1: B and A tie on fraction and MWh; A's id comes first.
		{"tie: then farm id ascending", 2, shares("B", "1", "A", "1", "C", "2"), []int64{0, 1, 1}},
		// Three equal farms, one leftover satoshi: the smallest id gets it.
		{"three-way tie", 10, shares("C", "1", "A", "1", "B", "1"), []int64{3, 4, 3}},
		{"zero-share farm gets 0", 7, shares("A", "0", "B", "5"), []int64{0, 7}},
		// Different decimal exponents: 0.5 : 1.50 is exactly 1 : 3.
		{"mixed exponents", 8, shares("A", "0.5", "B", "1.50"), []int64{2, 6}},
		{"tiny farm rounds to 0", 5, shares("A", "1000", "B", "0.001"), []int64{5, 0}},
		{"nothing to share", 0, shares("A", "3", "B", "2"), []int64{0, 0}},
		{"all farms without energy, total 0", 0, shares("A", "0", "B", "0"), []int64{0, 0}},
		{"no farms, total 0", 0, nil, []int64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Allocate(tc.total, tc.farms)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Allocate(%d, %v) = %v, want %v", tc.total, tc.farms, got, tc.want)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		total int64
		farms []Share
	}{
		{"negative total", -1, shares("A", "1")},
		{"negative energy", 5, shares("A", "1", "B", "-1")},
		{"no energy to share by", 5, shares("A", "0", "B", "0")},
		{"no farms", 5, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := Allocate(tc.total, tc.farms); err == nil {
				t.Errorf("Allocate(%d, %v) = %v, want an error", tc.total, tc.farms, got)
			}
		})
	}
}

// randomShares makes n farms with random MWh of mixed precision, some zero.
func randomShares(rng *rand.Rand, n int) []Share {
	farms := make([]Share, n)
	for i := range farms {
		mwh := randDecimal(rng, rng.IntN(4)+1, rng.IntN(4))
		if rng.IntN(8) == 0 {
			mwh = dec("0")
		}
		if rng.IntN(8) == 0 && i > 0 {
			mwh = farms[rng.IntN(i)].MWh // provoke ties
		}
		farms[i] = Share{FarmID: fmt.Sprintf("F%03d", rng.IntN(1000)), MWh: mwh}
	}
	return farms
}

func TestAllocateRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 20))
	for range 3000 {
		farms := randomShares(rng, rng.IntN(80)+1)
		total := rng.Int64N(10_000_000_000)
		if rng.IntN(4) == 0 {
			total = rng.Int64N(100) // few satoshis: many leftovers and zeros
		}
		got, err := Allocate(total, farms)
		if isAllZero(farms) {
			if err == nil && total != 0 {
				t.Fatalf("Allocate(%d) among farms without energy: no error", total)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		checkLargestRemainder(t, total, farms, got)
	}
}

func isAllZero(farms []Share) bool {
	for _, f := range farms {
		if !f.MWh.IsZero() {
			return false
		}
	}
	return true
}

// checkLargestRemainder checks, in exact rationals, that got sums to total,
// that every farm got the floor of its exact share or one more, that farms
// without energy got 0, and that the extra satoshis went to the largest
// fractional parts, ties to the larger MWh, then the smaller farm id.
func checkLargestRemainder(t *testing.T, total int64, farms []Share, got []int64) {
	t.Helper()
	sumMWh := new(big.Rat)
	for _, f := range farms {
		sumMWh.Add(sumMWh, f.MWh.Rat())
	}
	fracs := make([]*big.Rat, len(farms))
	// before reports whether farm a comes before farm b for a leftover satoshi.
	before := func(a, b int) bool {
		if c := fracs[a].Cmp(fracs[b]); c != 0 {
			return c > 0
		}
		if c := farms[a].MWh.Cmp(farms[b].MWh); c != 0 {
			return c > 0
		}
		return farms[a].FarmID <= farms[b].FarmID
	}
	var sum int64
	lastWinner, firstLoser := -1, -1
	for i, f := range farms {
		sum += got[i]
		share := new(big.Rat).Mul(new(big.Rat).SetInt64(total), f.MWh.Rat())
		share.Quo(share, sumMWh)
		floor := floorRat(share)
		fracs[i] = new(big.Rat).Sub(share, floor)
		switch extra := got[i] - floor.Num().Int64(); {
		case f.MWh.IsZero() && got[i] != 0:
			t.Fatalf("farm %d without energy got %d", i, got[i])
		case extra == 1:
			if fracs[i].Sign() == 0 {
				t.Fatalf("farm %d got an extra satoshi on an exact share", i)
			}
			if lastWinner < 0 || before(lastWinner, i) {
				lastWinner = i
			}
		case extra == 0:
			if firstLoser < 0 || before(i, firstLoser) {
				firstLoser = i
			}
		default:
			t.Fatalf("farm %d got %d for an exact share of %s", i, got[i], share.FloatString(4))
		}
	}
	if sum != total {
		t.Fatalf("Allocate(%d) parts sum to %d", total, sum)
	}
	if lastWinner >= 0 && firstLoser >= 0 && !before(lastWinner, firstLoser) {
		t.Fatalf("Allocate(%d): farm %v (fraction %s) got an extra satoshi before farm %v (fraction %s)",
			total, farms[lastWinner], fracs[lastWinner].FloatString(6), farms[firstLoser], fracs[firstLoser].FloatString(6))
	}
}
