#!/usr/bin/env bash
# Runs every test: domain unit tests, integration tests on a real Azurite, browser tests in Debian's Chromium,
# the infrastructure (Bicep) checks, the benchmark smoke test and the fault tests (Azurite and the local host as
# processes, killed, frozen and restarted). Installs what the tests need first.
#
# It fails, naming the project, when a project under tests/ is missing from Serverless.sln, or when a test project
# (one that references Microsoft.NET.Test.Sdk) runs no test: each test project must leave exactly one TRX result
# whose executed count is above zero. The benchmark smoke run loads the machine, and the fault tests hold routing to a
# 30-second bound while they kill and freeze processes, so each runs on its own after the other test projects, never
# next to the timing-sensitive integration and browser tests (nor next to each other).
set -euo pipefail
cd "$(dirname "$0")/.."

solution=Serverless.sln
# Test projects that run alone, after every other test project has finished.
serial_projects=(tests/GridAid.Benchmarks.Tests/GridAid.Benchmarks.Tests.csproj tests/GridAid.FaultTests/GridAid.FaultTests.csproj)
# Slowest first, so that every slot stays busy until the end; the others follow in solution order.
slow_first=(tests/GridAid.BrowserTests/GridAid.BrowserTests.csproj tests/GridAid.IntegrationTests/GridAid.IntegrationTests.csproj)
# As many test projects at once as `dotnet test Serverless.sln` runs (one per core).
jobs_max=${GRIDAID_TEST_JOBS:-$(nproc)}

fail() { echo "test.sh: $*" >&2; exit 1; }
# contains ITEM LIST...: whether ITEM is one of LIST.
contains() { local item=$1 each; shift; for each in "$@"; do [ "$each" = "$item" ] && return 0; done; return 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Every project under tests/ is in the solution (so it is built, and found below), checked before anything else.
mapfile -t in_solution < <(dotnet sln "$solution" list | sed -n '3,$p' | tr '\\' '/' | sed 's/[[:space:]]*$//' | sed '/^$/d')
[ "${#in_solution[@]}" -gt 0 ] || fail "\`dotnet sln $solution list\` listed no project."
mapfile -t under_tests < <(find tests -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
missing=0
for project in "${under_tests[@]}"; do
  if ! contains "$project" "${in_solution[@]}"; then
    echo "test.sh: $project is not in $solution (add it: dotnet sln $solution add $project)." >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1

# The test projects: every project of the solution that references Microsoft.NET.Test.Sdk.
is_test_project() { grep -qF 'Include="Microsoft.NET.Test.Sdk"' "$1"; }
test_projects=()
for project in "${in_solution[@]}"; do
  [ -f "$project" ] || fail "$project is listed in $solution but does not exist."
  if is_test_project "$project"; then test_projects+=("$project"); fi
done
[ "${#test_projects[@]}" -gt 0 ] || fail "$solution has no test project."
for project in "${serial_projects[@]}"; do
  contains "$project" "${test_projects[@]}" || fail "$project (run alone) is not a test project of $solution."
done
parallel_projects=()
for project in "${slow_first[@]}" "${test_projects[@]}"; do
  if contains "$project" "${test_projects[@]}" && ! contains "$project" "${serial_projects[@]}" "${parallel_projects[@]}"; then
    parallel_projects+=("$project")
  fi
done

# Azurite, axe-core and Spectral (the OpenAPI linter) come from npm (pinned in package-lock.json).
if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -x node_modules/.bin/spectral ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# Browser tests drive Debian's Chromium, never a downloaded browser; a CJK font lets screenshots show Chinese.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

dotnet build "$solution" -c Release

# TRX results stay in TestResults/<project>/ (git-ignored) for a look after a failure; logs are temporary.
results=$PWD/TestResults
rm -rf "$results"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One `dotnet test` per project, with its own results folder, its output printed in one piece when it ends.
run_project() {
  local project=$1 name
  name=$(basename "$project" .csproj)
  local started=$SECONDS rc=0
  dotnet test "$project" -c Release --no-build \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" >"$work/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$work/$name.rc"
  flock "$work/print.lock" sh -c 'cat "$1"; echo "==> $2 finished in $3 s (exit $4)"' _ "$work/$name.log" "$name" "$((SECONDS - started))" "$rc"
}

phase_started=$SECONDS
echo "==> Phase 1: ${#parallel_projects[@]} test projects, $jobs_max at a time"
for project in "${parallel_projects[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  echo "==> $(basename "$project" .csproj) started"
  run_project "$project" &
done
wait
echo "==> Phase 1 took $((SECONDS - phase_started)) s"

phase_started=$SECONDS
echo "==> Phase 2 (alone): ${serial_projects[*]}"
for project in "${serial_projects[@]}"; do
  run_project "$project"
done
echo "==> Phase 2 took $((SECONDS - phase_started)) s"

# Each test project: exactly one TRX, some tests executed. Then one plain summary line over all of them.
status=0
passed=0 failed=0 skipped=0
counter() { sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
for project in "${test_projects[@]}"; do
  name=$(basename "$project" .csproj)
  rc=$(cat "$work/$name.rc" 2>/dev/null || echo "not run")
  if [ "$rc" != 0 ]; then
    echo "test.sh: $name: dotnet test exited with $rc." >&2
    status=1
  fi
  shopt -s nullglob
  trx=("$results/$name"/*.trx)
  shopt -u nullglob
  if [ "${#trx[@]}" -ne 1 ]; then
    echo "test.sh: $name: expected one TRX result, found ${#trx[@]}: it ran no test." >&2
    status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "${trx[0]}" || true)
  total=$(counter total "$counters") executed=$(counter executed "$counters") p=$(counter passed "$counters")
  if [ -z "$total" ] || [ -z "$executed" ] || [ -z "$p" ]; then
    echo "test.sh: $name: no test counters in ${trx[0]}." >&2
    status=1
    continue
  fi
  # A skipped test is in the total but not executed; an executed test that did not pass failed.
  f=$((executed - p)) s=$((total - executed))
  echo "    $name: total $total, executed $executed (passed $p, failed $f, skipped $s)"
  if [ "$executed" -eq 0 ]; then
    echo "test.sh: $name ran zero tests ($total found): a test project must run at least one." >&2
    status=1
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

echo "Total: $passed passed, $failed failed, $skipped skipped"
exit $status
