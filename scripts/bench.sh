#!/usr/bin/env bash
# Times a whole `skillgate scan` of a generated corpus of 1,000 mixed
# skills (copies of the labelled corpus) and prints skills/s, ms per skill
# and peak memory. Repeatable: the corpus is regenerated identically.
#
#   scripts/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/skillgate" ./cmd/skillgate
go run ./internal/cmd/gencorpus -n "$n" -src testdata/corpus -o "$work/corpus" >/dev/null
echo "corpus: $n skills, $(du -sh "$work/corpus" | cut -f1), $(nproc) cores"

# Warm the page cache once, then time three runs.
"$work/skillgate" scan "$work/corpus" --format json --output /dev/null --fail-on never
best=""
for i in 1 2 3; do
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$work/skillgate" scan "$work/corpus" --format json --output "$work/out.json" --fail-on never
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  rss=$(cat "$work/rss")
  printf 'run %d: %.3f s, %.0f skills/s, %.3f ms/skill, peak RSS %d MiB\n' "$i" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "1000 * $secs / $n" | bc -l)" "$((rss / 1024))"
done
python3 - "$work/out.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("verdicts:", r["summary"])
PY
