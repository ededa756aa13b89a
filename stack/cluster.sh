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
START_TIMEOUT="${PLAYSTREAM_STACK_TIMEOUT:-90}"
KCAT_09=(-X api.version.request=false -X broker.version.fallback=0.9.0.1)

broker_port() { echo $((KAFKA_PORT + $1)); }
pid_file() { echo "$RUN_DIR/kafka-$1.pid"; }
log_file() { echo "$LOG_DIR/kafka-$1.log"; }

running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(tr -d '[:space:]' <"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$STACK_MARKER "*"server-$1.properties"* ]] || return 1
  echo "$pid"
}

broker_ready() {
  kcat -L -b "$HOST:$(broker_port "$1")" -m 3 "${KCAT_09[@]}" 2>/dev/null | grep -q "broker $1 at $HOST:$(broker_port "$1")"
}

write_config() {
  local id="$1"
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$CONF_DIR" "$DATA_DIR/kafka-$id"
  cat >"$CONF_DIR/server-$id.properties" <<CONF
broker.id=$id
listeners=PLAINTEXT://$HOST:$(broker_port "$id")
advertised.listeners=PLAINTEXT://$HOST:$(broker_port "$id")
log.dirs=$DATA_DIR/kafka-$id
zookeeper.connect=$HOST:$ZK_PORT
zookeeper.connection.timeout.ms=10000
delete.topic.enable=true
auto.create.topics.enable=true
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
log.cleaner.dedupe.buffer.size=16777216
CONF
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
  run_kafka_tool kafka.admin.TopicCommand --zookeeper "$HOST:$ZK_PORT" --create --if-not-exists --topic "$probe" \
    --partitions 1 --replication-factor 1 >/dev/null
  timeout 15 kcat -b "$HOST:$KAFKA_PORT" "${KCAT_09[@]}" -G "$probe" "$probe" >/dev/null 2>&1 || true
  run_kafka_tool kafka.admin.TopicCommand --zookeeper "$HOST:$ZK_PORT" --list 2>/dev/null | grep -qx "__consumer_offsets" ||
    die "the group offsets topic was not created; is the stack's broker up? (stack/stack.sh status)"
}

start_broker() {
  local id="$1" pid started
  if pid="$(running_pid "$id")"; then
    log "kafka-$id is already running (pid $pid, port $(broker_port "$id"))"
    return 0
  fi
  port_open "$(broker_port "$id")" && die "kafka-$id: port $(broker_port "$id") is already taken; move PLAYSTREAM_KAFKA_PORT"
  write_config "$id"
  for attempt in 1 2; do
    [[ -f "$(log_file "$id")" ]] && mv -f "$(log_file "$id")" "$(log_file "$id").1"
    log "starting kafka-$id on $HOST:$(broker_port "$id")"
    setsid java -Xms128m -Xmx384m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true "$STACK_MARKER" \
      "-Dlog4j.configuration=file:$CONF_DIR/server-log4j.properties" \
      -cp "$(kafka_classpath)" kafka.Kafka "$CONF_DIR/server-$id.properties" \
      >"$(log_file "$id")" 2>&1 </dev/null 9>&- &
    echo $! >"$(pid_file "$id")"
    started=$SECONDS
    while ! broker_ready "$id"; do
      if ! running_pid "$id" >/dev/null; then
        # Killed hard a moment ago: ZooKeeper keeps its registration until the session expires (6 s).
        if [[ "$attempt" == 1 ]] && grep -q "already registered" "$(log_file "$id")" 2>/dev/null; then
          log "kafka-$id: its previous ZooKeeper session has not expired yet; starting again in 8s"
          sleep 8
          continue 2
        fi
        tail -n 20 "$(log_file "$id")" >&2 || true
        die "kafka-$id exited while starting; see $(log_file "$id")"
      fi
      ((SECONDS - started < START_TIMEOUT)) || die "kafka-$id did not answer within ${START_TIMEOUT}s; see $(log_file "$id")"
      sleep 0.5
    done
    log "kafka-$id is up on $HOST:$(broker_port "$id") (pid $(running_pid "$id"))"
    return 0
  done
}

stop_broker() {
  local id="$1" pid waited=0
  if ! pid="$(running_pid "$id")"; then
    log "kafka-$id is not running"
    rm -f "$(pid_file "$id")"
    return 0
  fi
  log "stopping kafka-$id (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= 60)); then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$(pid_file "$id")"
}

kill_broker() {
  local id="$1" pid
  pid="$(running_pid "$id")" || die "kafka-$id is not running"
  log "killing kafka-$id (pid $pid) with SIGKILL"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

check_id() {
  [[ "${1:-}" == 1 || "${1:-}" == 2 ]] || die "broker id must be 1 or 2 (broker 0 is the stack's own)"
}

cmd_status() {
  local id pid state all_up=0
  printf '%-8s %-6s %-8s %s\n' BROKER PORT PID STATE
  for id in "${EXTRA_BROKERS[@]}"; do
    if pid="$(running_pid "$id")"; then
      if broker_ready "$id"; then state=up; else state="running, not answering" all_up=3; fi
    else
      pid=- state=down all_up=3
    fi
    printf '%-8s %-6s %-8s %s\n' "kafka-$id" "$(broker_port "$id")" "$pid" "$state"
  done
  return "$all_up"
}

hold_lock() {
  mkdir -p "$STACK_DIR"
  exec 9>"$STACK_DIR/.cluster-lock"
  flock -w 300 9 || die "another stack/cluster.sh holds $STACK_DIR/.cluster-lock"
}

usage() {
  echo "usage: stack/cluster.sh up|down|status|kill N|start N" >&2
  exit 2
}

case "${1:-}" in
  up)
    hold_lock
    port_open "$KAFKA_PORT" || die "the stack's broker does not answer on $HOST:$KAFKA_PORT; run stack/stack.sh up first"
    ensure_offsets_topic
    for id in "${EXTRA_BROKERS[@]}"; do start_broker "$id"; done
    ;;
  down) hold_lock; for id in "${EXTRA_BROKERS[@]}"; do stop_broker "$id"; done ;;
  status) cmd_status ;;
  kill) check_id "${2:-}"; kill_broker "$2" ;;
  start) hold_lock; check_id "${2:-}"; start_broker "$2" ;;
  *) usage ;;
esac
