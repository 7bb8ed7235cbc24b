#!/usr/bin/env bash
# CI smoke test of the packaged console (issue 14): builds the jpackage app image (trimmed runtime, the console's
# jars, the AOT start-up cache trained at build time; no .deb), starts its native launcher in a virtual screen with
# a window manager, waits for the sign-in window (its title, found with xdotool, and the console's log line once
# the window is shown), then closes it the way a user does — the window manager's close request (wmctrl -c, the same
# WM_DELETE_WINDOW a click on the title bar's ✕ sends) — and requires the program to exit by itself with status 0.
# Usage: scripts/package-smoke.sh [--no-build]   (the image must then be in installer/target/image/ModDesk)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh package
if [ "${1:-}" != "--no-build" ]; then
  echo "package smoke: building the app image (mvn -Pinstaller, no .deb)…"
  mvn -B -ntp -q -Pinstaller -Dmaven.test.skip=true -Dinstaller.package.skip=true package -pl installer -am
fi
image=installer/target/image/ModDesk
launcher=$image/bin/ModDesk
[ -x "$launcher" ] || { echo "package smoke: no launcher at $launcher"; exit 1; }
[ -s "$image/lib/app/moddesk.aot" ] || { echo "package smoke: the image has no AOT cache (lib/app/moddesk.aot)"; exit 1; }
echo "package smoke: image $(du -sh "$image" | cut -f1) on disk, AOT cache $(du -sh "$image/lib/app/moddesk.aot" | cut -f1)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The program's settings and logs go to a throw-away home, not the CI user's.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
export LAUNCHER="$PWD/$launcher" APPLOG="$work/app.log"
# The image's AOT cache is made for the image at /opt/moddesk (where the .deb puts it; the JVM refuses a cache made for
# another module path). Run it there too, in a mount namespace of this script's own (tmpfs on /opt, the image
# bind-mounted at /opt/moddesk), so the smoke test also shows that the shipped cache is accepted.
mount_ns=()
if command -v unshare >/dev/null; then
  [ "$(id -u)" -eq 0 ] || mount_ns=(--user --map-root-user)
  mount_ns=(unshare "${mount_ns[@]}" --mount --propagation private sh -c \
    'mount -t tmpfs tmpfs /opt && mkdir -p /opt/moddesk && mount --bind "$1" /opt/moddesk && shift && exec "$@"' \
    smoke "$PWD/$image")
  LAUNCHER=/opt/moddesk/bin/ModDesk
fi
status=0
timeout 180 "${mount_ns[@]}" xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
  set -u
  openbox >/dev/null 2>&1 &
  wm=$!
  start=$(date +%s%N)
  "$LAUNCHER" --server http://127.0.0.1:9 >"$APPLOG" 2>&1 &
  app=$!
  win=$(timeout 90 xdotool search --sync --onlyvisible --name "^ModDesk" 2>/dev/null | head -n 1) || true
  if [ -z "$win" ]; then echo "package smoke: no ModDesk window within 90 s"; kill "$app" "$wm" 2>/dev/null; exit 2; fi
  echo "package smoke: window \"$(xdotool getwindowname "$win")\" mapped $(( ($(date +%s%N) - start) / 1000000 )) ms after the launcher started"
  # The console logs once the sign-in window is shown (ModDeskApp: "Window shown …" / moddesk.firstPaint).
  if ! timeout 60 grep -q -m 1 -E "Window shown|moddesk.firstPaint" <(tail -n +1 -f "$APPLOG"); then
    echo "package smoke: the console never logged its first window"; kill "$app" "$wm" 2>/dev/null; exit 3
  fi
  grep -m 1 -E "Window shown|moddesk.firstPaint" "$APPLOG" | sed "s/^/package smoke: console: /"
  wmctrl -c ModDesk
  if ! timeout 60 tail --pid="$app" -f /dev/null; then
    echo "package smoke: still running 60 s after the window was closed"; kill -9 "$app"; kill "$wm"; exit 4
  fi
  wait "$app"; code=$?
  kill "$wm" 2>/dev/null
  echo "package smoke: exit status after closing the window: $code"
  exit "$code"
' || status=$?
if [ "$status" -ne 0 ]; then
  echo "package smoke: FAILED ($status); the console's output:"; cat "$APPLOG" 2>/dev/null || true
  exit 1
fi
if grep -E "\]\[(error|warning) *\]\[(aot|cds)" "$APPLOG"; then
  echo "package smoke: FAILED: the JVM refused the image's AOT cache (above)"; exit 1
fi
[ ${#mount_ns[@]} -gt 0 ] && echo "package smoke: the AOT cache was accepted at /opt/moddesk (no aot error or warning)"
# The console's logging is set up in code (app core/LogSetup, a logback Configurator service of the app module): on the
# module path it must write the rotating log file in the XDG state folder, with the first-paint line in it.
logfile=$(find "$XDG_STATE_HOME" -name moddesk.log -type f 2>/dev/null | head -n 1)
if [ -z "$logfile" ] || ! grep -q "moddesk.firstPaint" "$logfile"; then
  echo "package smoke: FAILED: no log file with the first-paint line under $XDG_STATE_HOME (logging not set up)"; exit 1
fi
echo "package smoke: log file ${logfile#"$work"/} written"
if grep -q "Unsupported JavaFX configuration" "$APPLOG"; then
  echo "package smoke: note: JavaFX still loads from the class path (Unsupported JavaFX configuration)"
fi
echo "package smoke: passed"
