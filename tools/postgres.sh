#!/usr/bin/env bash
# tools/postgres.sh start|stop -- a throwaway PostgreSQL cluster bound to 127.0.0.1 for the tests.
# 'start' installs Debian's package when no server binaries exist, starts the cluster and prints
# 'export OFISYNC_TEST_POSTGRES=...' for the caller to eval. Everything else goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${OFISYNC_PGROOT:-$PWD/out/postgres}"
port="${OFISYNC_PGPORT:-}"
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "${1:-start}" in
start)
  if [ -z "$(pgbin)" ]; then
    echo "PostgreSQL is not installed: installing Debian's package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends postgresql >&2
  fi
  bin="$(pgbin)"
  mkdir -p "$root"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$root"
  if [ ! -f "$root/data/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$root.init.log" 2>&1 \
      || { cat "$root.init.log" >&2; exit 1; }
  fi
  started=0
  if as_pg "$bin/pg_ctl" -D "$root/data" status >/dev/null 2>&1; then
    # Ours is running already: reuse it on the port it listens on.
    port="$(sed -n 4p "$root/data/postmaster.pid")"
  else
    started=1
    if [ -z "$port" ]; then
      # The first free port from 55432 on: another cluster (another checkout, another user) may hold one.
      port=55432
      while in_use "$port"; do port=$((port + 1)); [ "$port" -gt 55532 ] && { echo "no free port for PostgreSQL in 55432-55532" >&2; exit 1; }; done
    fi
    as_pg "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=200" start >&2 \
      || { cat "$root/server.log" >&2; exit 1; }
  fi
  echo "export OFISYNC_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres' OFISYNC_PG_STARTED=$started"
  ;;
stop)
  bin="$(pgbin)"
  [ -n "$bin" ] && [ -f "$root/data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$root/data" -m fast -w stop >&2 || true
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
