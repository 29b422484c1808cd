-- name: RunStart :one
-- Opens the record of a run inside its transaction. If the transaction rolls
-- back the record goes with it, and RunRecordFailure appends a failed one.
-- price_max_age is the bound a run that computes Bitcoin values it with
-- (null for one that computes none).
INSERT INTO runs (command, settlement_date, period_from, period_to, started_at, outcome,
                  elexon_url, synthetic, difficulty_override, price_max_age)
VALUES (@command, @settlement_date, @period_from, @period_to, @started_at, 'succeeded',
        @elexon_url, @synthetic, @difficulty_override, @price_max_age)
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
                  elexon_url, requests, difficulty_override, price_max_age)
VALUES (@command, @settlement_date, @period_from, @period_to, @started_at, 'failed', @error,
        @elexon_url, @requests, @difficulty_override, @price_max_age);

-- name: RunsLatest :many
-- The most recent runs, newest first.
SELECT *
FROM runs
ORDER BY run_id DESC
LIMIT @max_rows;

-- name: RunFinishRebuild :one
-- Fills in what a run that rebuilt stored periods without the API (recalc,
-- rederive) did, just before its transaction commits. Its API columns stay
-- null: it asked the API nothing. periods_rebuilt counts the covered periods
-- the database holds as published (settlement_periods); answers that count.
UPDATE runs AS r
SET finished_at         = clock_timestamp(),
    periods_rebuilt     = (SELECT count(*)::int
                           FROM settlement_periods AS p
                           WHERE p.settlement_date = @settlement_date
                             AND p.settlement_period BETWEEN @period_from AND @period_to
                             AND p.published),
    curtailment_records = @curtailment_records,
    energy_mwh          = @energy_mwh,
    payment             = @payment,
    null_price_rows     = @null_price_rows,
    details             = @details
WHERE r.run_id = @run_id
RETURNING r.periods_rebuilt;

-- name: RunArchiveSynthetic :one
-- Whether any archived settlement period of a date was fetched from recon's
-- stand-in server. recalc and rederive derive from the archive without
-- fetching: their runs are synthetic when it is.
SELECT coalesce(bool_or(r.synthetic), false)::boolean AS synthetic
FROM settlement_periods AS p
JOIN runs AS r ON r.run_id = p.run_id
WHERE p.settlement_date = @settlement_date;
