package elexon_test

import (
	"context"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// stack250 is a realistic 250-row bid stack body (synthetic rows of the
// sample day, renumbered as one period).
func stack250(b *testing.B) ([]byte, time.Time) {
	d := elexontest.SampleDate()
	var rows []elexon.StackRow
	for p := 1; len(rows) < 250; p++ {
		more, err := elexon.DecodeStack(elexontest.GenerateStack(d, p, elexon.Bid, 0), d, p)
		if err != nil {
			b.Fatal(err)
		}
		rows = append(rows, more...)
	}
	rows = rows[:250]
	for i := range rows {
		rows[i].SettlementPeriod = 17
		rows[i].StartTime = settlement.PeriodStart(d, 17)
		rows[i].SequenceNumber = int32(i + 1)
	}
	return elexontest.EncodeStack(rows), d
}

func BenchmarkDecodeStack(b *testing.B) {
	body, d := stack250(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		rows, err := elexon.DecodeStack(body, d, 17)
		if err != nil || len(rows) != 250 {
			b.Fatal(len(rows), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/250, "ns/row")
}

// BenchmarkFetchDay fetches one whole day per iteration (a different day
// each time) from the stand-in: "local" with the rate limit out of the way,
// "latency100ms" with 100 ms added to every request, "rpm4500" with the
// default rate limit (which, past its burst, allows 75 requests a second).
func BenchmarkFetchDay(b *testing.B) {
	for _, bc := range []struct {
		name    string
		latency time.Duration
		rpm     int
	}{
		{"local", 0, 1_000_000},
		{"latency100ms", 100 * time.Millisecond, 1_000_000},
		{"rpm4500", 0, elexon.DefaultRequestsPerMinute},
	} {
		b.Run(bc.name, func(b *testing.B) {
			srv := elexontest.Start(b, elexontest.Options{Latency: bc.latency})
			c, err := elexon.New(elexon.Config{BaseURL: srv.URL, RequestsPerMinute: bc.rpm})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			rows := 0
			for b.Loop() {
				day, err := c.FetchDay(context.Background(), d, settlement.All(d))
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range day.Periods {
					rows += len(p.Bid) + len(p.Offer)
				}
				d = d.AddDate(0, 0, 1)
			}
			b.ReportMetric(float64(rows)/float64(b.N), "rows/day")
			b.ReportMetric(float64(c.Requests())/float64(b.N), "requests/day")
		})
	}
}
