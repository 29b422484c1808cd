package recon

import (
	"math/rand/v2"
	"slices"
)

// How many random periods the sampled modes draw.
const (
	randomSampleSize     = 10 // SampleRandom, first and last included
	progressiveExtraSize = 10 // SampleProgressive, added on a non-match
)

// SamplePeriods is the periods a mode checks first on a day of n periods,
// in order: every period (full), 1, 12, 24, 36 and n (fixed, progressive),
// or 1, n and 8 others at random (random).
func SamplePeriods(mode Sample, n int, rng *rand.Rand) []int {
	switch mode {
	case SampleFixed, SampleProgressive:
		return []int{1, 12, 24, 36, n}
	case SampleRandom:
		middle := make([]int, 0, n-2)
		for p := 2; p < n; p++ {
			middle = append(middle, p)
		}
		out := append([]int{1, n}, pickRandom(rng, middle, randomSampleSize-2)...)
		slices.Sort(out)
		return out
	default:
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
}

// ProgressiveExtra is the periods progressive mode adds when its first
// periods do not all match: 10 at random among the day's unchecked ones.
func ProgressiveExtra(checked []int, n int, rng *rand.Rand) []int {
	var unchecked []int
	for p := 1; p <= n; p++ {
		if !slices.Contains(checked, p) {
			unchecked = append(unchecked, p)
		}
	}
	out := pickRandom(rng, unchecked, progressiveExtraSize)
	slices.Sort(out)
	return out
}

// pickRandom picks k distinct elements of from (all of them if fewer).
func pickRandom(rng *rand.Rand, from []int, k int) []int {
	pool := slices.Clone(from)
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool[:min(k, len(pool))]
}
