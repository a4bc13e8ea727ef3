#!/usr/bin/env bash
# Local infrastructure mode: Debian's PostgreSQL on loopback, data in the given folder.
# Usage: postgres.sh DATA_DIR PORT PASSWORD
# PostgreSQL refuses to run as root, so as root it runs as the postgres user on a folder that user owns.
set -euo pipefail
data="$1" port="$2" password="$3"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$data"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data" && chmod 700 "$data"
if [ ! -s "$data/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$password" > "$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
  as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "initialised a new PostgreSQL data folder at $data"
fi
exec_args=("$bin/postgres" -D "$data" -p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c fsync=on)
if [ "$(id -u)" = 0 ]; then exec runuser -u postgres -- "${exec_args[@]}"; else exec "${exec_args[@]}"; fi
