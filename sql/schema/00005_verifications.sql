-- The outcome of every verification (`recon verify`, `recon reconcile`), so
-- that analysts can ask which days disagreed with the API, which were
-- repaired and which could not be checked, without reading the JSON reports.
--
-- A verification compares, per settlement period, the database's fingerprint
-- (curtailment rows, energy, payment, newest createdDateTime and a digest of
-- the archived stack rows) with a fresh fetch from the API, and checks the
-- date's internal consistency (every summary equals the sum of the rows below
-- it; every curtailment row has Bitcoin rows for every miner model). The
-- counts below are those of the first check, before any repair; outcome says
-- how it ended.

-- +goose Up
CREATE TABLE verifications (
    verification_id  bigserial PRIMARY KEY,
    settlement_date  date        NOT NULL,
    command          text        NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL DEFAULT now(),
    mode             text        NOT NULL CHECK (mode IN ('full', 'fixed', 'progressive', 'random')),
    periods_checked  integer     NOT NULL,
    matched          integer     NOT NULL,
    mismatched       integer     NOT NULL,
    missing          integer     NOT NULL,
    unpublished      integer     NOT NULL,
    errors           integer     NOT NULL,
    inconsistencies  integer     NOT NULL,
    action           text        NOT NULL CHECK (action IN ('none', 'fix', 'force-fix')),
    repair_run_id    bigint,
    outcome          text        NOT NULL CHECK (outcome IN ('matched', 'repaired', 'differences', 'failed')),
    error            text,
    report_path      text,
    elexon_url       text,
    synthetic        boolean     NOT NULL DEFAULT false,
    nonmatching      jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX verifications_date ON verifications (settlement_date, verification_id);

COMMENT ON TABLE verifications IS
    'One row per verification of a settlement date against the API (recon verify, recon reconcile): what was checked, what was found, what was done and how it ended. Days whose latest verification did not end well: SELECT * FROM verification_latest WHERE outcome IN (''differences'', ''failed'').';
COMMENT ON COLUMN verifications.verification_id IS 'Surrogate key, increasing in the order verifications finished.';
COMMENT ON COLUMN verifications.settlement_date IS 'The settlement date verified (Europe/London calendar day).';
COMMENT ON COLUMN verifications.command IS 'What asked for it: verify, verify with fix or force-fix, or reconcile.';
COMMENT ON COLUMN verifications.started_at IS 'When the verification started.';
COMMENT ON COLUMN verifications.finished_at IS 'When it finished (repair and second check included).';
COMMENT ON COLUMN verifications.mode IS 'Which periods were checked: full (every period of the day), fixed (1, 12, 24, 36 and the last), progressive (fixed, plus 10 random periods when any of those did not match) or random (10, the first and last among them).';
COMMENT ON COLUMN verifications.periods_checked IS 'Settlement periods compared with the API in the first check.';
COMMENT ON COLUMN verifications.matched IS 'Checked periods whose fingerprint in the database equals the API''s.';
COMMENT ON COLUMN verifications.mismatched IS 'Checked periods the database holds but whose fingerprint differs from the API''s (the JSON report says which measures, by how much).';
COMMENT ON COLUMN verifications.missing IS 'Checked periods the API publishes but the database does not hold.';
COMMENT ON COLUMN verifications.unpublished IS 'Checked periods the API has not published (it answered 404): neither a match nor a difference.';
COMMENT ON COLUMN verifications.errors IS 'Checked periods the API could not be asked about (the request failed after retries). Any error makes the verification incomplete: it is never a match, and it never triggers a repair.';
COMMENT ON COLUMN verifications.inconsistencies IS 'Internal consistency failures of the date: a summary (daily, monthly or yearly; curtailment or Bitcoin) that does not equal the sum of its base rows, or curtailment without Bitcoin rows for some miner model.';
COMMENT ON COLUMN verifications.action IS 'none, fix (the date was reingested because something differed) or force-fix (reingested without checking first).';
COMMENT ON COLUMN verifications.repair_run_id IS 'The run that reingested the date (runs.run_id), when action is not none and the run succeeded.';
COMMENT ON COLUMN verifications.outcome IS 'matched (everything checked agrees), repaired (differences found, the date reingested, and a second check agrees), differences (found and not repaired: exit status 3) or failed (could not complete, or the repair failed or did not make it agree: exit status 1).';
COMMENT ON COLUMN verifications.error IS 'Why the verification failed, when it did.';
COMMENT ON COLUMN verifications.report_path IS 'Where the JSON report (state before and after, per-period details) was written.';
COMMENT ON COLUMN verifications.elexon_url IS 'The API base URL verified against.';
COMMENT ON COLUMN verifications.synthetic IS 'True when the API was recon''s stand-in server: SYNTHETIC data, not real.';
COMMENT ON COLUMN verifications.nonmatching IS 'The periods of the first check that did not match, by status, e.g. {"mismatch": [3, 17], "missing": [40]}.';

-- The latest verification of each date: the usual starting point.
CREATE VIEW verification_latest AS
SELECT DISTINCT ON (v.settlement_date) v.*
FROM verifications AS v
ORDER BY v.settlement_date, v.verification_id DESC;

COMMENT ON VIEW verification_latest IS
    'The most recent verification of each settlement date (one row per date in verifications).';
COMMENT ON COLUMN verification_latest.verification_id IS 'As verifications.verification_id.';
COMMENT ON COLUMN verification_latest.settlement_date IS 'As verifications.settlement_date.';
COMMENT ON COLUMN verification_latest.command IS 'As verifications.command.';
COMMENT ON COLUMN verification_latest.started_at IS 'As verifications.started_at.';
COMMENT ON COLUMN verification_latest.finished_at IS 'As verifications.finished_at.';
COMMENT ON COLUMN verification_latest.mode IS 'As verifications.mode.';
COMMENT ON COLUMN verification_latest.periods_checked IS 'As verifications.periods_checked.';
COMMENT ON COLUMN verification_latest.matched IS 'As verifications.matched.';
COMMENT ON COLUMN verification_latest.mismatched IS 'As verifications.mismatched.';
COMMENT ON COLUMN verification_latest.missing IS 'As verifications.missing.';
COMMENT ON COLUMN verification_latest.unpublished IS 'As verifications.unpublished.';
COMMENT ON COLUMN verification_latest.errors IS 'As verifications.errors.';
COMMENT ON COLUMN verification_latest.inconsistencies IS 'As verifications.inconsistencies.';
COMMENT ON COLUMN verification_latest.action IS 'As verifications.action.';
COMMENT ON COLUMN verification_latest.repair_run_id IS 'As verifications.repair_run_id.';
COMMENT ON COLUMN verification_latest.outcome IS 'As verifications.outcome.';
COMMENT ON COLUMN verification_latest.error IS 'As verifications.error.';
COMMENT ON COLUMN verification_latest.report_path IS 'As verifications.report_path.';
COMMENT ON COLUMN verification_latest.elexon_url IS 'As verifications.elexon_url.';
COMMENT ON COLUMN verification_latest.synthetic IS 'As verifications.synthetic.';
COMMENT ON COLUMN verification_latest.nonmatching IS 'As verifications.nonmatching.';

-- +goose Down
DROP VIEW verification_latest;
DROP TABLE verifications;
