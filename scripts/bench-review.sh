#!/usr/bin/env bash
# Circle review benchmarks against the real server jar on PostgreSQL (docs/benchmarks.md, "Circle review against the
# real server jar"). Builds the jar and the load generator, starts the server as its own process on a fresh schema
# (--sandbox --no-sim: the seeded admin, no simulator), seeds it over the public API, runs the raw-SQL baseline with
# pgbench on a copy of the seeded schema, then the load generator (its own JVM) for claim + decide and bulk, checks
# every decision reached the action feed, stops the server, drops the schemas and prints a table.
#
# Settings (environment): CLAIM_APPS (applications for claim + decide, default 160000), WARMUP and DURATION (seconds
# of each claim + decide run, default 15 and 30), MIXES ("console pair"), PGBENCH_SECONDS (20), BULK (timed bulk
# decisions, default 100000), BULK_WARMUP (warm-up decisions per bulk moderator, a multiple of 500, default 2500), SKIP_BUILD=1,
# KEEP=1 (keep the database and work folder), SERVER_JAVA_OPTS (the server's JVM options; none by default),
# VACUUM_EVERY (seconds between vacuums of the queue table during the timed phases, see below; default 0: none),
# PGHOST/PGPORT/PGUSER (127.0.0.1 5432 postgres), PGDATABASE (test: where the script connects to create the
# benchmark's own database, mdbench_<time>_<pid>, which it drops at the end; only the server and pgbench use that
# database, so its transaction count is theirs).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CLAIM_APPS=${CLAIM_APPS:-160000}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-30}
MIXES=${MIXES:-console pair}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-20}
BULK=${BULK:-100000}
BULK_WARMUP=${BULK_WARMUP:-2500}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}

schema="mdbench_$(date +%s)_$$"
copy="${schema}_sql"
admin_db=$PGDATABASE
work=$(mktemp -d /tmp/moddesk-bench.XXXXXX)
server_pid=""
log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# VACUUM_EVERY=N: while pgbench and the load generator run, vacuum the queue table every N seconds, as autovacuum does
# on a running system (it is off on this machine): claims then step over the dead index entries of the last N seconds'
# decisions, not of every decision since the phase began, on both sides alike. Its CPU counts as PostgreSQL's. 0 (the
# default) leaves the tables alone between phases.
VACUUM_EVERY=${VACUUM_EVERY:-0}
vacuum_pid=""
start_vacuum() {
    if ((VACUUM_EVERY > 0)); then
        (while sleep "$VACUUM_EVERY"; do sql -c "VACUUM \"$1\".review_application" || true; done) &
        vacuum_pid=$!
    fi
}
stop_vacuum() {
    if [[ -n "$vacuum_pid" ]]; then
        kill "$vacuum_pid" 2>/dev/null || true
        wait "$vacuum_pid" 2>/dev/null || true
        vacuum_pid=""
    fi
}

cleanup() {
    stop_vacuum
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ "${KEEP:-0}" != 1 ]]; then
        PGDATABASE=$admin_db sql -c "DROP DATABASE IF EXISTS \"$schema\" WITH (FORCE)" || true
        rm -rf "$work"
    else
        log "kept database and schema $schema and work folder $work"
    fi
}
trap cleanup EXIT
trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR

# CPU seconds used so far by all PostgreSQL processes (the postmaster counts its ended backends; other users of the
# same PostgreSQL count too), and by this shell's finished children (pgbench).
pg_cpu() {
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } |
        awk '$2 == "(postgres)" { t += $14 + $15 + $16 + $17 } END { printf "%.2f", t / 100 }'
}
# (`times` must run in this shell, not in a $(...) subshell, which has children of its own.)
children_cpu() { tail -1 "$1" | awk '{ split($1, u, "m"); split($2, s, "m"); printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'; }

# What autovacuum and the checkpointer do in the background of a running system (autovacuum is off on the shared
# build machine): statistics for the freshly seeded rows, dead rows of the previous phase cleaned, a checkpoint paid
# before the timed phase rather than during it.
settle() {
    local s=$1 t
    for t in $(sql -c "SELECT tablename FROM pg_tables WHERE schemaname = '$s'"); do
        sql -c "VACUUM (ANALYZE) \"$s\".\"$t\""
    done
    sql -c "CHECKPOINT"
}

uptime_before=$(uptime)
log "machine: $uptime_before"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "building the server jar and the load generator"
    mvn -B -ntp -q -pl server -am package -DskipTests dependency:build-classpath \
        -Dmdep.outputFile=target/review-bench.cp -Dmdep.includeScope=test
fi
cp="server/target/test-classes:server/target/classes:$(cat server/target/review-bench.cp)"
bench() { "$JAVA" -cp "$cp" dev.moddesk.server.bench.ReviewBench "$@"; }

log "starting the server jar on database and schema $schema (work folder $work)"
sql -c "CREATE DATABASE \"$schema\""
export PGDATABASE=$schema
sql -c "CREATE SCHEMA \"$schema\""
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of options
"$JAVA" ${SERVER_JAVA_OPTS:-} -jar server/target/moddesk-server.jar --sandbox --no-sim --port 0 --data-dir "$work/data" \
    --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema" --db-user "$PGUSER" \
    >"$work/server.out" 2>"$work/server.log" &
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

log "setup: staff, service key, circles, $CLAIM_APPS applications through the ingest API"
bench setup "$url" "$admin_password" "$work" "$CLAIM_APPS"
settle "$schema"

log "baseline: copy of the seeded schema as $copy, pgbench"
pg_dump -n "$schema" | sed "s/$schema/$copy/g" | sql >/dev/null
settle "$copy"
for style in one_statement transaction; do
    before=$(sql -c "SELECT count(*) FROM \"$copy\".review_decision")
    start_vacuum "$copy"
    pg0=$(pg_cpu); times >"$work/times-before"
    PGOPTIONS="-c search_path=$copy" pgbench -n -f "$work/pgbench-$style.sql" -c 8 -j 2 -T "$PGBENCH_SECONDS" \
        -M prepared -D floor=0 -l --log-prefix="$work/pglog-$style" >"$work/pgbench-$style.out" 2>&1 || {
        cat "$work/pgbench-$style.out" >&2; exit 1; }
    pg1=$(pg_cpu); times >"$work/times-after"
    stop_vacuum
    ch0=$(children_cpu "$work/times-before"); ch1=$(children_cpu "$work/times-after")
    after=$(sql -c "SELECT count(*) FROM \"$copy\".review_decision")
    decided=$((after - before))
    if ((decided == 0)); then
        log "pgbench $style decided nothing: the earlier runs emptied the queue; raise CLAIM_APPS"
        exit 1
    fi
    cpu=$(awk -v a="$pg0" -v b="$pg1" -v c="$ch0" -v d="$ch1" -v n="$decided" \
        'BEGIN { printf "CPU ms per pair: PostgreSQL %.2f, pgbench %.2f", (b - a) * 1000 / n, (d - c) * 1000 / n }')
    pairs=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench-$style.out")
    read -r p50 p99 < <(cat "$work"/pglog-"$style".* | awk '{print $3}' | sort -n | awk '
        { v[NR] = $1 } END { i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999);
                             printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }')
    rate=$(awk -v d="$decided" -v s="$PGBENCH_SECONDS" 'BEGIN { printf "%.2f", d / s }')
    printf 'decisionsPerSecond=%s\ndecisions=%s\npairs=%s\np50=%s\np99=%s\ncpu=%s\n' "$rate" "$decided" "$pairs" "$p50" \
        "$p99" "$cpu" >"$work/pgbench-$style.results"
    log "pgbench $style: $decided decisions in $PGBENCH_SECONDS s = $rate/s ($pairs pairs), p50 $p50 ms, p99 $p99 ms; $cpu"
    sql -c "VACUUM (ANALYZE) \"$copy\".review_application"
done
sql -c "DROP SCHEMA \"$copy\" CASCADE" -c "CHECKPOINT"

for mix in $MIXES; do
    settle "$schema"
    log "claim + decide over HTTP, $mix mix: $WARMUP s warm-up, $DURATION s timed"
    MODDESK_BENCH_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?user=$PGUSER" \
        bench load "$work" "$server_pid" "$mix" "$WARMUP" "$DURATION" &
    load_pid=$!
    start_vacuum "$schema"
    wait "$load_pid"
    stop_vacuum
done

bulk_total=$((BULK + 4 * BULK_WARMUP))
log "bulk: seeding $bulk_total applications"
bench seed-bulk "$work" "$bulk_total"
settle "$schema"
bench bulk "$work" "$BULK_WARMUP"

log "waiting for the undo windows to close and checking the action feed"
feed_ok=0
bench feed-check "$work" 300 || feed_ok=1
uptime_after=$(uptime)

value() { sed -n "s/^$2=//p" "$work/$1.results" 2>/dev/null | head -1 | sed 's/\\\(.\)/\1/g'; }
baseline=$(value pgbench-one_statement decisionsPerSecond)
echo
echo "Circle review against the real server jar ($(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "machine before: $uptime_before"
echo "machine after:  $uptime_after"
printf '%-48s %14s %20s %22s\n' "run" "rate" "pair p50 / p99 ms" "application p50 / p99"
for mix in $MIXES; do
    printf '%-48s %10s/s   %8s / %-8s %10s / %-8s\n' "ModDesk, $mix mix (8 moderators, HTTP)" \
        "$(value "load-$mix" pairsPerSecond)" "$(value "load-$mix" pair.p50)" "$(value "load-$mix" pair.p99)" \
        "$(value "load-$mix" application.p50)" "$(value "load-$mix" application.p99)"
done
for style in one_statement transaction; do
    printf '%-48s %10s/s   %8s / %-8s\n' "raw SQL baseline, pgbench ($style)" \
        "$(value "pgbench-$style" decisionsPerSecond)" "$(value "pgbench-$style" p50)" "$(value "pgbench-$style" p99)"
done
for mix in $MIXES; do echo "$mix mix: $(value "load-$mix" cpu)"; done
for mix in $MIXES; do echo "$mix mix: $(value "load-$mix" perPair)"; done
for style in one_statement transaction; do echo "pgbench $style: $(value "pgbench-$style" cpu)"; done
for mix in $MIXES; do
    awk -v a="$(value "load-$mix" pairsPerSecond)" -v b="$baseline" -v m="$mix" -v p99="$(value "load-$mix" pair.p99)" \
        'BEGIN { printf "ratio ModDesk %s mix / baseline (one statement): %.2f (target >= 0.65, pair p99 %s ms, target <= 20)\n", m, a / b, p99 }'
done
echo "bulk: $(value bulk decisions) decisions in $(value bulk seconds) s = $(value bulk decisionsPerSecond) decisions/s (request p50 $(value bulk request.p50) ms, p99 $(value bulk request.p99) ms)"
echo "$(value feed-check summary)"
exit "$feed_ok"
