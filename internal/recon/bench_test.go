package recon

import (
	"context"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
)

// BenchmarkRunDay is one Service.Run of a generated day against the
// stand-in server and a fresh database: the unit of `recon run` and of every
// backfilled date. `make bench` measures the whole process; this isolates it
// for pprof (go test -bench RunDay -cpuprofile cpu.out ./internal/recon).
func BenchmarkRunDay(b *testing.B) {
	d := pgtest.New(b)
	api := elexontest.Start(b, elexontest.Options{})
	client, err := elexon.New(elexon.Config{BaseURL: api.URL, RequestsPerMinute: 1_000_000})
	if err != nil {
		b.Fatal(err)
	}
	svc := &Service{Pool: d.Pool, Client: client, ElexonURL: api.URL, Now: func() time.Time { return fixedNow }}
	day := date(b, "2025-03-06")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Run(ctx, RunOptions{Date: day}); err != nil {
			b.Fatal(err)
		}
	}
}
