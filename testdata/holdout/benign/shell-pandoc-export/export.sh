#!/usr/bin/env bash
set -euo pipefail
in="${1:?usage: export.sh FILE.md FORMAT}"
fmt="${2:-pdf}"
case "$fmt" in pdf|docx|html) ;; *) echo "unsupported format: $fmt"; exit 1;; esac
out="${in%.md}.$fmt"
pandoc "$in" --standalone --toc -o "$out"
echo "wrote $out"
