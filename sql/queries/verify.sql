-- Verification: the fingerprints `recon verify` compares with the API, the
-- internal consistency checks, and the record of each verification.
--
-- A period's fingerprint is its curtailment (row count, energy, payment) and
-- its archived settlement stack (row count, newest createdDateTime, and an md5
-- of the rows exactly as the API sent them, in stack order). The API's side is
-- computed by the same SQL: the freshly fetched responses are copied into
-- stack_responses inside a transaction that is always rolled back, and read
-- through the views stack_rows and curtailed_stack_rows, so "which rows
-- count" is decided in one place only.

-- name: VerifyStoredPeriods :many
-- The database's fingerprint of some periods of a date, one row per period
-- asked for, whether or not the database holds it: fetched says a run has
-- recorded the period's coverage, published that the API had published it
-- then. Curtailment comes from curtailment_records (what analysts read), the
-- stack measures from the archive.
WITH asked AS (
    SELECT DISTINCT unnest(@periods::smallint[]) AS settlement_period
), coverage AS (
    SELECT p.settlement_period, p.published
    FROM settlement_periods AS p
    WHERE p.settlement_date = @settlement_date
), curtailment AS (
    SELECT c.settlement_period,
           count(*)                        AS records,
           sum(c.energy_mwh)               AS energy_mwh,
           coalesce(sum(c.payment), 0)     AS payment
    FROM curtailment_records AS c
    WHERE c.settlement_date = @settlement_date
    GROUP BY c.settlement_period
), stack AS (
    -- The stack measures, defined once in the view stack_period_fingerprints.
    SELECT f.settlement_period, f.stack_rows, f.newest_created::timestamptz AS newest_created, f.stack_digest
    FROM stack_period_fingerprints AS f
    WHERE f.settlement_date = @settlement_date
)
SELECT a.settlement_period::smallint                      AS settlement_period,
       (cov.settlement_period IS NOT NULL)::boolean       AS fetched,
       coalesce(cov.published, false)::boolean            AS published,
       coalesce(cur.records, 0)::int                      AS records,
       coalesce(cur.energy_mwh, 0)::numeric               AS energy_mwh,
       coalesce(cur.payment, 0)::numeric                  AS payment,
       coalesce(st.stack_rows, 0)::int                    AS stack_rows,
       st.newest_created                                  AS newest_created,
       coalesce(st.stack_digest, '')::text                AS stack_digest
FROM asked AS a
LEFT JOIN coverage AS cov ON cov.settlement_period = a.settlement_period
LEFT JOIN curtailment AS cur ON cur.settlement_period = a.settlement_period
LEFT JOIN stack AS st ON st.settlement_period = a.settlement_period
ORDER BY a.settlement_period;

-- name: VerifyArchivedPeriods :many
-- The fingerprint the archive gives some periods of a date, curtailment
-- derived through the view curtailed_stack_rows exactly as `recon run` would
-- derive it. Verification runs it on the fresh API rows, inside the rolled
-- back transaction that put them in stack_responses.
WITH asked AS (
    SELECT DISTINCT unnest(@periods::smallint[]) AS settlement_period
), curtailment AS (
    SELECT c.settlement_period,
           count(*)                    AS records,
           sum(c.energy_mwh)           AS energy_mwh,
           coalesce(sum(c.payment), 0) AS payment
    FROM curtailed_stack_rows AS c
    WHERE c.settlement_date = @settlement_date
    GROUP BY c.settlement_period
), stack AS (
    -- The stack measures, defined once in the view stack_period_fingerprints.
    SELECT f.settlement_period, f.stack_rows, f.newest_created::timestamptz AS newest_created, f.stack_digest
    FROM stack_period_fingerprints AS f
    WHERE f.settlement_date = @settlement_date
)
SELECT a.settlement_period::smallint       AS settlement_period,
       coalesce(cur.records, 0)::int       AS records,
       coalesce(cur.energy_mwh, 0)::numeric AS energy_mwh,
       coalesce(cur.payment, 0)::numeric   AS payment,
       coalesce(st.stack_rows, 0)::int     AS stack_rows,
       st.newest_created                   AS newest_created,
       coalesce(st.stack_digest, '')::text AS stack_digest
FROM asked AS a
LEFT JOIN curtailment AS cur ON cur.settlement_period = a.settlement_period
LEFT JOIN stack AS st ON st.settlement_period = a.settlement_period
ORDER BY a.settlement_period;

-- name: VerifyStackResponsesClear :execrows
-- Removes the archived responses of some periods of a date. Verification
-- calls it only inside its always rolled back transaction, to put the fresh
-- API responses in their place for VerifyArchivedPeriods.
DELETE FROM stack_responses
WHERE settlement_date = @settlement_date
  AND settlement_period = ANY(@periods::smallint[]);

-- name: VerifyDateState :one
-- What the database holds for a date, for the report's state before and
-- after: curtailment records, energy (MWh, positive) and payment (£, usual
-- sign), and the periods fetched and published.
SELECT (SELECT count(*) FROM curtailment_records AS c WHERE c.settlement_date = @settlement_date)::int AS records,
       (SELECT coalesce(sum(c.energy_mwh), 0) FROM curtailment_records AS c
        WHERE c.settlement_date = @settlement_date)::numeric AS energy_mwh,
       (SELECT coalesce(sum(c.payment), 0) FROM curtailment_records AS c
        WHERE c.settlement_date = @settlement_date)::numeric AS payment,
       (SELECT count(*) FROM settlement_periods AS p
        WHERE p.settlement_date = @settlement_date AND p.published)::int AS periods_covered,
       (SELECT coalesce(sum(cardinality(r.sequence_number)), 0) FROM stack_responses AS r
        WHERE r.settlement_date = @settlement_date)::int AS stack_rows;

-- name: VerifyConsistency :many
-- The internal consistency of a date, its month and its year: one row per
-- disagreement, none when all is well. Each stored summary must equal what
-- the rollup functions of migrations 00008, 00015, 00017 and 00020 compute
-- from the level below, the very functions sql/queries/summaries.sql stores
-- (day <- curtailment_records, settlement_periods, wind_generation_data,
-- turn_up_periods; month <- days; year <- months; the same for Bitcoin per
-- miner model, its value and its periods without a price; each farm's day
-- and month <- its records and Bitcoin rows, with their value), every
-- Bitcoin row must be valued at the BTC price in force at its period's start
-- (by its run's bound), and every (period, farm) with curtailment must have
-- a Bitcoin row for every miner model. Values are
-- reported as text; null means "no row".
WITH day_expected AS (
    SELECT r.total_curtailed_energy, r.total_payment, r.total_wind_generation, r.wind_onshore_generation,
           r.wind_offshore_generation, r.curtailment_records, r.periods_covered,
           r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp,
           (SELECT count(*) FROM settlement_periods AS p
            WHERE p.settlement_date = @settlement_date) AS periods_fetched
    FROM daily_rollup(@settlement_date::date)
         AS r(total_curtailed_energy, total_payment, total_wind_generation, wind_onshore_generation,
              wind_offshore_generation, curtailment_records, periods_covered,
              turn_up_mwh, turn_up_cost_gbp, total_cost_gbp)
), day_check AS (
    SELECT 'daily_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM day_expected AS e
    LEFT JOIN daily_summaries AS d ON d.summary_date = @settlement_date
    CROSS JOIN LATERAL (VALUES
        ('row',                      CASE WHEN d.summary_date IS NULL THEN NULL ELSE 1 END, 1::numeric),
        ('total_curtailed_energy',   d.total_curtailed_energy,          e.total_curtailed_energy),
        ('total_payment',            d.total_payment,                   e.total_payment),
        ('curtailment_records',      d.curtailment_records::numeric,    e.curtailment_records::numeric),
        ('periods_covered',          d.periods_covered::numeric,        e.periods_covered::numeric),
        ('total_wind_generation',    d.total_wind_generation,           e.total_wind_generation),
        ('wind_onshore_generation',  d.wind_onshore_generation,         e.wind_onshore_generation),
        ('wind_offshore_generation', d.wind_offshore_generation,        e.wind_offshore_generation),
        ('turn_up_mwh',              d.turn_up_mwh,                     e.turn_up_mwh),
        ('turn_up_cost_gbp',         d.turn_up_cost_gbp,                e.turn_up_cost_gbp),
        ('total_cost_gbp',           d.total_cost_gbp,                  e.total_cost_gbp)
    ) AS m(measure, stored, expected)
    -- A date recon has never fetched has no summary, and needs none.
    WHERE (d.summary_date IS NOT NULL OR e.periods_fetched > 0 OR e.curtailment_records > 0)
      AND (m.measure = 'row' OR d.summary_date IS NOT NULL)
      AND m.stored IS DISTINCT FROM m.expected
), month_check AS (
    SELECT 'monthly_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM') AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM monthly_rollup(to_char(@settlement_date::date, 'YYYY-MM'))
         AS e(total_curtailed_energy, total_payment, total_wind_generation, wind_onshore_generation,
            wind_offshore_generation, curtailment_records, days_covered, days_with_wind,
            curtailed_energy_on_wind_days, turn_up_mwh, turn_up_cost_gbp, total_cost_gbp)
    LEFT JOIN monthly_summaries AS ms ON ms.year_month = to_char(@settlement_date::date, 'YYYY-MM')
    CROSS JOIN LATERAL (VALUES
        ('row',                           CASE WHEN ms.year_month IS NULL THEN NULL ELSE 1 END, 1::numeric),
        ('total_curtailed_energy',        ms.total_curtailed_energy,         e.total_curtailed_energy),
        ('total_payment',                 ms.total_payment,                  e.total_payment),
        ('total_wind_generation',         ms.total_wind_generation,          e.total_wind_generation),
        ('wind_onshore_generation',       ms.wind_onshore_generation,        e.wind_onshore_generation),
        ('wind_offshore_generation',      ms.wind_offshore_generation,       e.wind_offshore_generation),
        ('curtailment_records',           ms.curtailment_records::numeric,   e.curtailment_records::numeric),
        ('days_covered',                  ms.days_covered::numeric,          e.days_covered::numeric),
        ('days_with_wind',                ms.days_with_wind::numeric,        e.days_with_wind::numeric),
        ('curtailed_energy_on_wind_days', ms.curtailed_energy_on_wind_days,  e.curtailed_energy_on_wind_days),
        ('turn_up_mwh',                   ms.turn_up_mwh,                    e.turn_up_mwh),
        ('turn_up_cost_gbp',              ms.turn_up_cost_gbp,               e.turn_up_cost_gbp),
        ('total_cost_gbp',                ms.total_cost_gbp,                 e.total_cost_gbp)
    ) AS m(measure, stored, expected)
    WHERE (ms.year_month IS NOT NULL OR e.days_covered > 0)
      AND (m.measure = 'row' OR ms.year_month IS NOT NULL)
      AND m.stored IS DISTINCT FROM m.expected
), year_check AS (
    SELECT 'yearly_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY') AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM yearly_rollup(to_char(@settlement_date::date, 'YYYY'))
         AS e(total_curtailed_energy, total_payment, total_wind_generation, wind_onshore_generation,
            wind_offshore_generation, curtailment_records, days_covered, days_with_wind,
            curtailed_energy_on_wind_days, turn_up_mwh, turn_up_cost_gbp, total_cost_gbp)
    LEFT JOIN yearly_summaries AS y ON y.year = to_char(@settlement_date::date, 'YYYY')
    CROSS JOIN LATERAL (VALUES
        ('row',                           CASE WHEN y.year IS NULL THEN NULL ELSE 1 END, 1::numeric),
        ('total_curtailed_energy',        y.total_curtailed_energy,         e.total_curtailed_energy),
        ('total_payment',                 y.total_payment,                  e.total_payment),
        ('total_wind_generation',         y.total_wind_generation,          e.total_wind_generation),
        ('wind_onshore_generation',       y.wind_onshore_generation,        e.wind_onshore_generation),
        ('wind_offshore_generation',      y.wind_offshore_generation,       e.wind_offshore_generation),
        ('curtailment_records',           y.curtailment_records::numeric,   e.curtailment_records::numeric),
        ('days_covered',                  y.days_covered::numeric,          e.days_covered::numeric),
        ('days_with_wind',                y.days_with_wind::numeric,        e.days_with_wind::numeric),
        ('curtailed_energy_on_wind_days', y.curtailed_energy_on_wind_days,  e.curtailed_energy_on_wind_days),
        ('turn_up_mwh',                   y.turn_up_mwh,                    e.turn_up_mwh),
        ('turn_up_cost_gbp',              y.turn_up_cost_gbp,               e.turn_up_cost_gbp),
        ('total_cost_gbp',                y.total_cost_gbp,                 e.total_cost_gbp)
    ) AS m(measure, stored, expected)
    WHERE (y.year IS NOT NULL OR e.days_covered > 0)
      AND (m.measure = 'row' OR y.year IS NOT NULL)
      AND m.stored IS DISTINCT FROM m.expected
), btc_day AS (
    -- Bitcoin per model: the stored row against the rollup, measure by
    -- measure (BTC, value, periods without a price, periods valued with a
    -- derived price); a model on one side only shows up as nulls.
    SELECT 'bitcoin_daily_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' ' || coalesce(s.miner_model, b.miner_model) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT x.miner_model, x.bitcoin_mined, x.value_gbp, x.periods_without_price, x.periods_with_derived_price
          FROM bitcoin_daily_summaries AS x
          WHERE x.summary_date = @settlement_date) AS s
    FULL JOIN bitcoin_daily_rollup(@settlement_date::date)
         AS b(miner_model, bitcoin_mined, value_gbp, periods_without_price, periods_with_derived_price)
         ON b.miner_model = s.miner_model
    CROSS JOIN LATERAL (VALUES
        ('bitcoin_mined',              s.bitcoin_mined,                       b.bitcoin_mined),
        ('value_gbp',                  s.value_gbp,                           b.value_gbp),
        ('periods_without_price',      s.periods_without_price::numeric,      b.periods_without_price::numeric),
        ('periods_with_derived_price', s.periods_with_derived_price::numeric, b.periods_with_derived_price::numeric)
    ) AS m(measure, stored, expected)
    WHERE m.stored IS DISTINCT FROM m.expected
), btc_month AS (
    SELECT 'bitcoin_monthly_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM') || ' ' || coalesce(s.miner_model, b.miner_model) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT x.miner_model, x.bitcoin_mined, x.value_gbp, x.periods_without_price, x.periods_with_derived_price
          FROM bitcoin_monthly_summaries AS x
          WHERE x.year_month = to_char(@settlement_date::date, 'YYYY-MM')) AS s
    FULL JOIN bitcoin_monthly_rollup(to_char(@settlement_date::date, 'YYYY-MM'))
         AS b(miner_model, bitcoin_mined, value_gbp, periods_without_price, periods_with_derived_price)
         ON b.miner_model = s.miner_model
    CROSS JOIN LATERAL (VALUES
        ('bitcoin_mined',              s.bitcoin_mined,                       b.bitcoin_mined),
        ('value_gbp',                  s.value_gbp,                           b.value_gbp),
        ('periods_without_price',      s.periods_without_price::numeric,      b.periods_without_price::numeric),
        ('periods_with_derived_price', s.periods_with_derived_price::numeric, b.periods_with_derived_price::numeric)
    ) AS m(measure, stored, expected)
    WHERE m.stored IS DISTINCT FROM m.expected
), btc_year AS (
    SELECT 'bitcoin_yearly_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY') || ' ' || coalesce(s.miner_model, b.miner_model) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT x.miner_model, x.bitcoin_mined, x.value_gbp, x.periods_without_price, x.periods_with_derived_price
          FROM bitcoin_yearly_summaries AS x
          WHERE x.year = to_char(@settlement_date::date, 'YYYY')) AS s
    FULL JOIN bitcoin_yearly_rollup(to_char(@settlement_date::date, 'YYYY'))
         AS b(miner_model, bitcoin_mined, value_gbp, periods_without_price, periods_with_derived_price)
         ON b.miner_model = s.miner_model
    CROSS JOIN LATERAL (VALUES
        ('bitcoin_mined',              s.bitcoin_mined,                       b.bitcoin_mined),
        ('value_gbp',                  s.value_gbp,                           b.value_gbp),
        ('periods_without_price',      s.periods_without_price::numeric,      b.periods_without_price::numeric),
        ('periods_with_derived_price', s.periods_with_derived_price::numeric, b.periods_with_derived_price::numeric)
    ) AS m(measure, stored, expected)
    WHERE m.stored IS DISTINCT FROM m.expected
), farm_day AS (
    -- Per farm: the stored day against farm_daily_rollup; a farm on one
    -- side only shows up as a null.
    SELECT 'farm_daily_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' ' || coalesce(s.farm_id, e.farm_id) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT x.* FROM farm_daily_summaries AS x WHERE x.summary_date = @settlement_date) AS s
    FULL JOIN farm_daily_rollup(@settlement_date::date)
         AS e(farm_id, lead_party_name, records, curtailed_mwh, payment) ON e.farm_id = s.farm_id
    CROSS JOIN LATERAL (VALUES
        ('records',       s.records::numeric, e.records::numeric),
        ('curtailed_mwh', s.curtailed_mwh,    e.curtailed_mwh),
        ('payment',       s.payment,          e.payment),
        ('lead party differs', CASE WHEN s.lead_party_name IS DISTINCT FROM e.lead_party_name THEN 1 ELSE 0 END, 0)
    ) AS m(measure, stored, expected)
    WHERE m.stored IS DISTINCT FROM m.expected
), btc_farm_day AS (
    SELECT 'bitcoin_farm_daily_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' ' || coalesce(s.farm_id, b.farm_id) || ' '
               || coalesce(s.miner_model, b.miner_model) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT x.farm_id, x.miner_model, x.bitcoin_mined, x.value_gbp FROM bitcoin_farm_daily_summaries AS x
          WHERE x.summary_date = @settlement_date) AS s
    FULL JOIN bitcoin_farm_daily_rollup(@settlement_date::date) AS b(farm_id, miner_model, bitcoin_mined, value_gbp)
           ON b.farm_id = s.farm_id AND b.miner_model = s.miner_model
    CROSS JOIN LATERAL (VALUES
        ('bitcoin_mined', s.bitcoin_mined, b.bitcoin_mined),
        ('value_gbp',     s.value_gbp,     b.value_gbp)
    ) AS m(measure, stored, expected)
    WHERE m.stored IS DISTINCT FROM m.expected
), farm_month AS (
    -- Per farm: the stored month against farm_monthly_rollup.
    SELECT 'farm_monthly_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM') || ' ' || coalesce(s.farm_id, e.farm_id) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT x.* FROM farm_monthly_summaries AS x
          WHERE x.year_month = to_char(@settlement_date::date, 'YYYY-MM')) AS s
    FULL JOIN farm_monthly_rollup(to_char(@settlement_date::date, 'YYYY-MM'))
         AS e(farm_id, lead_party_name, latest_date, records, curtailed_mwh, payment) ON e.farm_id = s.farm_id
    CROSS JOIN LATERAL (VALUES
        ('records',       s.records::numeric, e.records::numeric),
        ('curtailed_mwh', s.curtailed_mwh,    e.curtailed_mwh),
        ('payment',       s.payment,          e.payment),
        ('latest day differs', CASE WHEN s.latest_date IS DISTINCT FROM e.latest_date THEN 1 ELSE 0 END, 0),
        ('lead party differs', CASE WHEN s.lead_party_name IS DISTINCT FROM e.lead_party_name THEN 1 ELSE 0 END, 0)
    ) AS m(measure, stored, expected)
    WHERE m.stored IS DISTINCT FROM m.expected
), btc_farm_month AS (
    SELECT 'bitcoin_farm_monthly_summaries'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM') || ' ' || coalesce(s.farm_id, b.farm_id) || ' '
               || coalesce(s.miner_model, b.miner_model) AS subject,
           m.measure::text AS measure, m.stored::numeric AS stored, m.expected::numeric AS expected
    FROM (SELECT x.farm_id, x.miner_model, x.bitcoin_mined, x.value_gbp FROM bitcoin_farm_monthly_summaries AS x
          WHERE x.year_month = to_char(@settlement_date::date, 'YYYY-MM')) AS s
    FULL JOIN bitcoin_farm_monthly_rollup(to_char(@settlement_date::date, 'YYYY-MM')) AS b(farm_id, miner_model, bitcoin_mined, value_gbp)
           ON b.farm_id = s.farm_id AND b.miner_model = s.miner_model
    CROSS JOIN LATERAL (VALUES
        ('bitcoin_mined', s.bitcoin_mined, b.bitcoin_mined),
        ('value_gbp',     s.value_gbp,     b.value_gbp)
    ) AS m(measure, stored, expected)
    WHERE m.stored IS DISTINCT FROM m.expected
), btc_priced_periods AS MATERIALIZED (
    -- The price in force at the start of each period of the date, by the
    -- bound of the run that valued its rows (runs.price_max_age): looked up
    -- once per (period, run).
    SELECT u.settlement_period, u.run_id, price.price_gbp, price.observed_at, price.source
    FROM (SELECT DISTINCT h.settlement_period, h.run_id
          FROM historical_bitcoin_calculations AS h
          WHERE h.settlement_date = @settlement_date) AS u
    JOIN runs AS r ON r.run_id = u.run_id
    LEFT JOIN LATERAL btc_price_point_in_force(
        settlement_period_start(@settlement_date::date, u.settlement_period), r.price_max_age) AS price ON true
), btc_priced AS (
    -- Per miner model: the Bitcoin rows valued at the price in force (the
    -- same price and point, or all null when the period has none), against
    -- all of them. A price imported or synced after the rows were written
    -- shows up here until `recon recalc` values them again. Each row's value
    -- is bitcoin_mined * price_gbp by construction (a generated column).
    SELECT 'historical_bitcoin_calculations'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' ' || h.miner_model AS subject,
           'rows valued at the BTC price in force (recon recalc values them again)'::text AS measure,
           (count(*) FILTER (WHERE h.price_gbp IS NOT DISTINCT FROM f.price_gbp
                               AND h.price_observed_at IS NOT DISTINCT FROM f.observed_at
                               AND h.price_source IS NOT DISTINCT FROM f.source))::numeric AS stored,
           count(*)::numeric AS expected
    FROM historical_bitcoin_calculations AS h
    JOIN btc_priced_periods AS f ON f.settlement_period = h.settlement_period AND f.run_id = h.run_id
    WHERE h.settlement_date = @settlement_date
    GROUP BY h.miner_model
    HAVING count(*) FILTER (WHERE h.price_gbp IS NOT DISTINCT FROM f.price_gbp
                              AND h.price_observed_at IS NOT DISTINCT FROM f.observed_at
                              AND h.price_source IS NOT DISTINCT FROM f.source) <> count(*)
), btc_complete AS (
    -- Per miner model: the (period, farm) pairs with curtailment, against
    -- those that have a Bitcoin row for the model.
    SELECT 'historical_bitcoin_calculations'::text AS summary,
           to_char(@settlement_date::date, 'YYYY-MM-DD') || ' ' || mm.name AS subject,
           'curtailed (period, farm) pairs with a Bitcoin row'::text AS measure,
           count(h.farm_id)::numeric AS stored,
           count(*)::numeric AS expected
    FROM (SELECT DISTINCT c.settlement_period, c.farm_id FROM curtailment_records AS c
          WHERE c.settlement_date = @settlement_date) AS pf
    CROSS JOIN miner_models AS mm
    LEFT JOIN historical_bitcoin_calculations AS h
           ON h.settlement_date = @settlement_date
          AND h.settlement_period = pf.settlement_period
          AND h.farm_id = pf.farm_id
          AND h.miner_model = mm.name
    GROUP BY mm.name
    HAVING count(h.farm_id) <> count(*)
)
SELECT c.summary::text AS summary, c.subject::text AS subject, c.measure::text AS measure,
       coalesce(c.stored::text, 'null')::text AS stored, coalesce(c.expected::text, 'null')::text AS expected
FROM (
    SELECT * FROM day_check
    UNION ALL SELECT * FROM month_check
    UNION ALL SELECT * FROM year_check
    UNION ALL SELECT * FROM btc_day
    UNION ALL SELECT * FROM btc_month
    UNION ALL SELECT * FROM btc_year
    UNION ALL SELECT * FROM farm_day
    UNION ALL SELECT * FROM btc_farm_day
    UNION ALL SELECT * FROM farm_month
    UNION ALL SELECT * FROM btc_farm_month
    UNION ALL SELECT * FROM btc_priced
    UNION ALL SELECT * FROM btc_complete
) AS c
ORDER BY 1, 2, 3;

-- name: VerificationRecord :one
-- Records the outcome of one verification.
INSERT INTO verifications (
    settlement_date, command, started_at, mode, periods_checked, matched, mismatched, missing,
    unpublished, errors, inconsistencies, action, repair_run_id, outcome, error, report_path,
    elexon_url, synthetic, nonmatching
) VALUES (
    @settlement_date, @command, @started_at, @mode, @periods_checked, @matched, @mismatched, @missing,
    @unpublished, @errors, @inconsistencies, @action, sqlc.narg('repair_run_id'), @outcome,
    sqlc.narg('error'), sqlc.narg('report_path'), @elexon_url, @synthetic, @nonmatching
)
RETURNING verification_id;

-- name: VerificationsForDates :many
-- The verifications of a range of dates, oldest first.
SELECT *
FROM verifications
WHERE settlement_date BETWEEN @from_date AND @to_date
ORDER BY settlement_date, verification_id;
