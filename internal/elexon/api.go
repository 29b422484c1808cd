package elexon

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/recon-energy/recon/internal/settlement"
)

// endpoint is base + path (path starts with "/"), with an optional query.
func (c *Client) endpoint(path string, query url.Values) string {
	u := *c.base
	u.Path = c.base.Path + path
	u.RawQuery = query.Encode()
	return u.String()
}

func stackWhat(date string, period int, side Side) string {
	return "stack " + date + " period " + strconv.Itoa(period) + " " + string(side)
}

// Stack fetches the settlement stack of one period and side:
// GET {base}/balancing/settlement/stack/all/{side}/{YYYY-MM-DD}/{period}.
// A 404 (the period is not published yet, or the day has no such period) is
// an error wrapping ErrNotFound.
func (c *Client) Stack(ctx context.Context, date time.Time, period int, side Side) ([]StackRow, error) {
	rows, _, _, err := c.stack(ctx, date, period, side)
	return rows, err
}

// stack fetches and decodes one period and side; the rows' Raw fields are
// cut from the body it returns.
func (c *Client) stack(ctx context.Context, date time.Time, period int, side Side) ([]StackRow, []byte, outcome, error) {
	date = settlement.Date(date)
	ds := date.Format(settlement.DateLayout)
	req := request{what: stackWhat(ds, period, side), date: ds, period: period, side: side}
	switch {
	case !side.valid():
		return nil, nil, outcome{}, &Error{What: req.what, Err: fmt.Errorf("side %q is neither %q nor %q", side, Bid, Offer)}
	case period < 1 || period > 50:
		return nil, nil, outcome{}, &Error{What: req.what, Err: fmt.Errorf("period %d is not a settlement period", period)}
	}
	req.url = c.endpoint("/balancing/settlement/stack/all/"+string(side)+"/"+ds+"/"+strconv.Itoa(period), nil)
	var (
		rows []StackRow
		kept []byte
	)
	out, err := c.get(ctx, req, func(body []byte) (err error) {
		rows, err = DecodeStack(body, date, period)
		kept = body
		return err
	})
	if err != nil {
		return nil, nil, out, err
	}
	return rows, kept, out, nil
}

// BMUnits fetches Elexon's BM unit list: GET {base}/reference/bmunits/all,
// a bare JSON array.
func (c *Client) BMUnits(ctx context.Context) ([]BMUnit, error) {
	req := request{what: "BM units", url: c.endpoint("/reference/bmunits/all", nil)}
	var units []BMUnit
	_, err := c.get(ctx, req, func(body []byte) (err error) {
		units, err = DecodeBMUnits(body)
		return err
	})
	return units, err
}

// MaxGenerationDays is the longest range the wind-and-solar endpoint serves
// in one call.
const MaxGenerationDays = 7

// WindGeneration fetches the actual wind and solar generation of the
// settlement dates from to to, both included:
// GET {base}/generation/actual/per-type/wind-and-solar?from=YYYY-MM-DD&to=YYYY-MM-DD,
// in calls of at most MaxGenerationDays days. Rows come back sorted by date,
// period and psrType, one per (date, period, psrType), dates outside the
// range dropped, each marked Synthetic when its response was.
func (c *Client) WindGeneration(ctx context.Context, from, to time.Time) ([]GenerationRow, error) {
	from, to = settlement.Date(from), settlement.Date(to)
	if to.Before(from) {
		return nil, fmt.Errorf("elexon: wind generation %s to %s: the range is reversed",
			from.Format(settlement.DateLayout), to.Format(settlement.DateLayout))
	}
	var all []GenerationRow
	for start := from; !start.After(to); start = start.AddDate(0, 0, MaxGenerationDays) {
		end := start.AddDate(0, 0, MaxGenerationDays-1)
		if end.After(to) {
			end = to
		}
		fs, es := start.Format(settlement.DateLayout), end.Format(settlement.DateLayout)
		req := request{
			what: "wind generation " + fs + " to " + es,
			url:  c.endpoint("/generation/actual/per-type/wind-and-solar", url.Values{"from": {fs}, "to": {es}}),
		}
		fetched := len(all)
		out, err := c.get(ctx, req, func(body []byte) error {
			rows, err := DecodeGeneration(body)
			if err != nil {
				return err
			}
			for _, r := range rows {
				if r.SettlementDate >= fs && r.SettlementDate <= es {
					all = append(all, r)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for i := fetched; i < len(all); i++ {
			all[i].Synthetic = out.synthetic
		}
	}
	slices.SortStableFunc(all, func(a, b GenerationRow) int {
		return cmp.Or(cmp.Compare(a.SettlementDate, b.SettlementDate),
			cmp.Compare(a.SettlementPeriod, b.SettlementPeriod), cmp.Compare(a.PsrType, b.PsrType))
	})
	// One row per (date, period, psrType): keep the last published.
	out := all[:0]
	for _, r := range all {
		if n := len(out); n > 0 && out[n-1].SettlementDate == r.SettlementDate &&
			out[n-1].SettlementPeriod == r.SettlementPeriod && out[n-1].PsrType == r.PsrType {
			if later(r.PublishTime, out[n-1].PublishTime) {
				out[n-1] = r
			}
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

func later(a, b *time.Time) bool { return a != nil && (b == nil || a.After(*b)) }

// Day is the settlement stacks of one day, as FetchDay found them.
type Day struct {
	Date      time.Time     // the settlement date (UTC midnight)
	Periods   []PeriodStack // in period order, one per period of the range asked for
	Requests  int           // HTTP requests sent for this day, retries included
	Synthetic bool          // some response was marked as synthetic (the stand-in server)
}

// PeriodStack is both sides of one period's stack.
type PeriodStack struct {
	Period int
	// Published is false when the API answered 404 for either side of a
	// period the day has: not published yet. Bid and Offer are then empty.
	Published  bool
	Bid, Offer []StackRow
	// BidBody and OfferBody are the two responses exactly as received (nil
	// when not published); each row's Raw is cut from its side's body.
	BidBody, OfferBody []byte
}

// FetchDay fetches both sides of every period of r on date, concurrently,
// through the Client's shared rate limiter. r must lie within the day
// (settlement.Periods). Any failure other than a 404 (after retries) fails
// the whole day with an error naming the date, period and side, and cancels
// the requests still running.
func (c *Client) FetchDay(ctx context.Context, date time.Time, r settlement.Range) (*Day, error) {
	date = settlement.Date(date)
	ds := date.Format(settlement.DateLayout)
	if last := settlement.Periods(date); r.From < 1 || r.To > last || r.From > r.To {
		return nil, fmt.Errorf("elexon: fetch %s periods %s: outside the day, which has periods 1-%d", ds, r, last)
	}
	day := &Day{Date: date, Periods: make([]PeriodStack, r.Len())}
	type result struct {
		out      outcome
		notFound bool
	}
	results := make([]result, 2*r.Len())

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cap(c.sem))
	for i := range day.Periods {
		ps := &day.Periods[i]
		ps.Period = r.From + i
		for j, side := range Sides {
			res := &results[2*i+j]
			g.Go(func() error {
				rows, body, out, err := c.stack(gctx, date, ps.Period, side)
				res.out = out
				switch {
				case errors.Is(err, ErrNotFound):
					res.notFound = true
				case err != nil:
					return err
				case side == Bid:
					ps.Bid, ps.BidBody = rows, body
				default:
					ps.Offer, ps.OfferBody = rows, body
				}
				return nil
			})
		}
	}
	err := g.Wait()
	for i := range day.Periods {
		ps := &day.Periods[i]
		ps.Published = !results[2*i].notFound && !results[2*i+1].notFound
		if !ps.Published {
			ps.Bid, ps.Offer, ps.BidBody, ps.OfferBody = nil, nil, nil, nil
		}
	}
	for _, res := range results {
		day.Requests += res.out.attempts
		day.Synthetic = day.Synthetic || res.out.synthetic
	}
	if err != nil {
		return nil, err
	}
	return day, nil
}
