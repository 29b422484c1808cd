-- Actual wind generation per settlement period (`recon wind`), stored as MW
-- (the half-hour average) in wind_generation_data, each row with the run
-- that fetched it. Energy is settlement_period_mwh(MW), MW * 0.5 h, the one
-- definition the summaries use too (daily_rollup).

-- name: WindGenerationDeleteForDate :execrows
-- Removes a date's stored wind generation before the freshly fetched periods
-- are copied in (same transaction, under the date's advisory lock).
DELETE FROM wind_generation_data
WHERE settlement_date = @settlement_date;

-- name: WindGenerationInsert :copyfrom
-- Stores a date's wind generation per period, in MW (average over the half
-- hour), onshore, offshore and their total, with the run that fetched it.
INSERT INTO wind_generation_data (settlement_date, settlement_period, wind_onshore, wind_offshore, total_wind, run_id)
VALUES (@settlement_date, @settlement_period, @wind_onshore, @wind_offshore, @total_wind, @run_id);

-- name: WindGenerationTotalsForDate :one
-- A date's stored wind generation: periods, and energy in MWh.
SELECT count(*)::int                                                      AS periods,
       coalesce(sum(settlement_period_mwh(w.wind_onshore)), 0)::numeric  AS onshore_mwh,
       coalesce(sum(settlement_period_mwh(w.wind_offshore)), 0)::numeric AS offshore_mwh,
       coalesce(sum(settlement_period_mwh(w.total_wind)), 0)::numeric    AS total_mwh
FROM wind_generation_data AS w
WHERE w.settlement_date = @settlement_date;
