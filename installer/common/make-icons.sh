#!/usr/bin/env bash
# Renders every installer icon from the one source, installer/common/moddesk.svg, into installer/common/icons/:
#   moddesk-<size>.png (16…512, Linux menu icon and the hicolor sizes), moddesk.png (256, jpackage on Linux),
#   moddesk.ico (Windows: 16, 24, 32, 48, 64, 128, 256), moddesk.icns (macOS: 16…512 incl. the 2x sizes).
# The outputs are committed so Windows and macOS builds need none of these tools; run this after changing the SVG.
# Needs (Debian): librsvg2-bin (rsvg-convert), imagemagick (convert, for the .ico), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"
src=moddesk.svg
out=icons
mkdir -p "$out"
for tool in rsvg-convert png2icns; do
  command -v "$tool" >/dev/null || { echo "make-icons.sh needs $tool (apt-get install librsvg2-bin icnsutils)"; exit 1; }
done
[ -x /usr/bin/convert ] || { echo "make-icons.sh needs ImageMagick (apt-get install imagemagick)"; exit 1; }
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --format png --output "$out/moddesk-$size.png" "$src"
done
cp "$out/moddesk-256.png" "$out/moddesk.png"
/usr/bin/convert "$out"/moddesk-{16,24,32,48,64,128,256}.png "$out/moddesk.ico"
# png2icns picks the icon types from each PNG's size (16, 32, 48, 128, 256, 512).
png2icns "$out/moddesk.icns" "$out"/moddesk-{16,32,48,128,256,512}.png >/dev/null
echo "Icons written to installer/common/$out"
