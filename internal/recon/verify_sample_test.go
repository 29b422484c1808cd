package recon

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSamplePeriods(t *testing.T) {
	for _, n := range []int{46, 48, 50} {
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		full := SamplePeriods(SampleFull, n, rng)
		if len(full) != n || full[0] != 1 || full[n-1] != n {
			t.Errorf("%d periods: full checks %v", n, full)
		}
		for _, mode := range []Sample{SampleFixed, SampleProgressive} {
			if got := SamplePeriods(mode, n, rng); !slices.Equal(got, []int{1, 12, 24, 36, n}) {
				t.Errorf("%d periods: %s checks %v, want 1, 12, 24, 36, %d", n, mode, got, n)
			}
		}
		seen := map[int]bool{}
		for range 200 {
			got := SamplePeriods(SampleRandom, n, rng)
			if len(got) != 10 || got[0] != 1 || got[9] != n || !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != 10 {
				t.Fatalf("%d periods: random checks %v, want 10 distinct periods from 1 to %d", n, got, n)
			}
			for _, p := range got {
				seen[p] = true
			}
			fixed := []int{1, 12, 24, 36, n}
			extra := ProgressiveExtra(fixed, n, rng)
			if len(extra) != 10 || !slices.IsSorted(extra) || len(slices.Compact(slices.Clone(extra))) != 10 {
				t.Fatalf("%d periods: progressive adds %v, want 10 distinct", n, extra)
			}
			for _, p := range extra {
				if p < 1 || p > n || slices.Contains(fixed, p) {
					t.Fatalf("%d periods: progressive adds %v, which overlaps the checked %v", n, extra, fixed)
				}
			}
		}
		if len(seen) != n {
			t.Errorf("%d periods: 200 random samples reached only %d periods", n, len(seen))
		}
	}
	a := SamplePeriods(SampleRandom, 48, rand.New(rand.NewPCG(1, 2)))
	b := SamplePeriods(SampleRandom, 48, rand.New(rand.NewPCG(1, 2)))
	if !slices.Equal(a, b) {
		t.Errorf("the same seed gave %v and %v", a, b)
	}
}

func TestVerifySampledModesOnClockChangeDays(t *testing.T) {
	h := newVerifyHarness(t)
	for _, tc := range []struct {
		date string
		n    int
	}{{"2025-03-30", 46}, {"2025-10-26", 50}} {
		d := date(t, tc.date)
		h.run(RunOptions{Date: d})
		fixed := h.verify(VerifyOptions{Date: d, Sample: SampleFixed})
		if got := fixed.Before.checked(); !slices.Equal(got, []int{1, 12, 24, 36, tc.n}) || fixed.Outcome != OutcomeMatched {
			t.Errorf("%s fixed: checked %v (%s)", tc.date, got, fixed.Outcome)
		}
		random := h.verify(VerifyOptions{Date: d, Sample: SampleRandom, Seed: 42})
		if got := random.Before.checked(); len(got) != 10 || got[0] != 1 || got[9] != tc.n || random.Seed != 42 {
			t.Errorf("%s random: checked %v, seed %d", tc.date, got, random.Seed)
		}
		// Progressive: all fixed periods match, so nothing is added ...
		prog := h.verify(VerifyOptions{Date: d, Sample: SampleProgressive})
		if prog.Before.Extended || prog.Before.Counts.Checked != 5 {
			t.Errorf("%s progressive on a matching day: %+v", tc.date, prog.Before.Counts)
		}
		// ... until one of them differs: then 10 more.
		h.api.Revise(d, 24)
		prog = h.verify(VerifyOptions{Date: d, Sample: SampleProgressive, Seed: 7})
		got := prog.Before.checked()
		if !prog.Before.Extended || len(got) != 15 || !slices.Contains(got, tc.n) || got[len(got)-1] > tc.n {
			t.Errorf("%s progressive after a revision: checked %v", tc.date, got)
		}
		if st := statusesOf(prog.Before); !slices.Equal(st[StatusMismatch], []int{24}) || len(st[StatusMatch]) != 14 {
			t.Errorf("%s progressive statuses %v", tc.date, st)
		}
	}
}
