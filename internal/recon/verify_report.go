package recon

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Fingerprint is what the database holds for one period, or what the API
// says about it: its curtailment and its settlement stack.
type Fingerprint struct {
	Records   int             `json:"records"`    // curtailment rows
	EnergyMWh decimal.Decimal `json:"energy_mwh"` // Σ |volume|, MWh
	Payment   decimal.Decimal `json:"payment"`    // Σ payment, £ (usually negative)
	// NewestCreated is the newest createdDateTime among the period's stack
	// rows: when Elexon last recalculated it.
	NewestCreated *time.Time `json:"newest_created"`
	StackRows     int        `json:"stack_rows"`   // archived stack rows, both sides
	StackDigest   string     `json:"stack_digest"` // md5 of the rows as received
}

// Measure is a part of a fingerprint on which the database and the API may
// disagree.
type Measure string

// The measures, in the order differences are listed.
const (
	MeasureRecords       Measure = "records"
	MeasureEnergy        Measure = "energy_mwh"
	MeasurePayment       Measure = "payment"
	MeasureNewestCreated Measure = "newest_created"
	MeasureStackRows     Measure = "stack_rows"
	MeasureStackDigest   Measure = "stack_digest"
)

// Difference is one measure on which the database and the API disagree.
type Difference struct {
	Measure  Measure
	Database string // the stored value as text ("null": none)
	API      string // the API's value as text
	// Delta is the API's value minus the database's, for records, MWh, £
	// and stack rows: what a repair would add. Not valid for the others.
	Delta decimal.NullDecimal
	// Later is how much later the API's newest createdDateTime is than the
	// database's (negative: earlier), when the measure is newest_created
	// and both are known.
	Later *time.Duration
}

// MarshalJSON writes a difference as the report has it: the delta as text
// with its sign, e.g. "+12.5", "-3" or "+6h7m0s", left out when there is
// none.
func (d Difference) MarshalJSON() ([]byte, error) {
	var delta string
	switch {
	case d.Delta.Valid:
		delta = d.Delta.Decimal.String()
	case d.Later != nil:
		delta = d.Later.String()
	}
	if delta != "" && !strings.HasPrefix(delta, "-") {
		delta = "+" + delta
	}
	return json.Marshal(struct {
		Measure  Measure `json:"measure"`
		Database string  `json:"database"`
		API      string  `json:"api"`
		Delta    string  `json:"delta,omitempty"`
	}{d.Measure, d.Database, d.API, delta})
}

// PeriodCheck is the verdict on one settlement period.
type PeriodCheck struct {
	Period int    `json:"period"`
	Status Status `json:"status"`
	// Database is the stored fingerprint; nil when the database does not
	// hold the period as published.
	Database *Fingerprint `json:"database,omitempty"`
	// API is the fresh fingerprint; nil unless the API published the period.
	API         *Fingerprint `json:"api,omitempty"`
	Differences []Difference `json:"differences,omitempty"`
	Note        string       `json:"note,omitempty"`
	Error       string       `json:"error,omitempty"`
	// Unreachable: the API could not be reached for the period at all
	// (connection refused, unknown host), which is what a wrong URL or no
	// network looks like.
	Unreachable bool `json:"unreachable,omitempty"`
}

// Inconsistency is a summary that does not equal the sum of the rows below
// it, curtailment lacking Bitcoin rows, or stored turn-up (per period, or
// who was paid per unit) that differs from the walk over the archive.
type Inconsistency struct {
	Summary  string `json:"summary"`  // the table checked
	Subject  string `json:"subject"`  // its row: date, month or year, and miner model
	Measure  string `json:"measure"`  // the column, or "row" when the row itself is missing
	Stored   string `json:"stored"`   // what the table holds ("null": no row)
	Expected string `json:"expected"` // what the rows below add up to
}

// Counts are the statuses of the checked periods.
type Counts struct {
	Checked     int `json:"checked"`
	Match       int `json:"match"`
	Mismatch    int `json:"mismatch"`
	Missing     int `json:"missing"`
	Unpublished int `json:"unpublished"`
	Error       int `json:"error"`
}

// Check is one pass of verification over some periods of a date.
type Check struct {
	Periods         []PeriodCheck   `json:"periods"`
	Counts          Counts          `json:"counts"`
	Inconsistencies []Inconsistency `json:"inconsistencies"`
	// Extended is true when SampleProgressive added random periods.
	Extended bool `json:"extended,omitempty"`
}

// Clean reports whether the check found nothing to repair and nothing it
// could not check: no mismatch, nothing missing, no error, consistent.
func (c *Check) Clean() bool {
	return c.Counts.Mismatch == 0 && c.Counts.Missing == 0 && c.Counts.Error == 0 && len(c.Inconsistencies) == 0
}

// derivedMeasures are the measures of the curtailment derived from the
// archived rows; the others describe the rows themselves.
var derivedMeasures = map[Measure]bool{MeasureRecords: true, MeasureEnergy: true, MeasurePayment: true}

// DerivationOnly reports whether the period differs only in what is derived
// from its archived rows: they are exactly the API's (same digest, count
// and newest createdDateTime), the curtailment derived from them is not.
func (p PeriodCheck) DerivationOnly() bool {
	if p.Status != StatusMismatch || len(p.Differences) == 0 {
		return false
	}
	for _, d := range p.Differences {
		if !derivedMeasures[d.Measure] {
			return false
		}
	}
	return true
}

// DerivationOnly reports whether everything the check found differing lies
// in the derivation: some period mismatches, every mismatching period's
// archived rows are the API's, and nothing is missing or failed. Rebuilding
// the date from its archive (`recon rederive`) is then the repair.
func (c *Check) DerivationOnly() bool {
	if c.Counts.Mismatch == 0 || c.Counts.Missing > 0 || c.Counts.Error > 0 {
		return false
	}
	for _, p := range c.Periods {
		if p.Status == StatusMismatch && !p.DerivationOnly() {
			return false
		}
	}
	return true
}

// Withdrawn is the periods the database holds but the API no longer
// publishes: reingesting would delete them.
func (c *Check) Withdrawn() []int {
	var out []int
	for _, p := range c.Periods {
		if p.Status == StatusUnpublished && p.Database != nil {
			out = append(out, p.Period)
		}
	}
	return out
}

// PeriodsWith is the checked periods with status st, in order.
func (c *Check) PeriodsWith(st Status) []int {
	var out []int
	for _, p := range c.Periods {
		if p.Status == st {
			out = append(out, p.Period)
		}
	}
	return out
}

// AllUnreachable reports whether every period in error got no answer from
// the API at all (and there is at least one).
func (c *Check) AllUnreachable() bool {
	n := 0
	for _, p := range c.Periods {
		if p.Status != StatusError {
			continue
		}
		if !p.Unreachable {
			return false
		}
		n++
	}
	return n > 0
}

// checked is every checked period, in order.
func (c *Check) checked() []int {
	out := make([]int, len(c.Periods))
	for i, p := range c.Periods {
		out[i] = p.Period
	}
	return out
}

// DateState is what the database holds for a date.
type DateState struct {
	Records        int             `json:"records"`         // curtailment records
	PeriodsCovered int             `json:"periods_covered"` // periods fetched and published
	StackRows      int             `json:"stack_rows"`      // archived stack rows
	EnergyMWh      decimal.Decimal `json:"energy_mwh"`      // Σ MWh, positive
	Payment        decimal.Decimal `json:"payment"`         // Σ £, usually negative
}

// VerifyReport is everything a verification found and did; it is written
// as the JSON report.
type VerifyReport struct {
	Date         string    `json:"date"`
	Command      string    `json:"command"`
	Mode         Sample    `json:"mode"`
	Seed         uint64    `json:"seed"`
	PeriodsInDay int       `json:"periods_in_day"`
	ElexonURL    string    `json:"elexon_url"`
	Synthetic    bool      `json:"synthetic"`
	StartedAt    time.Time `json:"started_at"`
	FinishedAt   time.Time `json:"finished_at"`

	InitialState DateState `json:"initial_state"`
	// Before is the check made before any repair (nil with ForceFix).
	Before *Check    `json:"before,omitempty"`
	Action Action    `json:"action"`
	RunID  int64     `json:"repair_run_id,omitempty"`
	After  *Check    `json:"after,omitempty"` // the check made after a repair
	Final  DateState `json:"final_state"`

	Outcome Outcome `json:"outcome"`
	Finding Finding `json:"finding"`
	// Verdict is the finding in words (VerifyOptions.Describe), when the
	// command gave a way to write it.
	Verdict string `json:"verdict,omitempty"`
	// RepairCommand is the command that would repair the date, when
	// something did not match.
	RepairCommand string `json:"repair_command,omitempty"`
	Error         string `json:"error,omitempty"`

	// ReportPath is where the report was written ("" if nowhere), and
	// VerificationID its row in verifications.
	ReportPath     string `json:"-"`
	VerificationID int64  `json:"-"`
	// Reference is what a repair found and fetched of the reference data
	// the date needs (nil without a repair, or when reconcile saw to it).
	Reference *ReferenceReport `json:"-"`

	date time.Time
}

// First is the first check the verification made: Before, or After for
// ForceFix; an empty check when none was made (a forced repair failed).
func (r *VerifyReport) First() *Check {
	switch {
	case r.Before != nil:
		return r.Before
	case r.After != nil:
		return r.After
	}
	return &Check{}
}

// ExitStatus is the exit status of `recon verify` for this report.
func (r *VerifyReport) ExitStatus() int { return r.Outcome.ExitStatus() }
