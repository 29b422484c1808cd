package elexontest

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/refdata"
	"github.com/recon-energy/recon/internal/settlement"
)

func TestAppendRatio(t *testing.T) {
	for _, tc := range []struct {
		num, den int64
		want     string
	}{
		{1, 240, "0.004166666666666667"},
		{-1, 240, "-0.004166666666666667"},
		{240, 240, "1"},
		{-480, 240, "-2"},
		{0, 240, "0"},
		{120, 240, "0.5"},
		{2, 3, "0.6666666666666667"},
		{-6550, 100, "-65.5"},
		{12345678, 1000, "12345.678"},
		{99999999999999995, 10, "10000000000000000"}, // 9999999999999999.5 rounds up to 17 digits
		{-1, -3, "0.3333333333333333"},
		{99999999999999995, 100000000000000000, "1"},
		{9999999999999999, 100000000000000000, "0.09999999999999999"},
		{99999999999999995, 1000000000000000, "100"},
		{17280001, 240, "72000.00416666667"},
	} {
		if got := string(appendRatio(nil, tc.num, tc.den)); got != tc.want {
			t.Errorf("appendRatio(%d, %d) = %s, want %s", tc.num, tc.den, got, tc.want)
		}
	}
	// Against exact decimal division: within half a unit of the 16th digit.
	for num := int64(-3000); num <= 3000; num += 7 {
		got := decimal.RequireFromString(string(appendRatio(nil, num, 240)))
		exact := decimal.New(num, 0).DivRound(decimal.New(240, 0), 40)
		if diff := got.Sub(exact).Abs(); exact.Abs().GreaterThan(decimal.Zero) &&
			diff.Div(exact.Abs()).GreaterThan(decimal.New(1, -15)) {
			t.Fatalf("appendRatio(%d, 240) = %s, exact %s", num, got, exact)
		}
	}
}

func TestAppendTiny(t *testing.T) {
	// The first three as in the real capture (testdata/real of internal/elexon).
	for k, want := range map[int64]string{1: "2.77777777778e-07", 4: "1.111111111111e-06", 5: "1.388888888889e-06",
		36: "1e-05", 18: "5e-06", 60: "1.6666666666667e-05", 2: "5.55555555556e-07"} {
		got := string(appendTiny(nil, k))
		if got != want {
			t.Errorf("appendTiny(%d) = %s, want %s", k, got, want)
		}
		d, err := decimal.NewFromString(got)
		exact := decimal.New(k, 0).DivRound(decimal.New(3_600_000, 0), 18)
		if err != nil || !d.Equal(exact) {
			t.Errorf("appendTiny(%d) = %s, want %s to 18 places", k, got, exact)
		}
	}
	// SetStack writes decoded tiny volumes back the same way.
	for _, v := range []string{"2.77777777778e-07", "-1.5e-05", "0.0001", "-0.004166666666666667", "0"} {
		got := string(appendDecimal(nil, decimal.RequireFromString(v)))
		if got != v {
			t.Errorf("appendDecimal(%s) = %s", v, got)
		}
	}
}

type dayStats struct {
	bid, offer, curtail                                int
	bidMin, bidMax, offerMin, offerMax                 int
	multiRow, soNull, cadlNull, nullID, posWindBid     int
	windOfferCurtail, tiny, nullPrice, nullCreated     int
	nullCreatedCurtail, nonWind, cadlOnly, windNotCurt int
	// The live API's quirks.
	soID1, soID1Bad, exponent            int
	offerCadl                            [3]int // offers whose cadlFlag is null, false, true
	bidAdjustedMissing, offerAdjustedSet int
	notMetadataFirst                     int
	// Turn-up: periods whose positive offers without cadlFlag (any unit,
	// id "1" and null included) cover the curtailed MWh, and the turn-up
	// candidates' MWh by fuel type ("" none, "-" not a BM unit).
	periods, covered int
	turnUpFuel       map[string]decimal.Decimal
}

func stats(t *testing.T, date time.Time) dayStats {
	t.Helper()
	wind := make(map[string]bool)
	for _, id := range WindUnits() {
		wind[id] = true
	}
	s := dayStats{bidMin: 1 << 30, offerMin: 1 << 30, turnUpFuel: map[string]decimal.Decimal{}}
	tiny := decimal.New(1, -1)
	fuel := fuelTypes(t)
	for p := 1; p <= settlement.Periods(date); p++ {
		var curtailed, candidates decimal.Decimal
		for _, side := range elexon.Sides {
			body := GenerateStack(date, p, side, 0)
			if !bytes.HasPrefix(body, []byte(`{"metadata":{"datasets":["ISPSTACK"]},"data":[`)) {
				s.notMetadataFirst++
			}
			rows, err := elexon.DecodeStack(body, date, p)
			if err != nil {
				t.Fatalf("%s period %d %s: %v", date.Format(settlement.DateLayout), p, side, err)
			}
			if side == elexon.Bid {
				s.bid += len(rows)
				s.bidMin, s.bidMax = min(s.bidMin, len(rows)), max(s.bidMax, len(rows))
			} else {
				s.offer += len(rows)
				s.offerMin, s.offerMax = min(s.offerMin, len(rows)), max(s.offerMax, len(rows))
			}
			perUnit := make(map[string]int)
			for _, r := range rows {
				if !r.StartTime.Equal(settlement.PeriodStart(date, p)) {
					t.Fatalf("startTime %v, want %v", r.StartTime, settlement.PeriodStart(date, p))
				}
				isWind := r.ID != nil && wind[*r.ID]
				curt := isWind && r.SoFlag != nil && *r.SoFlag && r.Volume.IsNegative()
				adjusted := []decimal.NullDecimal{r.ArbitrageAdjustedVolume, r.NivAdjustedVolume, r.ParAdjustedVolume, r.TlmAdjustedVolume}
				if side == elexon.Bid {
					if !r.DmatAdjustedVolume.Valid || slices.ContainsFunc(adjusted, func(d decimal.NullDecimal) bool { return !d.Valid }) {
						s.bidAdjustedMissing++
					}
				} else {
					if !r.DmatAdjustedVolume.Valid || slices.ContainsFunc(append(adjusted, r.TlmAdjustedCost), func(d decimal.NullDecimal) bool { return d.Valid }) {
						s.offerAdjustedSet++
					}
					switch {
					case r.CadlFlag == nil:
						s.offerCadl[0]++
					case !*r.CadlFlag:
						s.offerCadl[1]++
					default:
						s.offerCadl[2]++
					}
					if r.Volume.IsPositive() && (r.CadlFlag == nil || !*r.CadlFlag) {
						candidates = candidates.Add(r.Volume)
						f := "-"
						if r.ID != nil && *r.ID != SyntheticSOID {
							f = fuel[*r.ID]
						}
						s.turnUpFuel[f] = s.turnUpFuel[f].Add(r.Volume)
					}
				}
				if r.ID != nil && *r.ID == SyntheticSOID {
					s.soID1++
					if side != elexon.Offer || r.AcceptanceID != nil || r.BidOfferPairID != nil || r.SoFlag == nil || !*r.SoFlag || !r.Volume.IsPositive() {
						s.soID1Bad++
					}
				}
				if bytes.Contains(r.Raw, []byte(`"volume":`)) && bytes.Contains(r.Raw, []byte(`e-0`)) {
					s.exponent++
				}
				if curt {
					curtailed = curtailed.Add(r.Volume.Abs())
					s.curtail++
					perUnit[*r.ID]++
					if side == elexon.Offer {
						s.windOfferCurtail++
					}
					if r.CreatedDateTime == nil {
						s.nullCreatedCurtail++
					}
					if r.OriginalPrice.Valid && r.OriginalPrice.Decimal.IsPositive() && side == elexon.Bid {
						s.posWindBid++
					}
				} else if isWind {
					s.windNotCurt++
				}
				if r.ID == nil {
					s.nullID++
				} else if !isWind {
					s.nonWind++
				}
				if r.SoFlag == nil {
					s.soNull++
				}
				if r.CadlFlag == nil {
					s.cadlNull++
				}
				if r.CadlFlag != nil && *r.CadlFlag && (r.SoFlag == nil || !*r.SoFlag) {
					s.cadlOnly++
				}
				if r.Volume.Abs().LessThan(tiny) {
					s.tiny++
				}
				if !r.OriginalPrice.Valid {
					s.nullPrice++
				}
				if r.CreatedDateTime == nil {
					s.nullCreated++
				}
			}
			for _, n := range perUnit {
				if n > 1 {
					s.multiRow++
				}
			}
		}
		s.periods++
		if candidates.GreaterThanOrEqual(curtailed) {
			s.covered++
		}
	}
	return s
}

// fuelTypes maps the snapshot's BM unit ids to their fuel type ("" none).
func fuelTypes(t *testing.T) map[string]string {
	t.Helper()
	var all []struct {
		ID   *string `json:"elexonBmUnit"`
		Fuel *string `json:"fuelType"`
	}
	if err := json.Unmarshal(refdata.BMUnitsSnapshot, &all); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, u := range all {
		if u.ID != nil && u.Fuel != nil {
			out[*u.ID] = *u.Fuel
		} else if u.ID != nil {
			out[*u.ID] = ""
		}
	}
	return out
}

func TestGeneratedDaysAreRealistic(t *testing.T) {
	for _, ds := range []string{"2025-03-06", "2025-03-30", "2025-10-26", "2024-01-15", "2025-07-01", "2022-12-31"} {
		date, _ := settlement.ParseDate(ds)
		start := time.Now()
		s := stats(t, date)
		t.Logf("%s: %d bid rows (%d-%d a period), %d offer rows (%d-%d), %d curtailment rows; decoded in %v",
			ds, s.bid, s.bidMin, s.bidMax, s.offer, s.offerMin, s.offerMax, s.curtail, time.Since(start).Round(time.Millisecond))
		switch {
		case s.bidMin < 150 || s.bidMax > 250:
			t.Errorf("%s: bid stacks of %d-%d rows, want 150-250", ds, s.bidMin, s.bidMax)
		case s.offerMin < 60 || s.offerMax > 150:
			t.Errorf("%s: offer stacks of %d-%d rows, want 60-150", ds, s.offerMin, s.offerMax)
		case s.curtail < 3000 || s.curtail > 5000:
			t.Errorf("%s: %d curtailment rows, want 3,000-5,000", ds, s.curtail)
		}
		for name, n := range map[string]int{
			"units with several rows in a period": s.multiRow, "null soFlag": s.soNull,
			"null cadlFlag": s.cadlNull, "null ids": s.nullID, "positive-priced wind bids": s.posWindBid,
			"wind offers counted as curtailment": s.windOfferCurtail, "tiny volumes": s.tiny,
			"null originalPrice": s.nullPrice, "null createdDateTime": s.nullCreated,
			"non-wind units": s.nonWind, "cadlFlag without soFlag": s.cadlOnly, "wind rows not curtailment": s.windNotCurt,
		} {
			if n == 0 {
				t.Errorf("%s: no %s", ds, name)
			}
		}
		if s.nullCreatedCurtail != 0 {
			t.Errorf("%s: %d curtailment rows without createdDateTime", ds, s.nullCreatedCurtail)
		}
		if s.nullPrice > s.curtail/20 {
			t.Errorf("%s: %d null prices: should be rare", ds, s.nullPrice)
		}
		// The quirks of the live API (internal/elexon/testdata/real).
		rows := s.bid + s.offer
		switch {
		case s.notMetadataFirst != 0:
			t.Errorf("%s: %d stacks not wrapped metadata first", ds, s.notMetadataFirst)
		case s.bidAdjustedMissing != 0 || s.offerAdjustedSet != 0:
			t.Errorf("%s: %d bid rows lack an adjusted volume, %d offer rows have one besides DMAT", ds, s.bidAdjustedMissing, s.offerAdjustedSet)
		case s.offerCadl[0] < s.offer*80/100 || s.offerCadl[1] == 0 || s.offerCadl[2] == 0:
			t.Errorf("%s: offers with cadlFlag null, false, true: %v; want mostly null, some of each", ds, s.offerCadl)
		case s.soID1 < s.offer/20 || s.soID1Bad != 0:
			t.Errorf(`%s: %d offer rows with id "1" (%d not SO-flagged positive offers without acceptance and pair)`, ds, s.soID1, s.soID1Bad)
		case s.nullID == 0 || s.nullID > rows/100:
			t.Errorf("%s: %d rows of %d without an id: want a few", ds, s.nullID, rows)
		case s.exponent < s.offer/100:
			t.Errorf("%s: %d volumes in exponent form", ds, s.exponent)
		case s.covered < s.periods*9/10:
			t.Errorf("%s: turn-up candidates cover the curtailed MWh in %d of %d periods", ds, s.covered, s.periods)
		}
		var total decimal.Decimal
		top, topMWh := "", decimal.Zero
		for f, mwh := range s.turnUpFuel {
			total = total.Add(mwh)
			if mwh.GreaterThan(topMWh) {
				top, topMWh = f, mwh
			}
		}
		if top != "CCGT" || s.turnUpFuel["NUCLEAR"].IsPositive() || len(s.turnUpFuel) < 6 {
			t.Errorf("%s: turn-up candidates by fuel %v: want CCGT first, several fuels, no nuclear", ds, s.turnUpFuel)
		}
		t.Logf("%s: turn-up candidates %s MWh, CCGT %s%%; %d id \"1\" rows, %d without id, %d in exponent form",
			ds, total.StringFixed(0), topMWh.Div(total).Mul(decimal.NewFromInt(100)).StringFixed(0), s.soID1, s.nullID, s.exponent)
	}
}
