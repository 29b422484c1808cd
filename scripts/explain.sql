-- EXPLAIN (ANALYZE, BUFFERS) of every query `recon report` and `recon status`
-- run, and of the overview, farm and lead-party views an analyst reads, on a
-- database holding data (docs/benchmarks.md, "SQL on a year of data", says
-- how to fill one; make bench-scale runs it on a decade). The statements
-- are those of sql/queries/report.sql and coverage.sql with their
-- parameters written in: March 2025 for a day or month range, 2025 for a
-- year, and the whole months the database covers for the report's farms
-- without dates (what `recon report monthly` asks). Run it with
--
--   psql "$DATABASE_URL" -f scripts/explain.sql
--
-- The summary tables hold a row per day, month or year (365, 12 and 1 for a
-- year of data): PostgreSQL reads their few pages whole rather than through
-- an index, which is cheaper. The second part runs the summaries' queries
-- again with enable_seqscan off, to show that their filters are index
-- ranges all the same (as they will be used once the tables are larger).

\set QUIET on
\pset pager off
VACUUM ANALYZE;
-- The stored dates widened to whole months: the range of `recon report
-- monthly` without dates.
SELECT to_char(date_trunc('month', min(d.summary_date)), 'YYYY-MM-DD') AS all_from,
       to_char(date_trunc('month', max(d.summary_date)) + interval '1 month' - interval '1 day', 'YYYY-MM-DD') AS all_to
FROM daily_summaries AS d \gset

\echo '### ReportDays (March 2025)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT d.summary_date::text AS period, d.curtailed_mwh, d.payment, d.wind_mwh, d.wind_onshore_mwh,
       d.wind_offshore_mwh, d.curtailed_share, d.curtailment_records, d.periods_covered AS covered,
       d.days_with_wind::int AS days_with_wind, d.curtailed_mwh_on_wind_days
FROM daily_overview AS d
WHERE d.summary_date BETWEEN '2025-03-01' AND '2025-03-31'
ORDER BY d.summary_date;

\echo '### ReportMonths (2025-01 to 2025-12)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT m.year_month AS period, m.curtailed_mwh, m.payment, m.wind_mwh, m.wind_onshore_mwh,
       m.wind_offshore_mwh, m.curtailed_share, m.curtailment_records, m.days_covered AS covered,
       m.days_with_wind::int AS days_with_wind, m.curtailed_mwh_on_wind_days
FROM monthly_overview AS m
WHERE m.year_month BETWEEN '2025-01' AND '2025-12'
ORDER BY m.year_month;

\echo '### ReportYears (2025)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT y.year AS period, y.curtailed_mwh, y.payment, y.wind_mwh, y.wind_onshore_mwh,
       y.wind_offshore_mwh, y.curtailed_share, y.curtailment_records, y.days_covered AS covered,
       y.days_with_wind::int AS days_with_wind, y.curtailed_mwh_on_wind_days
FROM yearly_overview AS y
WHERE y.year BETWEEN '2025' AND '2025'
ORDER BY y.year;

\echo '### ReportTotal (March 2025)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.total_curtailed_energy::numeric, coalesce(r.total_wind_generation, 0)::numeric,
       coalesce(curtailed_share(r.curtailed_energy_on_wind_days, r.total_wind_generation), 0)::numeric,
       r.days_with_wind::int
FROM days_rollup('2025-03-01', '2025-03-31')
     AS r(total_curtailed_energy, total_payment, total_wind_generation, wind_onshore_generation,
          wind_offshore_generation, curtailment_records, days_covered, days_with_wind,
          curtailed_energy_on_wind_days, periods_covered);

\echo '### ReportBitcoinDays (March 2025)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT b.summary_date, b.miner_model, b.bitcoin_mined::numeric AS bitcoin_mined
FROM bitcoin_daily_summaries AS b
WHERE b.summary_date BETWEEN '2025-03-01' AND '2025-03-31'
ORDER BY b.summary_date, b.miner_model;

\echo '### ReportBitcoinTotal (March 2025)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.miner_model::text, r.bitcoin_mined::numeric
FROM bitcoin_days_rollup('2025-03-01', '2025-03-31') AS r(miner_model, bitcoin_mined)
ORDER BY r.miner_model;

\echo '### ReportTopFarms (March 2025)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f.farm_id::text, coalesce(f.lead_party_name, '')::text, f.records::int, f.curtailed_mwh::numeric, f.payment::numeric
FROM farm_curtailment_between('2025-03-01', '2025-03-31')
     AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp)
ORDER BY f.curtailed_mwh DESC, f.farm_id
LIMIT 10;

\echo '### ReportFarmBitcoin (March 2025, ten farms)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT b.farm_id::text, b.miner_model::text, b.bitcoin_mined::numeric
FROM bitcoin_farm_between('2025-03-01', '2025-03-31') AS b(farm_id, miner_model, bitcoin_mined)
WHERE b.farm_id = ANY((SELECT array_agg(f.farm_id) FROM (SELECT DISTINCT farm_id FROM curtailment_records
                       WHERE settlement_date = '2025-03-01' ORDER BY farm_id LIMIT 10) AS f)::text[])
ORDER BY b.farm_id, b.miner_model;

\echo '### ReportTopFarms (every month stored, as recon report monthly asks)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f.farm_id::text, coalesce(f.lead_party_name, '')::text, f.records::int, f.curtailed_mwh::numeric, f.payment::numeric
FROM farm_curtailment_between(:'all_from', :'all_to')
     AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp)
ORDER BY f.curtailed_mwh DESC, f.farm_id
LIMIT 10;

\echo '### ReportTopFarms (March 2025 less its first and last days: the farms'' days only)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f.farm_id::text, coalesce(f.lead_party_name, '')::text, f.records::int, f.curtailed_mwh::numeric, f.payment::numeric
FROM farm_curtailment_between('2025-03-02', '2025-03-30')
     AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp)
ORDER BY f.curtailed_mwh DESC, f.farm_id
LIMIT 10;

\echo '### ReportFarmBitcoin (every month stored, ten farms)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT b.farm_id::text, b.miner_model::text, b.bitcoin_mined::numeric
FROM bitcoin_farm_between(:'all_from', :'all_to') AS b(farm_id, miner_model, bitcoin_mined)
WHERE b.farm_id = ANY((SELECT array_agg(f.farm_id) FROM (SELECT DISTINCT farm_id FROM curtailment_records
                       WHERE settlement_date = '2025-03-01' ORDER BY farm_id LIMIT 10) AS f)::text[])
ORDER BY b.farm_id, b.miner_model;

\echo '### ReportSynthetic (March 2025)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT (EXISTS (SELECT 1
                FROM runs AS r
                CROSS JOIN LATERAL (SELECT 1
                                    FROM settlement_periods AS p
                                    WHERE p.settlement_date = r.settlement_date AND p.run_id = r.run_id
                                    LIMIT 1) AS owned
                WHERE r.synthetic AND r.outcome = 'succeeded'
                  AND r.settlement_date BETWEEN '2025-03-01' AND '2025-03-31')
     OR EXISTS (SELECT 1
                FROM runs AS r
                CROSS JOIN LATERAL (SELECT 1
                                    FROM wind_generation_data AS w
                                    WHERE w.settlement_date = r.settlement_date AND w.run_id = r.run_id
                                    LIMIT 1) AS owned
                WHERE r.synthetic AND r.outcome = 'succeeded'
                  AND r.settlement_date BETWEEN '2025-03-01' AND '2025-03-31'))::boolean AS synthetic;

\echo '### CoverageOverall (recon status, recon report without dates)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*)::int AS dates,
       coalesce(to_char(min(d.summary_date), 'YYYY-MM-DD'), '')::text AS first_date,
       coalesce(to_char(max(d.summary_date), 'YYYY-MM-DD'), '')::text AS last_date,
       (SELECT coalesce(sum(y.curtailment_records), 0) FROM yearly_summaries AS y)::bigint AS curtailment_records
FROM daily_summaries AS d;

\echo '### monthly_overview, one month'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM monthly_overview WHERE year_month = '2025-03';

\echo '### yearly_overview, one year'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM yearly_overview WHERE year = '2025';

\echo '### farm_curtailment_monthly, one month: the top 10 farms'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT farm_id, lead_party_name, curtailed_mwh, payment, records
FROM farm_curtailment_monthly WHERE year_month = '2025-03' ORDER BY curtailed_mwh DESC LIMIT 10;

\echo '### lead_party_bitcoin_monthly, one month: who was paid most, and their Bitcoin'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT lead_party_name, paid_gbp, curtailed_mwh, farms, bitcoin_mined
FROM lead_party_bitcoin_monthly WHERE year_month = '2025-03' AND miner_model = 'S19J_PRO' ORDER BY paid_gbp DESC;

\echo '### monthly_rollup (MonthlySummaryRefresh and the check)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM monthly_rollup('2025-03');

\echo '### yearly_rollup (YearlySummaryRefresh and the check)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM yearly_rollup('2025');

\echo '### bitcoin_monthly_rollup (BitcoinMonthlySummaryRefresh and the check)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM bitcoin_monthly_rollup('2025-03');

\echo '## The summaries again, with enable_seqscan off: the filters are index ranges'
SET enable_seqscan = off;

\echo '### ReportMonths (2025-01 to 2025-12), enable_seqscan off'
EXPLAIN (COSTS OFF)
SELECT m.year_month FROM monthly_overview AS m WHERE m.year_month BETWEEN '2025-01' AND '2025-12' ORDER BY m.year_month;

\echo '### ReportYears (2025), enable_seqscan off'
EXPLAIN (COSTS OFF) SELECT y.year FROM yearly_overview AS y WHERE y.year BETWEEN '2025' AND '2025';

\echo '### yearly_rollup, enable_seqscan off'
EXPLAIN (COSTS OFF) SELECT * FROM yearly_rollup('2025');

\echo '### bitcoin_yearly_rollup, enable_seqscan off'
EXPLAIN (COSTS OFF) SELECT * FROM bitcoin_yearly_rollup('2025');

\echo '### farm_curtailment_monthly, a year, enable_seqscan off'
EXPLAIN (COSTS OFF)
SELECT year_month, farm_id, curtailed_mwh FROM farm_curtailment_monthly WHERE year_month BETWEEN '2025-01' AND '2025-12';

RESET enable_seqscan;
