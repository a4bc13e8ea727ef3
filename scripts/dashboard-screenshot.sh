#!/usr/bin/env bash
# Takes a screenshot of the Aspire dashboard of the running suite with Debian's chromium (headless) into
# docs/images/dashboard.png, so the README's picture stays true. Starts the suite itself on ports of its own
# (never the defaults), waits until the gateway is healthy, opens the dashboard's login link, then stops the suite.
# Usage: scripts/dashboard-screenshot.sh [OUTPUT.png]   (env: SHOT_PORT_BASE, default 47100)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/images/dashboard.png}"
base="${SHOT_PORT_BASE:-47100}"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
work=$(mktemp -d)
chmod 755 "$work" # postgres and rabbitmq-server run as their own users and must reach their data folders
log="$work/apphost.log"

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="http://localhost:$base"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$((base + 1))"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$((base + 2))"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPIRE_DEVELOPER_CERTIFICATE_DEFAULT_TRUST=false
setsid dotnet run --project AppHost --no-launch-profile -- \
  --Infrastructure:Mode=local --Infrastructure:Local:DataDirectory="$work/data" \
  --Infrastructure:Local:PostgresPort=$((base + 10)) --Infrastructure:Local:RabbitMqPort=$((base + 20)) \
  --Infrastructure:Local:RedisPort=$((base + 30)) --Gateway:Port=$((base + 40)) >"$log" 2>&1 &
apphost=$!
stop() { kill -TERM -- "-$apphost" 2>/dev/null || true; wait "$apphost" 2>/dev/null || true; [ -n "${KEEP_LOG:-}" ] && cp "$log" "$KEEP_LOG"; rm -rf "$work"; }
trap stop EXIT

login=""
for _ in $(seq 1 600); do
  login=$(grep -o "http://localhost:$base/login?t=[0-9a-zA-Z]*" "$log" | head -n 1 || true)
  [ -n "$login" ] && curl -fs --max-time 5 "http://localhost:$((base + 40))/health" >/dev/null 2>&1 && break
  kill -0 "$apphost" 2>/dev/null || { echo "the AppHost stopped; its log:" >&2; tail -n 40 "$log" >&2; exit 1; }
  sleep 1
done
[ -n "$login" ] || { echo "no dashboard login link in the AppHost's log" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
# The dashboard is a Blazor Server app: it draws only over its live connection, which chromium's one-shot
# --screenshot does not wait for (a blank page). Playwright drives the same chromium and waits for the resources.
dotnet run scripts/dashboard-screenshot.cs -- "$login" "$out"

