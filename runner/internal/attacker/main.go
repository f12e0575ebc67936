//go:build linux

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

var (
	hostFile   = flag.String("host-file", "", "a host file the sandbox must not read")
	gateKey    = flag.String("gate-key", "", "the gate's key file")
	loopback   = flag.String("loopback", "", "host loopback listener address")
	abstract   = flag.String("abstract", "", "host abstract unix socket name (without @)")
	hostPID    = flag.Int("host-pid", 0, "a host pid")
	shmKey     = flag.Int("shm-key", 0, "host SysV shm key")
	msgKey     = flag.Int("msg-key", 0, "host SysV message queue key")
	marker     = flag.String("marker", "", "host environment marker value")
	allowedEnv = flag.String("allowed-env", "", "comma-separated names the sandbox may see")
	proxyTests = flag.Bool("proxy", false, "run the proxy allowlist attempts")
	suid       = flag.String("suid", "", "a setuid/file-capability copy of this program")
	noMem      = flag.Bool("no-mem", false, "skip the memory attempt (a runtime that kills the whole sandbox at the limit is tested separately)")
)

func report(name string, denied bool, format string, args ...any) {
	verdict := "ALLOWED"
	if denied {
		verdict = "denied"
	}
	fmt.Printf("%s: %s %s\n", name, verdict, strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " "))
}

// deniedErr reports an attempt that must fail with an error.
func deniedErr(name string, err error) {
	report(name, err != nil, "%v", err)
}

// eperm reports a syscall that seccomp must refuse with EPERM.
func eperm(name string, errno syscall.Errno) {
	report(name, errno == unix.EPERM, "errno=%d (%v)", int(errno), errno)
}

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "whoami":
			st, _ := os.ReadFile("/proc/self/status")
			eff := ""
			for _, l := range strings.Split(string(st), "\n") {
				if strings.HasPrefix(l, "CapEff:") {
					eff = strings.TrimSpace(strings.TrimPrefix(l, "CapEff:"))
				}
			}
			fmt.Printf("euid=%d capeff=%s\n", os.Geteuid(), eff)
			return
		case "x32":
			r, _, e := unix.RawSyscall(unix.SYS_GETPID|0x40000000, 0, 0, 0)
			if e != 0 {
				fmt.Printf("x32 syscall returned: refused, errno=%d\n", int(e))
			} else {
				fmt.Printf("x32 syscall returned %d\n", int(r))
			}
			return
		case "int80":
			if r := int80(); r < 0 {
				fmt.Printf("int 0x80 returned: refused, errno=%d\n", -r)
			} else {
				fmt.Printf("int 0x80 returned %d\n", r)
			}
			return
		case "mem":
			n, _ := strconv.Atoi(os.Args[2])
			b := make([]byte, n<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			fmt.Println("allocated", n, "MiB")
			return
		case "sleep":
			time.Sleep(time.Hour)
			return
		case "spin":
			// A background child and a busy loop: the timeout must kill both.
			exec.Command("/proc/self/exe", append([]string{"sleep"}, os.Args[2:]...)...).Start()
			for {
			}
		case "flood":
			buf := make([]byte, 1<<20)
			for i := range buf {
				buf[i] = 'A'
			}
			for i := 0; i < 8<<10; i++ { // 8 GiB
				if _, err := os.Stdout.Write(buf); err != nil {
					return
				}
			}
			return
		case "cat":
			b, err := os.ReadFile(os.Args[2])
			if err != nil {
				fmt.Println("error:", err)
				os.Exit(1)
			}
			os.Stdout.Write(b)
			return
		}
	}
	flag.CommandLine.Parse(os.Args[2:])
	filesystem()
	network()
	processes()
	syscalls()
	devices()
	if *proxyTests {
		proxyAttempts()
	}
	fmt.Println("done")
}

func filesystem() {
	for _, p := range []string{*hostFile, *gateKey} {
		if p == "" {
			continue
		}
		_, err := os.ReadFile(p)
		deniedErr("read-host-file "+p, err)
		_, err = os.ReadFile("/proc/1/root" + p)
		deniedErr("read-host-file-via-proc-root "+p, err)
		_, err = os.ReadFile("/skill/../../../../.." + p)
		deniedErr("dotdot-escape "+p, err)
		err = os.Symlink(p, "/tmp/link")
		if err == nil {
			_, err = os.ReadFile("/tmp/link")
			os.Remove("/tmp/link")
		}
		deniedErr("symlink-escape "+p, err)
		deniedErr("hardlink-escape "+p, os.Link(p, "/tmp/hard"))
	}
	_, err := os.ReadFile("/etc/shadow")
	deniedErr("read-etc-shadow", err)
	_, err = os.ReadFile("/root/.ssh/id_ed25519")
	deniedErr("read-root-ssh", err)
	deniedErr("hardlink-skill-file", os.Link("/skill/SKILL.md", "/tmp/skill-hard"))

	deniedErr("create-in-skill", os.WriteFile("/skill/new-file", []byte("x"), 0o644))
	f, err := os.OpenFile("/skill/SKILL.md", os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		_, err = f.WriteString("tampered")
		f.Close()
	}
	deniedErr("write-skill-file", err)
	deniedErr("chmod-skill-file", os.Chmod("/skill/SKILL.md", 0o777))
	deniedErr("rename-skill-file", os.Rename("/skill/SKILL.md", "/skill/moved"))
	deniedErr("remove-skill-file", os.Remove("/skill/SKILL.md"))
	deniedErr("mkdir-in-skill", os.Mkdir("/skill/dir", 0o755))
	deniedErr("write-usr", os.WriteFile("/usr/pwned", []byte("x"), 0o644))
	deniedErr("write-usr-bin", os.WriteFile("/usr/bin/pwned", []byte("x"), 0o755))
	f, err = os.OpenFile("/etc/passwd", os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		_, err = f.WriteString("evil::0:0::/:/bin/sh\n")
		f.Close()
	}
	deniedErr("write-etc-passwd", err)
	deniedErr("create-in-etc", os.WriteFile("/etc/pwned", []byte("x"), 0o644))
	deniedErr("create-in-root", os.WriteFile("/pwned", []byte("x"), 0o644))
	deniedErr("mkdir-in-root", os.Mkdir("/pwned-dir", 0o755))

	// exec from /tmp (noexec): copy a real binary there and run it.
	self, err := os.ReadFile("/proc/self/exe")
	if err == nil {
		err = os.WriteFile("/tmp/copy", self, 0o755)
	}
	if err == nil {
		err = exec.Command("/tmp/copy", "whoami").Run()
	}
	deniedErr("exec-from-tmp", err)

	// /sys and the cgroup fs.
	deniedErr("write-sys", os.WriteFile("/sys/kernel/uevent_helper", []byte("/tmp/x"), 0o644))
	deniedErr("write-cgroup", os.WriteFile("/sys/fs/cgroup/cgroup.procs", []byte("1"), 0o644))
	deniedErr("mkdir-sys", os.MkdirAll("/sys/fs/cgroup/x", 0o755))
	deniedErr("write-proc-sysrq", os.WriteFile("/proc/sysrq-trigger", []byte("h"), 0))
	deniedErr("write-proc-sys", os.WriteFile("/proc/sys/kernel/hostname", []byte("pwned"), 0))

	// setuid and file-capability binaries gain nothing.
	if *suid != "" {
		out, err := exec.Command(*suid, "whoami").Output()
		s := strings.TrimSpace(string(out))
		report("setuid-binary", err != nil || (!strings.Contains(s, "euid=0 ") && strings.HasSuffix(s, "capeff=0000000000000000")), "%s %v", s, err)
	}
}

func network() {
	if *loopback != "" {
		c, err := net.DialTimeout("tcp", *loopback, time.Second)
		if c != nil {
			c.Close()
		}
		deniedErr("connect-host-loopback "+*loopback, err)
	}
	if *abstract != "" {
		c, err := net.DialTimeout("unix", "@"+*abstract, time.Second)
		if c != nil {
			c.Close()
		}
		deniedErr("connect-abstract-socket", err)
	}
	c, err := net.DialTimeout("tcp", "203.0.113.7:443", time.Second)
	if c != nil {
		c.Close()
	}
	deniedErr("direct-egress-tcp", err)
	uc, err := net.Dial("udp", "203.0.113.53:53")
	if err == nil {
		uc.SetDeadline(time.Now().Add(time.Second))
		_, err = uc.Write([]byte("x"))
		if err == nil {
			_, err = uc.Read(make([]byte, 16))
		}
		uc.Close()
	}
	deniedErr("direct-egress-udp-dns", err)
	_, err = net.LookupHost("example.com")
	deniedErr("dns-lookup", err)
	ln, err := net.Listen("tcp", "0.0.0.0:8080")
	if ln != nil {
		ln.Close()
	}
	deniedErr("bind-listen", err)
	// The only interface is lo.
	ifs, _ := net.Interfaces()
	var names []string
	for _, i := range ifs {
		names = append(names, i.Name)
	}
	report("network-interfaces", len(names) <= 1, "%v", names)
}

func processes() {
	// /proc holds only sandbox processes and no host environment.
	ents, _ := os.ReadDir("/proc")
	var pids []int
	leak := ""
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		pids = append(pids, pid)
		env, _ := os.ReadFile(fmt.Sprintf("/proc/%d/environ", pid))
		if *marker != "" && strings.Contains(string(env), *marker) {
			leak = fmt.Sprintf("pid %d environ holds the host marker", pid)
		}
	}
	report("proc-only-sandbox-pids", len(pids) <= 4 && slices.Contains(pids, 1) && !slices.Contains(pids, *hostPID) || (*hostPID == 1), "pids=%v", pids)
	cmd1, _ := os.ReadFile("/proc/1/cmdline")
	report("proc-pid1-in-sandbox", strings.Contains(string(cmd1), "__sandbox-init") || strings.HasPrefix(string(cmd1), "/skill/"), "%q", cmd1)
	report("proc-host-environment", leak == "", "%s", leak)
	allowed := map[string]bool{"PATH": true, "HOME": true, "LANG": true, "HTTPS_PROXY": true, "HTTP_PROXY": true, "https_proxy": true, "http_proxy": true, "NO_PROXY": true}
	for _, n := range strings.Split(*allowedEnv, ",") {
		if n != "" {
			allowed[n] = true
		}
	}
	var extra []string
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !allowed[k] || (*marker != "" && strings.Contains(v, *marker)) {
			extra = append(extra, k)
		}
	}
	report("environment-only-approved", len(extra) == 0, "unexpected=%v", extra)

	// ptrace PID 1, a sibling, the host.
	_, _, e := unix.RawSyscall(unix.SYS_PTRACE, unix.PTRACE_ATTACH, 1, 0)
	report("ptrace-pid1", e != 0, "errno=%v", e)
	sib := exec.Command("/proc/self/exe", "sleep")
	if err := sib.Start(); err == nil {
		_, _, e = unix.RawSyscall(unix.SYS_PTRACE, unix.PTRACE_ATTACH, uintptr(sib.Process.Pid), 0)
		report("ptrace-sibling", e != 0, "errno=%v", e)
		_, err := os.ReadFile(fmt.Sprintf("/proc/%d/mem", sib.Process.Pid))
		deniedErr("read-sibling-mem", err)
		sib.Process.Kill()
		sib.Wait()
	} else {
		report("ptrace-sibling", false, "could not start sibling: %v", err)
	}
	if *hostPID > 0 {
		_, _, e = unix.RawSyscall(unix.SYS_PTRACE, unix.PTRACE_ATTACH, uintptr(*hostPID), 0)
		report("ptrace-host", e != 0, "errno=%v", e)
		err := unix.Kill(*hostPID, unix.SIGTERM)
		report("signal-host-pid", err != nil || *hostPID == 1, "%v", err)
	}
	// Killing a de-privileged PID 1 must fail (under runc/runsc the
	// attacker is PID 1 itself: nothing to attack).
	if os.Getpid() != 1 {
		err := unix.Kill(1, unix.SIGKILL)
		time.Sleep(10 * time.Millisecond)
		report("kill-pid1", true, "(still alive to print this) %v", err)
	}

	// SysV IPC of the host is invisible.
	if *shmKey != 0 {
		_, err := unix.SysvShmGet(*shmKey, 0, 0)
		deniedErr("host-sysv-shm", err)
	}
	if *msgKey != 0 {
		_, _, e := unix.RawSyscall(unix.SYS_MSGGET, uintptr(*msgKey), 0, 0)
		report("host-sysv-msg", e != 0, "errno=%v", e)
	}

	// Fork bomb: the pids limit stops it.
	var procs []*os.Process
	var ferr error
	for i := 0; i < 5000; i++ {
		p, err := os.StartProcess("/proc/self/exe", []string{"attacker", "sleep"}, &os.ProcAttr{})
		if err != nil {
			ferr = err
			break
		}
		procs = append(procs, p)
	}
	report("fork-bomb", ferr != nil, "stopped after %d processes: %v", len(procs), ferr)
	for _, p := range procs {
		p.Kill()
		p.Wait()
	}

	// Memory over the limit: a child allocating 1 GiB is killed.
	var out []byte
	var err error
	if !*noMem {
		out, err = exec.Command("/proc/self/exe", "mem", "1024").CombinedOutput()
		report("memory-over-limit", err != nil, "%v %s", err, out)
	}

	// 32-bit and x32 ABIs: "-abi" is denied when the call did not run
	// (killed, or refused with an error as gVisor's sentry does), "-killed"
	// only when the seccomp filter killed the caller.
	// A runtime may kill only the calling thread, which leaves a Go
	// program hung: a bounded wait without "returned" is a kill too.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	abi := func(name, helper string) {
		out, err := exec.CommandContext(ctx, "/proc/self/exe", helper).CombinedOutput()
		killed := err != nil && !strings.Contains(string(out), "returned")
		report(name, killed || strings.Contains(string(out), "refused"), "%v %s", err, out)
		report(name+"-killed", killed, "%v %s", err, out)
	}
	abi("x32-abi", "x32")
	if runtime.GOARCH == "amd64" {
		abi("i386-abi-int80", "int80")
	}
}

func syscalls() {
	rs := func(nr uintptr, a ...uintptr) syscall.Errno {
		var args [6]uintptr
		copy(args[:], a)
		_, _, e := unix.Syscall6(nr, args[0], args[1], args[2], args[3], args[4], args[5])
		return e
	}
	name := []byte("/tmp\x00")
	p := uintptr(unsafe.Pointer(&name[0]))
	eperm("mount", rs(unix.SYS_MOUNT, p, p, p, 0, 0))
	eperm("umount2", rs(unix.SYS_UMOUNT2, p, 0))
	eperm("pivot_root", rs(unix.SYS_PIVOT_ROOT, p, p))
	eperm("chroot", rs(unix.SYS_CHROOT, p))
	eperm("unshare-user", rs(unix.SYS_UNSHARE, unix.CLONE_NEWUSER))
	eperm("unshare-mount", rs(unix.SYS_UNSHARE, unix.CLONE_NEWNS))
	eperm("setns", rs(unix.SYS_SETNS, 0, 0))
	eperm("clone-newuser", rs(unix.SYS_CLONE, unix.CLONE_NEWUSER|uintptr(unix.SIGCHLD), 0, 0, 0, 0))
	eperm("keyctl", rs(unix.SYS_KEYCTL, 0, 0))
	eperm("add_key", rs(unix.SYS_ADD_KEY, 0, 0, 0, 0, 0))
	eperm("request_key", rs(unix.SYS_REQUEST_KEY, 0, 0, 0, 0))
	eperm("bpf", rs(unix.SYS_BPF, 0, 0, 0))
	eperm("perf_event_open", rs(unix.SYS_PERF_EVENT_OPEN, 0, 0, 0, 0, 0))
	eperm("userfaultfd", rs(unix.SYS_USERFAULTFD, 0))
	eperm("io_uring_setup", rs(unix.SYS_IO_URING_SETUP, 1, 0))
	eperm("io_uring_enter", rs(unix.SYS_IO_URING_ENTER, 0, 0, 0, 0, 0))
	eperm("io_uring_register", rs(unix.SYS_IO_URING_REGISTER, 0, 0, 0, 0))
	eperm("kexec_load", rs(unix.SYS_KEXEC_LOAD, 0, 0, 0, 0))
	eperm("kexec_file_load", rs(unix.SYS_KEXEC_FILE_LOAD, 0, 0, 0, 0, 0))
	eperm("init_module", rs(unix.SYS_INIT_MODULE, 0, 0, 0))
	eperm("finit_module", rs(unix.SYS_FINIT_MODULE, 0, 0, 0))
	eperm("delete_module", rs(unix.SYS_DELETE_MODULE, p, 0))
	eperm("open_by_handle_at", rs(unix.SYS_OPEN_BY_HANDLE_AT, 0, 0, 0))
	eperm("move_mount", rs(unix.SYS_MOVE_MOUNT, 0, 0, 0, 0, 0))
	eperm("fsopen", rs(unix.SYS_FSOPEN, p, 0))
	eperm("fsmount", rs(unix.SYS_FSMOUNT, 0, 0, 0))
	eperm("open_tree", rs(unix.SYS_OPEN_TREE, 0, p, 0))
	eperm("ptrace-traceme", rs(unix.SYS_PTRACE, unix.PTRACE_TRACEME))
	eperm("process_vm_readv", rs(unix.SYS_PROCESS_VM_READV, 1, 0, 0, 0, 0, 0))
	eperm("process_vm_writev", rs(unix.SYS_PROCESS_VM_WRITEV, 1, 0, 0, 0, 0, 0))
	c := byte('x')
	cp := uintptr(unsafe.Pointer(&c))
	eperm("ioctl-TIOCSTI", rs(unix.SYS_IOCTL, 0, unix.TIOCSTI, cp))
	eperm("ioctl-TIOCSTI-high-bits", rs(unix.SYS_IOCTL, 0, unix.TIOCSTI|1<<32, cp))
	eperm("ioctl-TIOCLINUX", rs(unix.SYS_IOCTL, 0, unix.TIOCLINUX, cp))
	eperm("socket-netlink", rs(unix.SYS_SOCKET, unix.AF_NETLINK, unix.SOCK_RAW, unix.NETLINK_ROUTE))
	eperm("socket-netlink-dgram", rs(unix.SYS_SOCKET, unix.AF_NETLINK, unix.SOCK_DGRAM, unix.NETLINK_ROUTE))
	eperm("socket-packet", rs(unix.SYS_SOCKET, unix.AF_PACKET, unix.SOCK_RAW, 0))
	eperm("socket-raw-inet", rs(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_RAW, unix.IPPROTO_ICMP))
	eperm("socket-raw-inet6", rs(unix.SYS_SOCKET, unix.AF_INET6, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.IPPROTO_ICMPV6))
	eperm("socket-mptcp", rs(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_STREAM, unix.IPPROTO_MPTCP))
	eperm("socket-raw-high-bits", rs(unix.SYS_SOCKET, unix.AF_INET|1<<32, unix.SOCK_RAW, unix.IPPROTO_ICMP))
}

func devices() {
	ents, err := os.ReadDir("/dev")
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	want := []string{"full", "null", "random", "urandom", "zero"}
	report("dev-only-basic-nodes", err == nil && slices.Equal(names, want), "%v %v", names, err)
	for _, d := range []string{"/dev/mem", "/dev/kmsg", "/dev/sda", "/dev/vda", "/dev/tty", "/dev/console", "/dev/ptmx"} {
		f, err := os.OpenFile(d, os.O_RDWR, 0)
		if f != nil {
			f.Close()
		}
		deniedErr("open-"+filepath.Base(d), err)
	}
	deniedErr("mknod", unix.Mknod("/tmp/sda", unix.S_IFBLK|0o600, int(unix.Mkdev(8, 0))))
	// A node that exists must still not open a device.
	f, err := os.OpenFile("/tmp/sda", os.O_RDWR, 0)
	if f != nil {
		f.Close()
	}
	deniedErr("mknod-open", err)
}

func proxyAttempts() {
	px := os.Getenv("HTTPS_PROXY")
	u, err := url.Parse(px)
	if err != nil || px == "" {
		report("proxy-configured", false, "HTTPS_PROXY=%q", px)
		return
	}
	try := func(name, target string, wantAllowed bool) {
		c, err := net.DialTimeout("tcp", u.Host, 2*time.Second)
		if err != nil {
			report(name, !wantAllowed, "dial proxy: %v", err)
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(c, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n\r\n", target, target)
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			report(name, !wantAllowed, "%v", err)
			return
		}
		if resp.StatusCode != 200 {
			report(name, true, "proxy status %d", resp.StatusCode)
			return
		}
		// Tunnel open: speak HTTP to the upstream.
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target)
		r2, err := http.ReadResponse(br, nil)
		if err != nil {
			report(name, false, "tunnel open, upstream: %v", err)
			return
		}
		body, _ := io.ReadAll(io.LimitReader(r2.Body, 256))
		report(name, false, "tunnel open, upstream status %d body %q", r2.StatusCode, body)
	}
	try("proxy-allowed", "allowed.test:443", true)
	try("proxy-other-host", "other.test:443", false)
	try("proxy-other-port", "allowed.test:8443", false)
	try("proxy-ip-literal", "203.0.113.10:443", false)
	try("proxy-ipv6-literal", "[2001:db8::1]:443", false)
	try("proxy-private-name", "private.test:443", false)
	try("proxy-metadata-name", "metadata.test:80", false)
	try("proxy-loopback-name", "loopback.test:443", false)
	c, err := net.DialTimeout("tcp", "127.0.0.1:22", time.Second)
	if c != nil {
		c.Close()
	}
	deniedErr("connect-other-local-port", err)
	_ = errors.New
}
