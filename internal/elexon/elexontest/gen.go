package elexontest

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/refdata"
	"github.com/recon-energy/recon/internal/settlement"
)

// unitPools are the BM unit ids the generator draws from: the default wind
// registry, and transmission or embedded units the snapshot does not tag WIND
// (other). offer is other weighted by how often each fuel is paid to turn up
// when wind is curtailed: mostly gas (CCGT, OCGT), then pumped storage,
// hydro, biomass and the many units without a fuel type (batteries and the
// like); never nuclear or coal.
type unitPools struct {
	wind, other, offer []string
}

// offerWeight is how many times a unit of each fuel type is entered in the
// offer pool ("" for a unit without one).
var offerWeight = map[string]int{"CCGT": 6, "OCGT": 4, "PS": 4, "NPSHYD": 2, "BIOMASS": 3, "OTHER": 1, "": 1}

var pools = sync.OnceValue(func() unitPools {
	var seed []struct {
		ElexonBmUnit string `json:"elexonBmUnit"`
	}
	if err := json.Unmarshal(refdata.WindBMUsSeed212, &seed); err != nil {
		panic("elexontest: wind_bmus_seed_212.json: " + err.Error())
	}
	var p unitPools
	isWind := make(map[string]bool, len(seed))
	for _, u := range seed {
		if u.ElexonBmUnit != "" {
			p.wind = append(p.wind, u.ElexonBmUnit)
			isWind[u.ElexonBmUnit] = true
		}
	}
	var all []struct {
		ElexonBmUnit *string `json:"elexonBmUnit"`
		FuelType     *string `json:"fuelType"`
		BmUnitType   *string `json:"bmUnitType"`
	}
	if err := json.Unmarshal(refdata.BMUnitsSnapshot, &all); err != nil {
		panic("elexontest: bmunits snapshot: " + err.Error())
	}
	for _, u := range all {
		if u.ElexonBmUnit == nil || *u.ElexonBmUnit == "" || isWind[*u.ElexonBmUnit] ||
			(u.FuelType != nil && *u.FuelType == "WIND") ||
			u.BmUnitType == nil || (*u.BmUnitType != "T" && *u.BmUnitType != "E") {
			continue
		}
		p.other = append(p.other, *u.ElexonBmUnit)
		fuel := ""
		if u.FuelType != nil {
			fuel = *u.FuelType
		}
		for range offerWeight[fuel] {
			p.offer = append(p.offer, *u.ElexonBmUnit)
		}
	}
	return p
})

// WindUnits is the wind BM unit ids the generator uses (the default wind
// registry, refdata.WindBMUsSeed212), for tests that count curtailment.
func WindUnits() []string { return append([]string(nil), pools().wind...) }

// mix is splitmix64's finaliser, to turn structured keys into seeds.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func dayNumber(date time.Time) uint64 { return uint64(date.Unix() / 86400) }

func newRand(keys ...uint64) *rand.Rand {
	h1, h2 := uint64(0x5eed), uint64(0xc0ffee)
	for _, k := range keys {
		h1 = mix(h1 ^ k)
		h2 = mix(h2 + k*0x2545f4914f6cdd1d)
	}
	return rand.New(rand.NewPCG(h1, h2))
}

func sideKey(s elexon.Side) uint64 {
	if s == elexon.Offer {
		return 2
	}
	return 1
}

// genRow is one generated stack row, in integers: the volume is volK/240 MWh
// (1/240 MWh is 1 MW for 15 seconds), or, when tinyK > 0, tinyK/3,600,000
// MWh (1 kW for a second, written in exponent form as the API writes such
// volumes: 2.77777777778e-07); prices are in pence, the transmission loss
// multiplier is in units of 1e-7.
type genRow struct {
	id                  string // "" = null
	acceptance          int64  // 0 = null
	bop                 int32  // 0 = null
	hasBop              bool
	cadl, so            int8 // -1 null, 0 false, 1 true
	repriced            bool
	priceNull           bool
	pricePence          int64
	volK                int64
	tinyK               int64
	tlm                 int64
	createdNull         bool
	nivZero, parNonZero bool
	// offerAdjusted: as on the real offer side, only dmatAdjustedVolume is
	// given; the arbitrage, NIV, PAR and TLM-adjusted fields are null.
	offerAdjusted bool
}

// SyntheticSOID is the id the API gives the system operator's own
// SO-flagged offer rows (no BM unit; acceptanceId and bidOfferPairId null).
const SyntheticSOID = "1"

// stackParams are what a stack is generated from.
type stackParams struct {
	date     time.Time
	period   int
	side     elexon.Side
	revision int
}

// generateStack writes the generated stack of p as a full response body.
func generateStack(p stackParams) []byte {
	pl := pools()
	date := p.date
	day := dayNumber(date)
	dayRng := newRand(day, 0xda1)
	// How windy and constrained the day is: the share of bid rows that are
	// curtailment, in per mille.
	curtailPM := 330 + dayRng.IntN(121)

	rng := newRand(day, uint64(p.period), sideKey(p.side), uint64(p.revision))
	var n int
	if p.side == elexon.Bid {
		n = 150 + rng.IntN(101)
	} else {
		n = 60 + rng.IntN(91)
	}
	// The wind units active in this period: few enough that several rows
	// per unit are common.
	active := make([]string, 30+rng.IntN(21))
	for i := range active {
		active[i] = pl.wind[rng.IntN(len(pl.wind))]
	}
	accBase := int64(day%20000)*100000 + int64(p.period)*1000
	if p.side == elexon.Offer {
		accBase += 500
	}

	rows := make([]genRow, n)
	var prevCurtail *genRow
	for i := range rows {
		r := &rows[i]
		r.acceptance = accBase + int64(i)
		r.hasBop = true
		r.tlm = 9_850_000 + rng.Int64N(300_001)
		r.nivZero = rng.IntN(10) < 7
		r.parNonZero = rng.IntN(10) < 2
		r.repriced = rng.IntN(100) == 0
		r.cadl = 0
		if rng.IntN(100) < 6 {
			r.cadl = 1
		}
		cat := rng.IntN(1000)
		if cat < 3 { // now and then a row without an id, either side
			r.id, r.acceptance, r.hasBop = "", 0, false
			r.so = flag(rng, 50, 45)
			r.volK = 1 + rng.Int64N(24000)
			r.pricePence = 5000 + rng.Int64N(10000)
			if p.side == elexon.Bid {
				r.volK = -r.volK
			} else {
				r.cadl, r.offerAdjusted = -1, true
			}
			continue
		}
		if p.side == elexon.Bid {
			switch {
			case cat < curtailPM: // curtailment: a wind unit turned down for system reasons
				if prevCurtail != nil && rng.IntN(4) == 0 {
					// Another bid-offer pair of the same acceptance.
					r.id, r.acceptance, r.bop = prevCurtail.id, prevCurtail.acceptance, prevCurtail.bop-1
				} else {
					r.id, r.bop = active[rng.IntN(len(active))], -1
				}
				r.so = 1
				switch c := rng.IntN(100); {
				case c < 6:
					r.cadl = 1
				case c < 10:
					r.cadl = -1
				default:
					r.cadl = 0
				}
				r.volK = -windVolume(rng)
				switch c := rng.IntN(1000); {
				case c < 5:
					r.priceNull = true
				case c < 55: // a wind bid at a positive price
					r.pricePence = 100 + rng.Int64N(3900)
				default:
					r.pricePence = -(500 + rng.Int64N(14500))
				}
				prevCurtail = r
			case cat < curtailPM+70: // wind, not counted
				r.id, r.bop = active[rng.IntN(len(active))], -1
				switch rng.IntN(3) {
				case 0:
					r.so = 0
				case 1:
					r.so = -1
				default: // cadlFlag alone does not make curtailment
					r.so, r.cadl = 0, 1
				}
				r.volK = -windVolume(rng)
				r.pricePence = -(500 + rng.Int64N(9500))
				r.createdNull = rng.IntN(30) == 0
			default: // a non-wind unit
				r.id, r.bop = pl.other[rng.IntN(len(pl.other))], -1-int32(rng.IntN(3))
				r.so = flag(rng, 50, 40)
				r.volK = -(1 + rng.Int64N(72000))
				r.pricePence = rng.Int64N(9000)
				r.priceNull = rng.IntN(2000) == 0
				r.createdNull = rng.IntN(30) == 0
			}
		} else {
			// Offers: cadlFlag null unless CADL-flagged (6%, drawn above)
			// or, now and then, false; adjusted volumes as on the real
			// offer side.
			r.offerAdjusted = true
			switch {
			case r.cadl == 1:
			case rng.IntN(100) < 3:
				r.cadl = 0
			default:
				r.cadl = -1
			}
			switch {
			case cat < 12: // a wind offer with negative volume, system-flagged: counts
				r.id, r.bop, r.so = active[rng.IntN(len(active))], 1, 1
				r.volK = -windVolume(rng)
				r.pricePence = 3000 + rng.Int64N(7000)
			case cat < 60: // a wind offer turning a unit up
				r.id, r.bop = active[rng.IntN(len(active))], 1
				r.so = flag(rng, 40, 50)
				r.volK = 1 + rng.Int64N(12000)
				r.pricePence = 4000 + rng.Int64N(8000)
			case cat < 160: // the system operator's own action: id "1", SO-flagged
				r.id, r.acceptance, r.hasBop, r.so = SyntheticSOID, 0, false, 1
				r.volK = 1 + rng.Int64N(48000)
				r.pricePence = 5000 + rng.Int64N(20000)
				r.createdNull = rng.IntN(30) == 0
			case cat < 190: // a unit's tiny residual volume, in exponent form
				r.id, r.bop, r.so = pl.offer[rng.IntN(len(pl.offer))], -1-int32(rng.IntN(3)), 0
				r.tinyK = 1 + rng.Int64N(60)
				r.pricePence = 6000 + rng.Int64N(25000)
			default: // a unit turned up: mostly gas
				r.id, r.bop = pl.offer[rng.IntN(len(pl.offer))], 1+int32(rng.IntN(3))
				r.so = flag(rng, 45, 45)
				r.volK = 1 + rng.Int64N(72000)
				r.pricePence = 6000 + rng.Int64N(25000)
				r.priceNull = rng.IntN(2000) == 0
				r.createdNull = rng.IntN(30) == 0
			}
		}
	}

	start := settlement.PeriodStart(date, p.period)
	// What every row of the stack shares, formatted once.
	c := rowCommon{
		date:    date.Format(settlement.DateLayout),
		period:  strconv.Itoa(p.period),
		start:   string(appendTime(nil, start)),
		created: string(appendTime(nil, createdAt(start, p.revision))),
	}
	b := make([]byte, 0, 64+n*720)
	b = append(b, stackHead...)
	for i := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendGenRow(b, &c, int32(i+1), &rows[i])
	}
	return append(b, stackTail...)
}

// A stack response is wrapped as the real API wraps it: metadata first.
const (
	stackHead = `{"metadata":{"datasets":["ISPSTACK"]},"data":[`
	stackTail = `]}`
)

// createdAt is when revision rev of the period's calculation ran.
func createdAt(start time.Time, rev int) time.Time {
	return start.Add(47*time.Minute + 13*time.Second + time.Duration(rev)*(6*time.Hour+7*time.Minute))
}

// windVolume is a curtailed volume in 1/240 MWh: a few are tiny
// (1/240 MWh is 1 MW for 15 s), most between 0.1 and 60 MWh.
func windVolume(rng *rand.Rand) int64 {
	if rng.IntN(100) < 4 {
		return 1 + rng.Int64N(5)
	}
	return 24 + rng.Int64N(1+rng.Int64N(14400))
}

// flag is true with probability t%, false with f%, otherwise null.
func flag(rng *rand.Rand, t, f int) int8 {
	switch c := rng.IntN(100); {
	case c < t:
		return 1
	case c < t+f:
		return 0
	default:
		return -1
	}
}

// GenerateStack is the response body the stand-in serves for a period and
// side with no override, at the given revision (0 until Revise). Periods
// beyond the day are not checked.
func GenerateStack(date time.Time, period int, side elexon.Side, revision int) []byte {
	return generateStack(stackParams{date: settlement.Date(date), period: period, side: side, revision: revision})
}
