#!/usr/bin/env bash
# The run command: installs what is missing, then starts the whole suite with the Aspire AppHost
# (dashboard, PostgreSQL, RabbitMQ, Redis, the four services, the gateway, the Together web front at /, demo data).
# Infrastructure mode "auto": containers when a container engine answers, else Debian's servers as local executables.
# Safe to run twice (data persists under .data/, which git ignores). Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
echo "Dashboard: http://localhost:18888 (the login link is printed below)   Gateway: http://localhost:5080   API docs: http://localhost:5080/docs"
exec dotnet run --project AppHost --launch-profile http -- "$@"
