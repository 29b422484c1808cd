#!/usr/bin/env bash
# The README's first command: run `recon run --date 2025-03-06` on the embedded default,
# i.e. a throwaway local PostgreSQL and the stand-in Elexon server serving the
# SYNTHETIC sample day. Pass other recon arguments to run something else, e.g.
#   scripts/demo.sh run --date 2025-03-30
# The stand-in server stops with the demo; the throwaway PostgreSQL is left running
# (the demo says so, and how to stop it). No password is ever printed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# where prints a database URL as host:port/name, leaving out any user and password.
where() { sed -E 's#^[a-z]+://([^@/]*@)?##; s#\?.*$##' <<<"$1"; }

own_db=${DATABASE_URL:+no}
own_db=${own_db:-yes} # yes: the throwaway cluster of this checkout, started here if need be
scripts/pg.sh start
source <(scripts/pg.sh env)
mkdir -p bin
go build -buildvcs=auto -o bin/recon ./cmd/recon
go build -o bin/elexon-fake ./cmd/elexon-fake

urlfile=$(mktemp)
bin/elexon-fake --addr 127.0.0.1:0 --url-file "$urlfile" >/dev/null &
fake=$!
trap 'kill $fake 2>/dev/null || true; rm -f "$urlfile"' EXIT
for _ in $(seq 100); do [ -s "$urlfile" ] && break; sleep 0.05; done
[ -s "$urlfile" ] || { echo "demo: the stand-in Elexon server did not start" >&2; exit 1; }
export ELEXON_BASE_URL=$(cat "$urlfile")
echo "demo: stand-in Elexon server (SYNTHETIC data) at $ELEXON_BASE_URL (pid $fake, stopped when the demo ends); database $(where "$DATABASE_URL")"

bin/recon migrate
if [ $# -eq 0 ]; then set -- run --date 2025-03-06; fi
status=0
bin/recon "$@" || status=$?
kill $fake 2>/dev/null && wait $fake 2>/dev/null || true
if [ "$own_db" = yes ]; then
  echo "demo: the throwaway PostgreSQL of this checkout is still running, with the demo's data ($(where "$DATABASE_URL")):" \
    "make db/stop stops it, make db/destroy deletes it"
fi
exit $status
