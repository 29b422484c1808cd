-- What `recon status` shows beyond coverage and the latest runs: how far
-- each piece of reference data reaches, and which stored dates are partial.
-- Each reads a small table, a summary, or one end of an index: `recon
-- status` stays fast on a decade of data and never reads the archive.

-- name: StatusDifficultyReach :one
-- How far the difficulty table reaches: its number of epochs and its last
-- epoch (height, activation, difficulty, source). The table is known
-- complete until the last activation plus 21 days (internal/difficulty
-- MaxEpochAge): after that an adjustment may have happened that it lacks.
-- No row when the table is empty.
SELECT e.height, e.activated_at, e.difficulty, e.source,
       (SELECT count(*) FROM difficulty_epochs)::int AS epochs
FROM difficulty_epochs AS e
ORDER BY e.activated_at DESC
LIMIT 1;

-- name: StatusWindRegistry :one
-- The wind registry: how many units it holds, its latest change
-- (wind_unit_history: when and from what source), and the latest
-- successful `recon bmu sync` and `recon bmu import` (a sync or import that
-- changed nothing records no run). A run id of 0 (its time then the unix
-- epoch) means there was none; so does an empty last_change_source.
SELECT (SELECT count(*) FROM wind_units)::int AS units,
       coalesce(h.changed_at, 'epoch')::timestamptz AS last_change_at,
       coalesce(h.source, '')::text                 AS last_change_source,
       coalesce(s.run_id, 0)::bigint                AS last_sync_run,
       coalesce(s.finished_at, 'epoch')::timestamptz AS last_sync_at,
       coalesce(i.run_id, 0)::bigint                AS last_import_run,
       coalesce(i.finished_at, 'epoch')::timestamptz AS last_import_at
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT w.changed_at, w.source
                   FROM wind_unit_history AS w
                   ORDER BY w.change_id DESC
                   LIMIT 1) AS h ON true
LEFT JOIN LATERAL (SELECT r.run_id, r.finished_at
                   FROM runs AS r
                   WHERE r.command = 'bmu sync' AND r.outcome = 'succeeded'
                   ORDER BY r.run_id DESC
                   LIMIT 1) AS s ON true
LEFT JOIN LATERAL (SELECT r.run_id, r.finished_at
                   FROM runs AS r
                   WHERE r.command = 'bmu import' AND r.outcome = 'succeeded'
                   ORDER BY r.run_id DESC
                   LIMIT 1) AS i ON true;

-- name: StatusPriceReach :one
-- How far the BTC price history reaches: its number of points, the first
-- instant, and the last point (instant, price, source). A settlement period
-- has a price only while the latest point before it is at most 8 days old
-- (btc_price_point_in_force): periods more than 8 days after the last point
-- have none. No row when the history is empty.
SELECT p.observed_at, p.price_gbp, p.source,
       (SELECT count(*) FROM btc_prices)::int AS points,
       (SELECT min(f.observed_at) FROM btc_prices AS f)::timestamptz AS first_observed_at
FROM btc_prices AS p
ORDER BY p.observed_at DESC
LIMIT 1;

-- name: StatusPartialDates :many
-- The stored dates that do not hold every period of their day as
-- published (a run of some periods, or periods not published yet when the
-- date was last run): periods held of periods in the day, oldest first.
-- Read from daily_summaries (one row per stored date), whose
-- periods_covered counts the published periods.
SELECT d.summary_date, d.periods_covered, settlement_day_periods(d.summary_date) AS periods_in_day
FROM daily_summaries AS d
WHERE d.periods_covered < settlement_day_periods(d.summary_date)
ORDER BY d.summary_date;

-- name: StatusSynthetic :one
-- Whether any stored data came from recon's stand-in server: the question
-- ReportSynthetic answers for a report, asked of every stored date. Every
-- run that fetches periods or wind generation records its date, so each
-- synthetic run is looked up through its date's rows (the primary keys, one
-- index step each: the LATERAL ... LIMIT 1 keeps the planner from hashing
-- the whole coverage instead), and the search stops at the first that
-- still owns some.
SELECT (EXISTS (SELECT 1
                FROM runs AS r
                CROSS JOIN LATERAL (SELECT 1
                                    FROM settlement_periods AS p
                                    WHERE p.settlement_date = r.settlement_date AND p.run_id = r.run_id
                                    LIMIT 1) AS owned
                WHERE r.synthetic AND r.outcome = 'succeeded')
     OR EXISTS (SELECT 1
                FROM runs AS r
                CROSS JOIN LATERAL (SELECT 1
                                    FROM wind_generation_data AS w
                                    WHERE w.settlement_date = r.settlement_date AND w.run_id = r.run_id
                                    LIMIT 1) AS owned
                WHERE r.synthetic AND r.outcome = 'succeeded'))::boolean AS synthetic;
