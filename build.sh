#!/usr/bin/env bash
# ./build.sh build|test|demo|bench|clean  -- the same tasks as ./build.ps1, from a machine with only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"
task="${1:-build}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
dotnet tool restore >/dev/null

if [ "$task" = test ] || [ "$task" = bench ]; then
  # A throwaway PostgreSQL cluster of our own on 127.0.0.1, unless the caller names a server.
  if [ -z "${OFISYNC_TEST_POSTGRES:-}" ]; then
    eval "$(tools/postgres.sh start)"
    trap 'tools/postgres.sh stop >/dev/null 2>&1 || true' EXIT
  fi
fi
dotnet pwsh -NoProfile -NonInteractive -File ./build.ps1 "$@"
