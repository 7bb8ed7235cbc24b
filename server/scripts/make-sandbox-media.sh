#!/bin/sh
# Generates the sandbox's short application videos (H.264, yuv420p, video only, faststart) and their JPEG posters
# from ffmpeg's built-in synthetic sources, so no third-party footage is involved. A build-time tool only: the
# outputs are committed under src/main/resources/sandbox/media/ and the server never runs ffmpeg.
# Usage: server/scripts/make-sandbox-media.sh   (needs ffmpeg with libx264: apt-get install -y ffmpeg)
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/sandbox/media"
mkdir -p "$out"

# name | seconds | lavfi source (360x640 portrait, 15 fps)
clips='
hiking|5|gradients=s=360x640:r=15:c0=0x2e7d32:c1=0xa5d6a7:c2=0x1b5e20:c3=0xdcedc8:speed=0.02
photography|4|mandelbrot=s=360x640:r=12:end_scale=0.5
boardgames|4|testsrc=s=360x640:r=15
badminton|3|testsrc2=s=360x640:r=15
coffee|5|gradients=s=360x640:r=15:c0=0x4e342e:c1=0xd7ccc8:c2=0x795548:c3=0xffe0b2:speed=0.025:type=radial
pets|4|gradients=s=360x640:r=15:c0=0xff8a65:c1=0xfff3e0:c2=0x6d4c41:c3=0xffcc80:speed=0.03
'

echo "$clips" | while IFS='|' read -r name seconds source; do
    [ -z "$name" ] && continue
    ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i "$source" -t "$seconds" -an \
        -c:v libx264 -profile:v main -preset veryslow -crf 38 -pix_fmt yuv420p -movflags +faststart \
        "$out/$name.mp4"
    ffmpeg -nostdin -hide_banner -loglevel error -y -ss 1 -i "$out/$name.mp4" -frames:v 1 -q:v 6 "$out/$name.jpg"
    echo "$name: $(wc -c < "$out/$name.mp4") bytes video, $(wc -c < "$out/$name.jpg") bytes poster"
done
