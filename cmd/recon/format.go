package main

import (
	"strings"

	"github.com/shopspring/decimal"
)

// thousands formats an integer or decimal string with comma separators in
// its whole part: 4361 → 4,361; -4428545.03 → -4,428,545.03.
func thousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// fixed formats d with n decimals and thousands separators.
func fixed(d decimal.Decimal, n int32) string { return thousands(d.StringFixed(n)) }

// grouped formats an integer with thousands separators.
func grouped[T ~int | ~int32 | ~int64](n T) string {
	return thousands(decimal.NewFromInt(int64(n)).String())
}
