-- name: BitcoinDeleteForPeriods :execrows
-- Removes the Bitcoin rows of some periods of a date before they are
-- computed again (same transaction). With @miner_model null, every model.
DELETE FROM historical_bitcoin_calculations
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to
  AND (sqlc.narg('miner_model')::text IS NULL OR miner_model = sqlc.narg('miner_model'));

-- name: BitcoinInsert :copyfrom
-- Stores the satoshis computed in Go for each (period, farm, miner model), as
-- BTC, with the difficulty used (and whether it was an override). One COPY
-- per date, after BitcoinDeleteForPeriods, in the same transaction.
INSERT INTO historical_bitcoin_calculations (
    settlement_date, settlement_period, farm_id, miner_model, bitcoin_mined, difficulty,
    difficulty_override, run_id
) VALUES (
    @settlement_date, @settlement_period, @farm_id, @miner_model, @bitcoin_mined, @difficulty,
    @difficulty_override, @run_id
);

-- name: BitcoinTotalsForPeriods :many
-- BTC per miner model over some periods of a date, for a run's summary.
SELECT b.miner_model,
       sum(b.bitcoin_mined)::numeric AS bitcoin_mined
FROM historical_bitcoin_calculations AS b
WHERE b.settlement_date = @settlement_date
  AND b.settlement_period BETWEEN @period_from AND @period_to
GROUP BY b.miner_model
ORDER BY b.miner_model;

-- name: MinerModelsList :many
-- Every miner model recon computes Bitcoin for, by name.
SELECT *
FROM miner_models
ORDER BY name;

-- name: MinerModelUpsert :exec
-- Adds a miner model, or changes the figures of an existing one.
INSERT INTO miner_models (name, hashrate_ths, power_watts)
VALUES (@name, @hashrate_ths, @power_watts)
ON CONFLICT (name) DO UPDATE
SET hashrate_ths = EXCLUDED.hashrate_ths,
    power_watts  = EXCLUDED.power_watts;

-- name: DifficultyEpochsList :many
-- Every difficulty epoch, oldest first: the difficulty in force at a moment
-- is that of the last epoch activated at or before it.
SELECT *
FROM difficulty_epochs
ORDER BY activated_at;

-- name: DifficultyEpochUpsert :one
-- Adds an epoch, or corrects an existing one. Answers whether anything
-- changed ('inserted', 'updated' or 'unchanged'). A new or changed
-- difficulty gets the precision given ('unknown' when the caller cannot
-- tell); a difficulty that stays as it was keeps its precision.
WITH old AS (
    SELECT e.difficulty, e.activated_at FROM difficulty_epochs AS e WHERE e.height = @height
), up AS (
    INSERT INTO difficulty_epochs AS e (height, activated_at, difficulty, time_precision, difficulty_precision, source, notes)
    VALUES (@height, @activated_at, @difficulty, @time_precision,
            coalesce(sqlc.narg('difficulty_precision')::text, 'unknown'), @source, sqlc.narg('notes'))
    ON CONFLICT (height) DO UPDATE
    SET activated_at         = EXCLUDED.activated_at,
        difficulty           = EXCLUDED.difficulty,
        time_precision       = EXCLUDED.time_precision,
        difficulty_precision = CASE WHEN e.difficulty = EXCLUDED.difficulty
                                    THEN e.difficulty_precision
                                    ELSE EXCLUDED.difficulty_precision END,
        source               = EXCLUDED.source,
        notes                = EXCLUDED.notes,
        updated_at           = now()
    WHERE (e.activated_at, e.difficulty) IS DISTINCT FROM (EXCLUDED.activated_at, EXCLUDED.difficulty)
    RETURNING e.height
)
SELECT CASE
         WHEN NOT EXISTS (SELECT 1 FROM old) THEN 'inserted'
         WHEN EXISTS (SELECT 1 FROM up) THEN 'updated'
         ELSE 'unchanged'
       END::text AS change;
