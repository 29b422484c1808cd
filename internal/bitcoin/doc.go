// Package bitcoin computes how much Bitcoin curtailed wind energy could have
// mined (SPEC §4). It is pure arithmetic: it does no I/O (the difficulty in
// force comes in through the [Difficulties] interface, which
// internal/difficulty implements), and every amount of energy, money or
// Bitcoin is a shopspring decimal.Decimal, never a float.
//
// # The formula
//
// For one half-hour settlement period with E MWh of curtailment and a miner
// model drawing W watts at H TH/s:
//
//   - the energy is E × 1000 kWh, and one miner uses W ÷ 1000 × 0.5 kWh in
//     the half hour, so floor(E × 1000 ÷ (W ÷ 1000 × 0.5)) whole miners can run;
//   - the network hashrate at difficulty D is D × 2^32 ÷ 600 ÷ 10^12 TH/s;
//   - the miners' share of that hashrate earns the same share of the three
//     blocks (of subsidy S each) found on average in half an hour:
//     miners × H ÷ network × S × 3 BTC.
//
// The difficulty and the subsidy are those in force when the period starts
// (see [Difficulties] and [SubsidyAt]). Fees are not counted.
//
// # Exactness and rounding
//
// Nothing is rounded along the way. The number of miners is an exact integer
// division (decimal QuoRem), and the Bitcoin formula is rearranged into one
// numerator and one denominator of exact decimals,
//
//	miners × H × S × 3 × 600 × 10^12
//	--------------------------------
//	           D × 2^32
//
// divided once and rounded half-up to 8 decimals, i.e. to the satoshi, as the
// original system's toFixed(8) did.
//
// A period's Bitcoin is then split among the farms that were curtailed in it,
// in proportion to their MWh, by the largest-remainder method ([Allocate]),
// so that the farm amounts, in whole satoshis, add up exactly to the period's.
package bitcoin
