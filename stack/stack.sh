#!/usr/bin/env bash
# The local server stack for the full-stack mode: ZooKeeper, Kafka 0.9.0.1,
# Elasticsearch 2.4.1 and Redis, all on 127.0.0.1, with data, logs and pid files
# under one folder (PLAYSTREAM_STACK_DIR, default .playstream/stack at the repo root).
#
#   stack/stack.sh install   install what is missing (Debian packages, npm releases)
#   stack/stack.sh up        install on first use, start everything, wait until it answers
#   stack/stack.sh down      stop everything (Kafka before ZooKeeper)
#   stack/stack.sh status    each service, port, pid, up/down (exit 3 if any is not up)
#
# Ports: PLAYSTREAM_ZK_PORT (2181), PLAYSTREAM_KAFKA_PORT (9092), PLAYSTREAM_ES_PORT
# (9200), PLAYSTREAM_ES_TRANSPORT_PORT (9300), PLAYSTREAM_REDIS_PORT (6379).
# PLAYSTREAM_STACK_TIMEOUT: seconds to wait for each service to answer (default 90).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

SERVICES=(zookeeper kafka elasticsearch redis)
STOP_HINT=" (stop the rest with $STACK_COMMAND down)"

port_of() {
  case "$1" in
    zookeeper) echo "$ZK_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    elasticsearch) echo "$ES_PORT" ;;
    redis) echo "$REDIS_PORT" ;;
  esac
}
# The pid of a service, when its process is alive and really is ours.
running_pid() {
  if [[ "$1" == redis ]]; then
    # redis-server rewrites its title to "redis-server 127.0.0.1:PORT".
    pid_matching redis redis-server ":$REDIS_PORT"
  else
    pid_matching "$1" "$STACK_MARKER "
  fi
}

# ---- install ---------------------------------------------------------------

missing_debian_packages() {
  local missing=()
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
  command -v kcat >/dev/null || missing+=(kcat)
  command -v curl >/dev/null || missing+=(curl)
  command -v npm >/dev/null || missing+=(npm)
  echo "${missing[@]+"${missing[@]}"}"
}

releases_installed() {
  [[ -f "$KAFKA_HOME/libs/kafka_2.11-0.9.0.1.jar" && -f "$ES_HOME/lib/elasticsearch-2.4.1.jar" ]]
}

needs_install() {
  [[ -n "$(missing_debian_packages)" ]] || ! releases_installed
}

cmd_install() {
  local packages sudo=""
  packages="$(missing_debian_packages)"
  if [[ -n "$packages" ]]; then
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    log "installing Debian packages: $packages"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086 # the list is word-split on purpose
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages
  fi
  if ! releases_installed; then
    log "installing the Kafka and Elasticsearch releases (npm ci in stack/)"
    (cd "$STACK_SCRIPTS_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  releases_installed || die "npm ci finished but the Kafka/Elasticsearch releases are missing under $NODE_MODULES"
  log "install: everything is in place"
}

# ---- config files ----------------------------------------------------------

write_server_configs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$CONF_DIR" "$DATA_DIR/zookeeper" "$DATA_DIR/kafka" \
    "$DATA_DIR/elasticsearch" "$DATA_DIR/redis"

  cat >"$CONF_DIR/zookeeper.properties" <<EOF
dataDir=$DATA_DIR/zookeeper
clientPort=$ZK_PORT
clientPortAddress=$HOST
tickTime=2000
maxClientCnxns=0
EOF

  write_kafka_config "$CONF_DIR/server.properties" 0 "$KAFKA_PORT" "$DATA_DIR/kafka"

  # Servers log to stdout, which goes to their log file.
  cat >"$CONF_DIR/server-log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel$=WARN
log4j.logger.org.I0Itec.zkclient.ZkClient=WARN
log4j.logger.org.apache.zookeeper.server.NIOServerCnxn=WARN
EOF
}

# What the clients need to reach this stack, read by every playstream verb as the lowest layer of
# its settings (a user's settings file, environment and options win): the addresses, and for the
# Kafka 0.9 broker the two properties of its protocol, and ZooKeeper and the Kafka release for
# topic admin (0.9 has no topic API). Written to a temp file and renamed: never read half-written.
write_client_settings() {
  local home="${KAFKA_HOME//\\/\\\\}"
  home="${home//\"/\\\"}"
  cat >"$STACK_DIR/settings.json.tmp" <<EOF
{
  "kafka": {
    "bootstrapServers": "$HOST:$KAFKA_PORT",
    "properties": { "api.version.request": "false", "broker.version.fallback": "0.9.0.1" },
    "zooKeeper": "$HOST:$ZK_PORT",
    "kafkaHome": "$home"
  },
  "redis": { "endpoint": "$HOST:$REDIS_PORT" },
  "elasticsearch": { "urls": "http://$HOST:$ES_PORT" }
}
EOF
  mv -f "$STACK_DIR/settings.json.tmp" "$STACK_DIR/settings.json"
}

# ---- starting --------------------------------------------------------------

start_zookeeper() {
  check_port_free zookeeper "$ZK_PORT" PLAYSTREAM_ZK_PORT
  start_detached zookeeper java -Xms64m -Xmx256m -XX:+UseG1GC -Djava.awt.headless=true \
    "$STACK_MARKER" "-Dlog4j.configuration=file:$CONF_DIR/server-log4j.properties" \
    -cp "$(kafka_classpath)" org.apache.zookeeper.server.quorum.QuorumPeerMain \
    "$CONF_DIR/zookeeper.properties"
}

start_kafka() {
  check_port_free kafka "$KAFKA_PORT" PLAYSTREAM_KAFKA_PORT
  start_kafka_jvm kafka "$CONF_DIR/server.properties" -Xms256m -Xmx512m
}

start_elasticsearch() {
  check_port_free elasticsearch "$ES_PORT" PLAYSTREAM_ES_PORT
  check_port_free "elasticsearch transport" "$ES_TRANSPORT_PORT" PLAYSTREAM_ES_TRANSPORT_PORT
  local root_flag=()
  [[ "$(id -u)" == 0 ]] && root_flag=(-Des.insecure.allow.root=true)
  # ES 2.4's default GC flags (ParNew/CMS) are rejected by Java 17, hence ES_GC_OPTS.
  # bin/elasticsearch execs java, so the pid recorded is the JVM's.
  # One shard per index (a single node gains nothing from five) keeps the open files of a test
  # run's hundreds of small indices well below the limit, which is raised as far as allowed too.
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  ES_GC_OPTS=-XX:+UseG1GC ES_HEAP_SIZE=512m ES_JAVA_OPTS="$STACK_MARKER" \
    start_detached elasticsearch "$ES_HOME/bin/elasticsearch" \
    -Des.network.host="$HOST" -Des.http.port="$ES_PORT" \
    -Des.transport.tcp.port="$ES_TRANSPORT_PORT" \
    -Des.path.data="$DATA_DIR/elasticsearch" -Des.path.logs="$LOG_DIR/elasticsearch" \
    -Des.cluster.name="playstream-$ES_PORT" -Des.node.name=playstream \
    -Des.discovery.zen.ping.unicast.hosts="$HOST:$ES_TRANSPORT_PORT" \
    -Des.index.number_of_replicas=0 -Des.index.number_of_shards=1 \
    -Des.cluster.routing.allocation.disk.threshold_enabled=false \
    "${root_flag[@]}"
}

start_redis() {
  check_port_free redis "$REDIS_PORT" PLAYSTREAM_REDIS_PORT
  rotate_log redis
  # No persistence, as befits a scratch stack: a restart empties it, lookups and checkpoints
  # too. A running `playstream process` keeps both in memory and writes the checkpoints again
  # at its next flush; anything started later needs `playstream load` again.
  redis-server --bind "$HOST" --port "$REDIS_PORT" --daemonize yes \
    --pidfile "$(pid_file redis)" --logfile "$(log_file redis)" --dir "$DATA_DIR/redis" \
    --save "" --appendonly no >/dev/null 9>&-
  # The daemon writes its pid file just after it forks; wait for it so the
  # liveness check in wait_ready has a pid to look at.
  local tries=0
  while [[ ! -s "$(pid_file redis)" ]] && ((tries++ < 50)); do sleep 0.1; done
}

# ---- readiness checks ------------------------------------------------------

zookeeper_ready() {
  [[ "$(timeout 3 bash -c "exec 3<>/dev/tcp/$HOST/$ZK_PORT; printf ruok >&3; cat <&3" 2>/dev/null)" == imok ]]
}

kafka_ready() {
  kafka_broker_ready "$KAFKA_PORT" 0
}

elasticsearch_ready() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$HOST:$ES_PORT/" || true)" == 200 ]]
}

redis_ready() {
  [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

# Waits until a service answers, or fails with a message that points at its log.
wait_for() {
  wait_ready "$1" "$(port_of "$1")" "$START_TIMEOUT" "${1}_ready"
}

# Starts a service unless it already runs; returns 0 when it was started now.
ensure_started() {
  local name="$1" pid
  if pid="$(running_pid "$name")"; then
    log "$name is already running (pid $pid, port $(port_of "$name"))"
    return 1
  fi
  rm -f "$(pid_file "$name")"
  log "starting $name on $HOST:$(port_of "$name")"
  "start_$name"
}

cmd_up() {
  local begin=$SECONDS
  needs_install && cmd_install
  write_server_configs
  # ZooKeeper, Elasticsearch and Redis need nothing from each other: start them
  # together, then Kafka once ZooKeeper answers.
  ensure_started zookeeper || true
  ensure_started elasticsearch || true
  ensure_started redis || true
  wait_for zookeeper
  # A broker killed hard a moment ago may need a second start (see await_broker_restarting_once).
  if ensure_started kafka; then await_broker_restarting_once kafka "$KAFKA_PORT" 0 start_kafka || true; fi
  wait_for kafka
  wait_for elasticsearch
  wait_for redis
  write_client_settings
  log "stack is up in $((SECONDS - begin))s (data, logs and pids under $STACK_DIR; client settings in $STACK_DIR/settings.json)"
}

# ---- stopping --------------------------------------------------------------

cmd_down() {
  # Kafka first: a broker whose ZooKeeper is gone hangs on shutdown.
  stop_service kafka 30
  stop_service zookeeper 15
  stop_service elasticsearch 30
  stop_service redis 10
  log "stack is down"
}

# ---- status ----------------------------------------------------------------

cmd_status() {
  local name all_up=0
  printf '%-14s %-6s %-8s %s\n' SERVICE PORT PID STATE
  for name in "${SERVICES[@]}"; do
    status_row 14 "$name" "$(port_of "$name")" "${name}_ready" || all_up=3
  done
  return "$all_up"
}

usage() {
  echo "usage: stack/stack.sh up|down|status|install" >&2
  exit 2
}

# One up or down at a time per stack folder: two at once would start servers twice.
hold_stack_lock() {
  hold_lock .lock "$STACK_COMMAND up or down"
}

[[ $# -eq 1 ]] || usage
case "$1" in
  up) hold_stack_lock; cmd_up ;;
  down) hold_stack_lock; cmd_down ;;
  status) cmd_status ;;
  install) cmd_install ;;
  *) usage ;;
esac
