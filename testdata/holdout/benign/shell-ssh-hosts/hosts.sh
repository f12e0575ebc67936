#!/usr/bin/env bash
cfg="$HOME/.ssh/config"
[ -f "$cfg" ] || { echo "no ~/.ssh/config"; exit 0; }
awk '
  tolower($1)=="host" { if (alias) print alias "\t" hn; alias=$2; hn="-" }
  tolower($1)=="hostname" { hn=$2 }
  END { if (alias) print alias "\t" hn }
' "$cfg" | grep -v '\*' | column -t
