#!/usr/bin/env bash
# Console cold start against the minimal-window floor, measured in one run (scripts/BenchStartup.java): time from
# process start to the "moddesk.firstPaint uptimeMs=N" line, console and floor alternating, median/p90 and the ratio.
#
#   scripts/bench-startup.sh [--runs N] [--lang zh-CN|en]      # builds app/, trains both AOT caches when stale
#   scripts/bench-startup.sh --runs 10 --app "CMD" --floor "CMD"  # any launchers, e.g. the packaged app image
#
# Without --app/--floor it starts both from the module path (app/target/<jar>:app/target/modules), each with its own
# AOT cache (app/target/moddesk.aot, app/target/floor.aot) made by a training run at build time. No display: runs
# under xvfb-run. The machine is shared: note the load average the script prints beside any figure.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10 app="" floor="" lang="en"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --app) app="$2"; shift 2 ;;
    --floor) floor="$2"; shift 2 ;;
    --lang) lang="$2"; shift 2 ;;
    *) echo "unknown option $1 (use --runs N, --lang zh-CN|en, --app CMD, --floor CMD)" >&2; exit 2 ;;
  esac
done
java25() {
  local candidate
  for candidate in "${MODDESK_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*25*/bin/java java; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -XshowSettings:properties -version 2>&1 | grep -Eq 'java\.specification\.version = (2[5-9]|[3-9][0-9])'; then
      echo "$candidate"; return
    fi
  done
  echo "No JDK 25 found (set MODDESK_JAVA to its bin/java)" >&2; exit 1
}
java=$(java25)
xvfb=()
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname -s)" = Linux ]; then
  xvfb=(xvfb-run -a -s "-screen 0 1440x900x24")
fi
if [ -z "$app" ] || [ -z "$floor" ]; then
  mvnw=(mvn -B -ntp -q -DskipTests)
  "${mvnw[@]}" -pl app -am package
  # The same module path and options as the training runs (absolute), or the JVM refuses the cache.
  jar=$(ls "$PWD"/app/target/moddesk-app-*.jar | head -1)
  mp="$jar:$PWD/app/target/modules"
  flags="--enable-native-access=javafx.graphics,javafx.media --module-path $mp"
  for cache in moddesk floor; do
    aot=app/target/$cache.aot
    if [ ! -s "$aot" ] || [ -n "$(find app/target/modules app/target/moddesk-app-*.jar -newer "$aot" -print -quit)" ]; then
      echo "Training the $cache start-up cache…"
      rm -f "$aot"
      main=dev.moddesk.app.Launcher args="--server http://127.0.0.1:9"
      [ $cache = floor ] && main=dev.moddesk.floor.FloorWindow args=""
      # Run directly, as exec:exec@aot-train / @aot-train-floor in app/pom.xml do (Maven alone would need the other
      # modules installed in ~/.m2 to resolve the console's dependencies outside the package phase).
      "${xvfb[@]}" "$java" -XX:AOTCacheOutput="$PWD/$aot" -Dmoddesk.aot.training=true $flags \
        -Dmoddesk.config.dir="$(mktemp -d)" --module dev.moddesk.app/$main $args >/dev/null 2>&1
      [ -s "$aot" ] || { echo "The $cache training run left no cache" >&2; exit 1; }
    fi
  done
  config=$(mktemp -d)
  trap 'rm -rf "$config"' EXIT
  app="$java -XX:AOTCache=$PWD/app/target/moddesk.aot $flags -Dmoddesk.config.dir=$config"
  app="$app --module dev.moddesk.app/dev.moddesk.app.Launcher --lang $lang"
  floor="$java -XX:AOTCache=$PWD/app/target/floor.aot $flags --module dev.moddesk.app/dev.moddesk.floor.FloorWindow"
fi
"${xvfb[@]}" "$java" scripts/BenchStartup.java --runs "$runs" --app "$app" --floor "$floor"
