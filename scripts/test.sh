#!/usr/bin/env bash
# The test command: installs what is missing, starts real PostgreSQL, RabbitMQ and Redis on loopback (test ports,
# a fresh data folder), runs `dotnet test` over Iom.sln against them, stops them, and prints "N passed, N failed".
# Where a container engine answers and IOM_TEST_USE_CONTAINERS=1, the tests start Testcontainers instead.
# Safe to run twice; extra arguments go to dotnet test (e.g. --filter FullyQualifiedName~Registry).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/prerequisites.sh || { echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d /tmp/iom-test.XXXXXX)
chmod 755 "$work"
results="$work/results"
servers="$work/servers"
cleanup() {
  bash "$root/scripts/test-servers.sh" stop "$servers" >/dev/null 2>&1 || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${IOM_TEST_USE_CONTAINERS:-0}" != 1 ]; then
  bash scripts/test-servers.sh start "$servers" || { echo "0 passed, 1 failed"; exit 1; }
  # shellcheck disable=SC1091
  source "$servers/env"
fi

dotnet build Iom.sln --nologo --verbosity quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
if [ "$#" -gt 0 ]; then
  dotnet test Iom.sln --no-build --nologo --results-directory "$results" "$@" 2>&1 | tee "$work/test.log"
  status=${PIPESTATUS[0]}
else
  # The whole suite's end-to-end tests start every server, service, the gateway and the web front, and drive a browser:
  # they run after the other test projects rather than beside them, so that two cores are not shared by both at once.
  dotnet test Iom.sln --no-build --nologo --results-directory "$results" --filter "FullyQualifiedName!~Iom.EndToEnd.Tests" 2>&1 | tee "$work/test.log"
  status=${PIPESTATUS[0]}
  dotnet test tests/EndToEnd.Tests --no-build --nologo --results-directory "$results" 2>&1 | tee -a "$work/test.log"
  e2e=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] && status=$e2e
fi

# The chaos command's smoke run (bench/Chaos --smoke: every fault scenario, small, with servers and services of its own on
# free ports), counted as one test. It runs with the whole suite (no arguments) or when IOM_TEST_CHAOS=1; IOM_TEST_CHAOS=0 skips it.
if { [ "$#" -eq 0 ] && [ "${IOM_TEST_CHAOS:-}" != 0 ]; } || [ "${IOM_TEST_CHAOS:-}" = 1 ]; then
  timeout -k 20 300 dotnet bench/Chaos/bin/Debug/net10.0/Iom.Chaos.dll --smoke > "$work/chaos.log" 2>&1
  chaos=$?
  grep -E '^(\||chaos:|FAILED)' "$work/chaos.log"
  if [ "$chaos" -eq 0 ]; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - bench/Chaos --smoke" | tee -a "$work/test.log"
  else
    tail -n 40 "$work/chaos.log"
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - bench/Chaos --smoke (exit $chaos)" | tee -a "$work/test.log"
    status=1
  fi
fi

# The bench command's smoke run (bench/Suite --smoke: every measure tiny, with servers, services, gateway and nginx of its own
# on free ports; fails only when a measure does not run, not when a goal is missed), counted as one test. It runs with the
# whole suite (no arguments) or when IOM_TEST_PERF=1; IOM_TEST_PERF=0 skips it. It needs wrk, hey and nginx (installed here when missing).
if { [ "$#" -eq 0 ] && [ "${IOM_TEST_PERF:-}" != 0 ]; } || [ "${IOM_TEST_PERF:-}" = 1 ]; then
  for tool in wrk hey nginx; do command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || perf_missing=1; done
  if [ -n "${perf_missing:-}" ]; then apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk hey nginx-light >/dev/null 2>&1; fi
  timeout -k 20 300 dotnet bench/Suite/bin/Debug/net10.0/Iom.Bench.Suite.dll --smoke > "$work/perf.log" 2>&1
  perf=$?
  grep -E '^bench: (smoke|[1-7] |wrote)' "$work/perf.log"
  if [ "$perf" -eq 0 ]; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - bench/Suite --smoke" | tee -a "$work/test.log"
  else
    tail -n 40 "$work/perf.log"
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - bench/Suite --smoke (exit $perf)" | tee -a "$work/test.log"
    status=1
  fi
fi

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
passed=0 failed=0 skipped=0
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\2 \3 \4/p' "$work/test.log")
# A test host that crashed leaves no counters: count the run as failed rather than green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
