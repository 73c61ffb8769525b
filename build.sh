#!/usr/bin/env bash
# ./build.sh build|test|demo|bench|clean  -- the same tasks as ./build.ps1, from a machine with only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"
task="${1:-build}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
dotnet tool restore >/dev/null

if [ "$task" = test ] || [ "$task" = bench ]; then
  # Servers stopped at the end only if this run started them: a server someone else is using stays up.
  stop_pg=0 stop_mariadb=0
  trap '[ "$stop_pg" = 1 ] && { tools/postgres.sh stop >/dev/null 2>&1 || true; }; [ "$stop_mariadb" = 1 ] && { tools/mariadb.sh stop >/dev/null 2>&1 || true; }; true' EXIT
  # A throwaway PostgreSQL cluster of our own on 127.0.0.1, unless the caller names a server.
  if [ -z "${OFISYNC_TEST_POSTGRES:-}" ]; then
    pgenv="$(tools/postgres.sh start)" || { echo "PostgreSQL could not be started (see the messages above): the tests need it." >&2; exit 1; }
    eval "$pgenv"
    if [ "${OFISYNC_PG_STARTED:-0}" = 1 ]; then stop_pg=1; fi
  fi
  # The same for MariaDB (Debian's mariadb-server, installed when missing).
  if [ -z "${OFISYNC_TEST_MARIADB:-}" ]; then
    mariadbenv="$(tools/mariadb.sh start)" || { echo "MariaDB could not be started (see the messages above): the tests need it." >&2; exit 1; }
    eval "$mariadbenv"
    if [ "${OFISYNC_MARIADB_STARTED:-0}" = 1 ]; then stop_mariadb=1; fi
  fi
fi
dotnet pwsh -NoProfile -NonInteractive -File ./build.ps1 "$@"
