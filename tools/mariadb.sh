#!/usr/bin/env bash
# tools/mariadb.sh start|stop -- a throwaway MariaDB server bound to 127.0.0.1 for the tests.
# 'start' installs Debian's mariadb-server when it is missing, initialises a data folder of its own, starts the server
# on the first free port from 33306 and prints 'export OFISYNC_TEST_MARIADB=...' for the caller to eval.
# Everything else goes to stderr. 'stop' stops it only if this folder's server is running.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${OFISYNC_MARIADBROOT:-$PWD/out/mariadb}"
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [ -f "$root/mysqld.pid" ] && kill -0 "$(cat "$root/mysqld.pid")" 2>/dev/null; }
client() { mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$1" -uroot "${@:2}"; }

case "${1:-start}" in
start)
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    echo "MariaDB is not installed: installing Debian's package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends mariadb-server mariadb-client >&2
  fi
  export PATH="$PATH:/usr/sbin"
  mkdir -p "$root"
  started=0
  if running; then
    port="$(cat "$root/port")"
  else
    started=1
    if [ ! -d "$root/data/mysql" ]; then
      rm -rf "$root/data"
      # --no-defaults first: Debian's /etc/mysql settings (port 3306, its socket) stay out.
      mariadb-install-db --no-defaults --user=root --datadir="$root/data" --auth-root-authentication-method=normal \
        --skip-test-db >"$root/install.log" 2>&1 || { cat "$root/install.log" >&2; exit 1; }
    fi
    port="${OFISYNC_MARIADBPORT:-33306}"
    while in_use "$port"; do port=$((port + 1)); [ "$port" -gt 33406 ] && { echo "no free port for MariaDB in 33306-33406" >&2; exit 1; }; done
    # All three descriptors redirected: a caller's $(...) would otherwise wait for the server to exit.
    setsid mariadbd --no-defaults --user=root --datadir="$root/data" --bind-address=127.0.0.1 --port="$port" \
      --socket="$root/mysqld.sock" --pid-file="$root/mysqld.pid" --log-error="$root/error.log" --local-infile=1 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --innodb-flush-log-at-trx-commit=2 \
      --max-connections=300 </dev/null >"$root/stdout.log" 2>&1 &
    echo "$port" >"$root/port"
    # Ready when a real query answers (mariadb-admin ping says yes even to a refused login).
    for _ in $(seq 1 300); do
      client "$port" -e 'SELECT 1' >/dev/null 2>&1 && break
      if ! kill -0 $! 2>/dev/null; then echo "MariaDB did not start:" >&2; tail -20 "$root/error.log" >&2; exit 1; fi
      sleep 0.1
    done
    client "$port" -e 'SELECT 1' >/dev/null 2>&1 || { echo "MariaDB did not answer within 30 s:" >&2; tail -20 "$root/error.log" >&2; exit 1; }
  fi
  client "$port" -e 'CREATE DATABASE IF NOT EXISTS ofisync_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin'
  echo "export OFISYNC_TEST_MARIADB='Server=127.0.0.1;Port=$port;User ID=root;Password=;Database=ofisync_test' OFISYNC_MARIADB_STARTED=$started"
  ;;
stop)
  if running; then
    pid="$(cat "$root/mysqld.pid")"
    kill -TERM "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
  fi
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
