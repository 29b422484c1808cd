-- Replacement ("turn-up") cost per settlement period. The walk down the offer
-- stack is defined once, by the views turn_up_walk and turn_up_by_period
-- (migration 00011); these statements materialise it into turn_up_periods in
-- the run's transaction, read it back, and check it.

-- name: TurnUpJITSetting :one
-- The transaction's jit setting, to restore after the derivation.
SELECT current_setting('jit')::text AS jit;

-- name: TurnUpJITSet :exec
-- Sets jit for the rest of the transaction (set_config with is_local true,
-- as SET LOCAL). The derivation runs with jit off: the walk reads one
-- period at a time and takes milliseconds, but the planner, which cannot
-- know how many periods the rows written a moment ago cover, may estimate
-- it costly enough to compile it first, which takes far longer than the
-- statement itself.
SELECT set_config('jit', @jit::text, true);

-- name: TurnUpDeleteForPeriods :execrows
-- Removes the turn-up rows of some periods of a date, before they are derived
-- again (same transaction).
DELETE FROM turn_up_periods
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to;

-- name: TurnUpDeriveForPeriods :execrows
-- Materialises turn_up_periods for some periods of a date from the archived
-- offer stack and the curtailment_records just derived: one row per period
-- with curtailment (T > 0), none for a period without. The walk, per period:
-- candidates are offer rows with cadl_flag not true and volume > 0; rows with
-- so_flag not true first, then so_flag true, each by sequence_number; take
-- each volume until T is reached, the last in part (view turn_up_walk); sum
-- what was taken and its cost (view turn_up_by_period).
INSERT INTO turn_up_periods (
    settlement_date, settlement_period, curtailed_mwh, turn_up_mwh, turn_up_cost_gbp,
    shortfall_mwh, rows_taken, null_price_rows, candidate_rows, run_id
)
SELECT b.settlement_date, b.settlement_period, b.curtailed_mwh, b.turn_up_mwh, b.turn_up_cost_gbp,
       b.shortfall_mwh, b.rows_taken, b.null_price_rows, b.candidate_rows, @run_id
FROM turn_up_by_period AS b
WHERE b.settlement_date = @settlement_date
  AND b.settlement_period BETWEEN @period_from AND @period_to;

-- name: TurnUpTotalsForPeriods :one
-- Totals of some periods of a date, for a run's summary: periods with
-- curtailment, energy to replace, energy taken and its cost (£), shortfall,
-- rows taken and those of them with a null price.
SELECT count(*)::int                                   AS periods,
       coalesce(sum(t.curtailed_mwh), 0)::numeric      AS curtailed_mwh,
       coalesce(sum(t.turn_up_mwh), 0)::numeric        AS turn_up_mwh,
       coalesce(sum(t.turn_up_cost_gbp), 0)::numeric   AS turn_up_cost_gbp,
       coalesce(sum(t.shortfall_mwh), 0)::numeric      AS shortfall_mwh,
       coalesce(sum(t.rows_taken), 0)::int             AS rows_taken,
       coalesce(sum(t.null_price_rows), 0)::int        AS null_price_rows
FROM turn_up_periods AS t
WHERE t.settlement_date = @settlement_date
  AND t.settlement_period BETWEEN @period_from AND @period_to;

-- name: TurnUpInconsistentPeriods :many
-- The consistency check: periods of dates @from_date to @to_date where
-- turn_up_periods differs from the walk over the archive as it stands now
-- (turn_up_by_period), or where only one of them has a row. Empty when every
-- run derived turn-up along with curtailment. stored says whether the table
-- has the period, derived whether the walk does; the figures of a side
-- without the period read 0.
SELECT coalesce(t.settlement_date, b.settlement_date)::date        AS settlement_date,
       coalesce(t.settlement_period, b.settlement_period)::smallint AS settlement_period,
       (t.settlement_date IS NOT NULL)::boolean                     AS stored,
       (b.settlement_date IS NOT NULL)::boolean                     AS derived,
       coalesce(t.turn_up_mwh, 0)::numeric                          AS stored_turn_up_mwh,
       coalesce(b.turn_up_mwh, 0)::numeric                          AS derived_turn_up_mwh,
       coalesce(t.turn_up_cost_gbp, 0)::numeric                     AS stored_turn_up_cost_gbp,
       coalesce(b.turn_up_cost_gbp, 0)::numeric                     AS derived_turn_up_cost_gbp
FROM (SELECT p.* FROM turn_up_periods AS p
      WHERE p.settlement_date BETWEEN @from_date AND @to_date) AS t
FULL JOIN (SELECT v.* FROM turn_up_by_period AS v
           WHERE v.settlement_date BETWEEN @from_date AND @to_date) AS b
       ON b.settlement_date = t.settlement_date
      AND b.settlement_period = t.settlement_period
WHERE (t.curtailed_mwh, t.turn_up_mwh, t.turn_up_cost_gbp, t.shortfall_mwh, t.rows_taken,
       t.null_price_rows, t.candidate_rows)
      IS DISTINCT FROM
      (b.curtailed_mwh, b.turn_up_mwh, b.turn_up_cost_gbp, b.shortfall_mwh, b.rows_taken,
       b.null_price_rows, b.candidate_rows)
ORDER BY 1, 2;
