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
-- How much recon holds: dates, first and last date, curtailment rows. Read
-- from the summaries (a row per date, a row per year), which hold exactly
-- the dates recon has stored, since a run refreshes its date's summary in
-- the same transaction: `recon status` need not count every record.
SELECT count(*)::int AS dates,
       coalesce(to_char(min(d.summary_date), 'YYYY-MM-DD'), '')::text AS first_date,
       coalesce(to_char(max(d.summary_date), 'YYYY-MM-DD'), '')::text AS last_date,
       (SELECT coalesce(sum(y.curtailment_records), 0) FROM yearly_summaries AS y)::bigint AS curtailment_records
FROM daily_summaries AS d;
