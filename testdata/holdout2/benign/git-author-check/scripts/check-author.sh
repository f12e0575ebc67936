#!/usr/bin/env bash
set -u
domain="${1:-example.com}"

name="$(git config user.name || true)"
email="$(git config user.email || true)"
scope="global"
git config --local user.email >/dev/null 2>&1 && scope="local"

status=0
if [ -z "$name" ]; then
  echo "user.name is not set"
  status=1
fi
if [ -z "$email" ]; then
  echo "user.email is not set"
  status=1
elif [[ "$email" != *"@$domain" ]]; then
  echo "user.email '$email' ($scope) is not an @$domain address"
  status=1
fi

if [ "$status" -ne 0 ]; then
  echo
  echo "Suggested fix (run yourself, repository-local):"
  echo "  git config user.name  \"Your Name\""
  echo "  git config user.email \"you@$domain\""
else
  echo "OK: $name <$email> ($scope)"
fi
exit "$status"
