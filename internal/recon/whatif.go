package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// What-if figures: Bitcoin computed with an explicit difficulty (`recon run
// --difficulty N`, `recon recalc --difficulty N`) instead of the difficulty
// table, marked on each row (historical_bitcoin_calculations.
// difficulty_override). They stand until a normal run, recalc or rederive
// of the date replaces them, for every miner model at once (recalc.go).
// Status lists the dates holding them; the report marks every row that
// includes them.

// WhatIfDate is a stored date whose Bitcoin holds what-if figures: rows
// computed with an explicit difficulty instead of the difficulty table.
type WhatIfDate struct {
	Date    time.Time
	Periods int // periods holding what-if rows
	// The difficulties used: one, unless runs of some periods gave several.
	DifficultyMin, DifficultyMax decimal.Decimal
}

// whatIfDates reads the dates of from..to whose Bitcoin holds what-if
// figures.
func whatIfDates(ctx context.Context, q *db.Queries, from, to time.Time) ([]WhatIfDate, error) {
	rows, err := q.ReportWhatIfDates(ctx, db.ReportWhatIfDatesParams{FromDate: from, ToDate: to})
	if err != nil {
		return nil, fmt.Errorf("read what-if dates: %w", err)
	}
	out := make([]WhatIfDate, len(rows))
	for i, r := range rows {
		out[i] = WhatIfDate{Date: settlement.Date(r.SettlementDate), Periods: int(r.Periods),
			DifficultyMin: r.DifficultyMin, DifficultyMax: r.DifficultyMax}
	}
	return out, nil
}
