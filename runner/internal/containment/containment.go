//go:build linux

// Package containment is the shared harness of the containment suite: it
// builds the attacker program, prepares the host-side bait (a secret file,
// the gate's key, a loopback listener, an abstract socket, SysV IPC
// objects, an environment marker) and checks the attacker's report. Every
// backend's test runs the same attacker through it.
package containment

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// BuildAttacker compiles runner/internal/attacker (static, CGO_ENABLED=0)
// into dir and returns its path.
func BuildAttacker(t testing.TB, dir string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(file), "..", "attacker")
	out := filepath.Join(dir, "attacker")
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build attacker: %v\n%s", err, b)
	}
	return out
}

// Bait is the host-side state the attacker must not reach.
type Bait struct {
	HostFile string
	GateKey  string
	Loopback string
	Abstract string
	HostPID  int
	ShmKey   int
	MsgKey   int
	Marker   string
}

// NewBait creates the bait; everything is cleaned up with t.
func NewBait(t testing.TB) *Bait {
	t.Helper()
	dir := t.TempDir()
	var rb [8]byte
	rand.Read(rb[:])
	tag := hex.EncodeToString(rb[:])
	b := &Bait{HostPID: os.Getpid(), Marker: "HOSTMARKER" + tag}
	b.HostFile = filepath.Join(dir, "host-secret.txt")
	os.WriteFile(b.HostFile, []byte("host secret "+tag), 0o644)
	keys := filepath.Join(dir, "gate-keys")
	os.Mkdir(keys, 0o700)
	b.GateKey = filepath.Join(keys, "gate.key")
	os.WriteFile(b.GateKey, []byte("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nfake\n"), 0o600)
	t.Setenv("SKILLGATE_TEST_SECRET", b.Marker)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go acceptAll(ln)
	b.Loopback = ln.Addr().String()
	b.Abstract = "skillgate-test-" + tag
	al, err := net.Listen("unix", "@"+b.Abstract)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { al.Close() })
	go acceptAll(al)

	b.ShmKey = 0x5300 + int(rb[0])<<8 + int(rb[1])
	if id, err := unix.SysvShmGet(b.ShmKey, 4096, unix.IPC_CREAT|0o666); err == nil {
		t.Cleanup(func() { unix.SysvShmCtl(id, unix.IPC_RMID, nil) })
	} else {
		b.ShmKey = 0
	}
	b.MsgKey = b.ShmKey + 1
	if id, _, e := unix.Syscall(unix.SYS_MSGGET, uintptr(b.MsgKey), unix.IPC_CREAT|0o666, 0); e == 0 {
		t.Cleanup(func() { unix.Syscall(unix.SYS_MSGCTL, id, unix.IPC_RMID, 0) })
	} else {
		b.MsgKey = 0
	}
	return b
}

func acceptAll(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write([]byte("reached the host\n"))
		c.Close()
	}
}

// Args are the attacker's arguments for b.
func (b *Bait) Args(allowedEnv []string, proxy bool, suid string) []string {
	args := []string{"all",
		"-host-file", b.HostFile, "-gate-key", b.GateKey, "-loopback", b.Loopback,
		"-abstract", b.Abstract, "-host-pid", fmt.Sprint(b.HostPID), "-marker", b.Marker,
		"-shm-key", fmt.Sprint(b.ShmKey), "-msg-key", fmt.Sprint(b.MsgKey),
		"-allowed-env", strings.Join(allowedEnv, ","),
	}
	if proxy {
		args = append(args, "-proxy")
	}
	if suid != "" {
		args = append(args, "-suid", suid)
	}
	return args
}

// Check asserts that every attempt in out was denied except the ones in
// allowed, which must be ALLOWED, that each name in required appeared,
// and that the attacker finished.
func Check(t testing.TB, out string, allowed map[string]bool, required []string) {
	t.Helper()
	seen := map[string]bool{}
	done := false
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "done" {
			done = true
			continue
		}
		name, rest, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		n++
		seen[strings.Fields(name)[0]] = true
		verdict, _, _ := strings.Cut(rest, " ")
		switch {
		case allowed[name] && verdict != "ALLOWED":
			t.Errorf("%s: expected to be allowed: %s", name, rest)
		case !allowed[name] && verdict != "denied":
			t.Errorf("CONTAINMENT BREACH %s: %s", name, rest)
		}
	}
	if !done {
		t.Errorf("attacker did not finish (killed?); output:\n%s", out)
	}
	for _, r := range required {
		if !seen[r] {
			t.Errorf("attempt %s missing from the report", r)
		}
	}
	t.Logf("%d attempts checked", n)
}

// Required lists the attempts every backend's run must report.
var Required = []string{
	"read-host-file", "read-host-file-via-proc-root", "dotdot-escape", "symlink-escape", "hardlink-escape",
	"create-in-skill", "write-skill-file", "write-usr", "write-etc-passwd", "create-in-root", "exec-from-tmp",
	"connect-host-loopback", "connect-abstract-socket", "direct-egress-tcp", "direct-egress-udp-dns", "dns-lookup",
	"proc-only-sandbox-pids", "proc-host-environment", "environment-only-approved", "ptrace-pid1",
	"ptrace-sibling", "ptrace-host", "signal-host-pid", "fork-bomb", "memory-over-limit", "x32-abi", "x32-abi-killed",
	"mount", "unshare-user", "setns", "pivot_root", "chroot", "keyctl", "bpf", "userfaultfd", "io_uring_setup",
	"ioctl-TIOCSTI", "ioctl-TIOCSTI-high-bits", "socket-netlink", "socket-packet", "socket-raw-inet",
	"dev-only-basic-nodes", "mknod", "mknod-open", "write-sys", "write-cgroup", "host-sysv-shm", "host-sysv-msg",
}
