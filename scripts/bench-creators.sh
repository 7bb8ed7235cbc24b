#!/usr/bin/env bash
# Creator search as you type and a tier change against the real server jar on PostgreSQL (docs/benchmarks.md,
# "Creators: search as you type and a tier change"). Builds the jar and the load generator, creates a database of its
# own, migrates and seeds it with batched SQL (CREATORS creators, the first BULK of them in tier BENCH with 3 fan
# groups each), starts the server jar on it as its own process (--sandbox --no-sim: the seeded admin, no simulator),
# then, from another process (its own JVM) over HTTP with a real session: types TYPED names one request per
# keystroke, and previews and applies new BENCH defaults over the BULK creators. Stops the server, drops the database
# and prints a table.
#
# Settings (environment): CREATORS (default 100000), BULK (10000), TYPED (names typed, 3-6 keystrokes each, default
# 300), SKIP_BUILD=1, KEEP=1 (keep the database and work folder), PGHOST/PGPORT/PGUSER (127.0.0.1 5432 postgres),
# PGDATABASE (test: where the script connects to create the benchmark's database, mdcreators_<time>_<pid>).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CREATORS=${CREATORS:-100000}
BULK=${BULK:-10000}
TYPED=${TYPED:-300}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}

db="mdcreators_$(date +%s)_$$"
admin_db=$PGDATABASE
work=$(mktemp -d /tmp/moddesk-creators.XXXXXX)
server_pid=""
log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ "${KEEP:-0}" != 1 ]]; then
        PGDATABASE=$admin_db sql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
        rm -rf "$work"
    else
        log "kept database $db and work folder $work"
    fi
}
trap cleanup EXIT
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR

started=$(date +%s)
uptime_before=$(uptime)
log "machine: $uptime_before"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "building the server jar and the load generator"
    mvn -B -ntp -q -pl server -am package -DskipTests dependency:build-classpath \
        -Dmdep.outputFile=target/creator-bench.cp -Dmdep.includeScope=test
fi
cp="server/target/test-classes:server/target/classes:$(cat server/target/creator-bench.cp)"
bench() { "$JAVA" -cp "$cp" dev.moddesk.server.bench.CreatorBench "$@"; }

jdbc="jdbc:postgresql://$PGHOST:$PGPORT/$db"
log "database $db: migrating and seeding $CREATORS creators ($BULK in tier BENCH) with batched SQL"
sql -c "CREATE DATABASE \"$db\""
bench seed "$jdbc" "$PGUSER" "$work" "$CREATORS" "$BULK"
PGDATABASE=$db sql -c "VACUUM (ANALYZE)" -c "CHECKPOINT"

log "starting the server jar on $db (work folder $work)"
"$JAVA" -jar server/target/moddesk-server.jar --sandbox --no-sim --port 0 --data-dir "$work/data" \
    --db-url "$jdbc" --db-user "$PGUSER" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 300); do
    grep -q '^ModDesk server listening on ' "$work/server.out" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; log "the server did not start"; exit 1; }
    sleep 1
done
url=$(sed -n 's/^ModDesk server listening on //p' "$work/server.out")
admin_password=$(sed -n 's|^sandbox account: admin / \([^ ]*\) (ADMIN)$|\1|p' "$work/server.out")
[[ -n "$url" && -n "$admin_password" ]] || { log "no server address or admin password on its stdout"; exit 1; }
log "server pid $server_pid at $url"

log "typing $TYPED names, one search per keystroke"
bench type "$url" "$admin_password" "$work" "$TYPED"
log "tier change over $BULK creators: preview, then apply"
bench tier "$url" "$admin_password" "$work" "$BULK"
uptime_after=$(uptime)

value() { sed -n "s/^$2=//p" "$work/$1.results" | head -1; }
echo
echo "Creators against the real server jar ($(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $((\
$(date +%s) - started)) s in all)"
echo "machine before: $uptime_before"
echo "machine after:  $uptime_after"
echo "search as you type over $CREATORS creators: $(value type keystrokes) keystrokes, p50 $(value type p50) ms," \
    "p95 $(value type p95) ms, p99 $(value type p99) ms, max $(value type max) ms (target p95 <= 50 ms)"
echo "tier change over $(value tier creators) creators: preview $(value tier preview) s, apply $(value tier apply) s" \
    "(answer $(value tier answerKb) KB)"
awk -v p95="$(value type p95)" 'BEGIN { exit (p95 <= 50 ? 0 : 1) }' || { log "search p95 above 50 ms"; exit 1; }
