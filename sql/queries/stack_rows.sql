-- The archive of settlement-stack responses (stack_responses, migration
-- 00019; read one row per stack row through the view stack_rows) and its
-- coverage (settlement_periods). Responses are written by a binary COPY
-- that internal/recon/copy.go encodes itself (the fast path `make bench`
-- measured), not by a query here.
--
-- A stack row has four hand-kept shapes. To add a field the API sends:
--   1. the archive: nothing, if recon's SQL does not read it (the body keeps
--      every field; the view stack_rows reads it from raw, as it reads the
--      adjusted volumes); if it does, a new migration adding its array to
--      stack_responses and its column to the view, with COMMENT ON;
--   2. the API's row: a field of elexon.StackRow and its tolerant decoder
--      (internal/elexon/rows.go: wireStackRow, set, convert);
--   3. the archive's COPY, for a field with its own array:
--      stackResponseColumns and copyEncoder.response (internal/recon/copy.go);
--   4. the stand-in's encoder: appendStackRow
--      (internal/elexon/elexontest/encode.go).
-- TestStackRowShapesAgree fails until all four agree. The stack fingerprint
-- (stack_period_fingerprints) already covers a new field through raw.

-- name: StackResponsesDeleteForPeriods :execrows
-- Removes the archived responses of some periods of a date, before the
-- freshly fetched ones are copied in (same transaction).
DELETE FROM stack_responses
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to;

-- name: SettlementPeriodsDeleteForPeriods :exec
-- Forgets the coverage of some periods of a date before it is recorded anew.
DELETE FROM settlement_periods
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to;

-- name: SettlementPeriodsInsert :copyfrom
-- Records, per period fetched, whether the API published it and how many
-- rows each side had (after SettlementPeriodsDeleteForPeriods).
INSERT INTO settlement_periods (settlement_date, settlement_period, published, bid_rows, offer_rows, run_id)
VALUES (@settlement_date, @settlement_period, @published, @bid_rows, @offer_rows, @run_id);

-- name: SettlementPeriodsStoredAsPublished :many
-- Which of the given periods of a date the database holds as published. A
-- run refuses to replace such a period with "not published": the API
-- withdrawing a period is never a reason to delete what it said before.
SELECT p.settlement_period
FROM settlement_periods AS p
WHERE p.settlement_date = @settlement_date
  AND p.published
  AND p.settlement_period = ANY (@periods::smallint[])
ORDER BY p.settlement_period;
