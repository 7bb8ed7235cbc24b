#!/usr/bin/env bash
# Runs every test: contract, server (H2 and PostgreSQL, over real HTTP), console (headless TestFX on Monocle),
# end to end, then the packaged console (scripts/package-smoke.sh: the jpackage app image started under Xvfb and
# closed like a user closes it; MODDESK_SKIP_PACKAGE_SMOKE=1 skips it). Needs a JDK 25 installed (Maven itself may
# run on an older one); installs and starts PostgreSQL and NATS (Debian packages) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh test
scripts/ensure-postgres.sh
scripts/ensure-nats.sh
mvn -B -ntp verify "$@"
[ "${MODDESK_SKIP_PACKAGE_SMOKE:-}" = 1 ] || scripts/package-smoke.sh
