#!/usr/bin/env bash
# `make bench-scale`: a decade on one PostgreSQL. Fills a database with ten years of the stand-in's
# realistic (SYNTHETIC) days through recon itself, then measures what the decade does to recon, and
# writes docs/scaling.md. Not part of CI: it takes ~20-40 minutes on 2 shared cores and ~15 GB.
#
#   the fill        `recon backfill` of BENCH_SCALE_FROM to BENCH_SCALE_TO (2016-01-01 to 2025-12-31)
#                   against the stand-in, then `recon wind` of the same range, then VACUUM ANALYZE:
#                   every day distinct (the stand-in generates each date), clock-change days and all,
#                   each derived as in production (curtailment, turn-up, Bitcoin with the shipped
#                   difficulty and subsidy, rollups)
#   sizes           every table and its indexes and TOAST, per year of data
#   a new date      `recon run` of new dates on the decade and on an empty database, interleaved
#   reads           `recon report monthly` and `yearly` over the whole decade, `recon status`,
#                   `recon verify --date D`, `recon rederive` of one date: wall time, and what each
#                   read (PostgreSQL's counters of rows and blocks per table, before and after)
#   EXPLAIN         scripts/explain.sql (reports, status, overviews) and scripts/explain-date.sql
#                   (what a run, verify and rederive ask of one date), on the decade
#   VACUUM          of the whole decade, and after rerunning one date
#
# Environment: DATABASE_URL (make bench-scale starts the checkout's throwaway PostgreSQL),
# BENCH_SCALE_FROM, BENCH_SCALE_TO, BENCH_SCALE_RUNS (5 new-date runs on each side),
# BENCH_SCALE_OUT (docs/scaling.md), BENCH_SCALE_KEEP=1 keeps the decade's database afterwards
# (its URL is printed), BENCH_SCALE_REUSE=URL measures an already filled database instead of filling.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

: "${DATABASE_URL:?bench-scale: set DATABASE_URL, or run make bench-scale (it starts the local throwaway PostgreSQL)}"
from=${BENCH_SCALE_FROM:-2016-01-01}
to=${BENCH_SCALE_TO:-2025-12-31}
runs=${BENCH_SCALE_RUNS:-5}
out=${BENCH_SCALE_OUT:-docs/scaling.md}
limit=1000000
# Nothing beyond the stand-in is fetched: the shipped difficulty table and prices cover the decade and
# the new dates of 2026 measured below (a period beyond the prices is simply not valued), and a machine
# without internet must not spend a timeout asking mempool.space.
export RECON_OFFLINE=true

die() { echo "bench-scale: $*" >&2; exit 1; }
log() { echo "bench-scale: $(date -u +%H:%M:%S) $*" >&2; }
command -v psql >/dev/null || die "psql is missing: install Debian's postgresql-client package"

mkdir -p bin
go build -o bin/recon ./cmd/recon
go build -o bin/elexon-fake ./cmd/elexon-fake

work=$(mktemp -d)
fake_pid= sampler_pid=
cleanup() {
  [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null || true
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  for db in $(psql "$DATABASE_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'recon_scale_$$_%'" 2>/dev/null); do
    if [ "${BENCH_SCALE_KEEP:-}" = 1 ] && [ "$db" = "recon_scale_$$_decade" ]; then continue; fi
    psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

started=$(date +%s)
load_before=$(uptime | sed 's/.*load average: //')
# The load average every 30 s while this runs: the machine is shared, and a figure taken under load
# says so.
( while sleep 30; do cut -d' ' -f1 /proc/loadavg; done >"$work/load" ) &
sampler_pid=$!

url_of() { echo "$DATABASE_URL" | sed -E "s#^([a-z]+://[^/]*)/[^?]*#\1/$1#"; }
template=recon_scale_$$_tpl
psql "$DATABASE_URL" -qc "CREATE DATABASE $template"
DATABASE_URL=$(url_of $template) bin/recon migrate >/dev/null
fresh_db() {
  local name=recon_scale_$$_$1
  psql "$DATABASE_URL" -qc "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name TEMPLATE $template"
  url_of "$name"
}

start_fake() {
  rm -f "$work/url"
  bin/elexon-fake --addr 127.0.0.1:0 --url-file "$work/url" >/dev/null 2>"$work/fake.log" &
  fake_pid=$!
  for _ in $(seq 200); do [ -s "$work/url" ] && break; sleep 0.05; done
  [ -s "$work/url" ] || die "the stand-in Elexon server did not start: $(cat "$work/fake.log")"
  ELEXON_BASE_URL=$(cat "$work/url")
  export ELEXON_BASE_URL
}
start_fake

# timed NAME CMD...: run CMD (output to $work/NAME.out); sets t_wall (s).
timed() {
  local name=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  "$@" >"$work/$name.out" 2>"$work/$name.err" || { cat "$work/$name.out" "$work/$name.err" >&2; die "$name failed: $*"; }
  t1=$(date +%s%N)
  t_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 <= t + 0) ? "yes" : "**no**" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1e6 }'; }
gb() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1e9 }'; }

# --- the fill --------------------------------------------------------------------------------

years=$(( ${to:0:4} - ${from:0:4} + 1 ))
# The fill's figures are kept with the database (its comment), so that a reused one reports them.
fill_note() { psql "$decade" -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"; }
if [ -n "${BENCH_SCALE_REUSE:-}" ]; then
  decade=$BENCH_SCALE_REUSE
  log "measuring the filled database $decade"
  fill_wall=reused wind_wall=reused vacuum_wall=reused analyze_wall=reused filled_at= fill_dates=
  note=$(fill_note)
  if [[ "$note" == "bench-scale fill:"* ]]; then
    for kv in ${note#bench-scale fill:}; do
      case "$kv" in
        fill=*) fill_wall=${kv#*=} ;; wind=*) wind_wall=${kv#*=} ;; vacuum=*) vacuum_wall=${kv#*=} ;;
        analyze=*) analyze_wall=${kv#*=} ;; at=*) filled_at=${kv#*=} ;; dates=*) fill_dates=${kv#*=} ;;
      esac
    done
  fi
else
  decade=$(fresh_db decade)
  log "filling $from to $to ($years years) with recon backfill against the stand-in"
  DATABASE_URL=$decade timed fill bin/recon --rate-limit "$limit" backfill --from "$from" --to "$to" --concurrency 2
  fill_wall=$t_wall
  log "backfill took ${fill_wall} s; now recon wind"
  DATABASE_URL=$decade timed wind bin/recon --rate-limit "$limit" wind --from "$from" --to "$to"
  wind_wall=$t_wall
  log "VACUUM, then ANALYZE, of the decade"
  sleep 1 # the last commits' WAL flushed (see the VACUUM after a rerun, below)
  timed vacuum psql "$decade" -qc "VACUUM"
  vacuum_wall=$t_wall
  timed analyze psql "$decade" -qc "ANALYZE"
  analyze_wall=$t_wall
  filled_at=$(date -u +%Y-%m-%dT%H:%MZ)
  fill_dates=$(psql "$decade" -Atc "SELECT count(*) FROM daily_summaries")
  psql "$decade" -qc "COMMENT ON DATABASE $(psql "$decade" -Atc 'SELECT current_database()') IS
    'bench-scale fill: fill=$fill_wall wind=$wind_wall vacuum=$vacuum_wall analyze=$analyze_wall at=$filled_at dates=$fill_dates'"
fi
dates=$(psql "$decade" -Atc "SELECT count(*) FROM daily_summaries")
fill_rows=$(psql "$decade" -Atc "SELECT coalesce(sum(cardinality(sequence_number)), 0) FROM stack_responses")
fill_records=$(psql "$decade" -Atc "SELECT count(*) FROM curtailment_records")
fill_btc=$(psql "$decade" -Atc "SELECT count(*) FROM historical_bitcoin_calculations")
log "the decade holds $dates dates, $fill_rows stack rows, $fill_records curtailment records"

# --- sizes -----------------------------------------------------------------------------------

empty_db=$(fresh_db sizes_empty)
size_sql="SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid),
            coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0), c.reltuples::bigint
          FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'"
psql "$decade" -AtF' ' -c "$size_sql ORDER BY 1" >"$work/sizes"
psql "$empty_db" -AtF' ' -c "$size_sql ORDER BY 1" >"$work/sizes.empty"
db_size=$(psql "$decade" -Atc "SELECT pg_database_size(current_database())")
empty_size=$(psql "$empty_db" -Atc "SELECT pg_database_size(current_database())")
per_year=$(awk -v d="$db_size" -v e="$empty_size" -v n="$dates" 'BEGIN { printf "%.0f", (d - e) / n * 365.25 }')
# Per table, MB: heap and TOAST, of it TOAST, indexes, total, and a year's worth (what the table
# holds beyond an empty database's, per 365.25 days of data), largest first.
size_rows=$(join -a1 "$work/sizes" "$work/sizes.empty" | awk -v n="$dates" '{
    year = ($4 - ($9 == "" ? 0 : $9)) / n * 365.25
    printf "%.0f|| `%s` | %.0f | %.0f | %.0f | %.0f | %.1f | %d |\n", $4, $1, $2 / 1e6, $5 / 1e6, $3 / 1e6, $4 / 1e6, year / 1e6, $6
  }' | sort -t'|' -k1,1nr | cut -d'|' -f3- | sed 's/^/|/' | head -16)
index_rows=$(psql "$decade" -AtF' ' -c "SELECT indexrelid::regclass, pg_relation_size(indexrelid) FROM pg_index AS i
  JOIN pg_class AS c ON c.oid = i.indrelid WHERE c.relnamespace = 'public'::regnamespace ORDER BY 2 DESC LIMIT 10" |
  awk '{ printf "| `%s` | %.0f |\n", $1, $2 / 1e6 }')
log "database: $(gb "$db_size") GB, $(mb "$per_year") MB a year"

# --- a new date: the decade against an empty database -----------------------------------------

# The statistics counters of every table, to say what a command read: sequential scans and the rows
# they read, rows fetched through an index, blocks of table, index and TOAST read or found in memory.
counters() {
  sleep 0.3 # a backend flushes its counters as it exits
  psql "$1" -AtF' ' -c "SELECT s.relname, s.seq_scan, s.seq_tup_read, coalesce(s.idx_tup_fetch, 0),
      coalesce(io.heap_blks_read, 0) + coalesce(io.heap_blks_hit, 0),
      coalesce(io.idx_blks_read, 0) + coalesce(io.idx_blks_hit, 0),
      coalesce(io.toast_blks_read, 0) + coalesce(io.toast_blks_hit, 0)
    FROM pg_stat_user_tables AS s JOIN pg_statio_user_tables AS io USING (relid) ORDER BY 1"
}
# read_by NAME: what the tables told between NAME.before and NAME.after, as one line: for each table
# read, the rows its sequential scans read ("seq") and the rows fetched through its indexes, and the
# blocks of table, index and TOAST read or found in memory. Tables of fewer than 1,000 rows (the
# reference tables, a sequential scan of which is cheaper than any index) are left out.
read_by() {
  join "$work/$1.before" "$work/$1.after" | awk -v small="$work/small" '
    BEGIN { while ((getline t < small) > 0) skip[t] = 1 }
    { seqrows = $9 - $3; idx = $10 - $4; blocks = ($11 - $5) + ($12 - $6) + ($13 - $7) }
    skip[$1] || seqrows + idx + blocks <= 0 { next }
    { line = line sep $1 ": "; sep = "; "
      if (seqrows > 0) line = line sprintf("%d rows by seq scan, ", seqrows)
      line = line sprintf("%d by index, %d blocks", idx, blocks) }
    END { print (line == "" ? "nothing" : line) }'
}

psql "$decade" -Atc "SELECT relname FROM pg_stat_user_tables WHERE n_live_tup < 1000" >"$work/small"
# New dates: from 2026-01-05, or after the latest stored date of a reused database.
new_from=$(psql "$decade" -Atc "SELECT greatest(date '2026-01-05', max(summary_date) + 1) FROM daily_summaries")
log "recon run of $runs new dates on the decade and on an empty database, interleaved"
run_decade=() run_empty=()
for i in $(seq "$runs"); do
  d=$(date -u -d "$new_from + $((i - 1)) days" +%F)
  [ "$i" = 1 ] && counters "$decade" >"$work/run-decade.before"
  DATABASE_URL=$decade timed run-decade-$i bin/recon run --date "$d"
  [ "$i" = 1 ] && counters "$decade" >"$work/run-decade.after"
  run_decade+=("$t_wall")
  e=$(fresh_db "empty_$i")
  DATABASE_URL=$e timed run-empty-$i bin/recon run --date "$d"
  run_empty+=("$t_wall")
  log "  $d: decade ${run_decade[-1]} s, empty ${run_empty[-1]} s"
done
run_decade_median=$(printf '%s\n' "${run_decade[@]}" | median)
run_empty_median=$(printf '%s\n' "${run_empty[@]}" | median)
run_ratio=$(ratio "$run_decade_median" "$run_empty_median")
run_read=$(read_by run-decade)

# --- reads on the decade ---------------------------------------------------------------------

# A date of the range to verify and rederive: mid-June of its last year when the range holds it.
probe_date=${BENCH_SCALE_PROBE:-${to:0:4}-06-15}
if [[ "$probe_date" > "$to" || "$probe_date" < "$from" ]]; then probe_date=$from; fi
read_rows=
# measure NAME WHAT [--beside URL] CMD...: three runs of CMD on the decade (and, with --beside, each
# followed by the same on the database at URL: one holding only the probe date's month, so that the
# ratio says what the rest of the decade costs a command that reads one date, whatever the load).
measure() {
  local name=$1 what=$2; shift 2
  local beside=
  if [ "$1" = --beside ]; then beside=$2; shift 2; fi
  local walls=() bwalls=()
  counters "$decade" >"$work/$name.before"
  for k in 1 2 3; do
    DATABASE_URL=$decade timed "$name-$k" "$@"
    walls+=("$t_wall")
    [ "$k" = 1 ] && counters "$decade" >"$work/$name.after"
    if [ -n "$beside" ]; then
      DATABASE_URL=$beside timed "$name-one-$k" "$@"
      bwalls+=("$t_wall")
    fi
  done
  local m b=— bm
  m=$(printf '%s\n' "${walls[@]}" | median)
  if [ -n "$beside" ]; then
    bm=$(printf '%s\n' "${bwalls[@]}" | median)
    b="${bm} s (${bwalls[*]}): **$(ratio "$m" "$bm")×**"
  fi
  read_rows+="| $what | ≤ 1 s | **${m} s** (${walls[*]}) | $(verdict "$m" 1) | $b | $(read_by "$name") |"$'\n'
  log "  $what: $m s${beside:+; one-month database ${bm} s}"
}
probe_counts=$(psql "$decade" -Atc "SELECT format('%s responses (%s stack rows), %s curtailment records, %s Bitcoin rows',
    (SELECT count(*) FROM stack_responses WHERE settlement_date = '$probe_date'),
    (SELECT sum(cardinality(sequence_number)) FROM stack_responses WHERE settlement_date = '$probe_date'),
    (SELECT count(*) FROM curtailment_records WHERE settlement_date = '$probe_date'),
    (SELECT count(*) FROM historical_bitcoin_calculations WHERE settlement_date = '$probe_date'))")
# A database holding only the probe date's month, as the decade holds it: verify and rederive read
# (and rederive rewrites) the date's month and year summaries, so the ratio compares what the other
# months and years cost them.
probe_month_from=$(date -u -d "${probe_date:0:7}-01" +%F)
probe_month_to=$(date -u -d "$probe_month_from + 1 month - 1 day" +%F)
one_month=$(fresh_db one_month)
DATABASE_URL=$one_month timed one-month-fill bin/recon --rate-limit "$limit" backfill --from "$probe_month_from" --to "$probe_month_to"
log "reads on the decade"
measure report-monthly '`recon report monthly` (the whole decade)' bin/recon report monthly
measure report-yearly '`recon report yearly` (the whole decade)' bin/recon report yearly
measure status '`recon status`' bin/recon status
measure verify "\`recon verify --date $probe_date\`" --beside "$one_month" bin/recon --rate-limit "$limit" verify --date "$probe_date" --report "$work/verify.json"
measure rederive "\`recon rederive\` of $probe_date" --beside "$one_month" bin/recon rederive --from "$probe_date" --to "$probe_date"

# --- EXPLAIN ---------------------------------------------------------------------------------

log "EXPLAIN on the decade"
psql "$decade" -v date="$probe_date" -f scripts/explain-date.sql >"$work/explain-date.txt" 2>&1
psql "$decade" -f scripts/explain.sql >"$work/explain.txt" 2>&1
# One line per statement: what each plan reads (its scans, with their conditions).
plan_summary() {
  awk '/^### /{ if (name) print ""; name = $0; print; next }
       /(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan|Function Scan)( using [^ ]+)? on|Index Cond|Execution Time/ { sub(/^ +/, "  "); print }' "$1"
}

# --- VACUUM ----------------------------------------------------------------------------------

log "VACUUM after rerunning one date"
DATABASE_URL=$decade timed rerun bin/recon run --date "$probe_date"
rerun_wall=$t_wall
# recon commits asynchronously (synchronous_commit=off on this cluster does the same): until the WAL
# holding a commit is flushed (wal_writer_delay, 200 ms), VACUUM may not mark that commit's pages
# all-visible. A second's wait lets the visibility map show what VACUUM really skips.
sleep 1
timed vacuum-date psql "$decade" -qc "VACUUM (VERBOSE)"
vacuum_date_wall=$t_wall
timed analyze-date psql "$decade" -qc "ANALYZE"
analyze_date_wall=$t_wall
# What that VACUUM visited, per table of more than 1,000 pages (VACUUM VERBOSE's "pages: R removed,
# N remain, S scanned"): a TOAST table is named after its owner.
psql "$decade" -AtF' ' -c "SELECT t.relname, c.relname FROM pg_class AS c JOIN pg_class AS t ON t.oid = c.reltoastrelid
  WHERE c.relnamespace = 'public'::regnamespace" >"$work/toast-names"
vacuum_pages=$(awk -v names="$work/toast-names" '
    BEGIN { while ((getline l < names) > 0) { split(l, f, " "); owner[f[1]] = f[2] } }
    /finished vacuuming/ { t = $0; sub(/.*finished vacuuming "[^.]*\./, "", t); sub(/".*/, "", t)
                           if (t ~ /^pg_toast\./) { sub(/^pg_toast\./, "", t); t = "TOAST of `" owner[t] "`" } else { sub(/^public\./, "", t); t = "`" t "`" } }
    /^pages:/ && t != "" { remain = $4; scanned = $6; if (remain > 1000) printf "%s: %d of %d pages (%s%%)\n", t, scanned, remain, (remain ? sprintf("%.1f", scanned / remain * 100) : "0"); t = "" }
  ' "$work/vacuum-date.err" | sort | paste -sd';' | sed 's/;/; /g')

load_after=$(uptime | sed 's/.*load average: //')
load_samples=$(awk '{ s += $1; if ($1 > m) m = $1 } END { if (NR) printf "mean %.1f, max %.1f over %d samples", s / NR, m, NR }' "$work/load")
took=$(( $(date +%s) - started ))

# --- the page --------------------------------------------------------------------------------

cpu_model=$(lscpu 2>/dev/null | sed -nE 's/^Model name: +//p' | head -1)
mem_total=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
disk=$(df -h --output=size,avail "$(psql "$DATABASE_URL" -Atc 'SHOW data_directory' 2>/dev/null || echo /)" 2>/dev/null | tail -1 | awk '{ print $1 " disk, " $2 " free" }' || echo unknown)
pg_version=$(psql "$DATABASE_URL" -Atc "SHOW server_version")
pg_settings=$(psql "$DATABASE_URL" -Atc "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings
  WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', 'max_wal_size', 'default_toast_compression')")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
year_target=1500000000

marker='<!-- bench-scale.sh rewrites everything above this line and keeps everything below it. -->'
kept=$(sed -n "/^$marker\$/,\$p" "$out" 2>/dev/null || true)
mkdir -p "$(dirname "$out")"
{
cat <<EOF
# A decade on one PostgreSQL

Written by \`make bench-scale\` (scripts/bench-scale.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`$dirty;
it took $((took / 60)) min. Every figure below comes from that run${BENCH_SCALE_REUSE:+, which measured a database filled
by an earlier one (whose figures of the fill are given as such)}. The data is the stand-in's
(SYNTHETIC: bin/elexon-fake generates every date, ~14,800 stack rows and ~4,000 curtailment records a day),
stored and derived by recon itself.

## The machine

- CPU: ${cpu_model:-unknown}, $(nproc) cores, shared with other work; memory ${mem_total}; ${disk}
- Load average (1, 5, 15 min) before: ${load_before}; after: ${load_after}; while it ran (1 min, every 30 s): ${load_samples}.
  The machine is shared: times taken under load are pessimistic, and ratios of two figures taken
  side by side (interleaved) hold better than either figure.
- PostgreSQL ${pg_version} on the same machine (${pg_settings})
- $(go version)

## Results

| What | Target | Measured | Met |
|---|---|---|---|
| A year of archive, all told (tables, indexes, TOAST, summaries; the database's size less an empty one's, per 365.25 days) | ≤ 1.5 GB | **$(gb "$per_year") GB** ($(mb "$per_year") MB; the decade $(gb "$db_size") GB for $dates dates) | $(verdict "$per_year" "$year_target") |
| \`recon run\` of a new date on the decade ÷ on an empty database (medians of $runs, interleaved) | ≤ 1.2× | **${run_ratio}×** (decade ${run_decade_median} s: ${run_decade[*]}; empty ${run_empty_median} s: ${run_empty[*]}) | $(verdict "$run_ratio" 1.2) |

What the first run of a new date read on the decade (tables of 1,000 rows or more): ${run_read}.

Reads on the decade (whole \`recon\` processes, median of three; verify and rederive each followed by
the same command on a database holding only that date's month ($probe_month_from to $probe_month_to,
since both read and rederive rewrites the month's summaries), for the ratio; what the first of them read on
the decade, from PostgreSQL's counters: sequential scans and the rows they read, rows fetched through
an index, and table+index+TOAST blocks read or found in memory, those written to included):

| Command | Target | Measured | Met | On a database of that month alone: decade ÷ it | What it read |
|---|---|---|---|---|---|
${read_rows}
\`runs\` (the log of commands, ~2 rows a date: $(printf "%'d" "$(psql "$decade" -Atc 'SELECT count(*) FROM runs')") on the decade) is the one table a
per-date command may read whole: the per-statement key checks of migration 00008 look a batch's run
ids up in it with a hash join when PostgreSQL expects many rows (a few milliseconds; it grows by
~700 rows a year).

$probe_date holds ${probe_counts}: verify and rederive read those (several statements read a date's
records each: the state before and after, the fingerprints, the rollups and their checks), and
nothing of any other date but its month's and year's summaries.

How it was filled${filled_at:+ (on $filled_at${BENCH_SCALE_REUSE:+, by the run that filled the database measured here})}: \`recon --rate-limit $limit backfill --from $from --to $to --concurrency 2\` against
the stand-in took ${fill_wall} s ($(awk -v w="$fill_wall" -v n="${fill_dates:-$dates}" 'BEGIN { if (w + 0 > 0) printf "%.0f ms a date", w / n * 1000; else print "reused" }')),
\`recon wind\` of the decade ${wind_wall} s, and \`VACUUM\` then \`ANALYZE\` of the whole database ${vacuum_wall} s and ${analyze_wall} s. It holds
$(printf "%'d" "$fill_rows") stack rows in $(printf "%'d" "$(psql "$decade" -Atc 'SELECT count(*) FROM stack_responses')") responses,
$(printf "%'d" "$fill_records") curtailment records and $(printf "%'d" "$fill_btc") Bitcoin rows.

## Sizes

The decade's database: **$(gb "$db_size") GB**; an empty one (the schema and the shipped reference data)
$(mb "$empty_size") MB. Per table (MB; "a year" is what the table holds beyond an empty database's, per
365.25 days of data; rows as PostgreSQL estimates them):

| Table | Heap and TOAST | of it TOAST | Indexes | Total | A year | Rows |
|---|---|---|---|---|---|---|
${size_rows}

The largest indexes (MB):

| Index | Size |
|---|---|
${index_rows}

## VACUUM

- Right after the fill, \`VACUUM\` of the whole decade took ${vacuum_wall} s (autovacuum had visited the
  tables during the fill and set the visibility map of most pages) and \`ANALYZE\` ${analyze_wall} s.
- Rerunning one date (\`recon run --date $probe_date\`, ${rerun_wall} s on the decade) leaves that
  date's old rows dead (scripts/explain.sql, just before, vacuumed everything else). \`VACUUM\` of the
  whole database then took ${vacuum_date_wall} s and \`ANALYZE\`
  ${analyze_date_wall} s (ANALYZE reads a sample of 30,000 rows a table, whatever changed). The pages
  that VACUUM visited, per table of more than 1,000 pages (from \`VACUUM (VERBOSE)\`): ${vacuum_pages:-none}.
  It skips pages the visibility map marks all-visible, so its cost follows what changed more than
  the table's size (an index of a table with dead rows is still read whole, unless so few rows died
  that PostgreSQL skips that step).

## What the statements read (EXPLAIN on the decade)

\`scripts/explain-date.sql\` (the statements a run, verify and rederive of one date issue, for
$probe_date) and \`scripts/explain.sql\` (reports, status and the analysts' views, for March 2025 and
2025), \`EXPLAIN (ANALYZE, BUFFERS)\` on the decade. Each plan's scans and their conditions:

\`\`\`
$(plan_summary "$work/explain-date.txt")

$(plan_summary "$work/explain.txt")
\`\`\`

<details><summary>The plans in full</summary>

\`\`\`
$(cat "$work/explain-date.txt")

$(cat "$work/explain.txt")
\`\`\`

</details>

## Partitioning: not now, and why

Declarative partitioning of the archive (or of \`curtailment_records\`) by year or month was weighed
against these numbers and left out:

- **Nothing here reads more than its dates.** Every statement a run, verify or rederive issues reads
  its date through a key that begins with \`settlement_date\` (the plans above), and the reports read
  the summaries of their range (a row per day, month or year; the farms a row per farm and month,
  and per farm and day at the ragged ends of a range). A B-tree over ten years is a level deeper than over one, not ten times slower: a new
  date's \`recon run\` took **${run_ratio}×** its time on an empty database, and partition pruning would
  save no more than that level.
- **Replacing a date is already local.** A run deletes and rewrites one date's ~96 responses, ~4,000
  curtailment and ~4,500 Bitcoin rows; their pages are found through the same date-led keys.
  \`VACUUM\` of the whole decade after such a rerun took ${vacuum_date_wall} s: the visibility map lets
  it skip the pages nothing changed (above).
- **It would cost something every day.** With 10 yearly (or 120 monthly) partitions each per-date
  statement is planned against every partition unless pruned at plan time (recon's statements are
  prepared with parameters, so pruning happens at execution, after planning), each table's indexes
  and statistics are split, and a new partition must exist before a new year's first run.
- **Statistics.** A date is 1/3,650 of each table: autovacuum's ANALYZE, which waits for a tenth of a
  table's rows to change, reanalyses the decade's tables about once a year of new dates, and
  \`ANALYZE\` of the whole database took ${analyze_date_wall} s above. Yearly partitions would keep the
  current year's statistics fresh, but no plan here depends on them: each statement reads one date
  through its key, and for a date beyond the histogram PostgreSQL reads the index's edge instead.
- **When it would pay.** To move old years off the database (detach a year, archive it, drop it), or
  when one volume no longer holds the archive. Neither is near: a year is $(gb "$per_year") GB (below).
- **Nothing stands in its way.** Every key of the date-keyed tables already begins with
  \`settlement_date\` (or \`summary_date\`), which a partitioned table's keys must include, and every
  per-date statement filters on it. Partitioning later is a migration (create the partitioned table,
  attach yearly partitions, move the rows) with no change to recon's queries.

## Beyond one machine, on paper

**How many years one node holds.** A year of the stand-in's days takes $(gb "$per_year") GB all told
(the decade $(gb "$db_size") GB). A node with a 1 TB volume kept under half full holds
**$(awk -v y="$per_year" 'BEGIN { printf "%.0f", 0.5e12 / y }') years**; with 256 GB, $(awk -v y="$per_year" 'BEGIN { printf "%.0f", 0.5 * 256e9 / y }'). What a day's run touches does not grow with
the years (above), and a report reads the summaries of its range (a decade is ~3,650 days and
~25,000 farm-months); memory is not the bound either: a run's
working set is one date's pages and the right-hand edges of the date-led indexes. What grows is
whole-database work: a base backup or \`pg_dump\` reads every byte (the decade's $(gb "$db_size") GB),
and \`VACUUM\` to prevent wraparound visits every table once in a while. Real responses may be larger
or smaller than the stand-in's (~90 kB a response): the archive's size scales with them.

**Read replicas for analysts.** A streaming replica (hot standby) serves every query of
docs/analysts.md, and these commands, which only read: \`recon report\`, \`recon status\`,
\`recon bmu unknown\`, \`recon bmu history\`, \`recon model list\` (each checks the schema's version
by reading goose's table, which the replica has). Everything that writes needs the primary: \`run\`,
\`backfill\`, \`recalc\`, \`rederive\`, \`wind\`, \`bmu sync|import\`, \`difficulty sync|import\`,
\`price import|sync\`, \`model add|remove\`, \`migrate\`, and \`verify\`/\`reconcile\`: verify puts the API's
fresh responses in \`stack_responses\` inside a transaction it always rolls back (so that curtailment
is computed by the one view that defines it), records a run for them, and records each verification
in \`verifications\`; a standby refuses all three. The archive of whole responses would let verify
compare without writing: the API's responses could be handed to one query as parameters (one array
element per response) and the same fields read from them as from the table, if the rule of
curtailment (volume < 0, soFlag true, a unit of \`wind_units\`) were a function that both the view and
that query call. That is not done: the staging costs the primary a rolled-back COPY of ~96 rows, and
the verification record belongs on the primary anyway.

**Running on Citus.** What it would take, with no home-made sharding:

- *Distribution column: \`settlement_date\`*, for every table keyed by date: \`stack_responses\`,
  \`settlement_periods\`, \`curtailment_records\`, \`historical_bitcoin_calculations\`,
  \`turn_up_periods\`, \`wind_generation_data\`, \`farm_daily_summaries\`,
  \`bitcoin_farm_daily_summaries\`, \`daily_summaries\` and \`bitcoin_daily_summaries\`
  (\`summary_date\`), all co-located: a date's run, verify and rederive are then statements on one
  shard group, routed to one worker (every one of them filters on the date, and every key begins with
  it, which Citus requires of unique keys).
- *Reference tables* (copied to every worker): \`wind_units\`, \`bm_units\`, \`difficulty_epochs\`,
  \`miner_models\`, \`btc_prices\`, and \`runs\` (every data row names its run; a reference table can
  be the target of a foreign key from a distributed one). The monthly and yearly summaries (a row per
  month or year and model, and the farms' months: ~2,500 rows a year) stay small: reference tables
  too, or local to the coordinator, where the month's rollup sums the farms' days it gathers from the
  workers.
- *Statements that change*: the per-statement key checks of migration 00008 (AFTER triggers with
  transition tables on \`curtailment_records\` and \`historical_bitcoin_calculations\`) become plain
  foreign keys to the reference table \`runs\`, since Citus does not run such triggers on distributed
  tables; a run's writes to \`runs\` (a reference table) and to a date's shards become a distributed
  transaction (two-phase commit, a few a day); the month and year rollups sum days across shards
  (multi-shard aggregates of a few dozen rows); the advisory locks (per date, per year) stay on the
  coordinator, where every session connects; the migrations' \`CLUSTER\` and view rebinding run before
  the tables are distributed. The views over the archive (\`stack_rows\`, \`stack_row_fields\`, the
  curtailment definition) push down to the workers when filtered by date.
- *When it would pay*: not for this archive's size (one node holds decades, above), but if analysts'
  heavy reads (scans of years of curtailment records) needed more CPUs than one node has: Citus would
  run them in parallel on every worker.

## How to reproduce

\`\`\`sh
make bench-scale                                   # all of the above, rewrites this page
BENCH_SCALE_FROM=2025-01-01 make bench-scale       # one year only (a few minutes), to try it
BENCH_SCALE_KEEP=1 make bench-scale                # keep the decade's database (its URL is printed)
BENCH_SCALE_REUSE=postgres://... make bench-scale  # measure a kept database again, without filling
\`\`\`
EOF
if [ -n "$kept" ]; then
  printf '\n%s\n' "$kept"
else
  printf '\n%s\n' "$marker"
fi
} >"$out.new"
mv "$out.new" "$out"

[ "${BENCH_SCALE_KEEP:-}" = 1 ] && log "kept the decade: $decade"
log "wrote $out (took $((took / 60)) min)"
