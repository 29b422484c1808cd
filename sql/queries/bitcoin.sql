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

-- name: DifficultyEpochsList :many
-- Every difficulty epoch, oldest first: the difficulty in force at a moment
-- is that of the last epoch activated at or before it.
SELECT *
FROM difficulty_epochs
ORDER BY activated_at;
