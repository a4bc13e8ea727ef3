#!/usr/bin/env bash
# Local infrastructure mode: Debian's redis-server on loopback, in memory (a cache: nothing to keep).
# Usage: redis.sh DATA_DIR PORT
set -euo pipefail
data="$1" port="$2"
command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install redis-server)" >&2; exit 1; }
mkdir -p "$data"
exec redis-server --bind 127.0.0.1 --port "$port" --dir "$data" --save '' --appendonly no --protected-mode yes --loglevel notice
