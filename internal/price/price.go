// Package price reads the price of one bitcoin in pounds: points (an instant
// and the price that holds for it) from a CSV file (`recon price import`)
// and from mempool.space's historical-price endpoint (`recon price sync`).
// Prices are decimals read from their text, never float64.
//
// The rule that gives a settlement period its price is not here: it is the
// SQL function btc_price_at (migration 00012), which every query that prices
// a period calls. This package only supplies the bound it uses by default.
package price

import (
	"time"

	"github.com/shopspring/decimal"
)

// Point is one price of one bitcoin in pounds.
type Point struct {
	// ObservedAt is the instant the price holds for, in UTC. A daily close
	// for UTC day D is the point observed at D+1 00:00Z.
	ObservedAt time.Time
	// GBP is the price, positive, exactly as the source wrote it.
	GBP decimal.Decimal
	// Source says where the point comes from (btc_prices.source); "" when the
	// file or payload did not say, for the caller to label.
	Source string
}

// DefaultMaxAge is how old the latest point before a period's start may be
// for the period to have a price: a period whose latest point is older has
// none. Eight days let a history of weekly points price every period. It is
// also the default of btc_price_at's max_age in SQL (a test keeps the two
// equal).
const DefaultMaxAge = 8 * 24 * time.Hour

// Sources written by recon itself (btc_prices.source).
const (
	// SourceImportPrefix, followed by the file's base name, labels the points
	// of an imported file that gives no source column.
	SourceImportPrefix = "import:"
	// SourceSyncPrefix, followed by the base URL, labels the points of a sync.
	SourceSyncPrefix = "sync:"
)

// The sources of the shipped history (internal/refdata/btc_gbp_daily_2016-2025.csv).
const (
	// SourceYahoo is Yahoo Finance's BTC-GBP daily close (to 2024-07-14).
	SourceYahoo = "yahoo-btc-gbp"
	// SourceDerived is Bitstamp's BTC/USD times a GBP exchange rate (from
	// 2024-07-15): a derived price, which reports must label as such.
	SourceDerived = "derived-bitstamp-usd-x-gbp"
)
