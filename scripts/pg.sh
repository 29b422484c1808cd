#!/usr/bin/env bash
# The embedded default database: a throwaway PostgreSQL cluster for this checkout.
#
#   scripts/pg.sh start   install PostgreSQL if missing (root only), create the cluster
#                         and the database on first use, start it; harmless when running
#   scripts/pg.sh stop    stop the cluster (its data stays; `destroy` removes it)
#   scripts/pg.sh destroy stop the cluster and delete its data directory
#   scripts/pg.sh env     print `export DATABASE_URL=...` lines for the cluster
#   scripts/pg.sh status  say where the cluster lives and whether it runs
#
# When DATABASE_URL is set, start/env do nothing: that database is used instead.
#
# The cluster lives in .pg/ inside the checkout when the server's user can reach it,
# otherwise (a checkout under /root, mode 700) in /var/tmp/recon-pg-<hash>; .pg/location
# records which. It listens on 127.0.0.1 only, on a port derived from the checkout's
# path (so two checkouts do not collide), with its socket in the same folder.
# fsync is off: the cluster is disposable, and nothing in it is precious.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state="$here/.pg"
hash=$(printf '%s' "$here" | cksum | cut -d' ' -f1)
user=recon
dbname=recon

die() { echo "pg.sh: $*" >&2; exit 1; }

# port_free says whether nothing listens on 127.0.0.1:$1.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The cluster's port: RECON_PG_PORT, else the one recorded at its creation, else the
# first free port from one derived from the checkout's path (so two checkouts do not
# collide, and a stale server left on a port does not block a new cluster).
if [ -n "${RECON_PG_PORT:-}" ]; then
  port=$RECON_PG_PORT
elif [ -f "$state/port" ]; then
  port=$(cat "$state/port")
else
  port=$((54000 + hash % 1000))
  for _ in $(seq 50); do port_free "$port" && break; port=$((port + 1)); done
fi

pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  return 1
}

install_postgres() {
  pg_bindir >/dev/null && return
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and this is not root: install Debian's postgresql package, or set DATABASE_URL to a database you have."
  echo "pg.sh: installing PostgreSQL from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  pg_bindir >/dev/null || die "apt-get installed postgresql but no pg_ctl was found under /usr/lib/postgresql/*/bin"
}

# as_server runs a command as the user that owns the cluster: postgres when we are root
# (PostgreSQL refuses to run as root), ourselves otherwise.
as_server() {
  if [ "$(id -u)" = 0 ]; then
    # From /, since the server's user may not be able to enter the checkout.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

cluster_dir() {
  if [ -f "$state/location" ]; then cat "$state/location"; return; fi
  mkdir -p "$state"
  local dir="$state/cluster"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$dir"; chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      rm -rf "$dir"
      dir="/var/tmp/recon-pg-$hash"
      mkdir -p "$dir"; chown postgres: "$dir"; chmod 700 "$dir"
    fi
  else
    mkdir -p "$dir"
  fi
  echo "$dir" > "$state/location"
  echo "$port" > "$state/port"
  echo "$dir"
}

url() { echo "postgres://$user@127.0.0.1:$port/$dbname?sslmode=disable"; }

write_env() {
  {
    echo "# Written by scripts/pg.sh: the throwaway cluster of this checkout."
    echo "export DATABASE_URL='$(url)'"
    echo "export TEST_DATABASE_URL='$(url)'"
  } > "$state/env"
}

start() {
  if [ -n "${DATABASE_URL:-}" ]; then return; fi
  install_postgres
  local bin dir
  bin=$(pg_bindir)
  dir=$(cluster_dir)
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_server "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; die "initdb failed in $dir/data"; }
  fi
  if ! as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { tail -n 20 "$dir/server.log" >&2; die "the server did not start (log: $dir/server.log)"; }
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$dbname'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$dbname"
  fi
  write_env
}

stop() {
  [ -f "$state/location" ] || return 0
  local bin dir
  bin=$(pg_bindir) || return 0
  dir=$(cat "$state/location")
  if as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  destroy) stop; if [ -f "$state/location" ]; then rm -rf "$(cat "$state/location")"; fi; rm -rf "$state" ;;
  env)
    if [ -n "${DATABASE_URL:-}" ]; then
      # The variables are set already: export them as they are, without
      # printing their values (a URL may hold a password).
      echo 'export DATABASE_URL'; echo 'export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$DATABASE_URL}"'
    else
      start; cat "$state/env"
    fi ;;
  status)
    if [ -f "$state/location" ]; then
      dir=$(cat "$state/location"); echo "cluster: $dir (port $port)"
      as_server "$(pg_bindir)/pg_ctl" -D "$dir/data" status || true
    else echo "no cluster yet: scripts/pg.sh start creates one"; fi ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
