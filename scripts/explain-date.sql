-- EXPLAIN (ANALYZE, BUFFERS) of what `recon run`, `recon verify` and `recon
-- rederive` ask of one settlement date: the statements of
-- sql/queries/curtailment.sql, turnup.sql, registry.sql, bitcoin.sql and
-- verify.sql (and the rollups of migration 00008) with the date written in.
-- make bench-scale runs it on a decade to show that each reads that date (its
-- month, its year) and nothing more:
--
--   psql "$DATABASE_URL" -v date=2025-06-15 -f scripts/explain-date.sql
--
-- Statements that write (the derivations' INSERTs) are explained through the
-- SELECT that feeds them; nothing is changed.

\set QUIET on
\pset pager off

\echo '### stack_period_fingerprints of the date (verify: the archive''s side)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f.settlement_period, f.stack_rows, f.newest_created, f.stack_digest
FROM stack_period_fingerprints AS f
WHERE f.settlement_date = :'date';

\echo '### curtailed_stack_rows of the date (CurtailmentDeriveForPeriods, VerifyArchivedPeriods)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.settlement_date, c.settlement_period, c.bm_unit, c.lead_party_name, c.volume, c.payment,
       c.original_price, c.final_price, c.so_flag, c.cadl_flag, c.side, c.sequence_number,
       c.acceptance_id, c.bid_offer_pair_id, c.created_date_time
FROM curtailed_stack_rows AS c
WHERE c.settlement_date = :'date'
  AND c.settlement_period BETWEEN 1 AND 50;

\echo '### turn_up_by_period of the date (TurnUpDeriveForPeriods)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT b.*
FROM turn_up_by_period AS b
WHERE b.settlement_date = :'date'
  AND b.settlement_period BETWEEN 1 AND 50;

\echo '### CandidateUnitsForPeriods (the run summary''s unknown units)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(DISTINCT s.bm_unit)::int, coalesce(sum(abs(s.volume)), 0)::numeric
FROM stack_row_fields AS s
WHERE s.settlement_date = :'date'
  AND s.settlement_period BETWEEN 1 AND 50
  AND s.volume < 0
  AND s.so_flag IS TRUE
  AND s.bm_unit IS NOT NULL
  AND s.bm_unit NOT IN (SELECT w.elexon_bm_unit FROM wind_units AS w);

\echo '### CurtailmentEnergyByPeriodFarm (the Bitcoin calculation''s input)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.settlement_period, c.farm_id, sum(c.energy_mwh)::numeric
FROM curtailment_records AS c
WHERE c.settlement_date = :'date'
  AND c.settlement_period BETWEEN 1 AND 50
GROUP BY c.settlement_period, c.farm_id
ORDER BY c.settlement_period, c.farm_id;

\echo '### daily_rollup, monthly_rollup, yearly_rollup of the date (the refresh and the check)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM daily_rollup(:'date');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM monthly_rollup(to_char(:'date'::date, 'YYYY-MM'));
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM yearly_rollup(to_char(:'date'::date, 'YYYY'));
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM bitcoin_daily_rollup(:'date');

\echo '### farm_daily_rollup, farm_monthly_rollup and their Bitcoin twins (the farms'' day and month)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM farm_daily_rollup(:'date');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM farm_monthly_rollup(to_char(:'date'::date, 'YYYY-MM'));
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM bitcoin_farm_daily_rollup(:'date');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM bitcoin_farm_monthly_rollup(to_char(:'date'::date, 'YYYY-MM'));

\echo '### VerifyDateState (the report''s state before and after)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT (SELECT count(*) FROM curtailment_records AS c WHERE c.settlement_date = :'date')::int,
       (SELECT coalesce(sum(c.energy_mwh), 0) FROM curtailment_records AS c WHERE c.settlement_date = :'date')::numeric,
       (SELECT count(*) FROM settlement_periods AS p WHERE p.settlement_date = :'date' AND p.published)::int,
       (SELECT coalesce(sum(cardinality(r.sequence_number)), 0) FROM stack_responses AS r
        WHERE r.settlement_date = :'date')::int;

\echo '### Bitcoin completeness of the date (part of VerifyConsistency)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT mm.name, count(h.farm_id), count(*)
FROM (SELECT DISTINCT c.settlement_period, c.farm_id FROM curtailment_records AS c
      WHERE c.settlement_date = :'date') AS pf
CROSS JOIN miner_models AS mm
LEFT JOIN historical_bitcoin_calculations AS h
       ON h.settlement_date = :'date'
      AND h.settlement_period = pf.settlement_period
      AND h.farm_id = pf.farm_id
      AND h.miner_model = mm.name
GROUP BY mm.name;
