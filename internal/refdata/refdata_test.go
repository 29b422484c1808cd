package refdata_test

import (
	"bytes"
	"encoding/csv"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/bitcoin"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/refdata"
	"github.com/recon-energy/recon/internal/settlement"
)

// epochRow is one line of difficulty_epochs.csv, every column.
type epochRow struct {
	height                              int64
	at                                  time.Time
	difficulty                          string
	timePrecision, diffPrecision, notes string
}

func epochRows(t *testing.T) []epochRow {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(refdata.DifficultyEpochsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "height,activated_at_utc,difficulty,time_precision,difficulty_precision,notes" {
		t.Fatalf("header %s", got)
	}
	var rows []epochRow
	for _, r := range recs[1:] {
		h, err := strconv.ParseInt(r[0], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		at, err := time.Parse(time.RFC3339, r[1])
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, epochRow{h, at, r[2], r[3], r[4], r[5]})
	}
	return rows
}

// compactDifficulties returns the difficulties within [whole-1, whole+2) that
// a block's compact target (nBits) can give, with the nBits. The difficulty
// of a target is 0xFFFF·2^208 / target; the compact form is a 23-bit
// mantissa m (normalised: 0x8000 ≤ m ≤ 0x7fffff) and an exponent e, target =
// m·256^(e−3), so difficulty = 0xFFFF·2^(232−8e) / m. Above ~10^7 two
// neighbouring targets' difficulties lie more than 3 apart, so an integer
// whole part identifies at most one.
func compactDifficulties(whole int64) (ds []*big.Rat, bits []uint32) {
	w := big.NewInt(whole)
	for e := uint(3); e <= 0x1d; e++ {
		k := new(big.Int).Lsh(big.NewInt(0xFFFF), 232-8*e)
		// m lies between k/(whole+2) and k/(whole-1).
		lo := new(big.Int).Quo(k, new(big.Int).Add(w, big.NewInt(2)))
		if !lo.IsInt64() {
			continue
		}
		from, to := max(lo.Int64()-1, 0x8000), int64(0x7fffff)
		if whole > 1 {
			if hi := new(big.Int).Quo(k, new(big.Int).Sub(w, big.NewInt(1))); hi.IsInt64() {
				to = min(hi.Int64()+1, to)
			}
		}
		for m := from; m <= to; m++ {
			d := new(big.Rat).SetFrac(k, big.NewInt(m))
			if d.Cmp(new(big.Rat).SetInt64(whole-1)) >= 0 && d.Cmp(new(big.Rat).SetInt64(whole+2)) < 0 {
				ds = append(ds, d)
				bits = append(bits, uint32(e)<<24|uint32(m))
			}
		}
	}
	return ds, bits
}

func TestCompactDifficulties(t *testing.T) {
	// Block 842,688 (2024-05-09): mempool.space gives 83148355189239 and
	// the shipped table 83,148,355,189,239.77. Only one compact target is
	// that close: 0x1703629a, mantissa 0x03629a = 221,850, exponent 0x17, so
	// 0xFFFF·2^48 / 221,850 = 83,148,355,189,239.7609...
	ds, bits := compactDifficulties(83148355189239)
	if len(ds) != 1 || bits[0] != 0x1703629a || ds[0].FloatString(4) != "83148355189239.7609" {
		t.Fatalf("got %v %x", ds, bits)
	}
	// A difficulty of a million (early 2011) is too small to be identified
	// by its whole part: several targets give 1,000,000.x.
	if ds, _ := compactDifficulties(1_000_000); len(ds) < 2 {
		t.Errorf("difficulty 1,000,000: %d candidates, want several", len(ds))
	}
}

// TestDifficultyTableAgreesWithTheRealCapture checks every shipped epoch
// against mempool.space's real difficulty-adjustment history
// (mempool_difficulty_adjustments_2026-08.json, whose difficulties were
// truncated to integers by whoever saved it):
//   - the table runs without a gap from the epoch in force at 2016-01-01
//     00:00 UTC to the capture's last (height 961,632);
//   - every time is the capture's block time, exact;
//   - an 'exact' difficulty (the public series shipped since 00002) has the
//     capture's whole part (but one, where the API's float rounded up) and
//     lies within 0.02 of what the block's compact target gives;
//   - a 'reconstructed' difficulty is the value, to the cent, of the only
//     compact target whose difficulty lies within 1 of the capture's
//     integer, and the notes name that target.
func TestDifficultyTableAgreesWithTheRealCapture(t *testing.T) {
	capture, err := difficulty.Parse(refdata.MempoolDifficultyAdjustments)
	if err != nil {
		t.Fatal(err)
	}
	byHeight := map[int64]difficulty.Epoch{}
	for _, e := range capture {
		byHeight[e.Height] = e
	}
	rows := epochRows(t)
	newYear := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	if first := rows[0]; first.at.After(newYear) || !rows[1].at.After(newYear) {
		t.Errorf("the first epochs start %s and %s: want the one in force at %s first", first.at, rows[1].at, newYear)
	}
	if last := rows[len(rows)-1]; last.height != 961632 {
		t.Errorf("the last epoch is at height %d, want 961632", last.height)
	}
	cent := big.NewRat(2, 100)
	counts := map[string]int{}
	for i, r := range rows {
		if i > 0 {
			if prev := rows[i-1]; r.height != prev.height+difficulty.EpochBlocks || r.at.Sub(prev.at) > difficulty.MaxEpochAge {
				t.Errorf("height %d (%s) follows %d (%s): a gap", r.height, r.at, prev.height, prev.at)
			}
		}
		c, ok := byHeight[r.height]
		if !ok {
			t.Errorf("height %d is not in the capture", r.height)
			continue
		}
		if !r.at.Equal(c.ActivatedAt) || r.timePrecision != "exact" {
			t.Errorf("height %d: time %s (%s), the capture's block time is %s", r.height, r.at, r.timePrecision, c.ActivatedAt)
		}
		d, ok := new(big.Rat).SetString(r.difficulty)
		if !ok {
			t.Fatalf("height %d: difficulty %q", r.height, r.difficulty)
		}
		whole := c.Difficulty.IntPart()
		ds, bits := compactDifficulties(whole)
		if len(ds) != 1 {
			t.Errorf("height %d: %d compact targets give a difficulty within 1 of %d, want exactly 1", r.height, len(ds), whole)
			continue
		}
		counts[r.diffPrecision]++
		switch r.diffPrecision {
		case "exact":
			if diff := new(big.Rat).Sub(d, ds[0]); diff.Abs(diff).Cmp(cent) > 0 {
				t.Errorf("height %d: difficulty %s, its compact target 0x%08x gives %s", r.height, r.difficulty, bits[0], ds[0].FloatString(4))
			}
			if d.Num().Int64()/d.Denom().Int64() != whole && r.height != 905184 {
				t.Errorf("height %d: difficulty %s, the capture's whole part is %d", r.height, r.difficulty, whole)
			}
		case "reconstructed":
			if ds[0].FloatString(2) != r.difficulty {
				t.Errorf("height %d: difficulty %s, compact target 0x%08x gives %s", r.height, r.difficulty, bits[0], ds[0].FloatString(2))
			}
			for _, want := range []string{strconv.FormatInt(whole, 10), "0x" + strconv.FormatUint(uint64(bits[0]), 16)} {
				if !strings.Contains(r.notes, want) {
					t.Errorf("height %d: notes %q do not mention %s", r.height, r.notes, want)
				}
			}
		default:
			t.Errorf("height %d: difficulty_precision %q", r.height, r.diffPrecision)
		}
	}
	if counts["exact"] != 115 || counts["reconstructed"] != 169 {
		t.Errorf("difficulty precision: %v, want 115 exact (Dec 2021 to Apr 2026) and 169 reconstructed", counts)
	}
}

// TestEveryDateOfTheDecadeHasItsReferenceData: every settlement period from
// 2016-01-01 to the last shipped epoch's three weeks of trust (2026-08-29)
// has a difficulty in force and a block subsidy, so `recon run` of any of
// those dates needs no import, sync or what-if.
func TestEveryDateOfTheDecadeHasItsReferenceData(t *testing.T) {
	epochs, err := difficulty.ParseEpochsCSV(bytes.NewReader(refdata.DifficultyEpochsCSV))
	if err != nil {
		t.Fatal(err)
	}
	diffs := difficulty.NewSchedule(epochs)
	last := time.Date(2026, 8, 28, 0, 0, 0, 0, time.UTC) // its last period starts 2026-08-28T22:30Z
	days := 0
	for d := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC); !d.After(last); d = d.AddDate(0, 0, 1) {
		days++
		for n := 1; n <= settlement.Periods(d); n++ {
			start := settlement.PeriodStart(d, n)
			if _, ok := diffs.At(start); !ok {
				t.Fatalf("%s period %d (%s): no difficulty in force", d.Format(settlement.DateLayout), n, start)
			}
			if _, err := bitcoin.SubsidyAt(start); err != nil {
				t.Fatalf("%s period %d: %v", d.Format(settlement.DateLayout), n, err)
			}
		}
	}
	if days != 3893 {
		t.Errorf("%d days checked, want 3,893 (2016-01-01 to 2026-08-28)", days)
	}
	if _, ok := diffs.At(time.Date(2026, 8, 30, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("a difficulty is in force on 2026-08-30, more than three weeks after the last epoch")
	}
}
