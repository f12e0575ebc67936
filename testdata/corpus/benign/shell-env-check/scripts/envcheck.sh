#!/bin/bash
missing=0
for v in OPENAI_API_KEY DATABASE_URL; do
  if [ -z "$(printenv "$v")" ]; then
    echo "missing: $v"; missing=1
  fi
done
env | cut -d= -f1 | grep -c . | xargs echo "variables set:"
exit $missing
