#!/usr/bin/env bash
# Cold start of the installed console (the .deb at /opt/moddesk: its own launcher, runtime and AOT cache) beside the
# minimal-window floor packaged the same way, in one run: scripts/BenchStartup.java times process start → the
# "moddesk.firstPaint uptimeMs=N" line, floor and console alternating, and prints median/p90 and the ratio.
#   sudo apt-get install ./installer/target/dist/moddesk_*.deb      # first (mvn -B -Pinstaller -DskipTests package)
#   scripts/bench-package-startup.sh [--runs N] [--lang en|zh-CN] [--no-build] [--app-launcher PATH]
# The floor image (installer/target/bench/ModDeskFloor) is made here from the installer's own runtime and jars with the
# same launcher options, main class dev.moddesk.floor.FloorWindow, and its own AOT cache trained the same way
# (installer/common/AotTrain.java). Also prints the image's size on disk and the .deb's size when one was built.
# The machine may be shared: the harness prints the load average; write it down beside the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10 lang=en build=1 launcher=/opt/moddesk/bin/ModDesk
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --lang) lang="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --app-launcher) launcher="$2"; shift 2 ;;
    *) echo "unknown option $1 (use --runs N, --lang en|zh-CN, --no-build, --app-launcher PATH)" >&2; exit 2 ;;
  esac
done
case "$lang" in en|zh-CN) ;; *) echo "--lang must be en or zh-CN" >&2; exit 2 ;; esac
[[ $runs =~ ^[1-9][0-9]{0,3}$ ]] || { echo "--runs must be a number from 1 to 9999" >&2; exit 2; }
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=${MODDESK_JAVA:-java}
jpackage=$(dirname "$(readlink -f "$(command -v "$java")")")/jpackage
t=installer/target
if [ $build = 1 ]; then
  scripts/ensure-system-packages.sh package
  mvn -B -ntp -q -Pinstaller -Dmaven.test.skip=true -Dinstaller.package.skip=true package -pl installer -am
fi
[ -x $t/image/ModDesk/bin/ModDesk ] || { echo "no app image: run mvn -Pinstaller -DskipTests package first"; exit 1; }
# The image's cache is made for /opt/moddesk (the JVM refuses it on another module path): measure the installed one.
[ -x "$launcher" ] || { echo "no $launcher: install the .deb first (see the top of this script)"; exit 1; }
rm -rf $t/bench
"$jpackage" --type app-image --name ModDeskFloor --dest $t/bench --runtime-image $t/runtime \
  --module-path $t/jars --module dev.moddesk.app/dev.moddesk.floor.FloorWindow @installer/linux/launcher.args
"$java" installer/common/AotTrain.java $t/bench/ModDeskFloor ModDeskFloor
echo "installed: $(du -sh "$(dirname "$(dirname "$launcher")")" | cut -f1) on disk; image on disk: $(du -sh $t/image/ModDesk | cut -f1) ($(du -sh --exclude=moddesk.aot $t/image/ModDesk | cut -f1) without the AOT cache, cache $(du -sh $t/image/ModDesk/lib/app/moddesk.aot | cut -f1))"
for deb in $t/dist/*.deb; do [ -f "$deb" ] && echo "package: $deb $(du -h --apparent-size "$deb" | cut -f1)"; done
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
xvfb=()
[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && xvfb=(xvfb-run -a -s "-screen 0 1440x900x24")
# Settings of the measured runs stay out of the user's own (XDG folders of a throw-away directory).
XDG_CONFIG_HOME=$config XDG_STATE_HOME=$config XDG_DATA_HOME=$config XDG_CACHE_HOME=$config \
  "${xvfb[@]}" "$java" scripts/BenchStartup.java --runs "$runs" \
  --app "$launcher --server http://127.0.0.1:9 --lang $lang" \
  --floor "$PWD/$t/bench/ModDeskFloor/bin/ModDeskFloor"
