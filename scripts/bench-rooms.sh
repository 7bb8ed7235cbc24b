#!/usr/bin/env bash
# Live rooms end to end (docs/benchmarks.md, "Live rooms: end to end on loopback"): the real server jar in its own
# process (two with MODE=two), the room load generator in another, and the console's real stream path (WebSocket
# client → decode → RoomsHub → monitors' screening → ChatLog) headless in a third (RoomsStreamBenchmark). Prints the
# rate into the console, lines accounted by per-room sequence number, gaps, duplicates and send → buffered p50/p99.
#
#   scripts/bench-rooms.sh                   one node on PostgreSQL, in-process room bus, 10,000 msg/s for 60 s
#   MODE=two scripts/bench-rooms.sh          two nodes on one PostgreSQL database sharing NATS JetStream: ingest on
#                                            node A, the console on node B
#   MODE=one-nats scripts/bench-rooms.sh     one node with NATS JetStream (the same bus as MODE=two, one node)
#   MODE=memory scripts/bench-rooms.sh       one node, 10 minutes at RATE (default 5,000/s), console heap after GC
#                                            sampled every minute
#   MODE=scene scripts/bench-rooms.sh        the whole console in the real scene (Monocle headless) against one node
#                                            (embedded H2): visible monitor 5,000 msg/s, four background ones 1,000/s
#                                            each; FX pulse duration p50/p99 and frames over 33 ms (RoomsSceneBenchmark)
#
# Settings (environment): RATE (messages/s over all rooms, default 10000), DURATION (seconds measured, 60; memory:
# 600), WARMUP (15), ROOMS (5), BATCH (500), SENDERS (3), JAVA_OPTS (the console JVM's, e.g. a JFR recording),
# SKIP_BUILD=1, NATS_URL (nats://127.0.0.1:4222), PGHOST/PGPORT/PGUSER (127.0.0.1 5432 postgres), PGDATABASE (test:
# where the script connects to create the run's own database, dropped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
MODE=${MODE:-one}
NATS_URL=${NATS_URL:-nats://127.0.0.1:4222}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

case "$MODE" in
    one) NODES=1; NATS=none; RATE=${RATE:-10000}; SECONDS_=${DURATION:-60}; HEAP=0 ;;
    one-nats) NODES=1; NATS=$NATS_URL; RATE=${RATE:-10000}; SECONDS_=${DURATION:-60}; HEAP=0 ;;
    two) NODES=2; NATS=$NATS_URL; RATE=${RATE:-10000}; SECONDS_=${DURATION:-60}; HEAP=0 ;;
    memory) NODES=1; NATS=none; RATE=${RATE:-5000}; SECONDS_=${DURATION:-600}; HEAP=60 ;;
    scene) NODES=1; NATS=none; RATE=9000; SECONDS_=${DURATION:-60}; HEAP=0 ;;
    *) echo "MODE is one, one-nats, two, memory or scene" >&2; exit 2 ;;
esac

db="mdrooms_$(date +%s)_$$"
cleanup() {
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
}
trap cleanup EXIT

log "machine: $(uptime)"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "building the server jar and the console's test classes"
    # One reactor build: the classpath names the modules' own target/classes, not copies in the local repository.
    mvn -B -ntp -q -pl server,app -am package -DskipTests dependency:build-classpath \
        -Dmdep.outputFile=target/rooms-bench.cp -Dmdep.includeScope=test
fi
cp="app/target/test-classes:app/target/classes:$(cat app/target/rooms-bench.cp)"
if [[ "$MODE" == scene ]]; then
    # shellcheck disable=SC2086
    "$JAVA" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -Dmoddesk.server.jar=server/target/moddesk-server.jar \
        -cp "$cp" dev.moddesk.app.e2e.RoomsSceneBenchmark "$SECONDS_" "${WARMUP:-15}"
    log "machine: $(uptime)"
    trap - EXIT
    exit 0
fi
if [[ "$NATS" != none ]]; then
    scripts/ensure-nats.sh >/dev/null
fi
psql -X -q -c "CREATE DATABASE \"$db\""
log "database $db, mode $MODE: $NODES node(s), NATS $NATS, $RATE msg/s for $SECONDS_ s"

# shellcheck disable=SC2086 # JAVA_OPTS: extra options for the console's JVM, e.g. a JFR recording
"$JAVA" -Xmx1g ${JAVA_OPTS:-} -cp "$cp" \
    dev.moddesk.app.e2e.RoomsStreamBenchmark jar=server/target/moddesk-server.jar nodes="$NODES" \
    db="jdbc:postgresql://$PGHOST:$PGPORT/$db" nats="$NATS" rate="$RATE" seconds="$SECONDS_" \
    warmup="${WARMUP:-15}" rooms="${ROOMS:-5}" batch="${BATCH:-500}" senders="${SENDERS:-3}" heap-every="$HEAP"
log "machine: $(uptime)"
