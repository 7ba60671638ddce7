#!/usr/bin/env bash
# Runs every test: domain unit tests, integration tests on a real Azurite, browser tests in Debian's Chromium,
# the infrastructure (Bicep) checks and the benchmark smoke test. Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Azurite and axe-core come from npm (pinned in package-lock.json).
if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# Browser tests drive Debian's Chromium, never a downloaded browser; a CJK font lets screenshots show Chinese.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Serverless.sln -c Release
log=$(mktemp)
status=0
dotnet test Serverless.sln -c Release --no-build 2>&1 | tee "$log" || status=$?

# One plain summary line over every test assembly.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", p); printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
