#!/bin/bash
set -eu
img="$1"
mime=$(file -b --mime-type "$img")
data=$(base64 < "$img" | tr -d '\n')
printf '![image](data:%s;base64,%s)\n' "$mime" "$data"
