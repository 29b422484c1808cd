package bitcoin

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Share is one farm's curtailed energy in a period.
type Share struct {
	FarmID string
	MWh    decimal.Decimal
}

// Allocate splits totalSats among farms in proportion to their MWh so that
// the parts add up exactly to totalSats (the largest-remainder method). Each
// farm first gets floor(totalSats × MWh ÷ ΣMWh); the satoshis left over go one
// each to the farms with the largest fractional parts, ties going to the
// larger MWh, then to the smaller FarmID. The result is in the order of farms.
//
// A farm with 0 MWh gets 0. If there are no farms, or all have 0 MWh, there
// is nothing to share by: Allocate returns all zeros when totalSats is 0 and
// an error otherwise, since satoshis would be lost. Negative totalSats or MWh
// are errors.
func Allocate(totalSats int64, farms []Share) ([]int64, error) {
	if totalSats < 0 {
		return nil, fmt.Errorf("bitcoin: cannot allocate a negative amount (%d satoshis)", totalSats)
	}
	weights, sum, err := shareWeights(farms)
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(farms))
	if sum.Sign() == 0 {
		if totalSats != 0 {
			return nil, fmt.Errorf("bitcoin: cannot allocate %d satoshis among %d farms with no energy", totalSats, len(farms))
		}
		return out, nil
	}
	// Exact shares total × w_i ÷ Σw have the common denominator Σw, so their
	// fractional parts compare as the remainders of total × w_i mod Σw.
	total := big.NewInt(totalSats)
	remainders := make([]*big.Int, len(farms))
	left := totalSats
	for i, w := range weights {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(total, w), sum, new(big.Int))
		out[i] = q.Int64() // q <= totalSats, so it fits
		left -= out[i]
		remainders[i] = r
	}
	for _, i := range remainderOrder(farms, remainders)[:left] {
		out[i]++
	}
	return out, nil
}

// shareWeights turns the farms' MWh into integers on a common scale (so that
// their ratios are exact) and returns them with their sum.
func shareWeights(farms []Share) ([]*big.Int, *big.Int, error) {
	minExp := int32(0)
	for i, f := range farms {
		if f.MWh.IsNegative() {
			return nil, nil, fmt.Errorf("bitcoin: farm %q has negative energy %s MWh", f.FarmID, f.MWh)
		}
		if i == 0 || f.MWh.Exponent() < minExp {
			minExp = f.MWh.Exponent()
		}
	}
	weights := make([]*big.Int, len(farms))
	sum := new(big.Int)
	for i, f := range farms {
		weights[i] = f.MWh.Shift(-minExp).BigInt() // an integer: exact
		sum.Add(sum, weights[i])
	}
	return weights, sum, nil
}

// remainderOrder returns the indices of farms ordered by who gets a leftover
// satoshi first: larger remainder, then larger MWh, then smaller FarmID.
func remainderOrder(farms []Share, remainders []*big.Int) []int {
	order := make([]int, len(farms))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(
			remainders[b].Cmp(remainders[a]),
			farms[b].MWh.Cmp(farms[a].MWh),
			strings.Compare(farms[a].FarmID, farms[b].FarmID),
		)
	})
	return order
}
