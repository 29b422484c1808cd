-- name: StoredDates :many
-- Settlement dates in a range for which recon has fetched at least one
-- period, oldest first.
SELECT DISTINCT p.settlement_date
FROM settlement_periods AS p
WHERE p.settlement_date BETWEEN @from_date AND @to_date
ORDER BY p.settlement_date;

-- name: CoverageByDate :many
-- Per date in a range: periods fetched, periods published, and the newest
-- successful run that touched it. A complete date has every period of its
-- day published.
SELECT p.settlement_date,
       count(*)::int                            AS periods_fetched,
       (count(*) FILTER (WHERE p.published))::int AS periods_published,
       max(p.run_id)::bigint                    AS last_run_id
FROM settlement_periods AS p
WHERE p.settlement_date BETWEEN @from_date AND @to_date
GROUP BY p.settlement_date
ORDER BY p.settlement_date;

-- name: CoverageOverall :one
-- How much recon holds: dates, first and last date, curtailment rows.
SELECT count(DISTINCT p.settlement_date)::int AS dates,
       coalesce(to_char(min(p.settlement_date), 'YYYY-MM-DD'), '')::text AS first_date,
       coalesce(to_char(max(p.settlement_date), 'YYYY-MM-DD'), '')::text AS last_date,
       (SELECT count(*) FROM curtailment_records)::bigint AS curtailment_records
FROM settlement_periods AS p;
