package elexontest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// MaxWindDays is how many days one wind-and-solar request may span
// (to − from); longer ranges answer 400, as the real API does.
const MaxWindDays = 7

func parseDay(s string) (time.Time, bool) {
	if len(s) >= 10 {
		if d, err := time.Parse(settlement.DateLayout, s[:10]); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

func (h *Handler) serveWind(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, ok1 := parseDay(q.Get("from"))
	to, ok2 := parseDay(q.Get("to"))
	switch {
	case !ok1 || !ok2:
		problem(w, http.StatusBadRequest, "from and to must be dates (YYYY-MM-DD)")
		return
	case to.Before(from):
		problem(w, http.StatusBadRequest, "to must not be before from")
		return
	case to.Sub(from) > MaxWindDays*24*time.Hour:
		problem(w, http.StatusBadRequest, "the date range must not exceed 7 days")
		return
	}
	b := make([]byte, 0, 1<<16)
	b = append(b, `{"data":[`...)
	first := true
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		for p := 1; p <= settlement.Periods(d); p++ {
			for _, row := range windRows(d, p) {
				if !first {
					b = append(b, ',')
				}
				first = false
				b = row.append(b)
			}
		}
	}
	b = append(b, "]}"...)
	writeJSON(w, b)
}

type windRow struct {
	date     time.Time
	period   int
	start    time.Time
	psrType  string
	business string
	milliMW  int64
}

func (r windRow) append(b []byte) []byte {
	b = append(b, `{"publishTime":`...)
	b = appendTime(b, r.start.Add(37*time.Minute))
	b = append(b, `,"businessType":`...)
	b = strconv.AppendQuote(b, r.business)
	b = append(b, `,"psrType":`...)
	b = strconv.AppendQuote(b, r.psrType)
	b = append(b, `,"quantity":`...)
	b = appendRatio(b, r.milliMW, 1000)
	b = append(b, `,"startTime":`...)
	b = appendTime(b, r.start)
	b = append(b, `,"settlementDate":"`...)
	b = r.date.AppendFormat(b, settlement.DateLayout)
	b = append(b, `","settlementPeriod":`...)
	b = strconv.AppendInt(b, int64(r.period), 10)
	return append(b, '}')
}

// windRows generates one period's generation: onshore and offshore wind from
// the day's windiness, solar on a daylight curve. Quantities are MW (the
// half-hour average) with three decimals.
func windRows(date time.Time, period int) []windRow {
	day := dayNumber(date)
	dr := newRand(day, 0x3d1)
	onBase := 1_500_000 + dr.Int64N(4_500_000)  // milli-MW
	offBase := 2_000_000 + dr.Int64N(9_000_000) // milli-MW
	solarPeak := 500_000 + dr.Int64N(7_500_000) // milli-MW
	pr := newRand(day, uint64(period), 0x3d2)
	start := settlement.PeriodStart(date, period)

	// Solar follows a parabola between 06:55 and 18:05 local time.
	local := start.In(settlement.London)
	minute := int64(local.Hour()*60 + local.Minute() + 15)
	const noon, half = 750, 335
	var solar int64
	if d := minute - noon; d > -half && d < half {
		solar = solarPeak * (half*half - d*d) / (half * half)
		solar += pr.Int64N(solar/20 + 1)
	}
	return []windRow{
		{date, period, start, elexon.PsrSolar, "Solar generation", solar},
		{date, period, start, elexon.PsrWindOffshore, "Wind generation", offBase + pr.Int64N(offBase/5+1) - offBase/10},
		{date, period, start, elexon.PsrWindOnshore, "Wind generation", onBase + pr.Int64N(onBase/5+1) - onBase/10},
	}
}
