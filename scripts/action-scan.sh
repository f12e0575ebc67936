#!/usr/bin/env bash
# The GitHub Action's scan step. Reads INPUT_* variables, scans once for
# SARIF (uploaded to code scanning), once for the Markdown job summary and
# once in the requested format, and records the exit code as a step output
# so that the SARIF is uploaded even when the bar fails. Tested by
# cmd/skillgate/testdata/script/action_scan.txtar.
set -uo pipefail

out_dir="${RUNNER_TEMP:-$(mktemp -d)}/skillgate"
mkdir -p "$out_dir"
read -r -a paths <<< "${INPUT_PATHS:-.}"
[ ${#paths[@]} -gt 0 ] || paths=(.)

args=(--fail-on "${INPUT_FAIL_ON:-block}")
[ -n "${INPUT_POLICY:-}" ] && args+=(--policy "$INPUT_POLICY")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")

changed="${INPUT_CHANGED_ONLY:-auto}"
if [ "$changed" = auto ]; then
  if [ "${GITHUB_EVENT_NAME:-}" = pull_request ] || [ "${GITHUB_EVENT_NAME:-}" = pull_request_target ]; then
    changed=true
  else
    changed=false
  fi
fi
if [ "$changed" = true ]; then
  base="${SKILLGATE_BASE_REV:-}"
  if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
    git fetch --no-tags --quiet origin "$GITHUB_BASE_REF" 2>/dev/null || true
    base=$(git merge-base HEAD "origin/$GITHUB_BASE_REF" 2>/dev/null || true)
  fi
  if [ -n "$base" ]; then
    args+=(--changed-since "$base")
  else
    echo "::warning title=skillgate::no base revision found; scanning every skill"
  fi
fi

format="${INPUT_FORMAT:-sarif}"
case "$format" in
  sarif) ext=sarif ;; json) ext=json ;; markdown) ext=md ;; html) ext=html ;; text) ext=txt ;;
  *) echo "::error title=skillgate::unknown format $format"; echo "exit-code=2" >> "${GITHUB_OUTPUT:-/dev/null}"; exit 2 ;;
esac

sarif="$out_dir/skillgate.sarif"
skillgate scan "${args[@]}" --fail-on never --format sarif --output "$sarif" "${paths[@]}"
status=$?
if [ "$status" -ne 0 ]; then
  echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit 0
fi
skillgate scan "${args[@]}" --format markdown --output "$out_dir/summary.md" "${paths[@]}"
status=$?
cat "$out_dir/summary.md" >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
report="$out_dir/skillgate.$ext"
if [ "$format" != sarif ]; then
  skillgate scan "${args[@]}" --fail-on never --format "$format" --output "$report" "${paths[@]}" || true
fi
{
  echo "sarif=$sarif"
  echo "report=$report"
  echo "exit-code=$status"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
