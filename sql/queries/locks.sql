-- name: DateLockAcquire :exec
-- Serialises work on one settlement date: two runs on the same date wait for
-- each other, runs on different dates proceed together. The lock is held
-- until the transaction ends. Key: (class 'reco', days since 2000-01-01).
SELECT pg_advisory_xact_lock(1919247215, (sqlc.arg('settlement_date')::date - '2000-01-01'::date)::int);

-- name: DateLockTry :one
-- Like DateLockAcquire, but answers false at once instead of waiting.
SELECT pg_try_advisory_xact_lock(1919247215, (sqlc.arg('settlement_date')::date - '2000-01-01'::date)::int) AS acquired;

-- name: YearRollupLockAcquire :exec
-- Serialises the month and year rollups of one year: a transaction takes it
-- after refreshing its day and before summing that day's month and year, and
-- holds it until it ends. Two dates of one year changed at once (a backfill)
-- would otherwise each sum the month without the other's uncommitted day, and
-- the later commit would win with a total that misses a day. Waiting here
-- means the statement that follows sees the other transaction's committed
-- day. Key: (class 'recp', the year).
SELECT pg_advisory_xact_lock(1919247216, @year::int);

-- name: DifficultyLockAcquire :exec
-- Serialises changes to the difficulty table (`recon difficulty sync` and
-- `recon difficulty import`): two wait for each other, and each plans its
-- change from the table as the other left it. Runs on dates are not
-- blocked: each reads the table as committed when it computes Bitcoin.
-- Held until the transaction ends. Key: (class 'recq', 2); the wind
-- registry's lock is (class 'recq', 1).
SELECT pg_advisory_xact_lock(1919247217, 2);

-- name: MinerModelsLockAcquire :exec
-- Serialises changes to the miner models (`recon model add` and `recon
-- model remove`), and keeps them apart from the transactions that write
-- Bitcoin (MinerModelsLockShare): a model is removed only when no date is
-- computing it or summing its rollups. Held until the transaction ends.
-- Key: (class 'recq', 3).
SELECT pg_advisory_xact_lock(1919247217, 3);

-- name: MinerModelsLockShare :exec
-- Taken by every transaction that writes Bitcoin rows or Bitcoin summaries
-- (run, recalc, rederive, the rollups a wind fetch refreshes), before it
-- reads the models: any number of them at once, but none while a model is
-- added or removed (MinerModelsLockAcquire, the same key, exclusive). So a
-- date never writes rows of a model being removed, and a removal never
-- misses rows written beside it. Held until the transaction ends.
SELECT pg_advisory_xact_lock_shared(1919247217, 3);
