#!/usr/bin/env bash
set -eu
hooks="$(git rev-parse --git-path hooks)"
mkdir -p "$hooks"
if [ -f "$hooks/pre-commit" ] && ! grep -q 'secrets-scan' "$hooks/pre-commit"; then
  mv "$hooks/pre-commit" "$hooks/pre-commit.local"
fi

cat > "$hooks/pre-commit" <<'HOOK'
#!/usr/bin/env bash
# secrets-scan: block likely credentials in staged changes (local check, no network)
patterns=(
  'AKIA[0-9A-Z]{16}'
  'ghp_[A-Za-z0-9]{36}'
  'xox[baprs]-[A-Za-z0-9-]{10,}'
  '-----BEGIN (RSA|OPENSSH|EC|DSA) PRIVATE KEY-----'
  '(api|secret)_?key["'"'"' ]*[:=] *["'"'"'][A-Za-z0-9/+]{20,}'
)
added="$(git diff --cached -U0 --no-color | grep '^+' | grep -v '^+++')"
hit=0
for p in "${patterns[@]}"; do
  if printf '%s\n' "$added" | grep -Eq -- "$p"; then
    echo "pre-commit: staged changes match secret pattern: $p" >&2
    hit=1
  fi
done
if [ "$hit" -ne 0 ]; then
  echo "Remove the secret (and rotate it if it was ever pushed) before committing." >&2
  exit 1
fi
[ -x "$(dirname "$0")/pre-commit.local" ] && exec "$(dirname "$0")/pre-commit.local"
exit 0
HOOK
chmod +x "$hooks/pre-commit"
echo "installed $hooks/pre-commit"
