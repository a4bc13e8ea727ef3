#!/usr/bin/env bash
# Cluster mode: PostgreSQL primary or streaming standby on loopback (Debian's PostgreSQL).
# Usage: postgres-node.sh primary DATA_DIR PORT PASSWORD
#        postgres-node.sh standby DATA_DIR PORT PASSWORD PRIMARY_PORT
# The primary keeps WAL for its standby (replication slot "standby") and every commit waits for the standby
# (synchronous replication), so promoting the standby loses no acknowledged write. While the standby is away for more
# than 5 s the primary stops waiting for it (as CloudNativePG's dataDurability: preferred does) and waits again once it
# streams: losing the standby never stops writes, and only a second loss inside that window could lose a write.
# The standby is cloned once with pg_basebackup -R and follows the primary; SELECT pg_promote() makes it the primary.
# A node whose folder already holds a cluster starts as what it was.
set -euo pipefail
role="$1" data="$2" port="$3" password="$4" extra="${5:-}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# Exec in place (setpriv, not runuser): the process the AppHost started is postgres itself, so a kill reaches it.

mkdir -p "$data"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data" && chmod 700 "$data"
if [ ! -s "$data/PG_VERSION" ]; then
  if [ "$role" = primary ]; then
    pwfile=$(mktemp); printf '%s\n' "$password" > "$pwfile"; [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    echo "host replication postgres 127.0.0.1/32 scram-sha-256" >> "$data/pg_hba.conf"
    echo "initialised the primary at $data"
  else
    for i in $(seq 1 120); do PGPASSWORD="$password" "$bin/pg_isready" -h 127.0.0.1 -p "$extra" -q && break; sleep 0.5; done
    PGPASSWORD="$password" as_owner env PGPASSWORD="$password" "$bin/pg_basebackup" -h 127.0.0.1 -p "$extra" -U postgres \
      -D "$data" -R -X stream -S standby -C --no-password
    echo "cloned the standby from the primary on port $extra"
  fi
fi
args=("$bin/postgres" -D "$data" -p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=300
  -c wal_level=replica -c max_wal_senders=5 -c max_replication_slots=5 -c hot_standby=on -c wal_keep_size=256MB
  -c cluster_name="iom-$role-$port" -c application_name="iom-$port")
if [ "$role" = primary ] && [ ! -f "$data/standby.signal" ]; then
  # Preferred durability: drop the synchronous wait while the standby is not streaming, restore it when it is.
  (
    psql() { PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "$1" 2>/dev/null; }
    away=0
    while sleep 1; do
      kill -0 $$ 2>/dev/null || exit 0
      streaming=$(psql "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'standby' AND state = 'streaming'") || continue
      current=$(psql "SHOW synchronous_standby_names") || continue
      if [ "$streaming" = 1 ]; then
        away=0
        [ "$current" = standby ] || { psql "ALTER SYSTEM SET synchronous_standby_names = 'standby'" && psql "SELECT pg_reload_conf()" >/dev/null; echo "standby streaming: commits wait for it again"; }
      else
        away=$((away + 1))
        if [ "$away" -ge 5 ] && [ -n "$current" ]; then
          psql "ALTER SYSTEM SET synchronous_standby_names = ''" && psql "SELECT pg_reload_conf()" >/dev/null
          echo "standby away for ${away} s: commits no longer wait for it"
        fi
      fi
    done
  ) &
fi
if [ "$role" = standby ]; then
  # The standby names itself to the primary as "standby" so synchronous_standby_names matches it.
  # Promoted, it has no standby of its own: it must not wait for one (the primary's setting came with the clone).
  args+=(-c "primary_conninfo=host=127.0.0.1 port=$extra user=postgres password=$password application_name=standby" -c primary_slot_name=standby
    -c synchronous_standby_names=)
fi
if [ "$(id -u)" = 0 ]; then exec setpriv --reuid=postgres --regid=postgres --init-groups "${args[@]}"; else exec "${args[@]}"; fi
