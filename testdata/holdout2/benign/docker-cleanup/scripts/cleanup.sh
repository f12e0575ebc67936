#!/usr/bin/env bash
set -euo pipefail
apply=0 volumes=0
for a in "$@"; do
  case "$a" in
    --apply) apply=1 ;;
    --volumes) volumes=1 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

echo "== Stopped containers"
docker ps -a --filter status=exited --format '{{.ID}}\t{{.Names}}\t{{.Size}}' |
  while IFS=$'\t' read -r id name size; do
    printf '  %-12s %-30s %s\n' "$id" "$name" "$size"
  done

echo "== Dangling images"
docker images -f dangling=true --format '{{.ID}} {{.Size}}' |
  while IFS=' ' read -r id size; do
    printf '  %-12s %s\n' "$id" "$size"
  done

echo "== Unused volumes"
docker volume ls -qf dangling=true | while IFS= read -r vol; do
  printf '  %s\n' "$vol"
done

docker system df

if [ "$apply" -eq 0 ]; then
  echo; echo "Dry run. Re-run with --apply to remove the items above."
  exit 0
fi

docker container prune -f
docker image prune -f
if [ "$volumes" -eq 1 ]; then
  docker volume prune -f
fi
docker system df
