package recon

import "time"

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
	// ActionRederive: rebuilt from the archive (as `recon rederive` does),
	// because the archived rows were the API's and only the derivation
	// differed.
	ActionRederive Action = "rederive"
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

// Finding is why a verification ended with its outcome: what its verdict
// says, in words the command chooses.
type Finding string

// The findings, by outcome.
const (
	// FindingAgrees: every checked period matches or is not published yet,
	// and the date is consistent (OutcomeMatched).
	FindingAgrees Finding = "agrees"
	// FindingRepaired: the check after the repair found everything
	// matching (OutcomeRepaired).
	FindingRepaired Finding = "repaired"
	// FindingNotRepaired: something differs and no repair was asked for
	// (OutcomeDifferences).
	FindingNotRepaired Finding = "not_repaired"
	// FindingWithdrawn: something differs, but the API no longer publishes
	// periods the database holds, so a repair, which would delete them, was
	// not made (OutcomeDifferences).
	FindingWithdrawn Finding = "withdrawn"
	// FindingIncomplete: some checked periods could not be fetched; nothing
	// was repaired (OutcomeFailed).
	FindingIncomplete Finding = "incomplete"
	// FindingNothingPublished: the API published none of the checked
	// periods, which is what a wrong --elexon-url looks like; nothing was
	// repaired (OutcomeFailed).
	FindingNothingPublished Finding = "nothing_published"
	// FindingRepairFailed: the reingestion failed; the date is unchanged
	// (OutcomeFailed).
	FindingRepairFailed Finding = "repair_failed"
	// FindingStillDiffers: the reingestion succeeded but the check after it
	// still found differences (OutcomeFailed).
	FindingStillDiffers Finding = "still_differs"
	// FindingDerivationDiffers: the archived rows of every period that
	// differs are exactly the API's (same stack digest); only the
	// curtailment derived from them differs, e.g. because the wind registry
	// changed after the date was derived. Not repaired; `recon rederive`
	// repairs it (OutcomeDifferences).
	FindingDerivationDiffers Finding = "derivation_differs"
	// FindingNoDifficulty: the repair could not compute the date's Bitcoin:
	// the difficulty table does not reach its periods, and could not be
	// brought up to date (offline, or the source failed); the date is
	// unchanged (OutcomeFailed). The error is a DifficultyGapError's line.
	FindingNoDifficulty Finding = "no_difficulty"
)

// Caller is the command that asked for a verification. It names the
// verification's record and the repair run's.
type Caller string

// The callers.
const (
	CallerVerify    Caller = "verify"    // recon verify
	CallerReconcile Caller = "reconcile" // recon reconcile, one date of its window
)

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
	// Caller is the command asking; empty means CallerVerify.
	Caller Caller
	// PriceMaxAge is the repair's RunOptions.PriceMaxAge.
	PriceMaxAge time.Duration
	// Describe, when set, writes the report's verdict: one line saying what
	// was found and done, kept in the JSON report as "verdict". The command
	// that prints the report supplies it.
	Describe func(*VerifyReport) string

	// referenceReady says the caller (reconcile) has already ensured the
	// reference data of this date, for many dates at once.
	referenceReady bool
}

// command is what verifications.command records: the caller and its
// flags, e.g. "verify --fix" or "reconcile --dry-run".
func (o VerifyOptions) command() string {
	switch {
	case o.Caller == CallerReconcile && !o.Fix && !o.ForceFix:
		return "reconcile --dry-run"
	case o.Caller == CallerReconcile:
		return "reconcile"
	case o.Fix:
		return "verify --fix"
	case o.ForceFix:
		return "verify --force-fix"
	}
	return "verify"
}

// rederiveRunCommand is what runs.command records for a repair by rebuilding
// from the archive, e.g. "verify --fix (rederive)".
func (o VerifyOptions) rederiveRunCommand() string {
	return string(o.Caller) + " --fix (rederive)"
}

// repairRunCommand is what runs.command records for the reingestion a
// repair makes, e.g. "verify --fix" or "reconcile --fix".
func (o VerifyOptions) repairRunCommand() string {
	if o.ForceFix {
		return string(o.Caller) + " --force-fix"
	}
	return string(o.Caller) + " --fix"
}
