#!/usr/bin/env bash
# Builds ModDesk and starts the console in sandbox mode: it launches the reference server on an embedded database
# with the platform simulator, signs in as the sandbox admin and shows live data. Closing the window stops the server.
# Extra arguments go to the console, e.g. scripts/sandbox.sh --lang en --theme dark
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh console
args="--sandbox${*:+ $*}"
run=(mvn -B -ntp -q -DskipTests package exec:exec "-Dmoddesk.args=$args")
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname -s)" = Linux ] && command -v xvfb-run >/dev/null; then
  echo "No display found: running the console in a virtual screen (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1440x900x24" "${run[@]}"
fi
exec "${run[@]}"
