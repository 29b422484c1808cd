package main

import (
	"github.com/shopspring/decimal"

	reportfmt "github.com/recon-energy/recon/internal/report"
)

// fixed formats d with n decimals and thousands separators.
func fixed(d decimal.Decimal, n int32) string { return reportfmt.Thousands(d.StringFixed(n)) }

// grouped formats an integer with thousands separators.
func grouped[T ~int | ~int32 | ~int64](n T) string {
	return reportfmt.Thousands(decimal.NewFromInt(int64(n)).String())
}
