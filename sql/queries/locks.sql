-- name: DateLockAcquire :exec
-- Serialises work on one settlement date: two runs on the same date wait for
-- each other, runs on different dates proceed together. The lock is held
-- until the transaction ends. Key: (class 'reco', days since 2000-01-01).
SELECT pg_advisory_xact_lock(1919247215, (sqlc.arg('settlement_date')::date - '2000-01-01'::date)::int);

-- name: DateLockTry :one
-- Like DateLockAcquire, but answers false at once instead of waiting.
SELECT pg_try_advisory_xact_lock(1919247215, (sqlc.arg('settlement_date')::date - '2000-01-01'::date)::int) AS acquired;
