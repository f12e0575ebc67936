#!/bin/bash
set -eu
in="$1"
out="${in%.*}.mp4"
ffmpeg -hide_banner -loglevel error -i "$in" -c:v libx264 -preset medium -crf 23 -c:a aac "$out"
echo "converted: $out"
