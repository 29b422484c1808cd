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

// stackRowParams turns a fetched day into rows for the archive, after
// checkDay.
func stackRowParams(day *elexon.Day) ([]db.StackRowsInsertParams, error) {
	if err := checkDay(day); err != nil {
		return nil, err
	}
	n := 0
	for _, p := range day.Periods {
		n += len(p.Bid) + len(p.Offer)
	}
	out := make([]db.StackRowsInsertParams, 0, n)
	for _, p := range day.Periods {
		for _, side := range elexon.Sides {
			rows := sideRows(&p, side)
			for i := range rows {
				r := &rows[i]
				out = append(out, db.StackRowsInsertParams{
					SettlementDate:             day.Date,
					SettlementPeriod:           int16(p.Period),
					Side:                       string(side),
					SequenceNumber:             r.SequenceNumber,
					BmUnit:                     r.ID,
					AcceptanceID:               r.AcceptanceID,
					BidOfferPairID:             r.BidOfferPairID,
					StartTime:                  r.StartTime,
					CreatedDateTime:            r.CreatedDateTime,
					SoFlag:                     r.SoFlag,
					CadlFlag:                   r.CadlFlag,
					StorProviderFlag:           r.StorProviderFlag,
					RepricedIndicator:          r.RepricedIndicator,
					Volume:                     r.Volume,
					OriginalPrice:              r.OriginalPrice,
					FinalPrice:                 r.FinalPrice,
					ReserveScarcityPrice:       r.ReserveScarcityPrice,
					DmatAdjustedVolume:         r.DmatAdjustedVolume,
					ArbitrageAdjustedVolume:    r.ArbitrageAdjustedVolume,
					NivAdjustedVolume:          r.NivAdjustedVolume,
					ParAdjustedVolume:          r.ParAdjustedVolume,
					TransmissionLossMultiplier: r.TransmissionLossMultiplier,
					TlmAdjustedVolume:          r.TlmAdjustedVolume,
					TlmAdjustedCost:            r.TlmAdjustedCost,
					Raw:                        r.Raw,
				})
			}
		}
	}
	return out, nil
}

// stackRowColumns are the columns stackRowSource fills, in its order: those
// of StackRowsInsert (sql/queries/stack_rows.sql).
var stackRowColumns = []string{
	"settlement_date", "settlement_period", "side", "sequence_number", "bm_unit", "acceptance_id",
	"bid_offer_pair_id", "start_time", "created_date_time", "so_flag", "cadl_flag", "stor_provider_flag",
	"repriced_indicator", "volume", "original_price", "final_price", "reserve_scarcity_price",
	"dmat_adjusted_volume", "arbitrage_adjusted_volume", "niv_adjusted_volume", "par_adjusted_volume",
	"transmission_loss_multiplier", "tlm_adjusted_volume", "tlm_adjusted_cost", "raw", "run_id",
}

// stackRowSource streams a checked day's stack rows into COPY
// (pgx.CopyFromSource) straight from the decoded rows: no slice of
// parameters is built, so a day costs its decoded rows and nothing more.
type stackRowSource struct {
	day    *elexon.Day
	runID  int64
	period int // index into day.Periods
	side   int // index into elexon.Sides
	next   int // next row of the current period and side
	row    *elexon.StackRow
	vals   []any
}

func newStackRowSource(day *elexon.Day, runID int64) *stackRowSource {
	return &stackRowSource{day: day, runID: runID, vals: make([]any, len(stackRowColumns))}
}

// Next implements pgx.CopyFromSource.
func (s *stackRowSource) Next() bool {
	for s.period < len(s.day.Periods) {
		rows := sideRows(&s.day.Periods[s.period], elexon.Sides[s.side])
		if s.next < len(rows) {
			s.row = &rows[s.next]
			s.next++
			return true
		}
		s.next = 0
		if s.side++; s.side == len(elexon.Sides) {
			s.side = 0
			s.period++
		}
	}
	return false
}

// Values implements pgx.CopyFromSource. The slice is reused: pgx encodes it
// before calling Next again.
func (s *stackRowSource) Values() ([]any, error) {
	r, v := s.row, s.vals
	v[0], v[1], v[2], v[3] = s.day.Date, int16(s.day.Periods[s.period].Period), string(elexon.Sides[s.side]), r.SequenceNumber
	v[4], v[5], v[6], v[7] = r.ID, r.AcceptanceID, r.BidOfferPairID, r.StartTime
	v[8], v[9], v[10], v[11] = r.CreatedDateTime, r.SoFlag, r.CadlFlag, r.StorProviderFlag
	v[12], v[13], v[14], v[15] = r.RepricedIndicator, r.Volume, r.OriginalPrice, r.FinalPrice
	v[16], v[17], v[18], v[19] = r.ReserveScarcityPrice, r.DmatAdjustedVolume, r.ArbitrageAdjustedVolume, r.NivAdjustedVolume
	v[20], v[21], v[22], v[23] = r.ParAdjustedVolume, r.TransmissionLossMultiplier, r.TlmAdjustedVolume, r.TlmAdjustedCost
	v[24], v[25] = []byte(r.Raw), s.runID
	return v, nil
}

// Err implements pgx.CopyFromSource.
func (s *stackRowSource) Err() error { return nil }

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
