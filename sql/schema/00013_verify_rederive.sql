-- A verification can now repair a date without the API. When every period
-- that differs has exactly the API's archived rows (the same stack digest,
-- row count and newest createdDateTime) and only the curtailment derived
-- from them differs, the rows are not what changed: the derivation is,
-- typically because the wind registry changed (`recon bmu sync` or `recon
-- bmu import`) after the date was derived. Reingesting would fetch the same
-- rows again; the repair is to rebuild the date from its archive, as
-- `recon rederive` does, under the date's lock and recorded as a run.
-- verifications.action records such a repair as 'rederive'.

-- +goose Up
ALTER TABLE verifications DROP CONSTRAINT verifications_action_check;
ALTER TABLE verifications ADD CONSTRAINT verifications_action_check
    CHECK (action IN ('none', 'fix', 'force-fix', 'rederive'));

COMMENT ON COLUMN verifications.action IS
    'none, fix (the date was reingested because something differed), force-fix (reingested without checking first) or rederive (the archived rows were exactly the API''s and only the curtailment derived from them differed, e.g. after a change of the wind registry: the date was rebuilt from its archive, as recon rederive does).';
COMMENT ON COLUMN verifications.repair_run_id IS
    'The run that repaired the date (runs.run_id): the reingestion, or the rebuild from the archive when action is rederive; set when action is not none and the run succeeded.';

-- +goose Down
-- The older constraint knows no rederive: such repairs read as fix.
UPDATE verifications SET action = 'fix' WHERE action = 'rederive';
ALTER TABLE verifications DROP CONSTRAINT verifications_action_check;
ALTER TABLE verifications ADD CONSTRAINT verifications_action_check
    CHECK (action IN ('none', 'fix', 'force-fix'));
COMMENT ON COLUMN verifications.action IS 'none, fix (the date was reingested because something differed) or force-fix (reingested without checking first).';
COMMENT ON COLUMN verifications.repair_run_id IS 'The run that reingested the date (runs.run_id), when action is not none and the run succeeded.';
