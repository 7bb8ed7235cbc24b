#!/usr/bin/env bash
# The PostgreSQL integration tests need a server at 127.0.0.1:5432 with a database `test` that user `postgres`
# reaches over TCP without a password (trust). This script makes that true on a Debian/Ubuntu machine:
#   running already            -> nothing to do
#   installed, not running     -> starts the cluster(s)
#   not installed (and root)   -> installs Debian's `postgresql`, starts it, trusts 127.0.0.1 for the tests
# and creates the database `test` when it is missing. Elsewhere it says plainly what is needed and fails.
set -euo pipefail
HOST=127.0.0.1 PORT=5432

ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$HOST" -p "$PORT"; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
fail() { echo "PostgreSQL: $*" >&2; echo "The tests need PostgreSQL at $HOST:$PORT, database 'test', trust auth for user postgres." >&2; exit 1; }

start_clusters() {
  for v in $(ls /etc/postgresql 2>/dev/null); do
    for c in $(ls "/etc/postgresql/$v"); do
      pg_ctlcluster --skip-systemctl-redirect "$v" "$c" start 2>/dev/null || true
    done
  done
  for _ in $(seq 1 60); do ready && return 0; sleep 1; done
  return 1
}

# Test clusters made by this script trust loopback TCP; an existing cluster's auth is left as its owner set it.
trust_loopback() {
  local changed=0
  for hba in /etc/postgresql/*/main/pg_hba.conf; do
    [ -f "$hba" ] || continue
    if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"; changed=1
    fi
  done
  [ $changed -eq 0 ] || for v in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$v" main reload || true; done
}

if ! ready; then
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null || fail "not installed, and this is not a Debian/Ubuntu machine."
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then fail "not installed; install it as root: apt-get install postgresql"; fi
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "Installing PostgreSQL (Debian package postgresql) for the tests..."
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    created=1
  fi
  start_clusters || fail "installed, but no cluster answers on $HOST:$PORT after starting (see /var/log/postgresql/)."
  [ "${created:-0}" -eq 0 ] || trust_loopback
fi

if ! psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  [ "${created:-0}" -eq 1 ] || fail "running, but user postgres cannot sign in over TCP without a password."
  trust_loopback
fi
if [ "$(psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atqc "select count(*) from pg_database where datname='test'")" = 0 ]; then
  echo "Creating database 'test'"
  psql -h "$HOST" -p "$PORT" -U postgres -d postgres -qc 'CREATE DATABASE test' >/dev/null
fi
ready || fail "not reachable."
echo "PostgreSQL ready at $HOST:$PORT (database test)."
