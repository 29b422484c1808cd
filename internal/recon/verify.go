package recon

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/settlement"
)

// Verification, in one file per job: the types (verify_types.go,
// verify_report.go), this orchestration, the choice of periods
// (verify_sample.go), fetching them (verify_fetch.go), staging the API's
// rows beside the database's (verify_sandbox.go), comparing
// (verify_compare.go), the JSON report file (verify_file.go) and the record
// in verifications (verify_record.go).

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
		Date: opt.Date.Format(settlement.DateLayout), date: opt.Date, Command: opt.command(), Mode: opt.Sample,
		Seed: opt.Seed, PeriodsInDay: settlement.Periods(opt.Date), ElexonURL: s.ElexonURL,
		StartedAt: s.now().UTC(), Action: ActionNone,
	}
	log := s.log().With("date", rep.Date, "mode", string(opt.Sample))
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))

	var err error
	if rep.InitialState, err = s.dateState(ctx, opt.Date); err != nil {
		return nil, err
	}
	if opt.ForceFix {
		periods := SamplePeriods(opt.Sample, rep.PeriodsInDay, rng)
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
	if opt.Describe != nil {
		rep.Verdict = opt.Describe(rep)
	}
	if err := s.finishVerification(ctx, rep, opt); err != nil {
		return rep, err
	}
	log.Info("verified", "outcome", rep.Outcome, "finding", rep.Finding, "action", rep.Action)
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
	if opt.Caller == "" {
		opt.Caller = CallerVerify
	}
	bound, err := priceMaxAge(opt.PriceMaxAge)
	if err != nil {
		return err
	}
	opt.PriceMaxAge = bound.Duration()
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
	switch {
	case b.Counts.Error > 0:
		rep.Outcome, rep.Finding = OutcomeFailed, FindingIncomplete
		rep.Error = fmt.Sprintf("%d of %d periods could not be fetched from the API", b.Counts.Error, b.Counts.Checked)
		if b.AllUnreachable() {
			rep.Error = fmt.Sprintf("the API at %s could not be reached for %d of %d periods: check --elexon-url (or ELEXON_BASE_URL) and the network",
				s.ElexonURL, b.Counts.Error, b.Counts.Checked)
		}
		return nil
	case b.Counts.Unpublished == b.Counts.Checked:
		// As for `recon run`: a wrong URL looks exactly like this, and it
		// must never read as agreement.
		rep.Outcome, rep.Finding = OutcomeFailed, FindingNothingPublished
		rep.Error = fmt.Sprintf("the API has published none of the %d checked periods", b.Counts.Checked)
		return nil
	case b.Clean():
		rep.Outcome, rep.Finding = OutcomeMatched, FindingAgrees
		return nil
	}
	if b.DerivationOnly() {
		// The rows are the API's: reingesting would fetch them again.
		// Rebuilding from the archive is the repair (and deletes nothing,
		// so periods the API has withdrawn are no obstacle).
		rep.RepairCommand = s.rederiveCommand(rep.Date)
		if !opt.Fix {
			rep.Outcome, rep.Finding = OutcomeDifferences, FindingDerivationDiffers
			return nil
		}
		return s.rederiveRepair(ctx, rep, opt, b.checked())
	}
	rep.RepairCommand = s.repairCommand(rep.Date)
	switch {
	case opt.Fix && len(b.Withdrawn()) > 0:
		rep.Outcome, rep.Finding = OutcomeDifferences, FindingWithdrawn
		return nil
	case !opt.Fix:
		rep.Outcome, rep.Finding = OutcomeDifferences, FindingNotRepaired
		return nil
	}
	return s.repair(ctx, rep, opt, ActionFix, b.checked())
}

// repair reingests the date through Run, then checks the periods again.
func (s *Service) repair(ctx context.Context, rep *VerifyReport, opt VerifyOptions, action Action, periods []int) error {
	rep.Action = action
	rep.RepairCommand = s.repairCommand(rep.Date)
	if !opt.referenceReady {
		ref, err := s.ensureReference(ctx, rep.date, rep.date, true, opt.PriceMaxAge)
		if err != nil {
			return err
		}
		rep.Reference = ref
	}
	res, err := s.Run(ctx, RunOptions{Date: rep.date, Command: opt.repairRunCommand(), PriceMaxAge: opt.PriceMaxAge, referenceReady: true})
	var gap *DifficultyGapError
	switch {
	case IsBadInput(err):
		return err
	case errors.As(err, &gap):
		rep.Outcome, rep.Finding = OutcomeFailed, FindingNoDifficulty
		rep.Error = gap.Error()
		return nil
	case err != nil:
		rep.Outcome, rep.Finding = OutcomeFailed, FindingRepairFailed
		rep.Error = "reingestion failed: " + err.Error()
		return nil
	}
	return s.checkRepair(ctx, rep, periods, res.RunID, "reingestion")
}

// rederiveRepair rebuilds the date from its archive, as `recon rederive`
// does (the date's lock, one transaction, a runs row), then checks the
// periods again.
func (s *Service) rederiveRepair(ctx context.Context, rep *VerifyReport, opt VerifyOptions, periods []int) error {
	rep.Action = ActionRederive
	res, err := s.rederiveDate(ctx, rep.date, opt.rederiveRunCommand(), valuationBound(opt.PriceMaxAge))
	if err != nil {
		rep.Outcome, rep.Finding = OutcomeFailed, FindingRepairFailed
		rep.Error = "rebuilding from the archive failed: " + err.Error()
		return nil
	}
	return s.checkRepair(ctx, rep, periods, res.RunID, "rebuilding from the archive")
}

// checkRepair checks the periods again after a repair recorded as runID
// (what names it in the error) and settles the report's outcome: repaired
// when nothing differs any more, failed with the counts otherwise.
func (s *Service) checkRepair(ctx context.Context, rep *VerifyReport, periods []int, runID int64, what string) error {
	rep.RunID = runID
	var err error
	if rep.After, err = s.check(ctx, rep, periods); err != nil {
		return err
	}
	if rep.After.Clean() {
		rep.Outcome, rep.Finding = OutcomeRepaired, FindingRepaired
		rep.RepairCommand = ""
		return nil
	}
	c := rep.After.Counts
	rep.Outcome, rep.Finding = OutcomeFailed, FindingStillDiffers
	rep.Error = fmt.Sprintf("after %s (run #%d), of %d checked periods %d mismatch, %d missing, %d error; %d internal inconsistencies",
		what, runID, c.Checked, c.Mismatch, c.Missing, c.Error, len(rep.After.Inconsistencies))
	return nil
}

// rederiveCommand is the exact command that rebuilds a date from its
// archive, with the global flags the user gave.
func (s *Service) rederiveCommand(date string) string {
	cmd := "recon rederive --from " + date + " --to " + date
	if s.CommandFlags != "" {
		cmd += " " + s.CommandFlags
	}
	return cmd
}

// repairCommand is the exact command that reingests a date, with the
// global flags the user gave.
func (s *Service) repairCommand(date string) string {
	cmd := "recon run --date " + date
	switch {
	case s.CommandFlags != "":
		cmd += " " + s.CommandFlags
	case s.ElexonURL != "" && s.ElexonURL != elexon.DefaultBaseURL:
		cmd += " --elexon-url " + s.ElexonURL
	}
	return cmd
}

// check fetches the periods, compares each with the database, and checks
// the date's internal consistency. The database is read under the date's
// lock, in a transaction always rolled back, in which the API's rows are
// staged beside the stored ones (verify_sandbox.go).
func (s *Service) check(ctx context.Context, rep *VerifyReport, periods []int) (*Check, error) {
	got := s.fetchPeriods(ctx, rep.date, periods)
	for _, f := range got {
		rep.Synthetic = rep.Synthetic || f.synthetic
	}
	check := &Check{Inconsistencies: []Inconsistency{}}
	err := s.rolledBack(ctx, func(sb *sandbox) error {
		if err := sb.q.DateLockAcquire(ctx, rep.date); err != nil {
			return fmt.Errorf("lock %s: %w", rep.Date, err)
		}
		stored, err := sb.q.VerifyStoredPeriods(ctx, db.VerifyStoredPeriodsParams{SettlementDate: rep.date, Periods: int16s(periods)})
		if err != nil {
			return fmt.Errorf("read the database's fingerprint of %s: %w", rep.Date, err)
		}
		issues, err := sb.q.VerifyConsistency(ctx, rep.date)
		if err != nil {
			return fmt.Errorf("check the consistency of %s: %w", rep.Date, err)
		}
		for _, i := range issues {
			check.Inconsistencies = append(check.Inconsistencies, Inconsistency(i))
		}
		turnUp, err := turnUpChecks(ctx, sb.q, rep.date)
		if err != nil {
			return fmt.Errorf("check the consistency of %s: %w", rep.Date, err)
		}
		check.Inconsistencies = append(check.Inconsistencies, turnUp...)
		api, err := sb.apiFingerprints(ctx, rep.date, got)
		if err != nil {
			return err
		}
		for _, st := range stored {
			p := int(st.SettlementPeriod)
			check.Periods = append(check.Periods, classify(p, got[p], storedFingerprint(st), api[p]))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	check.Counts = countStatuses(check.Periods)
	return check, nil
}
