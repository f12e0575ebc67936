#!/usr/bin/env bash
set -u
dir="$HOME/.ssh"
[ -d "$dir" ] || { echo "no ~/.ssh directory"; exit 0; }

perm() { stat -c '%a' "$1" 2>/dev/null || stat -f '%Lp' "$1"; }

p="$(perm "$dir")"
[ "$p" = "700" ] || echo "WARN ~/.ssh is $p, expected 700  (fix: chmod 700 ~/.ssh)"

for pub in "$dir"/*.pub; do
  [ -e "$pub" ] || continue
  key="${pub%.pub}"
  if [ -e "$key" ]; then
    kp="$(perm "$key")"
    case "$kp" in 600|400) ;; *) echo "WARN $(basename "$key") is $kp, expected 600  (fix: chmod 600 $key)";; esac
  fi
  # fingerprint of the PUBLIC key only: "<bits> <fp> <comment> (<type>)"
  read -r bits fp _ type <<<"$(ssh-keygen -lf "$pub")"
  echo "key $(basename "$pub"): $type $bits bits $fp"
  if [ "$type" = "(RSA)" ] && [ "$bits" -lt 3072 ]; then
    echo "WARN $(basename "$pub") is RSA-$bits; consider an ed25519 key"
  fi
done
