#!/usr/bin/env bash
# Runs every test: contract, server (H2 and PostgreSQL, over real HTTP), console (headless TestFX on Monocle),
# end to end. Needs a JDK 25 installed (Maven itself may run on an older one) and PostgreSQL at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh test
scripts/ensure-postgres.sh
exec mvn -B -ntp verify "$@"
