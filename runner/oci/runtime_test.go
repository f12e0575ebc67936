//go:build linux

package oci

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"skillgate.dev/skillgate/runner"
	"skillgate.dev/skillgate/runner/gate"
	"skillgate.dev/skillgate/runner/internal/containment"
)

func needRuntime(t *testing.T, bin string) {
	t.Helper()
	if _, err := exec.LookPath(bin); err != nil {
		t.Skipf("%s not installed", bin)
	}
	if os.Geteuid() != 0 {
		t.Skipf("%s backend test needs root (rootless mode needs a delegated cgroup)", bin)
	}
}

func TestContainmentOCI(t *testing.T) {
	for _, bin := range []string{"runc", "runsc"} {
		t.Run(bin, func(t *testing.T) {
			needRuntime(t, bin)
			tmp := t.TempDir()
			attacker := containment.BuildAttacker(t, tmp)
			src := filepath.Join(tmp, "attacker-skill")
			os.Mkdir(src, 0o755)
			os.WriteFile(filepath.Join(src, "SKILL.md"), []byte("---\nname: attacker-skill\n---\n"), 0o644)
			data, _ := os.ReadFile(attacker)
			os.WriteFile(filepath.Join(src, "attacker"), data, 0o755)
			stageRoot := filepath.Join(tmp, "stage")
			os.Mkdir(stageRoot, 0o711)
			st, err := gate.Stage(context.Background(), src, filepath.Join(stageRoot, "attacker-skill"), gate.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			defer gate.Remove(st.Dir)
			bait := containment.NewBait(t)
			var out, errb, log bytes.Buffer
			r := &Runtime{Binary: bin}
			args := bait.Args([]string{"APPROVED_VAR"}, false, "")
			required := containment.Required
			allowed := map[string]bool{"bind-listen": true}
			if runtime.GOARCH == "amd64" {
				required = append(slices.Clone(required), "i386-abi-int80", "i386-abi-int80-killed")
			}
			if bin == "runsc" {
				// gVisor's sentry implements the system calls itself; nothing
				// the workload calls reaches the host kernel. It refuses
				// i386 and x32 calls with ENOSYS instead of letting seccomp
				// kill the caller (the calls still must not run: "x32-abi",
				// "i386-abi-int80"), lets mknod create an inert node that
				// opens no device ("mknod-open" stays required) and always
				// mounts its own emulated devpts at /dev/pts (host device
				// nodes stay unreachable: the open-* attempts).
				for _, a := range []string{"x32-abi-killed", "i386-abi-int80-killed", "mknod", "dev-only-basic-nodes"} {
					allowed[a] = true
				}
				// gVisor's memory limit covers the whole sandbox, which is
				// killed at the limit: tested on its own below.
				args = append(args, "-no-mem")
				required = slices.DeleteFunc(slices.Clone(required), func(s string) bool { return s == "memory-over-limit" })
				var mout bytes.Buffer
				res, err := r.Run(context.Background(), runner.Profile{SkillDir: st.Dir, Command: []string{"/skill/attacker", "mem", "1024"},
					Memory: 256 << 20, Timeout: 60 * time.Second}, runner.IO{Stdout: &mout, Stderr: &mout})
				if err != nil || res.ExitCode == 0 || strings.Contains(mout.String(), "allocated") {
					t.Errorf("memory over the limit not stopped: %+v %v %s", res, err, mout.String())
				}
			}
			res, err := r.Run(context.Background(), runner.Profile{
				SkillDir: st.Dir,
				Command:  append([]string{"/skill/attacker"}, args...),
				Env:      map[string]string{"APPROVED_VAR": "ok"},
				Memory:   256 << 20, Pids: 64, Timeout: 60 * time.Second,
			}, runner.IO{Stdout: &out, Stderr: &errb, Log: &log})
			if err != nil {
				t.Fatalf("run: %v\n%s\n%s", err, errb.String(), log.String())
			}
			t.Logf("result %+v\nstderr %s", res, errb.String())
			// No Landlock here: a listener inside the empty network namespace is
			// possible but unreachable from anywhere.
			containment.Check(t, out.String(), allowed, required)
			again, err := gate.Stage(context.Background(), st.Dir, filepath.Join(t.TempDir(), "again"), gate.Limits{})
			if err != nil || again.Digest != st.Digest {
				t.Errorf("staged skill changed: %v", err)
			}
		})
	}
}
