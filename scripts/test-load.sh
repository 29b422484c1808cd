#!/usr/bin/env bash
# `make test/load`: show that the test suite passes on a busy machine, every time.
#
#   scripts/test-load.sh          (RUNS=5 BUSY=2 by default; make test/load RUNS=10 BUSY=4)
#
# Clones the current commit (HEAD: uncommitted changes are not in it) into a
# fresh temporary directory, starts BUSY processes that keep CPUs busy beside
# it, and runs `make test` in the clone RUNS times in a row, stopping at the
# first failure. Prints each run's result, duration and the load average at
# its end. Whatever happens (a failure, Ctrl-C), the busy processes are
# killed and the clone's PostgreSQL cluster destroyed; the clone is deleted,
# except the logs of a failed run, whose path is printed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-5}
busy=${BUSY:-2}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "test-load: RUNS=$runs: give a whole number of runs, at least 1" >&2; exit 2; }
[[ $busy =~ ^[0-9]+$ ]] || { echo "test-load: BUSY=$busy: give a whole number of busy processes" >&2; exit 2; }

say() { echo "test-load: $*"; }
took() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

commit=$(git -C "$here" rev-parse HEAD)
if [ -n "$(git -C "$here" status --porcelain --untracked-files=no)" ]; then
  say "note: the work tree has uncommitted changes; they are not tested (commit them first)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/recon-test-load.XXXXXX")
clone=$tmp/recon
logs=$tmp/logs
mkdir -p "$logs"
busy_pids=()
test_pid=
keep_logs=false

cleanup() {
  local pid
  # A run cut short: its make, go test and test processes form one process group.
  if [ -n "$test_pid" ]; then kill -TERM -- "-$test_pid" 2>/dev/null || true; wait "$test_pid" 2>/dev/null || true; fi
  for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${busy_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -x "$clone/scripts/pg.sh" ]; then
    "$clone/scripts/pg.sh" destroy || say "could not destroy the clone's PostgreSQL cluster: see $clone/.pg"
  fi
  rm -rf "$clone"
  if $keep_logs; then say "logs kept in $logs"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

git clone --quiet --no-checkout "$here" "$clone"
git -C "$clone" checkout --quiet --detach "$commit"
say "commit $(git -C "$clone" log -1 --format='%h %s')"
say "clean clone in $clone; $(nproc) CPUs; load average before: $(loadavg)"

# The busy processes: shell loops that never sleep, one CPU's worth each.
for _ in $(seq "$busy"); do
  (while :; do :; done) &
  busy_pids+=($!)
done
say "$busy busy processes beside the tests (pids ${busy_pids[*]:-none}); $runs runs of make test, stopping at the first failure"

# The clone gets a cluster of its own: the caller's database is not used.
unset DATABASE_URL TEST_DATABASE_URL
results=()
for i in $(seq "$runs"); do
  log=$logs/run-$i.log
  t0=$SECONDS
  # In a session of its own (setsid), so that an interruption can stop the
  # whole run by its process group; waited for in the background, so that
  # the traps run at once.
  setsid bash -c 'cd "$1" && exec make test' make-test "$clone" >"$log" 2>&1 &
  test_pid=$!
  ok=true
  wait "$test_pid" || ok=false
  test_pid=
  if $ok; then
    results+=("$(took $((SECONDS - t0)))")
    say "run $i/$runs: passed in $(took $((SECONDS - t0))) (load average $(loadavg))"
    grep -E '^ok .*[0-9]s$' "$log" | sort -t$'\t' -k3 -rn | head -3 | sed 's/^/    slowest: /' || true
  else
    say "run $i/$runs: FAILED after $(took $((SECONDS - t0))) (load average $(loadavg))"
    grep -E -- '--- FAIL|^FAIL|panic:' "$log" | head -20 | sed 's/^/    /' || true
    keep_logs=true
    say "$((i - 1)) of $runs runs passed before the failure: ${results[*]:-none}"
    exit 1
  fi
done
say "all $runs runs passed: ${results[*]} (with $busy busy processes on $(nproc) CPUs)"
