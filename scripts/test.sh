#!/usr/bin/env bash
# The whole test suite: vet, then every package's tests. Tests that need a
# tool or kernel feature the machine lacks skip with their reason; .ci/run
# installs those tools first so that nothing skips in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export CGO_ENABLED=1
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
go test -count=1 ./...
