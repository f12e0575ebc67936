#!/usr/bin/env bash
set -euo pipefail
dir="${1:?usage: resize.sh DIR WIDTH}"
width="${2:-1200}"
mkdir -p "$dir/originals"
shopt -s nullglob nocaseglob
for f in "$dir"/*.jpg "$dir"/*.jpeg "$dir"/*.png; do
  cp -n "$f" "$dir/originals/"
  convert "$f" -resize "${width}x>" "$f"
  echo "resized $(basename "$f")"
done
