#!/usr/bin/env bash
# Cluster mode: one node of a 3-node RabbitMQ cluster on loopback (Debian's rabbitmq-server).
# Usage: rabbitmq-node.sh DATA_DIR PORT EPMD_PORT COOKIE [SEED_NODE]
# Every node has its own name (iom-PORT@localhost), AMQP port, distribution port (PORT+1, on 127.0.0.1) and data folder;
# all share one epmd port and one Erlang cookie. A node given a SEED_NODE joins the seed's cluster the first time it
# starts (rabbitmqctl join_cluster); after that it rejoins by itself. Ctrl+C / SIGTERM stops this node only.
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

stop() { [ -n "${child:-}" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null; }
trap 'stop; exit 0' TERM INT
as_broker "$server" &
child=$!

if [ -n "$seed" ] && [ ! -f "$data/joined" ]; then
  # The node must answer before it can be told to join (await_startup needs a node that already runs).
  for i in $(seq 1 120); do ctl -q ping >/dev/null 2>&1 && break; kill -0 "$child" 2>/dev/null || exit 1; sleep 1; done
  ctl await_startup --timeout 120 >/dev/null
  ctl stop_app >/dev/null
  ctl join_cluster "$seed" && touch "$data/joined"
  ctl start_app >/dev/null
  echo "$node joined the cluster of $seed"
fi

set +e
wait "$child"
status=$?
child=
exit "$status"
