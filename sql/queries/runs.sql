-- name: RunStart :one
-- Opens the record of a run inside its transaction. If the transaction rolls
-- back the record goes with it, and RunRecordFailure appends a failed one.
INSERT INTO runs (command, settlement_date, period_from, period_to, started_at, outcome,
                  elexon_url, synthetic, difficulty_override)
VALUES (@command, @settlement_date, @period_from, @period_to, @started_at, 'succeeded',
        @elexon_url, @synthetic, @difficulty_override)
RETURNING run_id;

-- name: RunFinish :exec
-- Fills in what the run did, just before its transaction commits.
UPDATE runs
SET finished_at         = clock_timestamp(), -- now() would be when the transaction began
    requests            = @requests,
    stack_rows          = @stack_rows,
    curtailment_records = @curtailment_records,
    periods_expected    = @periods_expected,
    periods_published   = @periods_published,
    periods_unpublished = @periods_unpublished,
    energy_mwh          = @energy_mwh,
    payment             = @payment,
    null_price_rows     = @null_price_rows,
    details             = @details
WHERE run_id = @run_id;

-- name: RunRecordFailure :exec
-- Appends the record of a run that failed; its transaction (if any) has
-- already rolled back, so this is the only trace it leaves.
INSERT INTO runs (command, settlement_date, period_from, period_to, started_at, outcome, error,
                  elexon_url, requests, difficulty_override)
VALUES (@command, @settlement_date, @period_from, @period_to, @started_at, 'failed', @error,
        @elexon_url, @requests, @difficulty_override);

-- name: RunsLatest :many
-- The most recent runs, newest first.
SELECT *
FROM runs
ORDER BY run_id DESC
LIMIT @max_rows;

-- name: RunArchiveSynthetic :one
-- Whether any archived settlement period of a date was fetched from recon's
-- stand-in server. recalc and rederive derive from the archive without
-- fetching: their runs are synthetic when it is.
SELECT coalesce(bool_or(r.synthetic), false)::boolean AS synthetic
FROM settlement_periods AS p
JOIN runs AS r ON r.run_id = p.run_id
WHERE p.settlement_date = @settlement_date;
