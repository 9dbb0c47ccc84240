#!/usr/bin/env bash
# Runs every test of ChainTrace on a fresh machine: installs what the tests need (Node tools for the
# Ethereum tests: Anvil and solc, from npm into tools/node; Chromium for the browser tests, PostgreSQL 15 and
# promtool from apt), restores, builds and runs `dotnet test`.
# Ends with one line "N passed, N failed, N skipped" (via ../shared/tools/test-summary when present).
# Extra arguments go to `dotnet test` (e.g. --filter "Category!=Integration").
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x scripts/install-eth-tools.sh ]; then
  scripts/install-eth-tools.sh
fi

# App-state and job tests start throwaway PostgreSQL 15 servers (initdb + pg_ctl, stopped by PID); only the binaries
# are needed, the Debian package's own cluster stays stopped.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  apt-get install -y postgresql-15 >/dev/null || { apt-get update >/dev/null && apt-get install -y postgresql-15 >/dev/null; }
fi

# The GraphML export is checked with a real reader (networkx) in the trace API tests.
if ! python3 -c 'import networkx' 2>/dev/null; then
  apt-get install -y python3-networkx >/dev/null
fi

# /metrics is checked with Prometheus' own parser (`promtool check metrics`, Debian package prometheus; no daemon).
if ! command -v promtool >/dev/null 2>&1; then
  apt-get install -y prometheus >/dev/null || { apt-get update >/dev/null && apt-get install -y prometheus >/dev/null; }
fi

# The browser tests (tests/ChainTrace.Web.Tests) drive Debian's Chromium through Playwright; Playwright's own
# browser download is never used. The page itself is built by `dotnet build` (npm ci + esbuild, see src/ChainTrace.Web).
if [ ! -x /usr/bin/chromium ]; then
  apt-get update >/dev/null
  apt-get install -y chromium >/dev/null
fi

summary=../shared/tools/test-summary
if [ ! -x "$summary" ]; then
  summary=cat
fi

set -o pipefail
dotnet test ChainTrace.sln -c Release --nologo "$@" 2>&1 | "$summary"
