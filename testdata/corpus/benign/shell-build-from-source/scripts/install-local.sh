#!/bin/sh
set -e
mkdir -p "$HOME/.local/bin"
cp /tmp/cli/bin/cli "$HOME/.local/bin/cli"
chmod +x "$HOME/.local/bin/cli"
echo "installed to ~/.local/bin/cli"
