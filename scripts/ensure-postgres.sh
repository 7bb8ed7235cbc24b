#!/usr/bin/env bash
# The PostgreSQL integration tests need a server at 127.0.0.1:5432 with database `test` (trust auth).
# Starts the local cluster when it is installed but not running; says plainly when there is none.
set -u
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  for v in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true; done
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done
fi
echo "PostgreSQL is not reachable at 127.0.0.1:5432 (database 'test'); the PostgreSQL tests will fail." >&2
exit 0
