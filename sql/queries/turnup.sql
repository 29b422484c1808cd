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
-- rows taken and those of them with a null price, and the total cost of the
-- periods' curtailment (curtailment_total_cost of their payment and turn-up
-- cost).
SELECT count(*)::int                                   AS periods,
       coalesce(sum(t.curtailed_mwh), 0)::numeric      AS curtailed_mwh,
       coalesce(sum(t.turn_up_mwh), 0)::numeric        AS turn_up_mwh,
       coalesce(sum(t.turn_up_cost_gbp), 0)::numeric   AS turn_up_cost_gbp,
       coalesce(sum(t.shortfall_mwh), 0)::numeric      AS shortfall_mwh,
       coalesce(sum(t.rows_taken), 0)::int             AS rows_taken,
       coalesce(sum(t.null_price_rows), 0)::int        AS null_price_rows,
       curtailment_total_cost(
           (SELECT coalesce(sum(c.payment), 0) FROM curtailment_records AS c
            WHERE c.settlement_date = @settlement_date
              AND c.settlement_period BETWEEN @period_from AND @period_to),
           coalesce(sum(t.turn_up_cost_gbp), 0))::numeric AS total_cost_gbp
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

-- Who was paid, per date and BM unit: two measures, stored side by side and
-- never added together. Each run rewrites the whole date (whatever periods
-- it covers) from the archive, in its transaction, right after
-- turn_up_periods: the views turn_up_by_unit_day and so_offer_by_unit_day
-- (migration 00015) say what the tables hold.

-- name: TurnUpUnitDaysDelete :execrows
-- Removes a date's turn-up per unit, before it is derived again.
DELETE FROM turn_up_unit_days WHERE settlement_date = @settlement_date;

-- name: TurnUpUnitDaysDerive :execrows
-- Stores a date's turn-up per BM unit taken from: the walk of every curtailed
-- period of the date (turn_up_walk), the rows it took summed per unit
-- (turn_up_by_unit_day). The replacement cost, split by who supplied it.
INSERT INTO turn_up_unit_days (settlement_date, bm_unit, turn_up_mwh, turn_up_cost_gbp, rows_taken, null_price_rows, run_id)
SELECT u.settlement_date, u.bm_unit, u.turn_up_mwh, u.turn_up_cost_gbp, u.rows_taken, u.null_price_rows, @run_id
FROM turn_up_by_unit_day AS u
WHERE u.settlement_date = @settlement_date;

-- name: SOOfferUnitDaysDelete :execrows
-- Removes a date's payments to system-flagged offers, before they are
-- derived again.
DELETE FROM so_offer_unit_days WHERE settlement_date = @settlement_date;

-- name: SOOfferUnitDaysDerive :execrows
-- Stores a date's gross payments to offers the system operator flagged, per
-- BM unit (so_offer_by_unit_day: offer side, so_flag true, volume > 0),
-- whether or not the turn-up walk took them. Not the replacement cost.
INSERT INTO so_offer_unit_days (settlement_date, bm_unit, offer_rows, volume_mwh, payment_gbp, null_price_rows, run_id)
SELECT o.settlement_date, o.bm_unit, o.offer_rows, o.volume_mwh, o.payment_gbp, o.null_price_rows, @run_id
FROM so_offer_by_unit_day AS o
WHERE o.settlement_date = @settlement_date;

-- name: TurnUpConsistency :many
-- The consistency check of a date's turn-up, for `recon verify`: one row per
-- disagreement between what turn_up_periods, turn_up_unit_days and
-- so_offer_unit_days hold and what the archive gives now (turn_up_by_period,
-- turn_up_by_unit_day, so_offer_by_unit_day), in the shape of
-- VerifyConsistency (values as text, "null" for no row). measure is "row"
-- for a period or unit that only one side has.
WITH periods AS (
    SELECT 'turn_up_periods'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' period ' || coalesce(s.settlement_period, e.settlement_period) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT t.* FROM turn_up_periods AS t WHERE t.settlement_date = @settlement_date) AS s
    FULL JOIN (SELECT v.* FROM turn_up_by_period AS v WHERE v.settlement_date = @settlement_date) AS e
           ON e.settlement_period = s.settlement_period
    CROSS JOIN LATERAL (VALUES
        ('row',              CASE WHEN s.settlement_date IS NULL THEN NULL ELSE 1 END::numeric,
                             CASE WHEN e.settlement_date IS NULL THEN NULL ELSE 1 END::numeric),
        ('curtailed_mwh',    s.curtailed_mwh,              e.curtailed_mwh),
        ('turn_up_mwh',      s.turn_up_mwh,                e.turn_up_mwh),
        ('turn_up_cost_gbp', s.turn_up_cost_gbp,           e.turn_up_cost_gbp),
        ('shortfall_mwh',    s.shortfall_mwh,              e.shortfall_mwh),
        ('rows_taken',       s.rows_taken::numeric,        e.rows_taken::numeric),
        ('null_price_rows',  s.null_price_rows::numeric,   e.null_price_rows::numeric),
        ('candidate_rows',   s.candidate_rows::numeric,    e.candidate_rows::numeric)
    ) AS m(measure, stored, expected)
    WHERE (m.measure = 'row' OR (s.settlement_date IS NOT NULL AND e.settlement_date IS NOT NULL))
      AND m.stored IS DISTINCT FROM m.expected
), turn_up AS (
    SELECT 'turn_up_unit_days'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' ' || coalesce(s.bm_unit, e.bm_unit, '(no unit)') AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    -- Matched on the unit, rows without a unit with each other (a full join
    -- needs plain equalities: no_unit and unit_key stand for "the same unit").
    FROM (SELECT t.*, t.bm_unit IS NULL AS no_unit, coalesce(t.bm_unit, '') AS unit_key
          FROM turn_up_unit_days AS t WHERE t.settlement_date = @settlement_date) AS s
    FULL JOIN (SELECT v.*, v.bm_unit IS NULL AS no_unit, coalesce(v.bm_unit, '') AS unit_key
               FROM turn_up_by_unit_day AS v WHERE v.settlement_date = @settlement_date) AS e
           ON e.no_unit = s.no_unit AND e.unit_key = s.unit_key
    CROSS JOIN LATERAL (VALUES
        ('row',              CASE WHEN s.settlement_date IS NULL THEN NULL ELSE 1 END::numeric,
                             CASE WHEN e.settlement_date IS NULL THEN NULL ELSE 1 END::numeric),
        ('turn_up_mwh',      s.turn_up_mwh,                e.turn_up_mwh),
        ('turn_up_cost_gbp', s.turn_up_cost_gbp,           e.turn_up_cost_gbp),
        ('rows_taken',       s.rows_taken::numeric,        e.rows_taken::numeric),
        ('null_price_rows',  s.null_price_rows::numeric,   e.null_price_rows::numeric)
    ) AS m(measure, stored, expected)
    WHERE (m.measure = 'row' OR (s.settlement_date IS NOT NULL AND e.settlement_date IS NOT NULL))
      AND m.stored IS DISTINCT FROM m.expected
), paid AS (
    SELECT 'so_offer_unit_days'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' ' || coalesce(s.bm_unit, e.bm_unit, '(no unit)') AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    -- Matched on the unit, rows without a unit with each other (a full join
    -- needs plain equalities: no_unit and unit_key stand for "the same unit").
    FROM (SELECT o.*, o.bm_unit IS NULL AS no_unit, coalesce(o.bm_unit, '') AS unit_key
          FROM so_offer_unit_days AS o WHERE o.settlement_date = @settlement_date) AS s
    FULL JOIN (SELECT v.*, v.bm_unit IS NULL AS no_unit, coalesce(v.bm_unit, '') AS unit_key
               FROM so_offer_by_unit_day AS v WHERE v.settlement_date = @settlement_date) AS e
           ON e.no_unit = s.no_unit AND e.unit_key = s.unit_key
    CROSS JOIN LATERAL (VALUES
        ('row',             CASE WHEN s.settlement_date IS NULL THEN NULL ELSE 1 END::numeric,
                            CASE WHEN e.settlement_date IS NULL THEN NULL ELSE 1 END::numeric),
        ('offer_rows',      s.offer_rows::numeric,        e.offer_rows::numeric),
        ('volume_mwh',      s.volume_mwh,                 e.volume_mwh),
        ('payment_gbp',     s.payment_gbp,                e.payment_gbp),
        ('null_price_rows', s.null_price_rows::numeric,   e.null_price_rows::numeric)
    ) AS m(measure, stored, expected)
    WHERE (m.measure = 'row' OR (s.settlement_date IS NOT NULL AND e.settlement_date IS NOT NULL))
      AND m.stored IS DISTINCT FROM m.expected
)
SELECT c.summary::text AS summary, c.subject::text AS subject, c.measure::text AS measure,
       coalesce(c.stored::text, 'null')::text AS stored, coalesce(c.expected::text, 'null')::text AS expected
FROM (SELECT * FROM periods UNION ALL SELECT * FROM turn_up UNION ALL SELECT * FROM paid) AS c
ORDER BY 1, 2, 3;
