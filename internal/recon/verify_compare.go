package recon

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
)

// storedPeriod is what the database holds for a period: its fingerprint,
// nil unless held as published, and whether it was fetched at all.
type storedPeriod struct {
	fp      *Fingerprint
	fetched bool
}

// storedFingerprint reads a row of VerifyStoredPeriods.
func storedFingerprint(st db.VerifyStoredPeriodsRow) storedPeriod {
	sp := storedPeriod{fetched: st.Fetched}
	if st.Published {
		sp.fp = &Fingerprint{
			Records: int(st.Records), EnergyMWh: st.EnergyMwh, Payment: st.Payment,
			NewestCreated: utc(st.NewestCreated), StackRows: int(st.StackRows), StackDigest: st.StackDigest,
		}
	}
	return sp
}

// classify gives one period its status from what the database holds, what
// the API answered and the fingerprint of the API's rows.
func classify(p int, f *fetched, st storedPeriod, api *Fingerprint) PeriodCheck {
	pc := PeriodCheck{Period: p, Database: st.fp}
	switch {
	case f == nil || f.err != nil:
		pc.Status = StatusError
		pc.Error = "the API could not be asked"
		if f != nil {
			pc.Error, pc.Unreachable = f.err.Error(), Unreachable(f.err)
		}
	case !f.published:
		pc.Status = StatusUnpublished
		if st.fp != nil {
			pc.Note = fmt.Sprintf("the database holds this period (%d curtailment records) but the API no longer publishes it", st.fp.Records)
		}
	case st.fp == nil:
		pc.Status, pc.API = StatusMissing, api
		pc.Note = "not in the database"
		if st.fetched {
			pc.Note = "recorded as not yet published when the date was last run"
		}
	default:
		pc.API = api
		pc.Differences = compare(st.fp, api)
		pc.Status = StatusMatch
		if len(pc.Differences) > 0 {
			pc.Status = StatusMismatch
		}
		if pc.DerivationOnly() {
			pc.Note = "same archived rows: derivation differs"
		}
	}
	return pc
}

// compare lists the measures on which the database and the API disagree,
// in the order of the Measure constants.
func compare(stored, api *Fingerprint) []Difference {
	var out []Difference
	if stored.Records != api.Records {
		out = append(out, countDifference(MeasureRecords, stored.Records, api.Records))
	}
	if !stored.EnergyMWh.Equal(api.EnergyMWh) {
		out = append(out, decimalDifference(MeasureEnergy, stored.EnergyMWh, api.EnergyMWh))
	}
	if !stored.Payment.Equal(api.Payment) {
		out = append(out, decimalDifference(MeasurePayment, stored.Payment, api.Payment))
	}
	if !sameTime(stored.NewestCreated, api.NewestCreated) {
		d := Difference{Measure: MeasureNewestCreated, Database: timeString(stored.NewestCreated), API: timeString(api.NewestCreated)}
		if stored.NewestCreated != nil && api.NewestCreated != nil {
			d.Later = ptr(api.NewestCreated.Sub(*stored.NewestCreated))
		}
		out = append(out, d)
	}
	if stored.StackRows != api.StackRows {
		out = append(out, countDifference(MeasureStackRows, stored.StackRows, api.StackRows))
	}
	if stored.StackDigest != api.StackDigest {
		out = append(out, Difference{Measure: MeasureStackDigest, Database: stored.StackDigest, API: api.StackDigest})
	}
	return out
}

func countDifference(m Measure, stored, api int) Difference {
	return Difference{Measure: m, Database: fmt.Sprint(stored), API: fmt.Sprint(api),
		Delta: decimal.NewNullDecimal(decimal.NewFromInt(int64(api - stored)))}
}

func decimalDifference(m Measure, stored, api decimal.Decimal) Difference {
	return Difference{Measure: m, Database: stored.String(), API: api.String(), Delta: decimal.NewNullDecimal(api.Sub(stored))}
}

func sameTime(a, b *time.Time) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && a.Equal(*b))
}

func timeString(t *time.Time) string {
	if t == nil {
		return "null"
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func int16s(ns []int) []int16 {
	out := make([]int16, len(ns))
	for i, n := range ns {
		out[i] = int16(n)
	}
	return out
}

func countStatuses(periods []PeriodCheck) Counts {
	c := Counts{Checked: len(periods)}
	for _, p := range periods {
		switch p.Status {
		case StatusMatch:
			c.Match++
		case StatusMismatch:
			c.Mismatch++
		case StatusMissing:
			c.Missing++
		case StatusUnpublished:
			c.Unpublished++
		case StatusError:
			c.Error++
		}
	}
	return c
}
