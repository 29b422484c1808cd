package bitcoin

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Model is a miner model (data, not code): its hashrate and power draw.
type Model struct {
	Name        string
	HashrateTHs decimal.Decimal // terahashes per second
	PowerWatts  decimal.Decimal
}

// btcPlaces is the number of decimals BTC is rounded to: 1 satoshi.
const btcPlaces int32 = 8

// Constants of the formula, as exact decimals.
var (
	kWhPerMWh      = decimal.NewFromInt(1000)
	wattsPerKW     = decimal.NewFromInt(1000)
	periodHours    = decimal.New(5, -1)            // 0.5 h
	hashesPerDiff  = decimal.NewFromInt(1 << 32)   // hashes per unit of difficulty
	blockSeconds   = decimal.NewFromInt(600)       // target block interval
	hashesPerTH    = decimal.New(1, 12)            // 10^12
	blocksInPeriod = decimal.NewFromInt(3)         // blocks per half hour
	satsPerBTC     = decimal.New(1, 8)             // 10^8
	maxSatoshis    = decimal.NewFromInt(1<<63 - 1) // largest int64
	minSatoshis    = decimal.NewFromInt(-1 << 63)  // smallest int64
)

// PeriodBTC is the Bitcoin that energyMWh, the curtailment of one half-hour
// settlement period, could mine on model m at the given difficulty and block
// subsidy, rounded half-up to 8 decimals (see the package documentation).
//
// Energy of zero or less mines nothing. PeriodBTC panics if m.PowerWatts or
// difficulty is zero; [Compute] checks its inputs before calling it.
func PeriodBTC(energyMWh decimal.Decimal, m Model, difficulty, subsidy decimal.Decimal) decimal.Decimal {
	n := miners(energyMWh, m.PowerWatts)
	// miners × H ÷ (D × 2^32 ÷ 600 ÷ 10^12) × S × 3, as one fraction:
	num := n.Mul(m.HashrateTHs).Mul(subsidy).Mul(blocksInPeriod).Mul(blockSeconds).Mul(hashesPerTH)
	den := difficulty.Mul(hashesPerDiff)
	return num.DivRound(den, btcPlaces)
}

// miners is the number of whole miners drawing powerWatts that energyMWh can
// run for a half hour: floor(E × 1000 ÷ (W ÷ 1000 × 0.5)), computed as the
// exact integer quotient of E × 1000 × 1000 by W × 0.5.
func miners(energyMWh, powerWatts decimal.Decimal) decimal.Decimal {
	if !energyMWh.IsPositive() {
		return decimal.Zero
	}
	kWh := energyMWh.Mul(kWhPerMWh)
	q, _ := kWh.Mul(wattsPerKW).QuoRem(powerWatts.Mul(periodHours), 0)
	return q
}

// Satoshis converts btc, which must have at most 8 decimals (as [PeriodBTC]
// returns), to satoshis. It panics if btc has a finer fraction or does not
// fit an int64: rounding it silently would hide a bug.
func Satoshis(btc decimal.Decimal) int64 {
	s, err := toSatoshis(btc)
	if err != nil {
		panic(err)
	}
	return s
}

// toSatoshis is Satoshis returning an error instead of panicking.
func toSatoshis(btc decimal.Decimal) (int64, error) {
	s := btc.Mul(satsPerBTC)
	if !s.IsInteger() {
		return 0, fmt.Errorf("bitcoin: %s BTC is not a whole number of satoshis", btc)
	}
	if s.GreaterThan(maxSatoshis) || s.LessThan(minSatoshis) {
		return 0, fmt.Errorf("bitcoin: %s BTC is too many satoshis for an int64", btc)
	}
	return s.IntPart(), nil
}

// FromSatoshis converts satoshis to BTC, with exponent -8.
func FromSatoshis(s int64) decimal.Decimal {
	return decimal.New(s, -btcPlaces)
}
