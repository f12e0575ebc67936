#!/bin/bash
set -eu
last=$(git describe --tags --abbrev=0 2>/dev/null || git rev-list --max-parents=0 HEAD)
git log --pretty=format:'- %s (%h)' "$last"..HEAD | grep -v '^- Merge'
