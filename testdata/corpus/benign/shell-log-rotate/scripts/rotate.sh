#!/bin/sh
LOGDIR="$(dirname "$0")/../logs"
mkdir -p "$LOGDIR"
for f in "$LOGDIR"/*.log; do
  [ -f "$f" ] || continue
  gzip -c "$f" > "$f.$(date +%s).gz" && : > "$f"
done
echo "rotated at $(date)" >> "$LOGDIR/rotate.log"
