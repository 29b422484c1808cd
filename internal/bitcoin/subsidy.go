package bitcoin

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// NextHalvingHorizon is the instant from which SubsidyAt refuses to answer:
// the halving at block 1,050,000 is expected in 2028 but its time is not yet
// known. When it is, add it to halvings and move this horizon on. (A var
// because Go has no time.Time constants; treat it as a constant.)
var NextHalvingHorizon = time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)

// initialSubsidy is the block subsidy from the genesis block.
var initialSubsidy = decimal.NewFromInt(50)

// halving is the subsidy in force from the halving block mined at time at.
type halving struct {
	at      time.Time
	subsidy decimal.Decimal
}

// halvings lists the halvings so far, in order, with the time of the block
// at which each took effect.
var halvings = []halving{
	{time.Date(2012, 11, 28, 15, 24, 38, 0, time.UTC), decimal.RequireFromString("25")},  // block 210,000
	{time.Date(2016, 7, 9, 16, 46, 13, 0, time.UTC), decimal.RequireFromString("12.5")},  // block 420,000
	{time.Date(2020, 5, 11, 19, 23, 43, 0, time.UTC), decimal.RequireFromString("6.25")}, // block 630,000
	{time.Date(2024, 4, 20, 0, 9, 27, 0, time.UTC), decimal.RequireFromString("3.125")},  // block 840,000
}

// SubsidyAt returns the block subsidy in force at instant t: that of the last
// halving block mined at or before t, 50 BTC before the first. For t on or
// after NextHalvingHorizon it returns an error, because the subsidy then
// depends on a halving whose time is not yet known.
func SubsidyAt(t time.Time) (decimal.Decimal, error) {
	if !t.Before(NextHalvingHorizon) {
		return decimal.Decimal{}, fmt.Errorf(
			"block subsidy at %s is unknown: the time of the halving at block 1,050,000 is not yet known; "+
				"the halving table in internal/bitcoin (subsidy.go) must be updated",
			t.UTC().Format(time.RFC3339))
	}
	subsidy := initialSubsidy
	for _, h := range halvings {
		if t.Before(h.at) {
			break
		}
		subsidy = h.subsidy
	}
	return subsidy, nil
}
