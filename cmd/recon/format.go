package main

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	reportfmt "github.com/recon-energy/recon/internal/report"
)

// Money and energy are written one way wherever people read them (the
// reasons are in internal/report/numbers.go, which the report's tables use
// too): money -£1,234.56, energy 63,081.729 (MWh). CSV and JSON keep every
// digit.

// money formats pounds to the penny: -£1,234.56.
func money(d decimal.Decimal) string { return reportfmt.Money(d) }

// signedMoney is money with a plus sign above zero, for differences.
func signedMoney(d decimal.Decimal) string { return reportfmt.SignedMoney(d) }

// gbpPrice formats a BTC price in pounds exactly: £70,000.50.
func gbpPrice(d decimal.Decimal) string { return reportfmt.Price(d) }

// energy formats MWh to the kWh: 63,081.729.
func energy(d decimal.Decimal) string { return reportfmt.Energy(d) }

// fixed formats d with n decimals and thousands separators.
func fixed(d decimal.Decimal, n int32) string { return reportfmt.Thousands(d.StringFixed(n)) }

// grouped formats an integer with thousands separators.
func grouped[T ~int | ~int32 | ~int64](n T) string {
	return reportfmt.Thousands(decimal.NewFromInt(int64(n)).String())
}

// intList formats numbers (periods, usually) as "3, 17, 48".
func intList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}

// plural is one or many, by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// syntheticLabel is the label every summary line of data from the stand-in
// server carries, after its heading ("" for real data).
func syntheticLabel(synthetic bool) string {
	if synthetic {
		return "  [SYNTHETIC data from recon's stand-in Elexon server]"
	}
	return ""
}
