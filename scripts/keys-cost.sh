#!/usr/bin/env bash
# What the keys of migration 00008 cost `recon run` (docs/benchmarks.md, "Foreign keys: what a check per
# row costs"). Three databases, migrated, then changed so that they differ in the keys only:
#
#   none  no key on run_id and miner_model (as before migration 00008)
#   fk    a FOREIGN KEY on every such column, the bulk tables included (a check per row)
#   stmt  migration 00008 as written (foreign keys on the small tables, a check per statement on
#         stack_rows, curtailment_records and historical_bitcoin_calculations)
#
# 1. `recon run` of KEYS_RUNS dates (default 15) into each, against the stand-in, the three in turn and
#    the order rotating from one date to the next, so that other load on the machine falls on all three
#    alike. Prints the median wall time of each and the median difference from `none` date by date.
# 2. EXPLAIN ANALYZE of inserting one day's rows again into the three bulk tables, three times: the
#    "Trigger" lines are the time the checks took.
#
# Needs DATABASE_URL (or the cluster of scripts/pg.sh) and bin/recon, bin/elexon-fake (make build).
# Drops and recreates the databases keys_none, keys_fk and keys_stmt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -n "${DATABASE_URL:-}" ] || source <(scripts/pg.sh env)
runs=${KEYS_RUNS:-15}
admin=$DATABASE_URL
url_of() { echo "$admin" | sed -E "s#^([a-z]+://[^/]*)/[^?]*#\1/$1#"; }

for v in none fk stmt; do
  psql "$admin" -qc "DROP DATABASE IF EXISTS keys_$v WITH (FORCE)"
  psql "$admin" -qc "CREATE DATABASE keys_$v"
  DATABASE_URL=$(url_of "keys_$v") bin/recon migrate >/dev/null
done
drop_checks="
DROP TRIGGER stack_rows_run_id_key ON stack_rows;
DROP TRIGGER stack_rows_run_id_key_update ON stack_rows;
DROP TRIGGER curtailment_records_run_id_key ON curtailment_records;
DROP TRIGGER curtailment_records_run_id_key_update ON curtailment_records;
DROP TRIGGER historical_bitcoin_calculations_run_id_key ON historical_bitcoin_calculations;
DROP TRIGGER historical_bitcoin_calculations_run_id_key_update ON historical_bitcoin_calculations;
DROP TRIGGER historical_bitcoin_calculations_miner_model_key ON historical_bitcoin_calculations;
DROP TRIGGER historical_bitcoin_calculations_miner_model_key_update ON historical_bitcoin_calculations;"
psql "$(url_of keys_none)" -q -c "$drop_checks" -c "
ALTER TABLE settlement_periods DROP CONSTRAINT settlement_periods_run_id_fkey;
ALTER TABLE wind_generation_data DROP CONSTRAINT wind_generation_data_run_id_fkey;
ALTER TABLE bitcoin_daily_summaries DROP CONSTRAINT bitcoin_daily_summaries_miner_model_fkey;
ALTER TABLE bitcoin_monthly_summaries DROP CONSTRAINT bitcoin_monthly_summaries_miner_model_fkey;
ALTER TABLE bitcoin_yearly_summaries DROP CONSTRAINT bitcoin_yearly_summaries_miner_model_fkey;
ALTER TABLE verifications DROP CONSTRAINT verifications_repair_run_id_fkey;"
psql "$(url_of keys_fk)" -q -c "$drop_checks" -c "
ALTER TABLE stack_rows ADD FOREIGN KEY (run_id) REFERENCES runs (run_id);
ALTER TABLE curtailment_records ADD FOREIGN KEY (run_id) REFERENCES runs (run_id);
ALTER TABLE historical_bitcoin_calculations ADD FOREIGN KEY (run_id) REFERENCES runs (run_id);
ALTER TABLE historical_bitcoin_calculations ADD FOREIGN KEY (miner_model) REFERENCES miner_models (name);"

work=$(mktemp -d)
bin/elexon-fake --addr 127.0.0.1:0 --url-file "$work/url" >/dev/null 2>&1 &
fake=$!
trap 'kill $fake; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.05; done
ELEXON_BASE_URL=$(cat "$work/url")
export ELEXON_BASE_URL

echo "load average before: $(uptime | sed 's/.*load average: //')"
orders=("none fk stmt" "fk stmt none" "stmt none fk")
for i in $(seq "$runs"); do
  d=$(date -u -d "2025-03-01 + $((i - 1)) days" +%F)
  for v in ${orders[$((i % 3))]}; do
    t0=$(date +%s%N)
    DATABASE_URL=$(url_of "keys_$v") bin/recon run --date "$d" >/dev/null
    t1=$(date +%s%N)
    echo "$v $d $(( (t1 - t0) / 1000000 ))" >>"$work/walls"
  done
done
echo "load average after: $(uptime | sed 's/.*load average: //')"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for v in none fk stmt; do
  echo "recon run, $v: median $(awk -v v="$v" '$1 == v { print $3 }' "$work/walls" | median) ms"
done
for v in fk stmt; do
  diff=$(awk -v v="$v" '$1 == "none" { n[$2] = $3 } $1 == v { w[$2] = $3 } END { for (d in w) print w[d] - n[d] }' "$work/walls" | median)
  echo "recon run, $v minus none, date by date: median $diff ms"
done

day=2025-03-02
# shellcheck disable=SC2016 # an awk program
label='/^(stack_rows|curtailment_records|historical_bitcoin_calculations)$/ { table = $0 }
       /Trigger|Execution Time/ { print p, table ":", $0 }'
for round in 1 2 3; do
  for v in none fk stmt; do
    psql "$(url_of "keys_$v")" -qAt <<SQL | awk -v p="$v round $round:" "$label"

BEGIN;
CREATE TEMP TABLE s AS SELECT * FROM stack_rows WHERE settlement_date = '$day';
CREATE TEMP TABLE c AS SELECT * FROM curtailment_records WHERE settlement_date = '$day';
CREATE TEMP TABLE h AS SELECT * FROM historical_bitcoin_calculations WHERE settlement_date = '$day';
DELETE FROM historical_bitcoin_calculations WHERE settlement_date = '$day';
DELETE FROM curtailment_records WHERE settlement_date = '$day';
DELETE FROM stack_rows WHERE settlement_date = '$day';
\echo stack_rows
EXPLAIN (ANALYZE, COSTS OFF) INSERT INTO stack_rows SELECT * FROM s;
\echo curtailment_records
EXPLAIN (ANALYZE, COSTS OFF) INSERT INTO curtailment_records (id, settlement_date, settlement_period, farm_id,
    lead_party_name, volume, payment, original_price, final_price, so_flag, cadl_flag, side, sequence_number,
    acceptance_id, bid_offer_pair_id, created_date_time, run_id, created_at)
SELECT id, settlement_date, settlement_period, farm_id, lead_party_name, volume, payment, original_price, final_price,
       so_flag, cadl_flag, side, sequence_number, acceptance_id, bid_offer_pair_id, created_date_time, run_id, created_at
FROM c;
\echo historical_bitcoin_calculations
EXPLAIN (ANALYZE, COSTS OFF) INSERT INTO historical_bitcoin_calculations SELECT * FROM h;
ROLLBACK;
SQL
  done
done
