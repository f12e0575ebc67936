#!/bin/bash
set -eu
DIR="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$DIR/backups"
stamp=$(date +%Y%m%d-%H%M%S)
tar czf "$DIR/backups/notes-$stamp.tar.gz" -C "$DIR" data
ls -1t "$DIR/backups" | tail -n +8 | while read -r old; do rm -f "$DIR/backups/$old"; done
echo "backup written"
