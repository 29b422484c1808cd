package report

import (
	"strings"

	"github.com/shopspring/decimal"
)

// How recon shows money and energy to people, everywhere: run summaries,
// backfill, reconcile and verify tables, status, report tables and pages.
// CSV and JSON keep every digit instead.
//
// Money is pounds to the penny with thousands separators and the minus sign
// before the pound sign: -£1,234.56, never £-1,234.56. The sign belongs to
// the amount, not to the currency, and this is how amounts are written in
// British prose and shown by spreadsheets in their en-GB currency format, so
// a figure copied from recon reads the same there. Payments are usually
// negative (money paid to the wind farms), so this form is the one people
// see most.
//
// Energy is MWh to the kWh (3 decimals) with thousands separators:
// 63,081.729. The unit is said beside it (in prose) or in the column's
// heading (in tables).

// Money formats an amount in pounds: -£1,234.56.
func Money(d decimal.Decimal) string {
	d = d.Round(2) // so that -0.004 is £0.00, not -£0.00
	if d.IsNegative() {
		return "-£" + Thousands(d.Neg().StringFixed(2))
	}
	return "£" + Thousands(d.StringFixed(2))
}

// SignedMoney is Money with a plus sign on amounts above zero, for
// differences: +£12.50, -£3.00.
func SignedMoney(d decimal.Decimal) string {
	if d.Round(2).IsPositive() {
		return "+" + Money(d)
	}
	return Money(d)
}

// Price formats a price in pounds as Money does, but keeps every decimal
// the price has beyond the penny (a stored price is shown exactly):
// £70,000.50, £69,748.4612.
func Price(d decimal.Decimal) string {
	places := max(int32(2), -d.Exponent())
	s := strings.TrimRight(d.Abs().StringFixed(places), "0")
	if whole, frac, _ := strings.Cut(s, "."); len(frac) < 2 {
		s = whole + "." + frac + strings.Repeat("0", 2-len(frac))
	}
	if d.IsNegative() {
		return "-£" + Thousands(s)
	}
	return "£" + Thousands(s)
}

// Energy formats MWh to the kWh: 63,081.729.
func Energy(d decimal.Decimal) string { return Thousands(d.StringFixed(3)) }

// Thousands formats an integer or decimal string with comma separators in
// its whole part: 4361 → 4,361; -4428545.03 → -4,428,545.03. The CLI's
// summaries use it too.
func Thousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
