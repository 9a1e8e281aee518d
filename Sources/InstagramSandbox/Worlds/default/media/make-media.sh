#!/bin/sh
# Regenerates the default world's media fixtures (run once; the outputs are committed).
# Needs ImageMagick (convert) and ffmpeg ($FFMPEG, default ffmpeg). Small on purpose: a few KB to a few tens of KB each.
# `make-media.sh videos` makes only the four videos (not their covers): deploy/world-videos runs it with the static
# ffmpeg of PyPI's imageio-ffmpeg, for a machine without one. The videos play at 30 fps (Meta takes 23-60 fps).
set -eu
cd "$(dirname "$0")"
FFMPEG=${FFMPEG:-ffmpeg}
video() { # name width height seconds source
  "$FFMPEG" -loglevel error -y -f lavfi -i "$5=size=$2x$3:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=22050" \
    -t "$4" -c:v libx264 -preset veryslow -crf 42 -pix_fmt yuv420p -profile:v high -c:a aac -b:a 16k -ac 1 \
    -movflags +faststart "$1"
  [ "${ONLY:-}" = videos ] || "$FFMPEG" -loglevel error -y -i "$1" -frames:v 1 -q:v 24 "${1%.mp4}-cover.jpg"
}
videos() {
  video v01.mp4 720 1280 2 smptehdbars
  video v02.mp4 1080 1080 2 smptebars
  video v03.mp4 720 1280 3 rgbtestsrc
  video v04.mp4 1080 608 2 rgbtestsrc
}
if [ "${1:-}" = videos ]; then ONLY=videos videos; exit 0; fi
photo() { # name width height colour1 colour2 label
  convert -size "$2x$3" "gradient:$4-$5" -gravity center -pointsize $(( $2 / 12 )) -fill white \
    -annotate 0 "$6" -strip -quality 40 -sampling-factor 4:2:0 "$1"
}
photo p01.jpg 1080 1350 '#1d3557' '#e63946' 'Gyeongbokgung'
photo p02.jpg 1080 1080 '#2a9d8f' '#e9c46a' 'Hangang'
photo p03.jpg 1080 566 '#264653' '#f4a261' 'Busan'
photo p04.jpg 1080 1350 '#6a4c93' '#8ac926' 'Jeju'
photo p05.jpg 1080 1080 '#ff595e' '#1982c4' 'Namsan'
photo p06.jpg 1080 1080 '#3d405b' '#81b29a' 'Garden'
photo p07.jpg 1080 1350 '#000000' '#ffb703' 'Night'
photo p08.jpg 1080 1080 '#023047' '#8ecae6' 'Sea'
for i in 1 2 3 4 5 6 7 8; do
  photo "c0$i.jpg" 1080 1080 '#11'$i'1'$i'1' '#f'$i'a'$i'3'$i "Slide $i"
done
avatar() { convert -size 320x320 "gradient:$2-$3" -gravity center -pointsize 120 -fill white -annotate 0 "$4" -strip -quality 50 "$1"; }
avatar a-seoul.jpg '#e63946' '#1d3557' 'ST'
avatar a-mina.jpg '#2a9d8f' '#264653' 'MK'
avatar a-garden.jpg '#81b29a' '#3d405b' 'HG'
avatar a-jun.jpg '#6a4c93' '#1982c4' 'JP'
avatar a-user.jpg '#ffb703' '#023047' 'SU'
avatar a-tv.jpg '#8ac926' '#ff595e' 'TV'
avatar a-star.jpg '#f4a261' '#e9c46a' '★'
avatar a-default.jpg '#cccccc' '#999999' '?'
videos
