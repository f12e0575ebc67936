//go:build linux && cgo

package linux

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"skillgate.dev/skillgate/runner"
	"skillgate.dev/skillgate/runner/gate"
	"skillgate.dev/skillgate/runner/internal/containment"
)

// needSandbox skips, with the reason, when this host cannot run the
// native sandbox at all.
func needSandbox(t *testing.T) {
	t.Helper()
	f := probe()
	if m, _ := f.Missing(); len(m) > 0 {
		t.Skipf("native sandbox unavailable: missing %v", m)
	}
}

// stagedAttacker builds the attacker, puts it in a skill and stages it.
func stagedAttacker(t *testing.T) (*gate.Staged, string) {
	t.Helper()
	tmp := t.TempDir()
	bin := os.Getenv("SKILLGATE_TEST_ATTACKER") // prebuilt by TestContainmentUnprivileged
	if bin == "" {
		bin = containment.BuildAttacker(t, tmp)
	}
	src := filepath.Join(tmp, "attacker-skill")
	os.Mkdir(src, 0o755)
	os.WriteFile(filepath.Join(src, "SKILL.md"), []byte("---\nname: attacker-skill\ndescription: containment test\n---\n"), 0o644)
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "attacker"), data, 0o755)
	stageRoot := filepath.Join(tmp, "stage")
	os.Mkdir(stageRoot, 0o700)
	st, err := gate.Stage(context.Background(), src, filepath.Join(stageRoot, "attacker-skill"), gate.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gate.Remove(st.Dir) })
	return st, bin
}

type fakeResolver map[string]string

func (f fakeResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	a, ok := f[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return []netip.Addr{netip.MustParseAddr(a)}, nil
}

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestContainmentNative(t *testing.T) {
	needSandbox(t)
	st, bin := stagedAttacker(t)
	bait := containment.NewBait(t)

	// A setuid-root, file-capability copy of the attacker in the work folder.
	work := t.TempDir()
	os.Chmod(work, 0o777)
	suid := filepath.Join(work, "suid-attacker")
	data, _ := os.ReadFile(bin)
	os.WriteFile(suid, data, 0o755)
	if os.Geteuid() == 0 {
		os.Chmod(suid, 0o4755|os.ModeSetuid)
		// security.capability v2: cap_sys_admin (bit 21) permitted+effective.
		capv := []byte{0x01, 0x00, 0x00, 0x02, 0x00, 0x00, 0x20, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
		if err := unix.Setxattr(suid, "security.capability", capv, 0); err != nil {
			t.Logf("setcap: %v (setuid bit still tested)", err)
		}
	}

	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "upstream ok")
	}))
	defer upstream.Close()
	b := &Backend{
		Resolver: fakeResolver{"allowed.test": "203.0.113.10", "private.test": "10.0.0.5",
			"metadata.test": "169.254.169.254", "loopback.test": "127.0.0.1"},
		Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if addr != "203.0.113.10:443" {
				return nil, fmt.Errorf("test dialer: unexpected %s", addr)
			}
			var d net.Dialer
			return d.DialContext(ctx, network, upstream.Listener.Addr().String())
		},
	}
	var out, errb, log syncBuf
	p := runner.Profile{
		SkillDir: st.Dir,
		WorkDir:  work,
		Command:  append([]string{"/skill/attacker"}, bait.Args([]string{"APPROVED_VAR"}, true, "/work/suid-attacker")...),
		Env:      map[string]string{"APPROVED_VAR": "ok"},
		Network:  []string{"allowed.test:443", "private.test:443", "metadata.test:80", "loopback.test:443"},
		Memory:   256 << 20,
		Pids:     64,
		Timeout:  60 * time.Second,
	}
	res, err := b.Run(context.Background(), p, runner.IO{Stdout: &out, Stderr: &errb, Log: &log})
	if err != nil {
		t.Fatalf("run: %v\nstderr: %s\nlog: %s", err, errb.String(), log.String())
	}
	t.Logf("result: %+v", res)
	allowed := map[string]bool{"proxy-allowed": true}
	required := append(containment.Required, "proxy-allowed", "proxy-other-host", "proxy-other-port",
		"proxy-ip-literal", "proxy-private-name", "proxy-metadata-name", "proxy-loopback-name", "setuid-binary")
	if runtime.GOARCH == "amd64" {
		required = append(required, "i386-abi-int80", "i386-abi-int80-killed")
	}
	if os.Geteuid() != 0 {
		// Without root there is no cgroup (a warned, recorded missing
		// layer): memory is bounded only by RLIMIT_AS.
		allowed["memory-over-limit"] = true
		if !strings.Contains(strings.Join(res.Warnings, "\n"), "cgroup") {
			t.Errorf("unprivileged run without cgroup limits did not warn: %v", res.Warnings)
		}
	}
	containment.Check(t, out.String(), allowed, required)
	if !strings.Contains(out.String(), `proxy-allowed: ALLOWED tunnel open, upstream status 200 body "upstream ok"`) {
		t.Errorf("allowed host not reached through the proxy")
	}
	// One log line per proxy decision, by CONNECT target.
	for _, want := range []string{"proxy: allow allowed.test:443", "proxy: deny other.test:443: not in the approved allowlist",
		"proxy: deny 203.0.113.10:443: IP literal", "proxy: deny private.test:443: resolves to 10.0.0.5 (private address)",
		"proxy: deny metadata.test:80: resolves to 169.254.169.254", "proxy: deny allowed.test:8443: not in the approved allowlist"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("proxy log lacks %q:\n%s", want, log.String())
		}
	}
	if res.Leftover != 0 {
		t.Errorf("%d processes left behind", res.Leftover)
	}
	// The staged skill is byte-for-byte what was verified.
	again, err := gate.Stage(context.Background(), st.Dir, filepath.Join(t.TempDir(), "again"), gate.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gate.Remove(again.Dir) }) // read-only folders
	if again.Digest != st.Digest {
		t.Errorf("staged skill changed during the run: %s != %s", again.Digest, st.Digest)
	}
	for _, l := range []string{"seccomp", "landlock", "capabilities none", "no_new_privs", "namespaces"} {
		if !strings.Contains(strings.Join(res.Layers, "\n"), l) && !strings.Contains(strings.Join(res.Warnings, "\n"), l) {
			t.Errorf("layer %s neither in force nor warned about: %v", l, res.Layers)
		}
	}
}

// hostProcsWith counts host processes whose command line holds s.
func hostProcsWith(s string) int {
	ents, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range ents {
		b, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && bytes.Contains(b, []byte(s)) {
			n++
		}
	}
	return n
}

func TestTimeoutKillsEverything(t *testing.T) {
	needSandbox(t)
	st, _ := stagedAttacker(t)
	b := &Backend{}
	start := time.Now()
	token := fmt.Sprintf("spin-token-%d", time.Now().UnixNano())
	res, err := b.Run(context.Background(), runner.Profile{SkillDir: st.Dir, Command: []string{"/skill/attacker", "spin", token},
		Timeout: 500 * time.Millisecond}, runner.IO{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.TimedOut || res.Signal != "killed" {
		t.Errorf("want a timeout kill, got %+v", res)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %v", d)
	}
	if res.Leftover != 0 {
		t.Errorf("%d processes left in the cgroup", res.Leftover)
	}
	time.Sleep(50 * time.Millisecond)
	if n := hostProcsWith(token); n != 0 {
		t.Errorf("%d attacker processes still alive on the host", n)
	}
}

func TestOutputFloodCapped(t *testing.T) {
	needSandbox(t)
	st, _ := stagedAttacker(t)
	b := &Backend{}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var out bytes.Buffer
	res, err := b.Run(context.Background(), runner.Profile{SkillDir: st.Dir, Command: []string{"/skill/attacker", "flood"},
		OutputCap: 1 << 20, Timeout: 30 * time.Second}, runner.IO{Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if out.Len() != 1<<20 {
		t.Errorf("kept %d bytes, want exactly the 1 MiB cap", out.Len())
	}
	if len(res.Truncated) != 1 || res.Truncated[0] != "stdout" || res.TimedOut {
		t.Errorf("want stdout truncated (not a timeout), got %+v", res)
	}
	grow := int64(after.TotalAlloc - before.TotalAlloc)
	t.Logf("flood: kept %d bytes, runner allocated %d bytes in total, %v", out.Len(), grow, res.Duration)
	if grow > 64<<20 {
		t.Errorf("runner allocated %d bytes for a flood capped at 1 MiB", grow)
	}
}

func TestDegradedHostRefused(t *testing.T) {
	needSandbox(t)
	dir := t.TempDir()
	noSeccomp := func() runner.Features { f := probe(); f.Seccomp = false; return f }
	b := &Backend{ProbeOverride: noSeccomp}
	_, err := b.Run(context.Background(), runner.Profile{SkillDir: dir, Command: []string{"/bin/true"}}, runner.IO{})
	if !errors.Is(err, runner.ErrDegraded) || !strings.Contains(err.Error(), "seccomp") {
		t.Fatalf("want ErrDegraded naming seccomp, got %v", err)
	}
	var log bytes.Buffer
	res, err := b.Run(context.Background(), runner.Profile{SkillDir: dir, Command: []string{"/bin/true"}, AllowDegradedUnsafe: true}, runner.IO{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Degraded) != 1 || res.Degraded[0] != "seccomp" || !strings.Contains(log.String(), "UNSAFE") {
		t.Errorf("degraded run not recorded: %+v, log %q", res, log.String())
	}
	noUserNS := func() runner.Features { f := probe(); f.UserNS = false; return f }
	b = &Backend{ProbeOverride: noUserNS}
	if _, err := b.Run(context.Background(), runner.Profile{SkillDir: dir, Command: []string{"/bin/true"}, AllowDegradedUnsafe: true}, runner.IO{}); !errors.Is(err, runner.ErrDegraded) {
		t.Fatalf("without user namespaces: want ErrDegraded, got %v", err)
	}
}

func TestExitCodeAndSignals(t *testing.T) {
	needSandbox(t)
	dir := t.TempDir()
	b := &Backend{}
	res, err := b.Run(context.Background(), runner.Profile{SkillDir: dir, Command: []string{"/bin/sh", "-c", "exit 7"}}, runner.IO{})
	if err != nil || res.ExitCode != 7 {
		t.Fatalf("exit 7: %+v %v", res, err)
	}
	res, err = b.Run(context.Background(), runner.Profile{SkillDir: dir, Command: []string{"/bin/sh", "-c", "kill -TERM $$"}}, runner.IO{})
	if err != nil || res.ExitCode != 128+15 {
		t.Fatalf("killed by TERM: %+v %v", res, err)
	}
	_, err = b.Run(context.Background(), runner.Profile{SkillDir: dir, Command: []string{"no-such-command"}}, runner.IO{})
	if err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("missing command: %v", err)
	}
}

// TestContainmentUnprivileged runs the native containment suite again as
// an unprivileged user (uid 65534): the sandbox then maps only that uid,
// binds the skill by path and has no cgroup. As root only; as another user
// TestContainmentNative is already this test.
func TestContainmentUnprivileged(t *testing.T) {
	needSandbox(t)
	if os.Geteuid() != 0 {
		t.Skip("already unprivileged: TestContainmentNative covers this mode")
	}
	if os.Getenv("SKILLGATE_TEST_ATTACKER") != "" {
		t.Skip("inner run")
	}
	// Everything the inner run needs must be readable by uid 65534.
	dir, err := os.MkdirTemp("", "skillgate-unpriv-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	tmp := filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o1777)
	os.Chmod(tmp, 0o1777)
	attacker := containment.BuildAttacker(t, dir)
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	testBin := filepath.Join(dir, "linux.test")
	if err := os.WriteFile(testBin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(testBin, "-test.run", "^TestContainmentNative$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + tmp, "HOME=" + tmp, "SKILLGATE_TEST_ATTACKER=" + attacker}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	switch {
	case bytes.Contains(out, []byte("--- SKIP: TestContainmentNative")):
		t.Skipf("the native sandbox is unavailable to an unprivileged user here:\n%s", out)
	case err != nil || !bytes.Contains(out, []byte("--- PASS: TestContainmentNative")):
		t.Fatalf("unprivileged containment run: %v\n%s", err, out)
	}
	if m := regexp.MustCompile(`(\d+) attempts checked`).FindSubmatch(out); m != nil {
		t.Logf("unprivileged: %s attempts checked", m[1])
	}
}

// TestSignalForwarded: PID 1 forwards a signal the host sends it to the
// workload, which can then exit cleanly.
func TestSignalForwarded(t *testing.T) {
	needSandbox(t)
	dir := t.TempDir()
	go func() {
		// Find our sandbox's PID 1 (a child of this process) and send it
		// SIGTERM once the workload has set its trap.
		for i := 0; i < 500; i++ {
			time.Sleep(10 * time.Millisecond)
			ents, _ := os.ReadDir("/proc")
			for _, e := range ents {
				cl, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
				st, err2 := os.ReadFile("/proc/" + e.Name() + "/status")
				if err != nil || err2 != nil || string(cl) != "skillgate\x00"+InitArg+"\x00" ||
					!strings.Contains(string(st), fmt.Sprintf("\nPPid:\t%d\n", os.Getpid())) {
					continue
				}
				if i > 20 {
					pid := 0
					fmt.Sscan(e.Name(), &pid)
					unix.Kill(pid, unix.SIGTERM)
					return
				}
			}
		}
	}()
	res, err := (&Backend{}).Run(context.Background(), runner.Profile{SkillDir: dir,
		Command: []string{"/bin/sh", "-c", "trap 'exit 42' TERM; while :; do sleep 0.05; done"}, Timeout: 20 * time.Second}, runner.IO{})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode != 42 || res.TimedOut {
		t.Errorf("want the workload's TERM trap to exit 42, got %+v", res)
	}
}
