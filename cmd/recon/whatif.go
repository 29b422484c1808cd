package main

import (
	"github.com/shopspring/decimal"
)

// whatIfLabel is the label of figures computed with a what-if difficulty
// instead of the difficulty table ("" for table figures). Summaries carry it
// after their heading, as they carry the SYNTHETIC label.
func whatIfLabel(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return "  [WHAT-IF: difficulty " + fixed(*d, 0) + " for every period, not the difficulty table]"
}
