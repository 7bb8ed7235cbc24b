#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages ModDesk needs on a Linux machine, if they are missing:
#   console   : GTK 3 for a real window, a CJK font so Chinese does not render as boxes, libav + ALSA for inline video
#   headless  : Xvfb, when there is no display (CI, servers)
#   test      : the CJK font and libav (TestFX plays a sandbox clip under Monocle)
#   package   : building installers and their smoke test (scripts/package-smoke.sh): fakeroot + binutils for
#               jpackage's .deb, GTK 3 and Xvfb to train the start-up cache, a window manager (openbox) with
#               xdotool and wmctrl to find and close the packaged console's window like a user
# Usage: scripts/ensure-system-packages.sh [console|test|package]
set -euo pipefail
want=(fonts-noto-cjk)
case "${1:-console}" in
  console) want+=(libgtk-3-0 libavcodec59 libavformat59 libasound2 xvfb xauth) ;;
  test) want+=(libavcodec59 libavformat59 libasound2) ;;   # the console tests play a real H.264 clip headless
  package) want+=(libgtk-3-0 libasound2 xvfb xauth xdotool wmctrl openbox fakeroot binutils) ;;
esac
[ "$(uname -s)" = Linux ] && command -v dpkg >/dev/null || exit 0
missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install: ${missing[*]} (needs root)"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# Package names differ between releases (libavcodec59 on Debian 12, 61 on 13): install what exists.
installable=()
for p in "${missing[@]}"; do
  if apt-cache show "$p" >/dev/null 2>&1; then installable+=("$p"); else
    alt=$(apt-cache pkgnames "${p%%[0-9]*}" 2>/dev/null | grep -E "^${p%%[0-9]*}[0-9]+$" | sort -V | tail -n 1 || true)
    [ -n "$alt" ] && installable+=("$alt") || echo "note: no package $p here; skipping"
  fi
done
[ ${#installable[@]} -gt 0 ] && $sudo apt-get install -y -qq --no-install-recommends "${installable[@]}" >/dev/null
echo "System packages ready."
