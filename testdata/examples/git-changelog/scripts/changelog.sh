#!/usr/bin/env bash
set -euo pipefail
last=$(git describe --tags --abbrev=0 2>/dev/null || git rev-list --max-parents=0 HEAD)
echo "## Changes since ${last}"
git log --no-merges --pretty='- %s (%h)' "${last}..HEAD"
