-- What a run that rebuilds from stored data says about itself.
--
-- `recon recalc` and `recon rederive` rebuild Bitcoin (and, for rederive,
-- curtailment) from what the database already holds: they ask the API
-- nothing. Their runs rows used to be told apart from fetching runs only by
-- their command, and their API columns were once filled with zeros ("0
-- requests, 0 stack rows, 0 of 48 periods published"), which reads as a
-- fetch that found nothing. Now a run either fetched (requests, stack_rows
-- and the periods_* columns are set, periods_rebuilt is null) or rebuilt
-- (periods_rebuilt is set, the API columns are null); recon writes each kind
-- through its own statement, so the two cannot be confused.
--
-- Commands that change reference data (bmu sync and import, difficulty sync
-- and import, model add) record a run with no settlement date, and the
-- comments below say so.

-- +goose Up
ALTER TABLE runs ADD COLUMN periods_rebuilt integer;

COMMENT ON COLUMN runs.periods_rebuilt IS 'For a run that rebuilt a date from stored data without the API (recalc, rederive): how many of the covered periods the database held as published, whose curtailment and Bitcoin were rebuilt. Null for runs that fetched from the API.';
COMMENT ON COLUMN runs.command IS 'The command, e.g. run, backfill, verify --fix, reconcile --fix, recalc, rederive, wind, bmu sync, bmu import, difficulty sync, difficulty import, model add.';
COMMENT ON COLUMN runs.settlement_date IS 'The settlement date the run worked on; null for a change of reference data (bmu, difficulty, model).';
COMMENT ON COLUMN runs.requests IS 'HTTP requests sent to the API, retries included; null when the run asked the API nothing (recalc, rederive, imports, model add).';
COMMENT ON COLUMN runs.stack_rows IS 'Settlement-stack rows fetched and archived (stack_rows) for the covered periods; null when the run fetched no stack.';
COMMENT ON COLUMN runs.periods_expected IS 'Settlement periods the run asked the API for; null when it asked for none.';
COMMENT ON COLUMN runs.periods_published IS 'Of the periods asked for, those the API had published; null when it asked for none.';

-- +goose Down
COMMENT ON COLUMN runs.periods_published IS 'Of those, the periods the API had published.';
COMMENT ON COLUMN runs.periods_expected IS 'Settlement periods the run asked the API for.';
COMMENT ON COLUMN runs.stack_rows IS 'Settlement-stack rows archived (stack_rows) for the covered periods.';
COMMENT ON COLUMN runs.requests IS 'HTTP requests sent to the API, retries included.';
COMMENT ON COLUMN runs.settlement_date IS 'The settlement date the run worked on.';
COMMENT ON COLUMN runs.command IS 'The command, e.g. run, verify (with fix), recalc, rederive.';
ALTER TABLE runs DROP COLUMN periods_rebuilt;
