#!/usr/bin/env bash
# Cluster mode: one node of a 3-node RabbitMQ cluster on loopback (Debian's rabbitmq-server).
# Usage: rabbitmq-node.sh DATA_DIR PORT EPMD_PORT COOKIE [SEED_NODE]
# Every node has its own name (iom-PORT@localhost), AMQP port, distribution port (PORT+1, on 127.0.0.1) and data folder;
# all share one epmd port and one Erlang cookie. A node given a SEED_NODE joins the seed's cluster when it first boots
# (classic peer discovery in its rabbitmq.conf: a blank node joins before it accepts a client, so no client ever sees it
# alone); the script then checks the membership, falls back to rabbitmqctl join_cluster if needed, and writes "joined"
# in the data folder — the AppHost calls the node healthy only after that. After that it rejoins by itself.
# Ctrl+C / SIGTERM stops this node only.
set -euo pipefail
data="$1" port="$2" epmd="$3" cookie="$4" seed="${5:-}"
server=/usr/lib/rabbitmq/bin/rabbitmq-server ctl=/usr/lib/rabbitmq/bin/rabbitmqctl
[ -x "$server" ] || { echo "rabbitmq-server not found (apt-get install rabbitmq-server)" >&2; exit 1; }

node="iom-$port@localhost"
mkdir -p "$data/mnesia" "$data/log"
[ -f "$data/enabled_plugins" ] || echo '[].' > "$data/enabled_plugins"
printf '%s' "$cookie" > "$data/.erlang.cookie"
chmod 400 "$data/.erlang.cookie"
[ "$(id -u)" = 0 ] && chown -R rabbitmq:rabbitmq "$data"

envs=(HOME="$data" RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port"
  RABBITMQ_DIST_PORT=$((port + 1)) ERL_EPMD_PORT="$epmd" ERL_EPMD_ADDRESS=127.0.0.1
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  RABBITMQ_MNESIA_BASE="$data/mnesia" RABBITMQ_LOG_BASE="$data/log" RABBITMQ_LOGS=-
  RABBITMQ_ENABLED_PLUGINS_FILE="$data/enabled_plugins" RABBITMQ_CONFIG_FILE="$data/rabbitmq")
as_broker() { if [ "$(id -u)" = 0 ]; then runuser -u rabbitmq -- env "${envs[@]}" "$@"; else env "${envs[@]}" "$@"; fi; }
ctl() { as_broker "$ctl" -n "$node" "$@"; }

if [ -n "$seed" ]; then
  printf '%s\n' "cluster_formation.peer_discovery_backend = classic_config" "cluster_formation.classic_config.nodes.1 = $seed" \
    "cluster_formation.discovery_retry_limit = 120" "cluster_formation.discovery_retry_interval = 1000" > "$data/rabbitmq.conf"
  [ "$(id -u)" = 0 ] && chown rabbitmq:rabbitmq "$data/rabbitmq.conf"
fi

stop() { [ -n "${child:-}" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null; }
trap 'stop; exit 0' TERM INT
as_broker "$server" &
child=$!

member() { ctl -q cluster_status 2>/dev/null | grep -qF "$seed"; }
if [ -n "$seed" ] && [ ! -f "$data/joined" ]; then
  # The node must answer before its membership can be read (await_startup needs a node that already runs).
  for i in $(seq 1 180); do ctl -q ping >/dev/null 2>&1 && break; kill -0 "$child" 2>/dev/null || exit 1; sleep 1; done
  ctl await_startup --timeout 180 >/dev/null
  for attempt in $(seq 1 30); do
    member && break
    # Peer discovery gave up (the seed was away for two minutes): join by hand, as long as the seed is away, again.
    echo "$node is not in the cluster of $seed (attempt $attempt): joining it with rabbitmqctl" >&2
    ctl stop_app >/dev/null 2>&1 || true; ctl join_cluster "$seed" >&2 || true; ctl start_app >/dev/null 2>&1 || true
    member && break
    sleep 5
  done
  if ! member; then
    echo "$node could not join the cluster of $seed: stopping (the AppHost starts it again)" >&2
    stop; exit 1
  fi
  # Quorum queues declared before this node joined have no replica here: add one on each (a no-op for the others).
  as_broker /usr/lib/rabbitmq/bin/rabbitmq-queues -n "$node" grow "$node" all >/dev/null 2>&1 || true
  touch "$data/joined"
  [ "$(id -u)" = 0 ] && chown rabbitmq:rabbitmq "$data/joined"
  echo "$node is a member of the cluster of $seed"
fi

set +e
wait "$child"
status=$?
child=
# Here the node ended without being asked to stop (a stop request exits through the trap above): a crash, even when
# rabbitmq-server reports 0 after its Erlang VM was killed, so the AppHost starts it again (see CrashRestarts).
[ "$status" -eq 0 ] && status=1
echo "RabbitMQ node $node ended on its own (exit $status)" >&2
exit "$status"
