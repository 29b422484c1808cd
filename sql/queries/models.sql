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
