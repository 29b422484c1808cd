package recon

import (
	"fmt"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// checkDay checks what the database's keys will rely on: every row belongs
// to its date and period, and sequence numbers are unique per period and
// side.
func checkDay(day *elexon.Day) error {
	ds := day.Date.Format(settlement.DateLayout)
	var seen map[int32]bool
	for _, p := range day.Periods {
		for _, side := range elexon.Sides {
			rows := sideRows(&p, side)
			if seen == nil {
				seen = make(map[int32]bool, len(rows))
			}
			clear(seen)
			for i := range rows {
				r := &rows[i]
				if r.SettlementPeriod != p.Period || r.SettlementDate != ds {
					return fmt.Errorf("stack %s period %d %s: a row says %s period %d",
						ds, p.Period, side, r.SettlementDate, r.SettlementPeriod)
				}
				if seen[r.SequenceNumber] {
					return fmt.Errorf("stack %s period %d %s: sequence number %d appears twice",
						ds, p.Period, side, r.SequenceNumber)
				}
				seen[r.SequenceNumber] = true
			}
		}
	}
	return nil
}

func sideRows(p *elexon.PeriodStack, side elexon.Side) []elexon.StackRow {
	if side == elexon.Offer {
		return p.Offer
	}
	return p.Bid
}

func sideBody(p *elexon.PeriodStack, side elexon.Side) []byte {
	if side == elexon.Offer {
		return p.OfferBody
	}
	return p.BidBody
}

// coverageParams records, per period, whether it was published and how many
// rows each side had.
func coverageParams(day *elexon.Day, runID int64) []db.SettlementPeriodsInsertParams {
	out := make([]db.SettlementPeriodsInsertParams, 0, len(day.Periods))
	for _, p := range day.Periods {
		out = append(out, db.SettlementPeriodsInsertParams{
			SettlementDate:   day.Date,
			SettlementPeriod: int16(p.Period),
			Published:        p.Published,
			BidRows:          int32(len(p.Bid)),
			OfferRows:        int32(len(p.Offer)),
			RunID:            runID,
		})
	}
	return out
}
