#!/bin/bash
for url in https://status.example.test/health https://api.example.test/v1/ping; do
  if curl -fsS --retry 2 --max-time 5 "$url" >/dev/null; then
    echo "up: $url"
  else
    echo "DOWN: $url"
  fi
done
nc -z -w 2 db.example.test 5432 && echo "db reachable"
