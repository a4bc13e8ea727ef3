#!/usr/bin/env bash
# Installs what the suite needs on a Debian machine, only what is missing (safe to run twice):
# PostgreSQL, RabbitMQ and Redis servers (run as local executables, never as system services here),
# openssl and curl for scripts/dev-token.sh, and restores NuGet packages and the local dotnet tools.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  # No service starts at install time: the suite runs its own servers on its own ports.
  printf '#!/bin/sh\nexit 101\n' > /tmp/iom-policy-rc.d && chmod +x /tmp/iom-policy-rc.d
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    "${sudo_cmd[@]}" cp /tmp/iom-policy-rc.d /usr/sbin/policy-rc.d && trap '"${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK 10 is required (dotnet not on PATH)." >&2; exit 1; }
dotnet tool restore >/dev/null
dotnet restore Iom.sln --verbosity quiet
