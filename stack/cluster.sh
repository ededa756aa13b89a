#!/usr/bin/env bash
# Two more Kafka brokers beside the stack's broker 0, for replication and failover tests:
# brokers 1 and 2 on the stack's ZooKeeper, each with its own id, port and log folder.
# The stack (stack/stack.sh up) must be running.
#
#   stack/cluster.sh up         start brokers 1 and 2, wait until each serves metadata
#   stack/cluster.sh down       stop brokers 1 and 2
#   stack/cluster.sh status     each extra broker, port, pid, up/down (exit 3 if any is not up)
#   stack/cluster.sh kill N     kill -9 broker N (1 or 2), as a crash would
#   stack/cluster.sh start N    start broker N again (after kill), wait until it serves
#
# Ports: PLAYSTREAM_KAFKA_PORT + N (9093 and 9094 by default). Data under the stack folder
# (data/kafka-N), logs in logs/kafka-N.log, pids in run/kafka-N.pid.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

EXTRA_BROKERS=(1 2)

broker_port() { echo $((KAFKA_PORT + $1)); }

# The pid of broker kafka-N, when its process is alive and is that broker of this stack.
running_pid() {
  pid_matching "$1" "$STACK_MARKER " "server-${1#kafka-}.properties"
}

# The group offsets topic must live on broker 0 alone: were it created while brokers 1 and 2
# run, some of its partitions would sit on them, and the stack's groups would break once they
# stop. The stack's broker creates it on the first group request; a probe group makes sure.
ensure_offsets_topic() {
  if run_kafka_tool kafka.admin.TopicCommand --zookeeper "$HOST:$ZK_PORT" --list 2>/dev/null | grep -qx "__consumer_offsets"; then
    return 0
  fi
  log "creating the group offsets topic on broker 0 before the extra brokers start"
  local probe="playstream-cluster-probe"
  # 0.9's TopicCommand has no --if-not-exists: a probe topic left by an earlier run is looked for first.
  if ! run_kafka_tool kafka.admin.TopicCommand --zookeeper "$HOST:$ZK_PORT" --list 2>/dev/null | grep -qx "$probe"; then
    run_kafka_tool kafka.admin.TopicCommand --zookeeper "$HOST:$ZK_PORT" --create --topic "$probe" \
      --partitions 1 --replication-factor 1 >/dev/null
  fi
  timeout 15 kcat -b "$HOST:$KAFKA_PORT" "${KCAT_09[@]}" -G "$probe" "$probe" >/dev/null 2>&1 || true
  run_kafka_tool kafka.admin.TopicCommand --zookeeper "$HOST:$ZK_PORT" --list 2>/dev/null | grep -qx "__consumer_offsets" ||
    die "the group offsets topic was not created; is the stack's broker up? (stack/stack.sh status)"
}

start_broker_jvm() {
  start_kafka_jvm "kafka-$1" "$CONF_DIR/server-$1.properties" -Xms128m -Xmx384m
}

start_broker() {
  local id="$1" name="kafka-$1" port pid outcome=0
  port="$(broker_port "$id")"
  if pid="$(running_pid "$name")"; then
    log "$name is already running (pid $pid, port $port)"
    return 0
  fi
  check_port_free "$name" "$port" PLAYSTREAM_KAFKA_PORT
  write_kafka_config "$CONF_DIR/server-$id.properties" "$id" "$port" "$DATA_DIR/kafka-$id"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  log "starting $name on $HOST:$port"
  start_broker_jvm "$id"
  await_broker_restarting_once "$name" "$port" "$id" start_broker_jvm "$id" || outcome=$?
  report_ready "$name" "$port" "$START_TIMEOUT" "$outcome"
}

kill_broker() {
  local name="kafka-$1" pid
  pid="$(running_pid "$name")" || die "$name is not running"
  log "killing $name (pid $pid) with SIGKILL"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

check_id() {
  [[ "${1:-}" == 1 || "${1:-}" == 2 ]] || die "broker id must be 1 or 2 (broker 0 is the stack's own)"
}

cmd_status() {
  local id port all_up=0
  printf '%-8s %-6s %-8s %s\n' BROKER PORT PID STATE
  for id in "${EXTRA_BROKERS[@]}"; do
    port="$(broker_port "$id")"
    status_row 8 "kafka-$id" "$port" kafka_broker_ready "$port" "$id" || all_up=3
  done
  return "$all_up"
}

hold_cluster_lock() {
  hold_lock .cluster-lock stack/cluster.sh
}

usage() {
  echo "usage: stack/cluster.sh up|down|status|kill N|start N" >&2
  exit 2
}

case "${1:-}" in
  up)
    hold_cluster_lock
    port_open "$KAFKA_PORT" || die "the stack's broker does not answer on $HOST:$KAFKA_PORT; run stack/stack.sh up first"
    ensure_offsets_topic
    for id in "${EXTRA_BROKERS[@]}"; do start_broker "$id"; done
    ;;
  down) hold_cluster_lock; for id in "${EXTRA_BROKERS[@]}"; do stop_service "kafka-$id" 30; done ;;
  status) cmd_status ;;
  kill) check_id "${2:-}"; kill_broker "$2" ;;
  start) hold_cluster_lock; check_id "${2:-}"; start_broker "$2" ;;
  *) usage ;;
esac
