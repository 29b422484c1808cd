-- The difficulty table (difficulty_epochs) as `recon difficulty sync` and
-- `recon difficulty import` change it, one transaction each under
-- DifficultyLockAcquire (locks.sql), recorded as a run. The difficulty in
-- force at an instant is read with DifficultyEpochsList (bitcoin.sql).

-- name: DifficultyEpochPut :one
-- Adds an epoch, or brings an existing one (same height) to what the source
-- says: activation time, difficulty, how precise the time is, notes. An
-- epoch that already says all of that is left alone (its source and
-- updated_at too). difficulty_precision is the one given; when the caller
-- gives none, a difficulty that stays as it was keeps its precision and a
-- new or changed one is 'unknown'. Answers 'inserted', 'updated' or
-- 'unchanged'.
WITH old AS (
    SELECT e.height FROM difficulty_epochs AS e WHERE e.height = @height
), up AS (
    INSERT INTO difficulty_epochs AS e (height, activated_at, difficulty, time_precision, difficulty_precision, source, notes)
    VALUES (@height, @activated_at, @difficulty, @time_precision,
            coalesce(sqlc.narg('difficulty_precision')::text, 'unknown'), @source, sqlc.narg('notes'))
    ON CONFLICT (height) DO UPDATE
    SET activated_at         = EXCLUDED.activated_at,
        difficulty           = EXCLUDED.difficulty,
        time_precision       = EXCLUDED.time_precision,
        difficulty_precision = CASE WHEN sqlc.narg('difficulty_precision')::text IS NOT NULL
                                         THEN EXCLUDED.difficulty_precision
                                    WHEN e.difficulty = EXCLUDED.difficulty
                                         THEN e.difficulty_precision
                                    ELSE 'unknown' END,
        source               = EXCLUDED.source,
        notes                = EXCLUDED.notes,
        updated_at           = now()
    WHERE (e.activated_at, e.difficulty, e.time_precision, e.notes)
          IS DISTINCT FROM
          (EXCLUDED.activated_at, EXCLUDED.difficulty, EXCLUDED.time_precision, EXCLUDED.notes)
       OR e.difficulty_precision IS DISTINCT FROM coalesce(sqlc.narg('difficulty_precision')::text, e.difficulty_precision)
    RETURNING e.height
)
SELECT CASE
         WHEN NOT EXISTS (SELECT 1 FROM old) THEN 'inserted'
         WHEN EXISTS (SELECT 1 FROM up) THEN 'updated'
         ELSE 'unchanged'
       END::text AS change;
