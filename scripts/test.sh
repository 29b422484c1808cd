#!/usr/bin/env bash
# `make test` and `make test/race`: give the tests a PostgreSQL, run every test
# against it, and say what is happening and how long it took.
#
#   scripts/test.sh [go test flags...]
#
# With DATABASE_URL set, the tests use that server (TEST_DATABASE_URL, if
# set too, is where they create their databases); otherwise the throwaway cluster of this checkout (scripts/pg.sh), which is
# installed, created and started as needed and left running afterwards
# (`make db/stop` stops it, `make db/destroy` deletes it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "make test: $*"; }

# where prints a database URL as host:port/name, leaving out any user and password.
where() { sed -E 's#^[a-z]+://([^@/]*@)?##; s#\?.*$##' <<<"$1"; }

# took prints a number of seconds as 3m07s.
took() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

start=$SECONDS
if [ -n "${DATABASE_URL:-}" ]; then
  say "using the PostgreSQL in DATABASE_URL"
else
  say "starting the throwaway PostgreSQL of this checkout unless it runs already (scripts/pg.sh; it installs PostgreSQL first if missing)"
fi
source <(scripts/pg.sh env)
say "PostgreSQL ready at $(where "$TEST_DATABASE_URL") after $(took $((SECONDS - start))); each test gets a fresh migrated database there"
say "running go test $* ./... : about 4 minutes on a quiet 2-core machine, 8 to 12 on a busy one (more with -race)"
t0=$SECONDS
if go test "$@" ./...; then
  say "passed: tests took $(took $((SECONDS - t0))), $(took $((SECONDS - start))) in all"
else
  rc=$?
  say "FAILED after $(took $((SECONDS - start))) (see the FAIL lines above)"
  exit "$rc"
fi
