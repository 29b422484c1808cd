-- The price history (btc_prices) and the price of each settlement period.
-- The rule itself (latest point at or before the period's start, none when
-- that point is older than the bound) is the function
-- btc_price_point_in_force of migration 00012; the queries here only apply
-- it, with each period's start from settlement_period_start. `recon price import` and `recon price sync`
-- write points with BtcPricesUpsert, under BtcPricesLockAcquire, in one
-- transaction with their runs row.

-- name: BtcPricesLockAcquire :exec
-- Serialises changes to the price history: two imports or syncs wait for
-- each other. Readers are not blocked: a query that prices periods sees the
-- history as committed when it starts. Held until the transaction ends.
-- Key: (class 'recb', 1).
SELECT pg_advisory_xact_lock(1919247202, 1);

-- name: BtcPricesUpsert :many
-- Writes points, replacing by time: a point at an instant already stored
-- replaces it, unless price and source are both the same (then the stored
-- row, its run and its updated_at are left alone). The three arrays are the
-- points' columns, element by element; every instant appears once. Returns
-- one row per point inserted or replaced, oldest first, with what it
-- replaced: old is read from the history as it was before this statement
-- (every part of one statement sees the same snapshot), so old_price_gbp and
-- old_source are null for an insert. Points left unchanged are not returned.
WITH offered AS (
    SELECT unnest(@observed_at::timestamptz[]) AS observed_at,
           unnest(@price_gbp::numeric[])       AS price_gbp,
           unnest(@source::text[])             AS source
),
written AS (
    INSERT INTO btc_prices AS b (observed_at, price_gbp, source, run_id, updated_at)
    SELECT o.observed_at, o.price_gbp, o.source, @run_id::bigint, now()
    FROM offered AS o
    LEFT JOIN btc_prices AS p ON p.observed_at = o.observed_at
    WHERE p.observed_at IS NULL
       OR p.price_gbp <> o.price_gbp
       OR p.source <> o.source
    ON CONFLICT (observed_at) DO UPDATE
    SET price_gbp  = EXCLUDED.price_gbp,
        source     = EXCLUDED.source,
        run_id     = EXCLUDED.run_id,
        updated_at = EXCLUDED.updated_at
    RETURNING b.observed_at, b.price_gbp, b.source
)
SELECT w.observed_at, w.price_gbp, w.source,
       old.price_gbp AS old_price_gbp,
       old.source    AS old_source
FROM written AS w
LEFT JOIN btc_prices AS old ON old.observed_at = w.observed_at
ORDER BY w.observed_at;

-- name: BtcPriceLatest :many
-- The latest point of the history (no row when the history is empty).
SELECT observed_at, price_gbp, source
FROM btc_prices
ORDER BY observed_at DESC
LIMIT 1;

-- name: BtcPriceNextAfter :many
-- The first point observed after an instant (no row when there is none):
-- the periods that a point priced end where the next point begins.
SELECT observed_at, price_gbp, source
FROM btc_prices
WHERE observed_at > @after::timestamptz
ORDER BY observed_at
LIMIT 1;

-- name: BtcPricePeriods :many
-- The price of the settlement periods of the dates from_date..to_date, by
-- the rule of btc_price_point_in_force with the bound max_age (recon's
-- default is 8 days). One row per period that has a point at or before its
-- start: that latest point's observed_at, price and source, and in_force,
-- true when the rule lets the period take its price, false when the point
-- is older than max_age (the period has no price). Periods that start
-- before the history has any point have no row (and no price). One index
-- step per lookup, never a scan of btc_prices. The periods are generated as
-- 50 candidates a day kept up to the day's count, so that the planner
-- estimates their number well (and plans index lookups).
WITH days AS (
    SELECT (r.from_date + k.day_offset)::date AS settlement_date
    FROM (SELECT @from_date::date AS from_date, @to_date::date AS to_date) AS r
    CROSS JOIN LATERAL generate_series(0, r.to_date - r.from_date) AS k (day_offset)
),
periods AS MATERIALIZED ( -- each period's start computed once
    SELECT d.settlement_date,
           n.settlement_period::integer AS settlement_period,
           settlement_period_start(d.settlement_date, n.settlement_period::integer) AS period_start
    FROM days AS d
    CROSS JOIN generate_series(1, 50) AS n (settlement_period)
    WHERE n.settlement_period <= settlement_day_periods(d.settlement_date)
)
SELECT p.settlement_date,
       p.settlement_period,
       p.period_start,
       latest.observed_at,
       latest.price_gbp,
       latest.source,
       (in_force.observed_at IS NOT NULL)::boolean AS in_force
FROM periods AS p
CROSS JOIN LATERAL btc_price_latest_point(p.period_start) AS latest
LEFT JOIN LATERAL btc_price_point_in_force(p.period_start, @max_age::interval) AS in_force ON true
ORDER BY p.settlement_date, p.settlement_period;

-- name: BtcPriceCoverageByDate :many
-- For each date of from_date..to_date, how many of its settlement periods
-- have a price by the rule of btc_price_point_in_force with the bound
-- max_age, and why the others have none: periods_stale because the latest
-- point is older than max_age, periods_before_history because no point
-- precedes them. What `recon status` and the report say, and what tells a
-- run that the history must be fetched before a date can be valued.
-- Periods are generated as in BtcPricePeriods.
WITH days AS (
    SELECT (r.from_date + k.day_offset)::date AS settlement_date
    FROM (SELECT @from_date::date AS from_date, @to_date::date AS to_date) AS r
    CROSS JOIN LATERAL generate_series(0, r.to_date - r.from_date) AS k (day_offset)
),
periods AS MATERIALIZED ( -- each period's start computed once
    SELECT d.settlement_date,
           n.settlement_period::integer AS settlement_period,
           settlement_period_start(d.settlement_date, n.settlement_period::integer) AS period_start
    FROM days AS d
    CROSS JOIN generate_series(1, 50) AS n (settlement_period)
    WHERE n.settlement_period <= settlement_day_periods(d.settlement_date)
)
SELECT p.settlement_date,
       count(*)                                                          AS periods,
       count(in_force.observed_at)                                       AS periods_priced,
       (count(latest.observed_at) - count(in_force.observed_at))::bigint AS periods_stale,
       (count(*) - count(latest.observed_at))::bigint                    AS periods_before_history
FROM periods AS p
LEFT JOIN LATERAL btc_price_latest_point(p.period_start) AS latest ON true
LEFT JOIN LATERAL btc_price_point_in_force(p.period_start, @max_age::interval) AS in_force ON true
GROUP BY p.settlement_date
ORDER BY p.settlement_date;

-- name: BtcPriceRunRecord :one
-- Records a `recon price import` or `recon price sync` that succeeded (with
-- or without changes) as a run with no settlement date, before its points
-- are written so that they can name it; details holds the counts. synthetic
-- is true when the points came from recon's stand-in server.
INSERT INTO runs (command, started_at, outcome, synthetic, requests, details)
VALUES (@command, @started_at, 'succeeded', @synthetic, sqlc.narg('requests'), @details)
RETURNING run_id;

-- name: BtcPriceRunFinish :exec
-- Fills in what the run changed, just before its transaction commits.
UPDATE runs
SET finished_at = clock_timestamp(),
    details     = @details
WHERE run_id = @run_id;
