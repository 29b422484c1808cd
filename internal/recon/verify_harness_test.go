package recon

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// newVerifyHarness is newHarness with an API client whose rate limit does
// not slow the tests down (each verification fetches the day again).
func newVerifyHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	client, err := elexon.New(elexon.Config{
		BaseURL: h.api.URL, RequestsPerMinute: 1_000_000, MaxRetries: 2,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, // the default Timeout, as in newHarness
	})
	if err != nil {
		t.Fatal(err)
	}
	h.client, h.svc.Client = client, client
	return h
}

// verify runs a verification and fails the test on error.
func (h *harness) verify(opt VerifyOptions) *VerifyReport {
	h.t.Helper()
	rep, err := h.svc.Verify(h.ctx, opt)
	if err != nil {
		h.t.Fatalf("verify %s: %v", opt.Date.Format(settlement.DateLayout), err)
	}
	return rep
}

// periodTruth is what the database holds for one period, read with plain
// SQL independently of the code under test.
type periodTruth struct {
	records   int
	energy    decimal.Decimal
	payment   decimal.Decimal
	newest    time.Time
	stackRows int
}

func (h *harness) truth(d time.Time, p int) periodTruth {
	h.t.Helper()
	var pt periodTruth
	err := h.db.Pool.QueryRow(h.ctx, `
		SELECT count(*), coalesce(sum(abs(volume)), 0), coalesce(sum(payment), 0)
		FROM curtailment_records WHERE settlement_date = $1 AND settlement_period = $2`, d, p).
		Scan(&pt.records, &pt.energy, &pt.payment)
	if err == nil {
		err = h.db.Pool.QueryRow(h.ctx, `SELECT count(*), max(created_date_time) FROM stack_rows
			WHERE settlement_date = $1 AND settlement_period = $2`, d, p).Scan(&pt.stackRows, &pt.newest)
	}
	if err != nil {
		h.t.Fatal(err)
	}
	return pt
}

func (pt periodTruth) equals(fp *Fingerprint) bool {
	return fp != nil && pt.records == fp.Records && pt.energy.Equal(fp.EnergyMWh) && pt.payment.Equal(fp.Payment) &&
		fp.NewestCreated != nil && pt.newest.Equal(*fp.NewestCreated) && pt.stackRows == fp.StackRows
}

func statusesOf(c *Check) map[Status][]int {
	out := map[Status][]int{}
	for _, p := range c.Periods {
		out[p.Status] = append(out[p.Status], p.Period)
	}
	return out
}

func periodOf(t *testing.T, c *Check, p int) PeriodCheck {
	t.Helper()
	for _, pc := range c.Periods {
		if pc.Period == p {
			return pc
		}
	}
	t.Fatalf("period %d was not checked", p)
	return PeriodCheck{}
}
