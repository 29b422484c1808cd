-- The miner models (miner_models) as `recon model add` changes them, in one
-- transaction under MinerModelsLockAcquire (locks.sql), recorded as a run.
-- Every run and recalc computes Bitcoin for every model listed
-- (MinerModelsList, bitcoin.sql).

-- name: MinerModelPut :one
-- Adds a miner model, or changes the figures of an existing one; a model
-- that already has these figures is left alone. Answers 'inserted',
-- 'updated' or 'unchanged'.
WITH old AS (
    SELECT m.name FROM miner_models AS m WHERE m.name = @name
), up AS (
    INSERT INTO miner_models AS m (name, hashrate_ths, power_watts)
    VALUES (@name, @hashrate_ths, @power_watts)
    ON CONFLICT (name) DO UPDATE
    SET hashrate_ths = EXCLUDED.hashrate_ths,
        power_watts  = EXCLUDED.power_watts
    WHERE (m.hashrate_ths, m.power_watts) IS DISTINCT FROM (EXCLUDED.hashrate_ths, EXCLUDED.power_watts)
    RETURNING m.name
)
SELECT CASE
         WHEN NOT EXISTS (SELECT 1 FROM old) THEN 'inserted'
         WHEN EXISTS (SELECT 1 FROM up) THEN 'updated'
         ELSE 'unchanged'
       END::text AS change;

-- name: MinerModelFind :many
-- The miner model called name, whatever its case (S21 and s21 are one
-- model; the unique index miner_models_name_lower_key keeps it so): no row
-- when there is none. It answers the name as stored, the spelling every
-- Bitcoin row carries.
SELECT m.name, m.hashrate_ths, m.power_watts
FROM miner_models AS m
WHERE lower(m.name) = lower(@name);

-- name: MinerModelUsage :many
-- What a miner model's stored Bitcoin amounts to: its rows in
-- historical_bitcoin_calculations and the settlement dates they cover; no
-- row when it has none. `recon model remove` refuses a model in use unless
-- told to delete these rows with it.
SELECT count(*)::bigint                          AS bitcoin_rows,
       count(DISTINCT h.settlement_date)::bigint AS dates,
       min(h.settlement_date)::date              AS first_date,
       max(h.settlement_date)::date              AS last_date
FROM historical_bitcoin_calculations AS h
WHERE h.miner_model = @name
HAVING count(*) > 0;

-- The removal of a model (`recon model remove NAME --delete-rows`), in
-- this order, in one transaction under MinerModelsLockAcquire: its Bitcoin
-- rows, then its rows of each Bitcoin summary, then the model. Each is one
-- set-based DELETE of every row naming the model. The summaries of the
-- other models are untouched and still equal the sums below them, since
-- every summary row is per model. The model goes last because its trigger
-- (miner_models_keep) refuses to delete a model that Bitcoin rows name.

-- name: BitcoinDeleteForModel :execrows
-- Deletes every Bitcoin row of one miner model.
DELETE FROM historical_bitcoin_calculations AS h WHERE h.miner_model = @name;

-- name: BitcoinDailySummaryDeleteModel :execrows
-- Deletes one miner model's rows of bitcoin_daily_summaries.
DELETE FROM bitcoin_daily_summaries AS s WHERE s.miner_model = @name;

-- name: BitcoinMonthlySummaryDeleteModel :execrows
-- Deletes one miner model's rows of bitcoin_monthly_summaries.
DELETE FROM bitcoin_monthly_summaries AS s WHERE s.miner_model = @name;

-- name: BitcoinYearlySummaryDeleteModel :execrows
-- Deletes one miner model's rows of bitcoin_yearly_summaries.
DELETE FROM bitcoin_yearly_summaries AS s WHERE s.miner_model = @name;

-- name: BitcoinFarmDailySummaryDeleteModel :execrows
-- Deletes one miner model's rows of bitcoin_farm_daily_summaries.
DELETE FROM bitcoin_farm_daily_summaries AS s WHERE s.miner_model = @name;

-- name: BitcoinFarmMonthlySummaryDeleteModel :execrows
-- Deletes one miner model's rows of bitcoin_farm_monthly_summaries.
DELETE FROM bitcoin_farm_monthly_summaries AS s WHERE s.miner_model = @name;

-- name: MinerModelDelete :execrows
-- Deletes the miner model itself (after its rows above).
DELETE FROM miner_models AS m WHERE m.name = @name;
