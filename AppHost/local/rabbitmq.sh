#!/usr/bin/env bash
# Local infrastructure mode: Debian's rabbitmq-server on loopback, data and logs in the given folder.
# Usage: rabbitmq.sh DATA_DIR PORT
# Its own node name, distribution and epmd ports, so it never meets a broker already on the defaults.
# Every port on loopback: AMQP (RABBITMQ_NODE_IP_ADDRESS), epmd (ERL_EPMD_ADDRESS) and Erlang's distribution port
# (inet_dist_use_interface, which otherwise listens on 0.0.0.0), for the broker and for its CLI tools.
set -euo pipefail
data="$1" port="$2"
server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "rabbitmq-server not found (apt-get install rabbitmq-server)" >&2; exit 1; }

mkdir -p "$data/mnesia" "$data/log"
[ -f "$data/enabled_plugins" ] || echo '[].' > "$data/enabled_plugins"
export RABBITMQ_NODENAME="iom-$port@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$port"
export RABBITMQ_DIST_PORT=$((port + 1))
export ERL_EPMD_PORT=$((port + 2))
export ERL_EPMD_ADDRESS=127.0.0.1
loopback_dist='-kernel inet_dist_use_interface {127,0,0,1}'
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$loopback_dist"
export RABBITMQ_CTL_ERL_ARGS="$loopback_dist"
export RABBITMQ_MNESIA_BASE="$data/mnesia"
export RABBITMQ_LOG_BASE="$data/log"
export RABBITMQ_LOGS=-
export RABBITMQ_ENABLED_PLUGINS_FILE="$data/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$data/rabbitmq"
export HOME="$data"

run=("$server")
if [ "$(id -u)" = 0 ]; then
  # Started as root, the broker must run as the rabbitmq user on folders it owns.
  chown -R rabbitmq:rabbitmq "$data"
  run=(runuser -u rabbitmq -- env HOME="$data" RABBITMQ_NODENAME="$RABBITMQ_NODENAME" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$RABBITMQ_DIST_PORT" ERL_EPMD_PORT="$ERL_EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$loopback_dist" RABBITMQ_CTL_ERL_ARGS="$loopback_dist" \
    RABBITMQ_MNESIA_BASE="$RABBITMQ_MNESIA_BASE" RABBITMQ_LOG_BASE="$RABBITMQ_LOG_BASE" RABBITMQ_LOGS=- \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_ENABLED_PLUGINS_FILE" RABBITMQ_CONFIG_FILE="$RABBITMQ_CONFIG_FILE" "$server")
fi

stop() {
  [ -n "${child:-}" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
  # Erlang's epmd outlives the broker unless told to stop.
  epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
}
trap 'stop; exit 0' TERM INT
"${run[@]}" &
child=$!
set +e
wait "$child"
status=$?
child=
stop
exit "$status"
