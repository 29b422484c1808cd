package bitcoin

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/settlement"
	"github.com/shopspring/decimal"
)

var specModelList = []Model{s19jPro, s9, m20s}

// day returns the periods of date, each with the same farms.
func day(t testing.TB, date string, farms []Share) []PeriodEnergy {
	t.Helper()
	d, err := settlement.ParseDate(date)
	if err != nil {
		t.Fatal(err)
	}
	periods := make([]PeriodEnergy, settlement.Periods(d))
	for i := range periods {
		periods[i] = PeriodEnergy{Period: i + 1, Start: settlement.PeriodStart(d, i+1), Farms: farms}
	}
	return periods
}

func TestComputeHandExample(t *testing.T) {
	// 1.5 MWh in all: 1000 T100 miners earn 0.9375 BTC at 10^6 TH/s, shared 2:1:0.
	start := utc(t, "2025-03-06T12:00:00Z")
	periods := []PeriodEnergy{{Period: 25, Start: start, Farms: shares("B", "0.5", "A", "1.0", "Z", "0")}}
	got, err := Compute(periods, []Model{t100}, difficulty.Schedule{}, &diff1e6THs)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{25, "A", "T100", 62_500_000, diff1e6THs},
		{25, "B", "T100", 31_250_000, diff1e6THs},
		{25, "Z", "T100", 0, diff1e6THs},
	}
	if !slices.EqualFunc(got, want, rowEqual) {
		t.Errorf("Compute = %v, want %v", got, want)
	}
}

func rowEqual(a, b Row) bool {
	return a.Period == b.Period && a.FarmID == b.FarmID && a.Model == b.Model &&
		a.Satoshis == b.Satoshis && asWritten(a.Difficulty) == asWritten(b.Difficulty)
}

func TestComputeDifficultyChangeDay(t *testing.T) {
	// The adjustment of 2025-03-09 activated at 15:58:46Z (block 887,040; a
	// GMT day): periods up to 32 (15:30Z) use the old difficulty, 33 (16:00Z)
	// onwards the new one.
	periods := day(t, "2025-03-09", shares("FARM_A", "120.5", "FARM_B", "0.001", "FARM_C", "33"))
	diffs := refDifficulties(t)
	rows, err := Compute(periods, specModelList, diffs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 48*3*3 {
		t.Fatalf("%d rows, want %d", len(rows), 48*3*3)
	}
	for _, r := range rows {
		want := "110568428300952.69"
		if r.Period >= 33 {
			want = "112149504190349.28"
		}
		if asWritten(r.Difficulty) != want {
			t.Errorf("period %d: difficulty %s, want %s", r.Period, r.Difficulty, want)
		}
		at, _ := diffs.At(periods[r.Period-1].Start)
		if !at.Equal(r.Difficulty) {
			t.Errorf("period %d: row difficulty %s, At %s", r.Period, r.Difficulty, at)
		}
	}
	checkRows(t, periods, specModelList, rows, func(p PeriodEnergy) decimal.Decimal {
		d, _ := diffs.At(p.Start)
		return d
	})
}

// checkRows checks that rows hold one row per (period, farm, model) in order,
// and that each period's rows on a model add up to PeriodBTC exactly.
func checkRows(t *testing.T, periods []PeriodEnergy, models []Model, rows []Row, diffOf func(PeriodEnergy) decimal.Decimal) {
	t.Helper()
	if !slices.IsSortedFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Period, b.Period), strings.Compare(a.FarmID, b.FarmID), strings.Compare(a.Model, b.Model))
	}) {
		t.Error("rows are not ordered by period, farm, model")
	}
	type key struct {
		period int
		model  string
	}
	sums := map[key]int64{}
	count := map[key]int{}
	for _, r := range rows {
		sums[key{r.Period, r.Model}] += r.Satoshis
		count[key{r.Period, r.Model}]++
	}
	for _, p := range periods {
		energy := decimal.Zero
		for _, f := range p.Farms {
			energy = energy.Add(f.MWh)
		}
		subsidy, err := SubsidyAt(p.Start)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range models {
			k := key{p.Period, m.Name}
			want := Satoshis(PeriodBTC(energy, m, diffOf(p), subsidy))
			if sums[k] != want || count[k] != len(p.Farms) {
				t.Errorf("period %d, %s: %d rows summing to %d sat, want %d rows summing to %d",
					p.Period, m.Name, count[k], sums[k], len(p.Farms), want)
			}
		}
	}
}

func TestComputeZeroSatoshiRows(t *testing.T) {
	periods := day(t, "2025-03-06", shares("BIG", "500", "SPECK", "0.000001", "NONE", "0"))
	rows, err := Compute(periods, specModelList, refDifficulties(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	zero := map[string]int{}
	for _, r := range rows {
		if r.Satoshis == 0 {
			zero[r.FarmID]++
		}
	}
	if zero["SPECK"] != 48*3 || zero["NONE"] != 48*3 || zero["BIG"] != 0 {
		t.Errorf("zero-satoshi rows by farm: %v, want SPECK and NONE 144 each", zero)
	}
}

func TestComputeOrdersRows(t *testing.T) {
	periods := day(t, "2025-03-06", nil)[:4]
	periods[0].Farms = shares("Z", "1", "A", "2")
	periods[2].Farms = shares("M", "3")
	periods[3].Farms = shares("B", "4", "A", "5")
	slices.Reverse(periods)
	models := []Model{t100, s9, m20s}
	rows, err := Compute(periods, models, refDifficulties(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%d/%s/%s", r.Period, r.FarmID, r.Model))
	}
	want := []string{
		"1/A/M20S", "1/A/S9", "1/A/T100", "1/Z/M20S", "1/Z/S9", "1/Z/T100",
		// period 2 has no farms and no rows
		"3/M/M20S", "3/M/S9", "3/M/T100",
		"4/A/M20S", "4/A/S9", "4/A/T100", "4/B/M20S", "4/B/S9", "4/B/T100",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows\n%v\nwant\n%v", got, want)
	}
}

func TestComputeMissingDifficulty(t *testing.T) {
	diffs := refDifficulties(t)
	farms := shares("A", "10")
	// The first epoch activated 2015-12-31T10:42:42Z: periods 1-22 (up to 10:30Z) have none.
	firstDay := day(t, "2015-12-31", farms)
	// After the last epoch (2026-08-08) plus 21 days nothing is known.
	late := day(t, "2026-10-01", farms)
	for _, tc := range []struct {
		name    string
		periods []PeriodEnergy
		missing []int
	}{
		{"before the first epoch", firstDay, seq(1, 22)},
		{"long after the last epoch", late, seq(1, 48)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := Compute(tc.periods, specModelList, diffs, nil)
			var mde *MissingDifficultyError
			if !errors.As(err, &mde) {
				t.Fatalf("error %v, want a *MissingDifficultyError", err)
			}
			if rows != nil {
				t.Errorf("%d rows along with the error", len(rows))
			}
			var got []int
			for _, p := range mde.Periods {
				got = append(got, p.Period)
				if start := tc.periods[p.Period-1].Start; !p.Start.Equal(start) || p.Start.Location() != time.UTC {
					t.Errorf("period %d start %s, want %s in UTC", p.Period, p.Start, start)
				}
			}
			if !slices.Equal(got, tc.missing) {
				t.Errorf("missing periods %v, want %v", got, tc.missing)
			}
			msg := err.Error()
			first := tc.periods[tc.missing[0]-1].Start.Format(time.RFC3339)
			for _, want := range []string{
				fmt.Sprintf("%d settlement periods (%d-%d; the first starts %s)", len(tc.missing), tc.missing[0], tc.missing[len(tc.missing)-1], first),
				"run `recon difficulty sync` or `recon difficulty import FILE`, or pass --difficulty N as an explicit what-if override",
			} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
			// One short line, however many periods: ranges, not a list.
			if len(msg) > 250 {
				t.Errorf("error is %d characters long: %q", len(msg), msg)
			}
		})
	}
}

func seq(from, to int) []int {
	var out []int
	for n := from; n <= to; n++ {
		out = append(out, n)
	}
	return out
}

func TestComputeOverride(t *testing.T) {
	override := dec("100000000000000.50")
	for _, date := range []string{"2015-12-31", "2025-03-09", "2026-10-01"} {
		periods := day(t, date, shares("A", "10", "B", "0.25"))
		rows, err := Compute(periods, specModelList, refDifficulties(t), &override)
		if err != nil {
			t.Fatalf("%s: %v", date, err)
		}
		for _, r := range rows {
			if asWritten(r.Difficulty) != "100000000000000.50" {
				t.Fatalf("%s period %d: difficulty %s, want the override %s", date, r.Period, r.Difficulty, override)
			}
		}
		checkRows(t, periods, specModelList, rows, func(PeriodEnergy) decimal.Decimal { return override })
	}
}

func TestComputeNothingToDo(t *testing.T) {
	// Periods without farms produce no rows and need no difficulty.
	rows, err := Compute(day(t, "2030-01-01", nil), specModelList, difficulty.Schedule{}, nil)
	if err != nil || len(rows) != 0 {
		t.Errorf("Compute of empty periods = %v, %v; want no rows, no error", rows, err)
	}
	rows, err = Compute(nil, specModelList, difficulty.Schedule{}, nil)
	if err != nil || len(rows) != 0 {
		t.Errorf("Compute(nil) = %v, %v; want no rows, no error", rows, err)
	}
}

func TestComputeErrors(t *testing.T) {
	good := day(t, "2025-03-06", shares("A", "1"))[:2]
	d := refDifficulties(t)
	zero, negative := dec("0"), dec("-1")
	farOverride, tinyOverride := dec("1e14"), dec("0.000001")
	for _, tc := range []struct {
		name     string
		periods  []PeriodEnergy
		models   []Model
		override *decimal.Decimal
		want     string
	}{
		{"no models", good, nil, nil, "no miner models"},
		{"duplicate model", good, []Model{s9, s9}, nil, `"S9" is given twice`},
		{"unnamed model", good, []Model{{HashrateTHs: dec("1"), PowerWatts: dec("1")}}, nil, "no name"},
		{"model without power", good, []Model{{Name: "X", HashrateTHs: dec("1")}}, nil, "positive hashrate and power"},
		{"zero override", good, specModelList, &zero, "must be positive"},
		{"negative override", good, specModelList, &negative, "must be positive"},
		{"duplicate period", append(slices.Clone(good), good[0]), specModelList, nil, "period 1 is given twice"},
		{"duplicate farm", []PeriodEnergy{{1, good[0].Start, shares("A", "1", "A", "2")}}, specModelList, nil, `farm "A" twice`},
		{"negative energy", []PeriodEnergy{{7, good[0].Start, shares("A", "1", "B", "-2")}}, specModelList, nil, "negative energy"},
		{"too many satoshis for an int64", good, specModelList, &tinyOverride, "too many satoshis"},
		{"subsidy unknown", day(t, "2028-06-01", shares("A", "1"))[:1], specModelList, &farOverride, "halving table"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := Compute(tc.periods, tc.models, d, tc.override)
			if err == nil {
				t.Fatalf("no error, %d rows", len(rows))
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestMissingDifficultyErrorOnePeriod(t *testing.T) {
	err := &MissingDifficultyError{Periods: []MissingPeriod{{Period: 5, Start: utc(t, "2030-01-01T03:00:00+01:00")}}}
	want := "no Bitcoin difficulty is known for 1 settlement period (5; the first starts 2030-01-01T02:00:00Z); " +
		"run `recon difficulty sync` or `recon difficulty import FILE`, or pass --difficulty N as an explicit what-if override"
	if err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err.Error(), want)
	}
}
