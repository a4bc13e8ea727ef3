#!/usr/bin/env bash
# Starts (or stops) real PostgreSQL, RabbitMQ and Redis on loopback for the integration tests, with the same
# scripts the AppHost uses in local mode, on test ports of their own. Prints the environment the tests read.
# Usage: scripts/test-servers.sh start DIR | stop DIR
set -euo pipefail
cd "$(dirname "$0")/.."
action="$1" dir="$2"
PG_PORT="${IOM_TEST_PG_PORT:-55439}" RABBIT_PORT="${IOM_TEST_RABBIT_PORT:-55672}" REDIS_PORT="${IOM_TEST_REDIS_PORT:-55379}"
PG_PASSWORD=iom-test
# The broker's management API (tests give each service host a virtual host of its own through it).
RABBIT_MANAGEMENT_PORT=$((RABBIT_PORT + 3))

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() {
  local what="$1" port="$2" i
  for i in $(seq 1 120); do listening "$port" && return 0; sleep 0.5; done
  echo "$what did not start on port $port; its log:" >&2; tail -n 30 "$dir/$what.log" >&2; return 1
}

case "$action" in
  start)
    mkdir -p "$dir"
    for entry in "postgres $PG_PORT" "rabbitmq $RABBIT_PORT" "redis $REDIS_PORT"; do
      set -- $entry
      if listening "$2"; then echo "$1 already listening on $2" >&2; continue; fi
      case "$1" in
        postgres) setsid bash AppHost/local/postgres.sh "$dir/postgres" "$PG_PORT" "$PG_PASSWORD" >"$dir/postgres.log" 2>&1 < /dev/null & ;;
        rabbitmq)
          mkdir -p "$dir/rabbitmq"
          echo '[rabbitmq_management].' > "$dir/rabbitmq/enabled_plugins"
          printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\n' "$RABBIT_MANAGEMENT_PORT" > "$dir/rabbitmq/rabbitmq.conf"
          setsid bash AppHost/local/rabbitmq.sh "$dir/rabbitmq" "$RABBIT_PORT" >"$dir/rabbitmq.log" 2>&1 < /dev/null & ;;
        redis) setsid bash AppHost/local/redis.sh "$dir/redis" "$REDIS_PORT" >"$dir/redis.log" 2>&1 < /dev/null & ;;
      esac
      echo $! > "$dir/$1.pid"
    done
    wait_for postgres "$PG_PORT"; wait_for rabbitmq "$RABBIT_PORT"; wait_for redis "$REDIS_PORT"; wait_for rabbitmq "$RABBIT_MANAGEMENT_PORT"
    # PostgreSQL accepts TCP a moment before it accepts logins.
    for i in $(seq 1 60); do
      PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1 && break; sleep 0.5
    done
    cat > "$dir/env" <<ENV
export IOM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres"
export IOM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$RABBIT_PORT"
export IOM_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$RABBIT_MANAGEMENT_PORT"
export IOM_TEST_REDIS="127.0.0.1:$REDIS_PORT"
ENV
    echo "test servers ready: postgres $PG_PORT, rabbitmq $RABBIT_PORT, redis $REDIS_PORT" >&2
    ;;
  stop)
    for name in redis rabbitmq postgres; do
      [ -f "$dir/$name.pid" ] || continue
      pid=$(cat "$dir/$name.pid")
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -KILL -- "-$pid" 2>/dev/null || true
      rm -f "$dir/$name.pid"
    done
    epmd -port $((RABBIT_PORT + 2)) -kill >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
