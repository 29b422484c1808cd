package recon

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/database"
	"github.com/recon-energy/recon/internal/elexon"
)

// A day's archive is 96 responses (a period and side each) holding some
// 14,800 stack rows, and writing it is most of what `recon run` does. Each
// response is one row of stack_responses: its body exactly as received
// (which PostgreSQL compresses) and one array per field recon's SQL reads.
// They go to PostgreSQL as one COPY in the binary format, encoded here
// straight from the decoded rows (no parameter structs, no interface value
// per field, decimals in integer arithmetic) and streamed: each period is
// encoded while PostgreSQL stores the ones before it, and its decoded rows
// are let go as soon as they are encoded. This is the only way responses
// are archived: `recon run` stores with it and `recon verify` stages the
// API's responses with it.
//
// A stack row's shapes are the archive (stack_responses and the view
// stack_rows), elexon.StackRow (with its decoder), this COPY and the
// stand-in's encoder; sql/queries/stack_rows.sql lists what to change to
// add a field, and TestStackRowShapesAgree fails until they agree.

// stackResponseColumns are the columns of stack_responses the COPY writes,
// in its order (rebuilt keeps its default, false: these are the API's own
// bodies).
var stackResponseColumns = []string{
	"settlement_date", "settlement_period", "side", "run_id", "body", "row_start", "row_length",
	"sequence_number", "bm_unit", "acceptance_id", "bid_offer_pair_id", "start_time", "created_date_time",
	"so_flag", "cadl_flag", "stor_provider_flag", "repriced_indicator", "volume", "original_price", "final_price",
}

var copyStackResponsesSQL = "COPY stack_responses (" + strings.Join(stackResponseColumns, ", ") + ") FROM STDIN (FORMAT binary)"

// pgEpoch is PostgreSQL's zero for dates and timestamps.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// PostgreSQL's type oids of the arrays' elements.
const (
	oidBool        = 16
	oidInt8        = 20
	oidInt4        = 23
	oidText        = 25
	oidTimestamptz = 1184
	oidNumeric     = 1700
)

// archiveStackResponses stores the responses of a checked day, all of them with
// runID, in tx: `recon run` archiving what it fetched, `recon verify`
// staging the API's responses in its sandbox. Every published period has
// both its responses; the day's periods are emptied of rows and bodies as
// they are sent.
func archiveStackResponses(ctx context.Context, tx pgx.Tx, day *elexon.Day, runID int64) error {
	want := 0
	for _, p := range day.Periods {
		if p.Published {
			want += len(elexon.Sides)
		}
	}
	pr, pw := io.Pipe()
	encoded := make(chan error, 1)
	go func() {
		err := writeStackResponses(pw, day, runID)
		pw.CloseWithError(err)
		encoded <- err
	}()
	tag, err := tx.Conn().PgConn().CopyFrom(ctx, pr, copyStackResponsesSQL)
	pr.Close() // if COPY stopped reading early, this ends the writer
	if encErr := <-encoded; encErr != nil && !errors.Is(encErr, io.ErrClosedPipe) {
		return encErr
	}
	if err != nil {
		return err
	}
	if int(tag.RowsAffected()) != want {
		return fmt.Errorf("COPY stored %d stack responses of %d", tag.RowsAffected(), want)
	}
	return nil
}

// writeStackResponses writes the day's responses to w in the binary COPY
// format, a period at a time, emptying each period once written.
func writeStackResponses(w io.Writer, day *elexon.Day, runID int64) error {
	e := copyEncoder{buf: make([]byte, 0, 512<<10)}
	e.buf = append(e.buf, "PGCOPY\n\xff\r\n\x00"...)
	e.buf = binary.BigEndian.AppendUint32(e.buf, 0) // flags
	e.buf = binary.BigEndian.AppendUint32(e.buf, 0) // header extension length
	date := int32(day.Date.Sub(pgEpoch) / (24 * time.Hour))
	for i := range day.Periods {
		p := &day.Periods[i]
		if !p.Published {
			continue
		}
		for _, side := range elexon.Sides {
			if err := e.response(date, int16(p.Period), side, sideBody(p, side), sideRows(p, side), runID); err != nil {
				return fmt.Errorf("encode the %s response of %s period %d: %w", side, day.Date.Format("2006-01-02"), p.Period, err)
			}
		}
		if _, err := w.Write(e.buf); err != nil {
			return err
		}
		e.buf = e.buf[:0]
		p.Bid, p.Offer, p.BidBody, p.OfferBody = nil, nil, nil, nil
	}
	e.buf = binary.BigEndian.AppendUint16(e.buf, 0xffff) // trailer: -1
	_, err := w.Write(e.buf)
	return err
}

// copyEncoder appends binary COPY fields; the first error sticks.
type copyEncoder struct {
	buf     []byte
	err     error
	offsets []int32 // scratch: where each row of a response starts
	nulls   bool    // a null element was written since beginArray
}

// response appends one row of stack_responses: the body, where each row
// lies in it, and the rows' fields as arrays in the order of the response.
func (e *copyEncoder) response(date int32, period int16, side elexon.Side, body []byte, rows []elexon.StackRow, runID int64) error {
	if body == nil {
		return errors.New("no response body to archive")
	}
	// Each row's Raw is cut from the body; find it there, in order.
	e.offsets = e.offsets[:0]
	from := 0
	for i := range rows {
		raw := rows[i].Raw
		at := bytes.Index(body[from:], raw)
		if len(raw) == 0 || at < 0 {
			return fmt.Errorf("row %d (sequenceNumber %d) is not in the response body", i+1, rows[i].SequenceNumber)
		}
		e.offsets = append(e.offsets, int32(from+at))
		from += at + len(raw)
	}

	e.buf = binary.BigEndian.AppendUint16(e.buf, uint16(len(stackResponseColumns)))
	e.int32(date)
	e.int16(period)
	e.text(string(side))
	e.int64(runID)
	e.bytes(body) // the JSON text, as received

	n := len(rows)
	at := e.beginArray(oidInt4, n)
	for i := range rows {
		e.int32(e.offsets[i] + 1) // PostgreSQL counts from 1
	}
	e.endArray(at)
	at = e.beginArray(oidInt4, n)
	for i := range rows {
		e.int32(int32(len(rows[i].Raw)))
	}
	e.endArray(at)
	at = e.beginArray(oidInt4, n)
	for i := range rows {
		e.int32(rows[i].SequenceNumber)
	}
	e.endArray(at)
	at = e.beginArray(oidText, n)
	for i := range rows {
		e.optText(rows[i].ID)
	}
	e.endArray(at)
	at = e.beginArray(oidInt8, n)
	for i := range rows {
		if v := rows[i].AcceptanceID; v != nil {
			e.int64(*v)
		} else {
			e.null()
		}
	}
	e.endArray(at)
	at = e.beginArray(oidInt4, n)
	for i := range rows {
		if v := rows[i].BidOfferPairID; v != nil {
			e.int32(*v)
		} else {
			e.null()
		}
	}
	e.endArray(at)
	at = e.beginArray(oidTimestamptz, n)
	for i := range rows {
		e.timestamp(rows[i].StartTime)
	}
	e.endArray(at)
	at = e.beginArray(oidTimestamptz, n)
	for i := range rows {
		if v := rows[i].CreatedDateTime; v != nil {
			e.timestamp(*v)
		} else {
			e.null()
		}
	}
	e.endArray(at)
	for _, flag := range [...]func(*elexon.StackRow) *bool{
		func(r *elexon.StackRow) *bool { return r.SoFlag },
		func(r *elexon.StackRow) *bool { return r.CadlFlag },
		func(r *elexon.StackRow) *bool { return r.StorProviderFlag },
		func(r *elexon.StackRow) *bool { return r.RepricedIndicator },
	} {
		at = e.beginArray(oidBool, n)
		for i := range rows {
			e.optBool(flag(&rows[i]))
		}
		e.endArray(at)
	}
	at = e.beginArray(oidNumeric, n)
	for i := range rows {
		e.numeric(rows[i].Volume)
	}
	e.endArray(at)
	for _, price := range [...]func(*elexon.StackRow) decimal.NullDecimal{
		func(r *elexon.StackRow) decimal.NullDecimal { return r.OriginalPrice },
		func(r *elexon.StackRow) decimal.NullDecimal { return r.FinalPrice },
	} {
		at = e.beginArray(oidNumeric, n)
		for i := range rows {
			if d := price(&rows[i]); d.Valid {
				e.numeric(d.Decimal)
			} else {
				e.null()
			}
		}
		e.endArray(at)
	}
	return e.err
}

// beginArray starts a one-dimensional array of n elements of type oid (an
// empty array has no dimension) and returns where it starts, for endArray.
func (e *copyEncoder) beginArray(oid uint32, n int) int {
	at := len(e.buf)
	e.buf = append(e.buf, 0, 0, 0, 0) // length, set by endArray
	if n == 0 {
		e.buf = binary.BigEndian.AppendUint32(e.buf, 0) // dimensions
		e.buf = binary.BigEndian.AppendUint32(e.buf, 0) // has nulls
		e.buf = binary.BigEndian.AppendUint32(e.buf, oid)
	} else {
		e.buf = binary.BigEndian.AppendUint32(e.buf, 1)
		e.buf = binary.BigEndian.AppendUint32(e.buf, 0) // has nulls, set by endArray
		e.buf = binary.BigEndian.AppendUint32(e.buf, oid)
		e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(n))
		e.buf = binary.BigEndian.AppendUint32(e.buf, 1) // lower bound
	}
	e.nulls = false
	return at
}

// endArray sets the length and null flag of the array begun at at.
func (e *copyEncoder) endArray(at int) {
	binary.BigEndian.PutUint32(e.buf[at:], uint32(len(e.buf)-at-4))
	if e.nulls {
		binary.BigEndian.PutUint32(e.buf[at+8:], 1)
	}
}

func (e *copyEncoder) null() {
	e.buf = binary.BigEndian.AppendUint32(e.buf, 0xffffffff)
	e.nulls = true
}

func (e *copyEncoder) int16(v int16) {
	e.buf = binary.BigEndian.AppendUint32(e.buf, 2)
	e.buf = binary.BigEndian.AppendUint16(e.buf, uint16(v))
}

func (e *copyEncoder) int32(v int32) {
	e.buf = binary.BigEndian.AppendUint32(e.buf, 4)
	e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(v))
}

func (e *copyEncoder) int64(v int64) {
	e.buf = binary.BigEndian.AppendUint32(e.buf, 8)
	e.buf = binary.BigEndian.AppendUint64(e.buf, uint64(v))
}

func (e *copyEncoder) text(s string) {
	e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *copyEncoder) bytes(b []byte) {
	e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(len(b)))
	e.buf = append(e.buf, b...)
}

func (e *copyEncoder) optText(s *string) {
	if s == nil {
		e.null()
		return
	}
	e.text(*s)
}

func (e *copyEncoder) optBool(b *bool) {
	switch {
	case b == nil:
		e.null()
	case *b:
		e.buf = append(e.buf, 0, 0, 0, 1, 1)
	default:
		e.buf = append(e.buf, 0, 0, 0, 1, 0)
	}
}

// timestamp is a timestamptz: microseconds since 2000-01-01 UTC.
func (e *copyEncoder) timestamp(t time.Time) {
	us := t.Unix()*1_000_000 + int64(t.Nanosecond()/1000) - pgEpoch.Unix()*1_000_000
	e.int64(us)
}

func (e *copyEncoder) numeric(d decimal.Decimal) {
	at := len(e.buf)
	e.buf = append(e.buf, 0, 0, 0, 0) // length, set below
	out, err := database.AppendNumeric(e.buf, d)
	if err != nil {
		if e.err == nil {
			e.err = err
		}
		return
	}
	binary.BigEndian.PutUint32(out[at:], uint32(len(out)-at-4))
	e.buf = out
}
