#!/usr/bin/env bash
set -euo pipefail
last=$(git describe --tags --abbrev=0 2>/dev/null || git rev-list --max-parents=0 HEAD)
echo "## Changes since ${last}"
for t in feat fix docs chore; do
  lines=$(git log --pretty=format:'%s (%h)' "${last}..HEAD" | grep -E "^${t}(\(|:)" || true)
  [ -n "$lines" ] || continue
  echo
  echo "### ${t}"
  echo "$lines" | sed 's/^/- /'
done
