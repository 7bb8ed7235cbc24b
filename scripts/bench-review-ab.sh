#!/usr/bin/env bash
# Claim + decide, two server jars alternately in the same period (docs/benchmarks.md, "Session cache: A/B against
# the real jar"): for a machine other work is loading, where only a comparison made in the same minutes means
# anything. Seeds once through the ingest API (with jar A, into a template database), then for each round runs jar A
# and jar B, each on a fresh copy of the template, with `ReviewBench load` (the pair or console mix of
# scripts/bench-review.sh), then the raw-SQL baseline (pgbench, one statement, 8 clients, on another copy), and
# prints each run's rate, pair p50/p99, CPU and database transactions per pair.
#
#   scripts/bench-review-ab.sh A.jar B.jar     # environment: CLAIM_APPS (30000), WARMUP (60), DURATION (30),
#                                              # ROUNDS (2), MIX (pair), PGBENCH_SECONDS (20),
#                                              # PGHOST/PGPORT/PGUSER/PGDATABASE, A_OPTS and B_OPTS
#                                              # (JVM options of each server, e.g. a -D switch; none by default),
#                                              # PIN=1 (timed runs with PostgreSQL on the last core and the server,
#                                              # load generator and pgbench on the others; needs 2+ cores)
# Needs the load generator built: mvn -B -ntp -q -pl server -am package -DskipTests dependency:build-classpath \
#   -Dmdep.outputFile=target/review-bench.cp -Dmdep.includeScope=test
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar_a=$(realpath "$1")
jar_b=$(realpath "$2")
CLAIM_APPS=${CLAIM_APPS:-30000}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-30}
ROUNDS=${ROUNDS:-2}
MIX=${MIX:-pair}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-20}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
admin_db=$PGDATABASE
schema=mdab
tmpl="mdab_$(date +%s)_$$"
work=$(mktemp -d /tmp/moddesk-ab.XXXXXX)
server_pid=""
dbs=("$tmpl")
log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
# PIN=1: PostgreSQL's processes (and the backends its postmaster forks later) on the last core, the clients on the
# rest, as if the database had a machine of its own; undone at exit.
cores=$(nproc)
client=()
pin_pg() {
    local p
    for p in $(pgrep -x postgres); do taskset -a -p -c "$1" "$p" >/dev/null 2>&1 || true; done
}
if [[ "${PIN:-0}" == 1 ]]; then
    ((cores >= 2)) || { log "PIN=1 needs two or more cores"; exit 1; }
fi
cp="server/target/test-classes:server/target/classes:$(cat server/target/review-bench.cp)"
bench() { "${client[@]}" "$JAVA" -cp "$cp" dev.moddesk.server.bench.ReviewBench "$@"; }

stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
cleanup() {
    stop_server
    [[ "${PIN:-0}" != 1 ]] || pin_pg "0-$((cores - 1))"
    for db in "${dbs[@]}"; do PGDATABASE=$admin_db sql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true; done
    [[ "${KEEP:-0}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

# start_server JAR DATABASE FOLDER [JVM OPTIONS]: the jar as scripts/bench-review.sh starts it; sets server_pid and url.
start_server() {
    # shellcheck disable=SC2086
    "${client[@]}" "$JAVA" ${4:-} -jar "$1" --sandbox --no-sim --port 0 --data-dir "$3/data" \
        --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$2?currentSchema=$schema" --db-user "$PGUSER" \
        >"$3/server.out" 2>"$3/server.log" &
    server_pid=$!
    for _ in $(seq 1 300); do
        grep -q '^ModDesk server listening on ' "$3/server.out" && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$3/server.log" >&2; log "the server did not start"; exit 1; }
        sleep 1
    done
    url=$(sed -n 's/^ModDesk server listening on //p' "$3/server.out")
}
settle() {
    local t
    for t in $(PGDATABASE=$1 sql -c "SELECT tablename FROM pg_tables WHERE schemaname = '$schema'"); do
        PGDATABASE=$1 sql -c "VACUUM (ANALYZE) \"$schema\".\"$t\""
    done
    sql -c "CHECKPOINT"
}

log "machine: $(uptime)"
sql -c "CREATE DATABASE \"$tmpl\""
PGDATABASE=$tmpl sql -c "CREATE SCHEMA $schema"
mkdir -p "$work/seed"
start_server "$jar_a" "$tmpl" "$work/seed"
admin_password=$(sed -n 's|^sandbox account: admin / \([^ ]*\) (ADMIN)$|\1|p' "$work/seed/server.out")
log "seeding $CLAIM_APPS applications with $(basename "$jar_a") at $url"
bench setup "$url" "$admin_password" "$work/seed" "$CLAIM_APPS"
stop_server
settle "$tmpl"

if [[ "${PIN:-0}" == 1 ]]; then # after seeding, which runs on every core
    pin_pg "$((cores - 1))"
    client=(taskset -c "0-$((cores - 2))")
    log "pinned: PostgreSQL on core $((cores - 1)), the server, load generator and pgbench on 0-$((cores - 2))"
fi
printf '%-6s %-22s %10s %18s  %s\n' run jar "pairs/s" "pair p50/p99 ms" "per pair" >"$work/summary"
n=0
for round in $(seq 1 "$ROUNDS"); do
    for side in a b; do
        if [[ $side == a ]]; then jar=$jar_a opts=${A_OPTS:-}; else jar=$jar_b opts=${B_OPTS:-}; fi
        n=$((n + 1))
        db="${tmpl}_r$n"
        dbs+=("$db")
        sql -c "CREATE DATABASE \"$db\" TEMPLATE \"$tmpl\""
        run="$work/run$n"
        mkdir -p "$run"
        cp "$work/seed/bench.properties" "$run/"
        start_server "$jar" "$db" "$run" "$opts"
        sed -i "s|^url=.*|url=$url|" "$run/bench.properties"
        settle "$db"
        log "run $n (round $round): $side $(basename "$jar")${opts:+ $opts}, $MIX mix, $WARMUP s warm-up + $DURATION s; $(uptime)"
        MODDESK_BENCH_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db?user=$PGUSER" \
            bench load "$run" "$server_pid" "$MIX" "$WARMUP" "$DURATION" | tee "$run/load.out" >&2
        stop_server
        r="$run/load-$MIX.results"
        v() { sed -n "s/^$1=//p" "$r" | head -1 | sed 's/\\\(.\)/\1/g'; }
        printf '%-6s %-22s %10s %8s / %-8s  %s; %s\n' "$n" "$side $(basename "$jar")" "$(v pairsPerSecond)" "$(v pair.p50)" \
            "$(v pair.p99)" "$(v perPair)" "$(v cpu)" >>"$work/summary"
        PGDATABASE=$admin_db sql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    done
    db="${tmpl}_pg$round"
    dbs+=("$db")
    sql -c "CREATE DATABASE \"$db\" TEMPLATE \"$tmpl\""
    settle "$db"
    log "pgbench one statement (round $round): 8 clients, $PGBENCH_SECONDS s; $(uptime)"
    before=$(PGDATABASE=$db sql -c "SELECT count(*) FROM $schema.review_decision")
    PGDATABASE=$db PGOPTIONS="-c search_path=$schema" "${client[@]}" pgbench -n -f "$work/seed/pgbench-one_statement.sql" -c 8 -j 2 \
        -T "$PGBENCH_SECONDS" -M prepared -D floor=0 -l --log-prefix="$work/pglog$round" >"$work/pgbench$round.out" 2>&1 \
        || { cat "$work/pgbench$round.out" >&2; exit 1; }
    after=$(PGDATABASE=$db sql -c "SELECT count(*) FROM $schema.review_decision")
    read -r p50 p99 < <(cat "$work"/pglog"$round".* | awk '{print $3}' | sort -n | awk '
        { v[NR] = $1 } END { i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999);
                             printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }')
    printf '%-6s %-22s %10s %8s / %-8s\n' "pg$round" "pgbench one statement" \
        "$(awk -v d=$((after - before)) -v s="$PGBENCH_SECONDS" 'BEGIN { printf "%.2f", d / s }')" "$p50" "$p99" \
        >>"$work/summary"
    PGDATABASE=$admin_db sql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
done
echo
echo "Claim + decide A/B ($MIX mix, $WARMUP s warm-up + $DURATION s, $CLAIM_APPS applications, $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "machine after: $(uptime)"
cat "$work/summary"
