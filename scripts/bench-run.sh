#!/bin/sh
# bench-run.sh: start-to-exit of /bin/true in skillgate's native sandbox,
# side by side with bubblewrap in the same run (hyperfine if installed,
# else a Go benchmark). Target: <= 2x bwrap's median.
#
# Five commands are measured:
#   bwrap           bubblewrap with a comparable layout (ro /usr, proc, dev,
#                   tmpfs /tmp, the skill ro at /skill, all namespaces)
#   sandbox         the native sandbox alone over a staged skill
#                   (runner/internal/sandboxbench: same code as `run`)
#   skillgate-run   the whole `skillgate run SKILL --policy P -- /bin/true`:
#                   CLI start-up, stage + hash, signature verification,
#                   sandbox
#   go-empty        an empty Go program: the floor of any Go start-up
#   skillgate-start `skillgate version`: the binary's own start-up (Go
#                   runtime and every linked package's init)
# The target (<= 2x bwrap's median) is checked for both the sandbox and
# the whole command. Needs root (or unprivileged user namespaces) and
# Linux. The default stage goes to /dev/shm when it is a tmpfs.
set -eu
cd "$(dirname "$0")/.."
runs=${RUNS:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build ${GOFLAGS_BENCH:-} -o "$tmp/skillgate" ./cmd/skillgate
go build -o "$tmp/sandboxbench" ./runner/internal/sandboxbench
mkdir "$tmp/empty"
printf 'package main\n\nfunc main() {}\n' >"$tmp/empty/main.go"
printf 'module empty\n\ngo 1.26\n' >"$tmp/empty/go.mod"
(cd "$tmp/empty" && go build -o "$tmp/go-empty" .)

# A signed skill and a policy.
export SKILLGATE_PASSWORD=bench
mkdir -p "$tmp/skills/bench"
printf -- '---\nname: bench\ndescription: Benchmark skill.\n---\n' >"$tmp/skills/bench/SKILL.md"
(cd "$tmp" && ./skillgate keygen --output-key-prefix bench >/dev/null 2>&1 &&
	./skillgate approve skills/bench --key bench.key --approver bench --yes >/dev/null 2>&1) ||
	{ echo "bench-run.sh: skillgate keygen/approve failed" >&2; exit 2; }
cat >"$tmp/trust.yaml" <<POLICY
apiVersion: skillgate.dev/v1
kind: TrustPolicy
version: 1
principals:
  - id: bench
    keys:
      - path: bench.pub
rules:
  - skills: ["*"]
    approvers: [bench]
    threshold: 1
POLICY
mkdir -m 0755 "$tmp/staged"
cp "$tmp/skills/bench/SKILL.md" "$tmp/staged/"

links=""
for d in bin sbin lib lib32 lib64; do
	if [ -L "/$d" ]; then links="$links --symlink $(readlink /$d) /$d"; elif [ -d "/$d" ]; then links="$links --ro-bind /$d /$d"; fi
done
bwrap_cmd="bwrap --unshare-all --die-with-parent --new-session --ro-bind /usr /usr $links --proc /proc --dev /dev --tmpfs /tmp --ro-bind $tmp/staged /skill /bin/true"
sandbox_cmd="$tmp/sandboxbench $tmp/staged /bin/true"
run_cmd="$tmp/skillgate run $tmp/skills/bench --policy $tmp/trust.yaml --state-file $tmp/state.json -- /bin/true"
$bwrap_cmd && $sandbox_cmd && $run_cmd

if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 5 --runs "$runs" --export-json "$tmp/bench.json" \
		-n bwrap "$bwrap_cmd" -n sandbox "$sandbox_cmd" -n skillgate-run "$run_cmd" \
		-n go-empty "$tmp/go-empty" -n skillgate-start "$tmp/skillgate version"
	python3 - "$tmp/bench.json" <<'PY' || true
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
b = r["bwrap"]
for k, v in r.items():
    print(f"{k:14s} median {v*1000:7.2f} ms  ({v/b:4.2f}x bwrap)")
for k in ("sandbox", "skillgate-run"):
    print(f"target {k} <= 2x bwrap:", "met" if r[k] <= 2 * b else "NOT met")
PY
else
	echo "hyperfine not installed: Go benchmark instead" >&2
	BWRAP_CMD="$bwrap_cmd" go test ./runner/linux -run '^$' -bench 'BenchmarkStartToExit' -benchtime "${runs}x"
fi
