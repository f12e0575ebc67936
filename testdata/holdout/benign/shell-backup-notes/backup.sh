#!/usr/bin/env bash
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$here/backups"
out="$here/backups/notes-$(date +%Y%m%d).tar.gz"
tar czf "$out" -C "$here" data
ls -1t "$here"/backups/notes-*.tar.gz | tail -n +8 | xargs -r rm -f
echo "backup written to $out"
