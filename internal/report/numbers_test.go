package report

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestNumbers: money with the minus sign before the pound sign and
// thousands separators, to the penny; prices exactly; energy to the kWh.
func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		f    func(decimal.Decimal) string
		in   string
		want string
	}{
		{Money, "-4451866.2149", "-£4,451,866.21"},
		{Money, "-0.004", "£0.00"},
		{Money, "-0.005", "-£0.01"},
		{Money, "1234.5", "£1,234.50"},
		{Money, "0", "£0.00"},
		{SignedMoney, "12.5", "+£12.50"},
		{SignedMoney, "-3", "-£3.00"},
		{SignedMoney, "0", "£0.00"},
		{Price, "70000.5", "£70,000.50"},
		{Price, "69748.4612", "£69,748.4612"},
		{Price, "70500", "£70,500.00"},
		{Price, "-2.1", "-£2.10"},
		{Energy, "63081.7294", "63,081.729"},
		{Energy, "-292579.1455", "-292,579.146"},
		{Energy, "0.0004", "0.000"},
	} {
		if got := tc.f(decimal.RequireFromString(tc.in)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.in, got, tc.want)
		}
	}
}
