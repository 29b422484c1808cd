package recon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// Sample says which settlement periods a verification checks.
type Sample string

// The sampling modes.
const (
	// SampleFull checks every period of the day (46, 48 or 50).
	SampleFull Sample = "full"
	// SampleFixed checks periods 1, 12, 24, 36 and the last.
	SampleFixed Sample = "fixed"
	// SampleProgressive checks the fixed periods, and when any of them does
	// not match, 10 more chosen at random among the unchecked ones.
	SampleProgressive Sample = "progressive"
	// SampleRandom checks 10 periods at random, the first and the last
	// always among them.
	SampleRandom Sample = "random"
)

// Samples lists the sampling modes, the default first.
var Samples = []Sample{SampleFull, SampleFixed, SampleProgressive, SampleRandom}

// How many random periods the sampled modes draw.
const (
	randomSampleSize     = 10 // SampleRandom, first and last included
	progressiveExtraSize = 10 // SampleProgressive, added on a non-match
)

// Status is the verdict on one settlement period.
type Status string

// The statuses of a period.
const (
	// StatusMatch: the database's fingerprint equals the API's.
	StatusMatch Status = "match"
	// StatusMismatch: the database holds the period, but its fingerprint
	// differs from the API's.
	StatusMismatch Status = "mismatch"
	// StatusMissing: the API publishes the period, the database does not
	// hold it.
	StatusMissing Status = "missing"
	// StatusUnpublished: the API has not published the period (404).
	StatusUnpublished Status = "unpublished"
	// StatusError: the API could not be asked (the request failed after
	// retries). Never a match, never a mismatch.
	StatusError Status = "error"
)

// Action is what a verification did to the date.
type Action string

// The actions.
const (
	ActionNone     Action = "none"      // nothing was changed
	ActionFix      Action = "fix"       // reingested because something differed
	ActionForceFix Action = "force-fix" // reingested without checking first
)

// Outcome is how a verification ended.
type Outcome string

// The outcomes, and the exit status each gives (ExitStatus).
const (
	// OutcomeMatched: every checked period matches (or is not published
	// yet), and the date is internally consistent. Exit status 0.
	OutcomeMatched Outcome = "matched"
	// OutcomeRepaired: something differed, the date was reingested, and a
	// second check found everything matching. Exit status 0.
	OutcomeRepaired Outcome = "repaired"
	// OutcomeDifferences: something differed and was not repaired. Exit
	// status 3.
	OutcomeDifferences Outcome = "differences"
	// OutcomeFailed: the verification could not complete (an API call
	// failed), or the repair failed or did not make the date match. Exit
	// status 1.
	OutcomeFailed Outcome = "failed"
)

// ExitStatus is the exit status of the recon command for an outcome.
func (o Outcome) ExitStatus() int {
	switch o {
	case OutcomeMatched, OutcomeRepaired:
		return ExitOK
	case OutcomeDifferences:
		return ExitDifferences
	default:
		return ExitFailure
	}
}

// VerifyOptions says what `recon verify` should check and do.
type VerifyOptions struct {
	Date   time.Time // settlement date (UTC midnight)
	Sample Sample    // which periods; empty means SampleFull
	// Fix reingests the date when anything differs, then checks again.
	Fix bool
	// ForceFix reingests the date without checking first, then checks.
	ForceFix bool
	// Seed makes the random choice of periods reproducible; 0 picks one
	// (recorded in the report).
	Seed uint64
	// ReportPath is where the JSON report goes. Empty: a file named after
	// the date and the UTC time in ReportDir; both empty: no report file.
	ReportPath string
	ReportDir  string
	// Command is recorded in verifications.command; empty means "verify"
	// (with the fix flag). The repair run is recorded as Command + " --fix".
	Command string
}

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

// Difference is one measure on which the database and the API disagree.
// Delta is the API's value minus the database's: what a repair would add.
type Difference struct {
	Measure  string `json:"measure"`
	Database string `json:"database"`
	API      string `json:"api"`
	Delta    string `json:"delta,omitempty"`
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
}

// Inconsistency is a summary that does not equal the sum of the rows below
// it, or curtailment lacking Bitcoin rows.
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
	Verdict string  `json:"verdict"`
	// RepairCommand is the command that would repair the date, when
	// something did not match.
	RepairCommand string `json:"repair_command,omitempty"`
	Error         string `json:"error,omitempty"`

	// ReportPath is where the report was written ("" if nowhere), and
	// VerificationID its row in verifications.
	ReportPath     string `json:"-"`
	VerificationID int64  `json:"-"`

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

// Verify compares, period by period, what the database holds for a date
// with a fresh fetch from the API, checks the date's internal consistency,
// and with Fix reingests the date (through Run, with all its guarantees)
// when anything differs, then checks again. It writes the JSON report and
// records the verification. The returned error is for bad input (nothing
// done) and for database failures; an API failure is a period with
// StatusError and OutcomeFailed.
func (s *Service) Verify(ctx context.Context, opt VerifyOptions) (*VerifyReport, error) {
	if err := s.checkVerifyOptions(&opt); err != nil {
		return nil, err
	}
	rep := &VerifyReport{
		Date: opt.Date.Format(settlement.DateLayout), date: opt.Date, Command: opt.Command, Mode: opt.Sample,
		Seed: opt.Seed, PeriodsInDay: settlement.Periods(opt.Date), ElexonURL: s.ElexonURL,
		StartedAt: s.now().UTC(), Action: ActionNone,
	}
	log := s.log().With("date", rep.Date, "mode", string(opt.Sample))
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))

	var err error
	if rep.InitialState, err = s.dateState(ctx, opt.Date); err != nil {
		return nil, err
	}
	var periods []int
	if opt.ForceFix {
		periods = SamplePeriods(opt.Sample, rep.PeriodsInDay, rng)
		if err := s.repair(ctx, rep, opt, ActionForceFix, periods); err != nil {
			return nil, err
		}
	} else {
		if rep.Before, err = s.sampleCheck(ctx, rep, opt.Sample, rng); err != nil {
			return nil, err
		}
		if err := s.decide(ctx, rep, opt); err != nil {
			return nil, err
		}
	}
	if rep.Final, err = s.dateState(ctx, opt.Date); err != nil {
		return nil, err
	}
	rep.FinishedAt = s.now().UTC()
	if err := s.finishVerification(ctx, rep, opt); err != nil {
		return rep, err
	}
	log.Info("verified", "outcome", rep.Outcome, "action", rep.Action)
	return rep, nil
}

// checkVerifyOptions validates opt and fills in its defaults.
func (s *Service) checkVerifyOptions(opt *VerifyOptions) error {
	if err := s.CheckDate(opt.Date); err != nil {
		return err
	}
	if opt.Sample == "" {
		opt.Sample = SampleFull
	}
	if !slices.Contains(Samples, opt.Sample) {
		return BadInput("--sample %q is not a sampling mode: use full, fixed, progressive or random", opt.Sample)
	}
	if opt.Fix && opt.ForceFix {
		return BadInput("--fix and --force-fix exclude each other: give one")
	}
	if opt.Command == "" {
		opt.Command = "verify"
		switch {
		case opt.Fix:
			opt.Command += " --fix"
		case opt.ForceFix:
			opt.Command += " --force-fix"
		}
	}
	for opt.Seed == 0 {
		opt.Seed = rand.Uint64()
	}
	return nil
}

// sampleCheck checks the periods the mode picks; progressive mode extends
// the check when the fixed periods do not all match.
func (s *Service) sampleCheck(ctx context.Context, rep *VerifyReport, mode Sample, rng *rand.Rand) (*Check, error) {
	n := rep.PeriodsInDay
	periods := SamplePeriods(mode, n, rng)
	check, err := s.check(ctx, rep, periods)
	if err != nil || mode != SampleProgressive || check.Counts.Match == check.Counts.Checked {
		return check, err
	}
	extra := ProgressiveExtra(periods, n, rng)
	more, err := s.check(ctx, rep, extra)
	if err != nil {
		return nil, err
	}
	check.Periods = append(check.Periods, more.Periods...)
	slices.SortFunc(check.Periods, func(a, b PeriodCheck) int { return a.Period - b.Period })
	check.Counts = countStatuses(check.Periods)
	check.Inconsistencies = more.Inconsistencies
	check.Extended = true
	return check, nil
}

// decide turns the first check into an outcome, repairing with Fix.
func (s *Service) decide(ctx context.Context, rep *VerifyReport, opt VerifyOptions) error {
	b := rep.Before
	d := rep.Date
	switch {
	case b.Counts.Error > 0:
		rep.Outcome = OutcomeFailed
		rep.Error = fmt.Sprintf("%d of %d periods could not be fetched from the API", b.Counts.Error, b.Counts.Checked)
		rep.Verdict = fmt.Sprintf("%s: verification incomplete: %s (periods %s); nothing was repaired. Retry later: recon verify --date %s",
			d, rep.Error, intsString(periodsWith(b, StatusError)), d)
		return nil
	case b.Counts.Unpublished == b.Counts.Checked:
		// As for `recon run`: a wrong URL looks exactly like this, and it
		// must never read as agreement.
		rep.Outcome = OutcomeFailed
		rep.Error = fmt.Sprintf("the API has published none of the %d checked periods", b.Counts.Checked)
		rep.Verdict = fmt.Sprintf("%s: %s: the date may be too recent, or --elexon-url (%s) may be wrong; nothing was repaired",
			d, rep.Error, s.ElexonURL)
		return nil
	case b.clean():
		rep.Outcome = OutcomeMatched
		rep.Verdict = fmt.Sprintf("%s: %s", d, b.agreement())
		return nil
	}
	rep.RepairCommand = s.repairCommand(d)
	if withdrawn := b.withdrawn(); opt.Fix && len(withdrawn) > 0 {
		rep.Outcome = OutcomeDifferences
		rep.Verdict = fmt.Sprintf("%s: %s; NOT repaired: the API no longer publishes periods %s, which the database holds, and reingesting would delete them. Check, then repair by hand: %s",
			d, b.disagreement(), intsString(withdrawn), rep.RepairCommand)
		return nil
	}
	if !opt.Fix {
		rep.Outcome = OutcomeDifferences
		rep.Verdict = fmt.Sprintf("%s: %s; not repaired. Repair with: %s", d, b.disagreement(), rep.RepairCommand)
		return nil
	}
	return s.repair(ctx, rep, opt, ActionFix, checkedPeriods(b))
}

// repair reingests the date through Run, then checks the periods again.
func (s *Service) repair(ctx context.Context, rep *VerifyReport, opt VerifyOptions, action Action, periods []int) error {
	rep.Action = action
	rep.RepairCommand = s.repairCommand(rep.Date)
	command := opt.Command
	if !strings.Contains(command, "fix") {
		command += " --fix"
	}
	res, err := s.Run(ctx, RunOptions{Date: rep.date, Command: command})
	if err != nil {
		if IsBadInput(err) {
			return err
		}
		rep.Outcome = OutcomeFailed
		rep.Error = "reingestion failed: " + err.Error()
		rep.Verdict = fmt.Sprintf("%s: %s; the date is unchanged. Retry with: %s", rep.Date, rep.Error, rep.RepairCommand)
		return nil
	}
	rep.RunID = res.RunID
	if rep.After, err = s.check(ctx, rep, periods); err != nil {
		return err
	}
	before := "reingested without checking first"
	if rep.Before != nil {
		before = rep.Before.disagreement()
	}
	if rep.After.clean() {
		rep.Outcome = OutcomeRepaired
		rep.RepairCommand = ""
		rep.Verdict = fmt.Sprintf("%s: repaired: %s; after reingestion (run #%d) %s", rep.Date, before, res.RunID, rep.After.agreement())
		return nil
	}
	rep.Outcome = OutcomeFailed
	rep.Error = "after reingestion: " + rep.After.disagreement()
	rep.Verdict = fmt.Sprintf("%s: NOT repaired: %s; after reingestion (run #%d) %s", rep.Date, before, res.RunID, rep.After.disagreement())
	return nil
}

// repairCommand is the exact command that reingests a date.
func (s *Service) repairCommand(date string) string {
	cmd := "recon run --date " + date
	if s.ElexonURL != "" && s.ElexonURL != elexon.DefaultBaseURL {
		cmd += " --elexon-url " + s.ElexonURL
	}
	return cmd
}

// SamplePeriods is the periods a mode checks first on a day of n periods,
// in order: every period (full), 1, 12, 24, 36 and n (fixed, progressive),
// or 1, n and 8 others at random (random).
func SamplePeriods(mode Sample, n int, rng *rand.Rand) []int {
	switch mode {
	case SampleFixed, SampleProgressive:
		return []int{1, 12, 24, 36, n}
	case SampleRandom:
		middle := make([]int, 0, n-2)
		for p := 2; p < n; p++ {
			middle = append(middle, p)
		}
		out := append([]int{1, n}, pickRandom(rng, middle, randomSampleSize-2)...)
		slices.Sort(out)
		return out
	default:
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
}

// ProgressiveExtra is the periods progressive mode adds when its first
// periods do not all match: 10 at random among the day's unchecked ones.
func ProgressiveExtra(checked []int, n int, rng *rand.Rand) []int {
	var unchecked []int
	for p := 1; p <= n; p++ {
		if !slices.Contains(checked, p) {
			unchecked = append(unchecked, p)
		}
	}
	out := pickRandom(rng, unchecked, progressiveExtraSize)
	slices.Sort(out)
	return out
}

// pickRandom picks k distinct elements of from (all of them if fewer).
func pickRandom(rng *rand.Rand, from []int, k int) []int {
	pool := slices.Clone(from)
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool[:min(k, len(pool))]
}

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

// check fetches the periods, compares each with the database, and checks
// the date's internal consistency.
func (s *Service) check(ctx context.Context, rep *VerifyReport, periods []int) (*Check, error) {
	got := s.fetchPeriods(ctx, rep.date, periods)
	for _, f := range got {
		rep.Synthetic = rep.Synthetic || f.synthetic
	}
	check := &Check{}
	err := s.rolledBack(ctx, func(q *db.Queries) error {
		if err := q.DateLockAcquire(ctx, rep.date); err != nil {
			return fmt.Errorf("lock %s: %w", rep.Date, err)
		}
		stored, err := q.VerifyStoredPeriods(ctx, db.VerifyStoredPeriodsParams{SettlementDate: rep.date, Periods: int16s(periods)})
		if err != nil {
			return fmt.Errorf("read the database's fingerprint of %s: %w", rep.Date, err)
		}
		issues, err := q.VerifyConsistency(ctx, rep.date)
		if err != nil {
			return fmt.Errorf("check the consistency of %s: %w", rep.Date, err)
		}
		for _, i := range issues {
			check.Inconsistencies = append(check.Inconsistencies, Inconsistency(i))
		}
		api, err := s.apiFingerprints(ctx, q, rep.date, got)
		if err != nil {
			return err
		}
		for _, st := range stored {
			p := int(st.SettlementPeriod)
			check.Periods = append(check.Periods, classify(p, got[p], st, api[p]))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if check.Inconsistencies == nil {
		check.Inconsistencies = []Inconsistency{}
	}
	check.Counts = countStatuses(check.Periods)
	return check, nil
}

// rolledBack runs fn in a transaction that is always rolled back: the
// sandbox in which fresh API rows are put into stack_rows to be read
// through the same SQL as the stored ones.
func (s *Service) rolledBack(ctx context.Context, fn func(q *db.Queries) error) error {
	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // the rollback is the point
	if err := fn(db.New(tx)); err != nil {
		return err
	}
	return tx.Rollback(ctx)
}

// apiFingerprints puts the published periods' fresh rows in place of the
// archived ones (inside the caller's rolled-back transaction) and reads
// their fingerprints. A period whose rows fail validation becomes an
// error.
func (s *Service) apiFingerprints(ctx context.Context, q *db.Queries, date time.Time, got map[int]*fetched) (map[int]*Fingerprint, error) {
	var rows []db.StackRowsInsertParams
	var periods []int
	for p, f := range got {
		if f.err != nil || !f.published {
			continue
		}
		r, err := stackRowParams(&elexon.Day{Date: date, Periods: []elexon.PeriodStack{f.stack}})
		if err != nil {
			f.err = fmt.Errorf("%w: %v", elexon.ErrMalformed, err)
			continue
		}
		rows = append(rows, r...)
		periods = append(periods, p)
	}
	out := make(map[int]*Fingerprint, len(periods))
	if len(periods) == 0 {
		return out, nil
	}
	if _, err := q.VerifyStackRowsClear(ctx, db.VerifyStackRowsClearParams{SettlementDate: date, Periods: int16s(periods)}); err != nil {
		return nil, fmt.Errorf("stage the API's rows: %w", err)
	}
	// The staged rows name a run, as every stack row must (a foreign key);
	// it is rolled back with them.
	runID, err := q.RunStart(ctx, db.RunStartParams{Command: "verify (staged, rolled back)", SettlementDate: &date,
		StartedAt: s.now(), ElexonUrl: &s.ElexonURL})
	if err != nil {
		return nil, fmt.Errorf("stage the API's rows: %w", err)
	}
	for i := range rows {
		rows[i].RunID = runID
	}
	if _, err := q.StackRowsInsert(ctx, rows); err != nil {
		return nil, fmt.Errorf("stage the API's rows: %w", err)
	}
	fps, err := q.VerifyArchivedPeriods(ctx, db.VerifyArchivedPeriodsParams{SettlementDate: date, Periods: int16s(periods)})
	if err != nil {
		return nil, fmt.Errorf("fingerprint the API's rows: %w", err)
	}
	for _, f := range fps {
		out[int(f.SettlementPeriod)] = &Fingerprint{
			Records: int(f.Records), EnergyMWh: f.EnergyMwh, Payment: f.Payment,
			NewestCreated: utc(f.NewestCreated), StackRows: int(f.StackRows), StackDigest: f.StackDigest,
		}
	}
	return out, nil
}

// classify gives one period its status.
func classify(p int, f *fetched, st db.VerifyStoredPeriodsRow, api *Fingerprint) PeriodCheck {
	pc := PeriodCheck{Period: p}
	if st.Published {
		pc.Database = &Fingerprint{
			Records: int(st.Records), EnergyMWh: st.EnergyMwh, Payment: st.Payment,
			NewestCreated: utc(st.NewestCreated), StackRows: int(st.StackRows), StackDigest: st.StackDigest,
		}
	}
	switch {
	case f == nil || f.err != nil:
		pc.Status = StatusError
		pc.Error = "the API could not be asked"
		if f != nil {
			pc.Error = f.err.Error()
		}
	case !f.published:
		pc.Status = StatusUnpublished
		if st.Published {
			pc.Note = fmt.Sprintf("the database holds this period (%d curtailment records) but the API no longer publishes it", st.Records)
		}
	case !st.Published:
		pc.Status, pc.API = StatusMissing, api
		pc.Note = "not in the database"
		if st.Fetched {
			pc.Note = "recorded as not yet published when the date was last run"
		}
	default:
		pc.API = api
		pc.Differences = compare(pc.Database, api)
		pc.Status = StatusMatch
		if len(pc.Differences) > 0 {
			pc.Status = StatusMismatch
		}
	}
	return pc
}

// compare lists the measures on which the database and the API disagree.
func compare(stored, api *Fingerprint) []Difference {
	var out []Difference
	if stored.Records != api.Records {
		out = append(out, countDifference("records", stored.Records, api.Records))
	}
	if !stored.EnergyMWh.Equal(api.EnergyMWh) {
		out = append(out, decimalDifference("energy_mwh", stored.EnergyMWh, api.EnergyMWh))
	}
	if !stored.Payment.Equal(api.Payment) {
		out = append(out, decimalDifference("payment", stored.Payment, api.Payment))
	}
	if !sameTime(stored.NewestCreated, api.NewestCreated) {
		d := Difference{Measure: "newest_created", Database: timeString(stored.NewestCreated), API: timeString(api.NewestCreated)}
		if stored.NewestCreated != nil && api.NewestCreated != nil {
			d.Delta = signed(api.NewestCreated.Sub(*stored.NewestCreated).String())
		}
		out = append(out, d)
	}
	if stored.StackRows != api.StackRows {
		out = append(out, countDifference("stack_rows", stored.StackRows, api.StackRows))
	}
	if stored.StackDigest != api.StackDigest {
		out = append(out, Difference{Measure: "stack_digest", Database: stored.StackDigest, API: api.StackDigest})
	}
	return out
}

func countDifference(measure string, stored, api int) Difference {
	return Difference{Measure: measure, Database: fmt.Sprint(stored), API: fmt.Sprint(api), Delta: signed(fmt.Sprint(api - stored))}
}

func decimalDifference(measure string, stored, api decimal.Decimal) Difference {
	return Difference{Measure: measure, Database: stored.String(), API: api.String(), Delta: signed(api.Sub(stored).String())}
}

// signed puts a + in front of a non-negative number or duration.
func signed(s string) string {
	if strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
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

// clean reports whether the check found nothing to repair and nothing it
// could not check: no mismatch, nothing missing, no error, consistent.
func (c *Check) clean() bool {
	return c.Counts.Mismatch == 0 && c.Counts.Missing == 0 && c.Counts.Error == 0 && len(c.Inconsistencies) == 0
}

// agreement describes a clean check in words.
func (c *Check) agreement() string {
	s := fmt.Sprintf("all %d checked periods match the API", c.Counts.Match)
	if c.Counts.Unpublished > 0 {
		s = fmt.Sprintf("%d of %d checked periods match the API, %d not published yet (%s)",
			c.Counts.Match, c.Counts.Checked, c.Counts.Unpublished, intsString(periodsWith(c, StatusUnpublished)))
	}
	return s + "; summaries and Bitcoin rows are consistent"
}

// disagreement describes what a check found wrong, in words.
func (c *Check) disagreement() string {
	var parts []string
	for _, st := range []Status{StatusMismatch, StatusMissing, StatusError} {
		if ps := periodsWith(c, st); len(ps) > 0 {
			parts = append(parts, fmt.Sprintf("%d %s (periods %s)", len(ps), st, intsString(ps)))
		}
	}
	if n := len(c.Inconsistencies); n > 0 {
		parts = append(parts, fmt.Sprintf("%d internal inconsistencies", n))
	}
	if len(parts) == 0 {
		return "nothing differs"
	}
	return fmt.Sprintf("of %d checked periods %s", c.Counts.Checked, strings.Join(parts, ", "))
}

// withdrawn is the periods the database holds but the API no longer
// publishes: reingesting would delete them.
func (c *Check) withdrawn() []int {
	var out []int
	for _, p := range c.Periods {
		if p.Status == StatusUnpublished && p.Database != nil {
			out = append(out, p.Period)
		}
	}
	return out
}

func periodsWith(c *Check, st Status) []int {
	var out []int
	for _, p := range c.Periods {
		if p.Status == st {
			out = append(out, p.Period)
		}
	}
	return out
}

func checkedPeriods(c *Check) []int {
	out := make([]int, len(c.Periods))
	for i, p := range c.Periods {
		out[i] = p.Period
	}
	return out
}

func intsString(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}

// dateState reads what the database holds for a date.
func (s *Service) dateState(ctx context.Context, date time.Time) (DateState, error) {
	st, err := db.New(s.Pool).VerifyDateState(ctx, date)
	if err != nil {
		return DateState{}, fmt.Errorf("read the state of %s: %w", date.Format(settlement.DateLayout), err)
	}
	return DateState{
		Records: int(st.Records), PeriodsCovered: int(st.PeriodsCovered), StackRows: int(st.StackRows),
		EnergyMWh: st.EnergyMwh, Payment: st.Payment,
	}, nil
}

// finishVerification writes the report file and records the verification.
func (s *Service) finishVerification(ctx context.Context, rep *VerifyReport, opt VerifyOptions) error {
	var errs []error
	if err := writeReport(rep, opt); err != nil {
		errs = append(errs, err)
	}
	if err := s.recordVerification(ctx, rep); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// writeReport writes rep as indented JSON to opt.ReportPath, or to a new
// file in opt.ReportDir named verify-DATE-UTCSTAMP.json.
func writeReport(rep *VerifyReport, opt VerifyOptions) error {
	body, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the verification report: %w", err)
	}
	body = append(body, '\n')
	path := opt.ReportPath
	if path == "" {
		if opt.ReportDir == "" {
			return nil
		}
		if err := os.MkdirAll(opt.ReportDir, 0o755); err != nil {
			return fmt.Errorf("create the report directory: %w (give another with --log-dir or --report)", err)
		}
		path, err = newReportFile(opt.ReportDir, rep, body)
	} else {
		err = os.WriteFile(path, body, 0o644)
	}
	if err != nil {
		return fmt.Errorf("write the verification report: %w (give another place with --report or --log-dir)", err)
	}
	rep.ReportPath = path
	return nil
}

// newReportFile creates a report file that did not exist, adding -2, -3 …
// to the name when two verifications of a date start in the same second.
func newReportFile(dir string, rep *VerifyReport, body []byte) (string, error) {
	base := fmt.Sprintf("verify-%s-%s", rep.Date, rep.StartedAt.UTC().Format("20060102T150405Z"))
	for i := 1; ; i++ {
		name := base + ".json"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.json", base, i)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(body)
		return path, errors.Join(err, f.Close())
	}
}

// recordVerification appends the verification to the verifications table.
func (s *Service) recordVerification(ctx context.Context, rep *VerifyReport) error {
	first := rep.First()
	nonmatching := map[Status][]int{}
	for _, p := range first.Periods {
		if p.Status != StatusMatch {
			nonmatching[p.Status] = append(nonmatching[p.Status], p.Period)
		}
	}
	nm, err := json.Marshal(nonmatching)
	if err != nil {
		return err
	}
	c := first.Counts
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	id, err := db.New(s.Pool).VerificationRecord(rctx, db.VerificationRecordParams{
		SettlementDate: rep.date, Command: rep.Command, StartedAt: rep.StartedAt, Mode: string(rep.Mode),
		PeriodsChecked: int32(c.Checked), Matched: int32(c.Match), Mismatched: int32(c.Mismatch),
		Missing: int32(c.Missing), Unpublished: int32(c.Unpublished), Errors: int32(c.Error),
		Inconsistencies: int32(len(first.Inconsistencies)), Action: string(rep.Action),
		RepairRunID: nonZero(rep.RunID), Outcome: string(rep.Outcome), Error: nonEmpty(rep.Error),
		ReportPath: nonEmpty(rep.ReportPath), ElexonUrl: nonEmpty(rep.ElexonURL), Synthetic: rep.Synthetic,
		Nonmatching: nm,
	})
	if err != nil {
		return fmt.Errorf("record the verification of %s: %w", rep.Date, err)
	}
	rep.VerificationID = id
	return nil
}

func nonZero(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
