#!/usr/bin/env bash
url="${HEALTHCHECK_URL:?set HEALTHCHECK_URL}"
read -r code time < <(curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}' "$url")
if [ "$code" = "200" ]; then
  echo "OK   $url ($time s)"
else
  echo "FAIL $url returned $code"
  exit 1
fi
