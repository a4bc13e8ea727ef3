#!/usr/bin/env bash
# Cluster mode: Redis primary, replica or Sentinel on loopback (Debian's redis-server), in memory (a cache).
# Usage: redis-node.sh primary  DATA_DIR PORT
#        redis-node.sh replica  DATA_DIR PORT PRIMARY_PORT
#        redis-node.sh sentinel DATA_DIR PORT PRIMARY_PORT
# Three Sentinels watch the primary as "iom" (quorum 2) and promote the replica when it is lost for 2 s; clients ask
# the Sentinels where the primary is (StackExchange.Redis with serviceName=iom). A Sentinel rewrites its own config
# file as the topology changes, so a restarted Sentinel knows the current primary.
set -euo pipefail
role="$1" data="$2" port="$3" primary="${4:-}"
command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install redis-server)" >&2; exit 1; }
mkdir -p "$data"
common=(--bind 127.0.0.1 --port "$port" --dir "$data" --protected-mode yes --loglevel notice)
case "$role" in
  primary) exec redis-server "${common[@]}" --save '' --appendonly no ;;
  replica)
    # A replica that was promoted and restarted starts as a replica again; Sentinel repoints it if needed.
    exec redis-server "${common[@]}" --save '' --appendonly no --replicaof 127.0.0.1 "$primary" ;;
  sentinel)
    conf="$data/sentinel.conf"
    if [ ! -f "$conf" ]; then
      cat > "$conf" <<CONF
sentinel monitor iom 127.0.0.1 $primary 2
sentinel down-after-milliseconds iom 2000
sentinel failover-timeout iom 10000
sentinel parallel-syncs iom 1
CONF
    fi
    exec redis-server "$conf" --sentinel "${common[@]}" ;;
  *) echo "usage: $0 primary|replica|sentinel DATA_DIR PORT [PRIMARY_PORT]" >&2; exit 2 ;;
esac
