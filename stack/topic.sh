#!/usr/bin/env bash
# Kafka topic administration for the local stack, through ZooKeeper with the broker's
# own kafka.admin.TopicCommand: Kafka 0.9 has no CreateTopics/DeleteTopics API, so an
# AdminClient cannot do this against it.
#
#   stack/topic.sh create NAME [--partitions N] [--replication N] [--if-not-exists]
#   stack/topic.sh delete NAME
#   stack/topic.sh list
#   stack/topic.sh describe [NAME]
#
# create defaults to 3 partitions and replication 1. --if-not-exists makes creating an
# existing topic a no-op (0.9's TopicCommand has no such flag, so it is checked here).
# ZooKeeper is found at 127.0.0.1:PLAYSTREAM_ZK_PORT (default 2181).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

usage() {
  sed -n '6,9p' "${BASH_SOURCE[0]}" | sed 's/^#  *//' >&2
  exit 2
}

topic_command() {
  port_open "$ZK_PORT" || die "ZooKeeper does not answer on $HOST:$ZK_PORT; run: stack/stack.sh up"
  run_kafka_tool kafka.admin.TopicCommand --zookeeper "$HOST:$ZK_PORT" "$@"
}

positive_int() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 needs a positive whole number, got '$2'"
}

cmd_create() {
  [[ $# -ge 1 && "$1" != -* ]] || usage
  local name="$1" partitions=3 replication=1 if_not_exists=false
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --partitions) [[ $# -ge 2 ]] || usage; positive_int "$1" "$2"; partitions="$2"; shift 2 ;;
      --replication) [[ $# -ge 2 ]] || usage; positive_int "$1" "$2"; replication="$2"; shift 2 ;;
      --if-not-exists) if_not_exists=true; shift ;;
      *) usage ;;
    esac
  done
  if $if_not_exists && topic_command --list | grep -qxF "$name"; then
    log "Topic \"$name\" already exists."
    return 0
  fi
  topic_command --create --topic "$name" --partitions "$partitions" --replication-factor "$replication"
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
  create) cmd_create "$@" ;;
  delete) [[ $# -eq 1 ]] || usage; topic_command --delete --topic "$1" ;;
  list) [[ $# -eq 0 ]] || usage; topic_command --list ;;
  describe)
    [[ $# -le 1 ]] || usage
    if [[ $# -eq 1 ]]; then topic_command --describe --topic "$1"; else topic_command --describe; fi
    ;;
  *) usage ;;
esac
