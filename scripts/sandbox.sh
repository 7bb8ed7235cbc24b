#!/usr/bin/env bash
# Builds ModDesk and starts the console in sandbox mode: it launches the reference server on an embedded database
# with the platform simulator, signs in and shows live data. Closing the window stops the server.
# The console runs on the module path: java --module-path app/target/<app jar>:app/target/modules
#   --module dev.moddesk.app/dev.moddesk.app.Launcher (see app/pom.xml, exec:exec).
# Extra arguments go to the console, e.g. scripts/sandbox.sh --lang en --theme dark
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh console
args="--sandbox${*:+ $*}"
mvnw=(mvn -B -ntp -q -DskipTests)
xvfb=()
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname -s)" = Linux ] && command -v xvfb-run >/dev/null; then
  echo "No display found: running the console in a virtual screen (xvfb-run)."
  xvfb=(xvfb-run -a -s "-screen 0 1440x900x24")
fi
# Start-up cache (JDK AOT): rebuilt whenever the console's sources changed since it was made, because JDK 25.0.3 may
# reuse stale classes from a cache made for older jars (JDK-8377932). A failed training run only costs speed.
aot=app/target/moddesk.aot
if [ ! -s "$aot" ] || [ -n "$(find app/src/main contract/src/main screening/src/main fxml styles pom.xml app/pom.xml contract/pom.xml \
      screening/pom.xml \
      -newer "$aot" -print -quit 2>/dev/null)" ]; then
  echo "Preparing the start-up cache (once after each change)…"
  rm -f "$aot"
  "${xvfb[@]}" "${mvnw[@]}" package exec:exec@aot-train >/dev/null 2>&1 || echo "note: no start-up cache this time"
fi
jvm=""
[ -s "$aot" ] && jvm="-XX:AOTCache=$PWD/$aot"
exec "${xvfb[@]}" "${mvnw[@]}" package exec:exec "-Dmoddesk.args=$args" "-Dmoddesk.jvm.args=$jvm"
