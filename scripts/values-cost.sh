#!/usr/bin/env bash
# What storing values beside the Bitcoin (issue 13, migration 00017) costs `recon run`
# (docs/benchmarks.md, "Values beside the Bitcoin: what they cost"):
#
# 1. `recon run` of VALUES_RUNS dates (default 21, from VALUES_START, default 2025-03-01) with the binary of
#    VALUES_BEFORE (a git revision, default main) and with this checkout's, each into its own fresh
#    database, against the stand-in, the order alternating from one date to the next so that other load
#    on the machine falls on both alike. Prints the median wall time of each and the median difference
#    date by date.
# 2. With the cluster of scripts/pg.sh (whose server log it reads) and python3: every statement's
#    duration is logged (log_min_duration_statement = 0 on the two databases) and the statements that
#    changed are summed per run: writing the Bitcoin rows (main: a COPY; now: BitcoinInsert, which
#    prices them), the Bitcoin daily rollup, the run's totals; and all of the run's transaction.
#
# Drops and recreates the databases values_before and values_after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -n "${DATABASE_URL:-}" ] || source <(scripts/pg.sh env)
runs=${VALUES_RUNS:-21}
start=${VALUES_START:-2025-03-01}
before_rev=${VALUES_BEFORE:-main}
admin=$DATABASE_URL
url_of() { echo "$admin" | sed -E "s#^([a-z]+://[^/]*)/[^?]*#\1/$1#"; }

work=$(mktemp -d)
fake=
trap '[ -n "$fake" ] && kill $fake; rm -rf "$work"' EXIT
mkdir -p "$work/src"
git archive "$before_rev" | tar -x -C "$work/src"
(cd "$work/src" && go build -o "$work/recon-before" ./cmd/recon)
go build -o "$work/recon-after" ./cmd/recon
go build -o "$work/elexon-fake" ./cmd/elexon-fake

for v in before after; do
  psql "$admin" -qc "DROP DATABASE IF EXISTS values_$v WITH (FORCE)" 2>/dev/null
  psql "$admin" -qc "CREATE DATABASE values_$v"
  DATABASE_URL=$(url_of "values_$v") "$work/recon-$v" migrate >/dev/null
done

log=
if [ -f .pg/location ] && command -v python3 >/dev/null; then
  log=$(cat .pg/location)/server.log
  [ -r "$log" ] || log=
fi
if [ -n "$log" ]; then
  for v in before after; do psql "$admin" -qc "ALTER DATABASE values_$v SET log_min_duration_statement = 0"; done
  from_line=$(($(wc -l <"$log") + 1))
fi

"$work/elexon-fake" --addr 127.0.0.1:0 --url-file "$work/url" >/dev/null 2>&1 &
fake=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.05; done
ELEXON_BASE_URL=$(cat "$work/url")
export ELEXON_BASE_URL

echo "before: $before_rev ($(git rev-parse --short "$before_rev")); after: this checkout ($(git rev-parse --short HEAD))"
echo "load average before: $(uptime | sed 's/.*load average: //')"
orders=("before after" "after before")
for i in $(seq "$runs"); do
  d=$(date -u -d "$start + $((i - 1)) days" +%F)
  for v in ${orders[$((i % 2))]}; do
    t0=$(date +%s%N)
    DATABASE_URL=$(url_of "values_$v") "$work/recon-$v" run --date "$d" >/dev/null
    t1=$(date +%s%N)
    echo "$v $d $(((t1 - t0) / 1000000))" >>"$work/walls"
  done
done
echo "load average after: $(uptime | sed 's/.*load average: //')"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for v in before after; do
  echo "recon run, $v: median $(awk -v v="$v" '$1 == v { print $3 }' "$work/walls" | median) ms"
done
echo "after minus before, date by date: median $(awk '$1 == "before" { b[$2] = $3 } $1 == "after" { a[$2] = $3 }
  END { for (d in a) print a[d] - b[d] }' "$work/walls" | median) ms"

[ -n "$log" ] || exit 0
for v in before after; do psql "$admin" -qc "ALTER DATABASE values_$v RESET log_min_duration_statement"; done
tail -n +"$from_line" "$log" >"$work/statements.log"
python3 - "$work/statements.log" <<'PY'
import re, statistics, sys
entries = []
for line in open(sys.argv[1]).read().split("\n"):
    if line.startswith("\t") and entries:
        entries[-1] += "\n" + line
    else:
        entries.append(line)
pat = re.compile(r"\[(\d+)\] LOG:  duration: ([0-9.]+) ms\s+(statement|parse \S+|bind \S+|execute \S+): (.*)", re.S)
version, rows = {}, []
for e in entries:
    m = pat.search(e)
    if not m:
        continue
    pid, ms, kind, sql = m.group(1), float(m.group(2)), m.group(3).split()[0], m.group(4)
    if sql.startswith('copy "historical_bitcoin_calculations"'):
        version[pid] = "before"
    if "WITH computed AS" in sql and kind == "execute":
        version[pid] = "after"
    rows.append((pid, ms, kind, sql))
def step(sql):
    if sql.startswith('copy "historical_bitcoin_calculations"') or "WITH computed AS" in sql:
        return "writing the Bitcoin rows"
    if "INSERT INTO bitcoin_daily_summaries" in sql:
        return "the Bitcoin daily rollup"
    if "FROM historical_bitcoin_calculations AS b" in sql and "period_to" not in sql and "BETWEEN $2 AND $3" in sql:
        return "the run's Bitcoin totals"
    return None
per, whole = {}, {}
for pid, ms, kind, sql in rows:
    v = version.get(pid)
    if v is None:
        continue
    whole.setdefault(v, {}).setdefault(pid, 0.0)
    whole[v][pid] += ms
    s = step(sql) if kind in ("execute", "statement") else None
    if s:
        per.setdefault((s, v), {}).setdefault(pid, 0.0)
        per[(s, v)][pid] += ms
for s in ("writing the Bitcoin rows", "the Bitcoin daily rollup", "the run's Bitcoin totals"):
    b, a = per.get((s, "before"), {}), per.get((s, "after"), {})
    if b and a:
        print(f"PostgreSQL, {s}: median {statistics.median(b.values()):.1f} ms before, {statistics.median(a.values()):.1f} ms after")
b, a = whole.get("before", {}), whole.get("after", {})
if b and a:
    print(f"PostgreSQL, every statement of a run: median {statistics.median(b.values()):.1f} ms before, {statistics.median(a.values()):.1f} ms after")
PY
