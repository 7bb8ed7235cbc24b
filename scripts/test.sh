#!/usr/bin/env bash
# Runs every test: contract, server (H2 and PostgreSQL, over real HTTP), console (headless TestFX on Monocle),
# end to end. Needs a JDK 25 installed (Maven itself may run on an older one); installs and starts PostgreSQL and NATS
# (Debian packages) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh test
scripts/ensure-postgres.sh
scripts/ensure-nats.sh
exec mvn -B -ntp verify "$@"
