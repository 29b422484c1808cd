-- `recon crosscheck`: recon's monthly figures beside those a published
-- source gives for the same months (wastedwind.energy), recorded in
-- crosscheck_months (migration 00016) under the run that made the
-- comparison. Which of the source's figures pairs with which of recon's is
-- written here, once.

-- name: CrosscheckRunStart :one
-- Opens the record of a crosscheck, inside its transaction; synthetic says
-- whether recon's figures for the year rest on data from its stand-in
-- server. details says what was asked (source, URL, year, tolerance).
INSERT INTO runs (command, started_at, outcome, synthetic, details)
VALUES (@command, @started_at, 'succeeded', @synthetic, @details)
RETURNING run_id;

-- name: CrosscheckRunFinish :exec
-- Completes the record of a crosscheck with what it found (details).
UPDATE runs
SET finished_at = clock_timestamp(),
    details     = @details
WHERE run_id = @run_id;

-- name: CrosscheckRecord :many
-- Compares the months of @year (YYYY) with the source's figures and records
-- the comparison: one row per month and measure, for every month that the
-- source publishes or recon holds at least a day of. @figures is the
-- source's months as a JSON array of objects with year_month and the four
-- figures as decimal strings: bid_volume_mwh, bid_cost, turn_up_volume and
-- turn_up_cost (the source's bidVolumeMWh, bidCost, turnUpVolume and
-- turnUpCost). A month is compared only when recon holds it completely:
-- every day has a daily summary whose periods_covered is all the periods of
-- the day (settlement_day_periods). recon's figures are the month's stored
-- summary (monthly_summaries), the bid cost with the sign flipped (payment
-- is negative when the wind farms are paid; the source's bidCost is
-- positive). A figure is within the tolerance when
-- abs(recon - source) <= @tolerance_pct / 100 * abs(source).
WITH asked AS (
    SELECT @tolerance_pct::numeric AS tolerance_pct
), months AS (
    SELECT to_char(m.month_start, 'YYYY-MM')                              AS year_month,
           m.month_start::date                                            AS first_day,
           (m.month_start + interval '1 month' - interval '1 day')::date  AS last_day
    FROM generate_series(to_date(@year::text, 'YYYY')::timestamp,
                         to_date(@year::text, 'YYYY')::timestamp + interval '11 months',
                         interval '1 month') AS m(month_start)
), held AS (
    SELECT mo.year_month,
           (mo.last_day - mo.first_day + 1)::integer                      AS days_in_month,
           count(d.summary_date)::integer                                 AS days_held,
           (count(d.summary_date)
               FILTER (WHERE d.periods_covered = settlement_day_periods(d.summary_date)))::integer AS days_complete
    FROM months AS mo
    LEFT JOIN daily_summaries AS d ON d.summary_date BETWEEN mo.first_day AND mo.last_day
    GROUP BY mo.year_month, mo.first_day, mo.last_day
), published AS (
    SELECT e.value ->> 'year_month'                  AS year_month,
           (e.value ->> 'bid_volume_mwh')::numeric   AS bid_volume_mwh,
           (e.value ->> 'bid_cost')::numeric         AS bid_cost,
           (e.value ->> 'turn_up_volume')::numeric   AS turn_up_volume,
           (e.value ->> 'turn_up_cost')::numeric     AS turn_up_cost
    FROM jsonb_array_elements(@figures::jsonb) AS e
), paired AS (
    SELECT h.year_month, h.days_in_month, h.days_held, h.days_complete,
           CASE WHEN h.days_complete = h.days_in_month AND s.year_month IS NOT NULL THEN 'compared'
                WHEN h.days_complete = h.days_in_month THEN 'not_published'
                WHEN h.days_held = 0 THEN 'not_held'
                ELSE 'partial' END AS status,
           p.measure::text AS measure, p.source_measure::text AS source_measure,
           p.recon_value::numeric AS recon_value, p.source_value::numeric AS source_value
    FROM held AS h
    LEFT JOIN monthly_summaries AS ms ON ms.year_month = h.year_month
    LEFT JOIN published AS s ON s.year_month = h.year_month
    CROSS JOIN LATERAL (VALUES
        ('curtailed_mwh',    'bidVolumeMWh', ms.total_curtailed_energy, s.bid_volume_mwh),
        ('bid_cost_gbp',     'bidCost',      -ms.total_payment,         s.bid_cost),
        ('turn_up_mwh',      'turnUpVolume', ms.turn_up_mwh,            s.turn_up_volume),
        ('turn_up_cost_gbp', 'turnUpCost',   ms.turn_up_cost_gbp,       s.turn_up_cost)
    ) AS p(measure, source_measure, recon_value, source_value)
    WHERE s.year_month IS NOT NULL OR h.days_held > 0
), judged AS (
    SELECT c.*,
           (c.recon_value - c.source_value)::numeric                            AS delta,
           ((c.recon_value - c.source_value) * 100 / nullif(c.source_value, 0))::numeric AS delta_pct,
           (CASE WHEN c.status = 'compared'
                 THEN abs(c.recon_value - c.source_value) <= a.tolerance_pct / 100 * abs(c.source_value)
            END)::boolean                                                        AS within_tolerance,
           a.tolerance_pct
    FROM paired AS c
    CROSS JOIN asked AS a
)
INSERT INTO crosscheck_months (
    run_id, source, year_month, measure, source_measure, status, days_in_month, days_held, days_complete,
    recon_value, source_value, delta, delta_pct, tolerance_pct, within_tolerance
)
SELECT @run_id, @source::text, j.year_month, j.measure, j.source_measure, j.status, j.days_in_month,
       j.days_held, j.days_complete, j.recon_value, j.source_value, j.delta, j.delta_pct,
       j.tolerance_pct, j.within_tolerance
FROM judged AS j
RETURNING *;
