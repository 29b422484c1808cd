package recon

import (
	"context"
	"sync"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// fetched is what the API said about one period.
type fetched struct {
	published bool
	stack     elexon.PeriodStack
	synthetic bool
	err       error
}

// fetchPeriods asks the API for each period separately, so that one
// period's failure is that period's error only. The Client bounds the
// requests in flight and their rate.
func (s *Service) fetchPeriods(ctx context.Context, date time.Time, periods []int) map[int]*fetched {
	out := make(map[int]*fetched, len(periods))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, p := range periods {
		wg.Go(func() {
			f := &fetched{}
			day, err := s.Client.FetchDay(ctx, date, settlement.Range{From: p, To: p})
			if err != nil {
				f.err = err
			} else {
				f.stack, f.published, f.synthetic = day.Periods[0], day.Periods[0].Published, day.Synthetic
			}
			mu.Lock()
			out[p] = f
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}
