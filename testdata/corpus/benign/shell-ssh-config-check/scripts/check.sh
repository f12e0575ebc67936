#!/bin/bash
for f in ~/.ssh/config ~/.ssh/id_ed25519; do
  if [ -e "$f" ]; then
    mode=$(stat -c %a "$f")
    [ "$mode" = 600 ] || echo "fix: chmod 600 $f (is $mode)"
  fi
done
chmod 700 ~/.ssh
