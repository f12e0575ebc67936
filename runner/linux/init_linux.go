//go:build linux

package linux

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/landlock-lsm/go-landlock/landlock"
	llsys "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/sys/unix"
)

// Init runs the sandbox's PID 1. It never returns.
func Init() {
	runtime.LockOSThread()
	os.Exit(initMain())
}

func initMain() int {
	rep := os.NewFile(fdReport, "report")
	r := &initReport{}
	fail := func(err error) int {
		r.Error = err.Error()
		json.NewEncoder(rep).Encode(r)
		rep.Close()
		return exitSetup
	}
	if os.Getpid() != 1 {
		return fail(errors.New("init: not PID 1 of a new pid namespace"))
	}
	// The host closes the config pipe only after it placed us in the
	// sandbox cgroup, so reading to EOF is also the go signal.
	cf := os.NewFile(fdConfig, "config")
	data, err := io.ReadAll(io.LimitReader(cf, 1<<20))
	cf.Close()
	if err != nil {
		return fail(fmt.Errorf("read config: %w", err))
	}
	var c initConfig
	if err := json.Unmarshal(data, &c); err != nil {
		return fail(fmt.Errorf("parse config: %w", err))
	}
	if err := buildRoot(&c); err != nil {
		return fail(err)
	}
	if err := unix.Unshare(unix.CLONE_NEWCGROUP); err != nil {
		r.Warnings = append(r.Warnings, "cgroup namespace: "+err.Error())
	} else {
		r.Layers = append(r.Layers, "namespaces user,mnt,pid,net,ipc,uts,cgroup")
	}
	if err := netSetup(&c); err != nil {
		return fail(err)
	}
	if err := setRlimits(&c); err != nil {
		return fail(err)
	}
	r.Layers = append(r.Layers, fmt.Sprintf("rlimits nproc=%d nofile=%d fsize=%d as=%d cpu=%ds core=0", c.NProc, c.NoFile, c.FileSize, c.AS, c.CPU))
	// no_new_privs on every thread before Landlock and seccomp.
	if err := llsys.AllThreadsPrctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fail(fmt.Errorf("no_new_privs: %w", err))
	}
	r.Layers = append(r.Layers, "no_new_privs")
	if c.SkipLandlock {
		r.Warnings = append(r.Warnings, "landlock: not available on this kernel; filesystem access is limited by the mount layout only")
	} else {
		desc, err := applyLandlock(&c)
		if err != nil {
			return fail(fmt.Errorf("landlock: %w", err))
		}
		r.Layers = append(r.Layers, desc)
	}
	if err := dropPrivileges(&c); err != nil {
		return fail(err)
	}
	r.Layers = append(r.Layers, fmt.Sprintf("capabilities none (bounding set empty), uid=%d gid=%d", c.UID, c.GID))
	if c.SkipSeccomp {
		r.Warnings = append(r.Warnings, "seccomp: not available; running DEGRADED")
	} else {
		n, err := loadSeccomp()
		if err != nil {
			return fail(fmt.Errorf("seccomp: %w", err))
		}
		r.Layers = append(r.Layers, fmt.Sprintf("seccomp deny-list (%d instructions, 32-bit/x32 ABIs killed)", n))
	}
	if err := cloexecFrom(3); err != nil {
		return fail(err)
	}
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, unix.SIGTERM, unix.SIGINT, unix.SIGHUP, unix.SIGQUIT, unix.SIGUSR1, unix.SIGUSR2)
	argv0, err := lookPath(c.Command[0], c.Env)
	if err != nil {
		return fail(err)
	}
	pid, err := syscall.ForkExec(argv0, c.Command, &syscall.ProcAttr{
		Dir:   c.Dir,
		Env:   c.Env,
		Files: []uintptr{0, 1, 2},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	})
	if err != nil {
		return fail(fmt.Errorf("start %s: %w", c.Command[0], err))
	}
	json.NewEncoder(rep).Encode(r)
	rep.Close()
	go func() {
		for s := range sigs {
			unix.Kill(-pid, s.(syscall.Signal))
		}
	}()
	return reap(pid)
}

// reap waits for every child; when the workload exits it kills the rest
// of the namespace and returns the workload's status as an exit code.
func reap(pid int) int {
	code := -1
	for {
		var ws unix.WaitStatus
		wpid, err := unix.Wait4(-1, &ws, 0, nil)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil { // ECHILD: nothing left
			if code < 0 {
				code = exitSetup
			}
			return code
		}
		if wpid == pid {
			switch {
			case ws.Exited():
				code = ws.ExitStatus()
			case ws.Signaled():
				code = 128 + int(ws.Signal())
			}
			unix.Kill(-1, unix.SIGKILL)
		}
	}
}

func lookPath(name string, env []string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	path := "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	for _, dir := range filepath.SplitList(path) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: not found in the sandbox's PATH", name)
}

const newRoot = "/tmp" // mount point (private to our mount namespace) for the new root

func mount(src, dst, fstype string, flags uintptr, data string) error {
	if err := unix.Mount(src, dst, fstype, flags, data); err != nil {
		return fmt.Errorf("mount %s on %s: %w", src, dst, err)
	}
	return nil
}

// bindRO bind-mounts src on dst and makes it read-only, nosuid, nodev.
func bindRO(src, dst string, extra uintptr) error {
	if err := mount(src, dst, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return err
	}
	return remount(dst, unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV|extra)
}

// remount applies flags to a bind mount, keeping the flags the kernel
// locked on it (a user namespace may not clear them).
func remount(dst string, flags uintptr) error {
	var st unix.Statfs_t
	if err := unix.Statfs(dst, &st); err != nil {
		return fmt.Errorf("statfs %s: %w", dst, err)
	}
	keep := uintptr(0)
	for _, f := range []struct{ st, ms uintptr }{
		{unix.ST_NOSUID, unix.MS_NOSUID}, {unix.ST_NODEV, unix.MS_NODEV}, {unix.ST_NOEXEC, unix.MS_NOEXEC},
		{unix.ST_RDONLY, unix.MS_RDONLY}, {unix.ST_NOATIME, unix.MS_NOATIME}, {unix.ST_NODIRATIME, unix.MS_NODIRATIME},
		{unix.ST_RELATIME, unix.MS_RELATIME},
	} {
		if uintptr(st.Flags)&f.st != 0 {
			keep |= f.ms
		}
	}
	return mount("", dst, "", unix.MS_REMOUNT|unix.MS_BIND|flags|keep, "")
}

var etcFiles = map[string]string{
	"passwd":        "root:x:0:0:root:/tmp:/bin/sh\nsandbox:x:1000:1000:sandbox:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
	"group":         "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n",
	"hosts":         "127.0.0.1 localhost\n::1 localhost\n",
	"hostname":      "skillgate\n",
	"nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
	"resolv.conf":   "# no DNS inside the sandbox: approved hosts are reached through HTTPS_PROXY\n",
}

// buildRoot assembles the new root and pivots into it.
func buildRoot(c *initConfig) error {
	if err := mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return err
	}
	// By-path sources are opened before newRoot covers /tmp; the
	// descriptors belong to our mount namespace, so they can be bound.
	var skillSrc, workSrc string
	if !c.MountFDs {
		fd, err := unix.Open(c.SkillPath, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("open skill: %w", err)
		}
		skillSrc = "/proc/self/fd/" + strconv.Itoa(fd)
		if c.Work {
			fd, err := unix.Open(c.WorkPath, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
			if err != nil {
				return fmt.Errorf("open work: %w", err)
			}
			workSrc = "/proc/self/fd/" + strconv.Itoa(fd)
		}
	}
	if err := mount("tmpfs", newRoot, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "size=1m,mode=0755"); err != nil {
		return err
	}
	in := func(p string) string { return filepath.Join(newRoot, p) }
	for _, d := range []string{"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"} {
		fi, err := os.Lstat("/" + d)
		if err != nil {
			continue
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			t, err := os.Readlink("/" + d)
			if err != nil {
				return err
			}
			if err := os.Symlink(t, in(d)); err != nil {
				return err
			}
			continue
		}
		if err := os.Mkdir(in(d), 0o755); err != nil {
			return err
		}
		if err := bindRO("/"+d, in(d), 0); err != nil {
			return err
		}
	}
	if err := os.Mkdir(in("etc"), 0o755); err != nil {
		return err
	}
	for name, body := range etcFiles {
		if err := os.WriteFile(in("etc/"+name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	for _, p := range []string{"ssl", "ca-certificates", "alternatives", "pki", "ld.so.cache", "localtime"} {
		fi, err := os.Stat("/etc/" + p)
		if err != nil {
			continue
		}
		if fi.IsDir() {
			err = os.Mkdir(in("etc/"+p), 0o755)
		} else {
			err = os.WriteFile(in("etc/"+p), nil, 0o644)
		}
		if err != nil {
			return err
		}
		if err := bindRO("/etc/"+p, in("etc/"+p), 0); err != nil {
			return err
		}
	}
	if err := os.Mkdir(in("skill"), 0o755); err != nil {
		return err
	}
	if c.MountFDs {
		if err := unix.MoveMount(fdSkill, "", unix.AT_FDCWD, in("skill"), unix.MOVE_MOUNT_F_EMPTY_PATH); err != nil {
			return fmt.Errorf("attach skill: %w", err)
		}
	} else if err := mount(skillSrc, in("skill"), "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return err
	}
	if err := remount(in("skill"), unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV); err != nil {
		return err
	}
	if c.Work {
		if err := os.Mkdir(in("work"), 0o755); err != nil {
			return err
		}
		if c.MountFDs {
			if err := unix.MoveMount(fdWork, "", unix.AT_FDCWD, in("work"), unix.MOVE_MOUNT_F_EMPTY_PATH); err != nil {
				return fmt.Errorf("attach work: %w", err)
			}
		} else if err := mount(workSrc, in("work"), "", unix.MS_BIND, ""); err != nil {
			return err
		}
		if err := remount(in("work"), unix.MS_NOSUID|unix.MS_NODEV); err != nil {
			return err
		}
	}
	if err := os.Mkdir(in("tmp"), 0o1777); err != nil {
		return err
	}
	if err := mount("tmpfs", in("tmp"), "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC,
		fmt.Sprintf("size=%d,mode=1777,nr_inodes=16384", c.TmpSize)); err != nil {
		return err
	}
	if err := os.Mkdir(in("dev"), 0o755); err != nil {
		return err
	}
	for _, d := range []string{"null", "zero", "full", "random", "urandom"} {
		if err := os.WriteFile(in("dev/"+d), nil, 0o666); err != nil {
			return err
		}
		if err := mount("/dev/"+d, in("dev/"+d), "", unix.MS_BIND, ""); err != nil {
			return err
		}
		if err := remount(in("dev/"+d), unix.MS_NOSUID|unix.MS_NOEXEC); err != nil {
			return err
		}
	}
	if err := os.Mkdir(in("proc"), 0o555); err != nil {
		return err
	}
	if err := mount("proc", in("proc"), "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return err
	}
	if err := unix.Chdir(newRoot); err != nil {
		return err
	}
	if err := unix.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := unix.Unmount(".", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("detach old root: %w", err)
	}
	if err := unix.Chdir("/"); err != nil {
		return err
	}
	if err := remount("/", unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV); err != nil {
		return err
	}
	return nil
}

// netSetup brings lo up, names the host and, when network capabilities
// were approved, creates the proxy listener in this namespace and hands
// it to the host.
func netSetup(c *initConfig) error {
	if err := unix.Sethostname([]byte("skillgate")); err != nil {
		return fmt.Errorf("sethostname: %w", err)
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("socket: %w", err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	ifr.SetUint16(unix.IFF_UP | unix.IFF_LOOPBACK | unix.IFF_RUNNING)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return fmt.Errorf("lo up: %w", err)
	}
	if !c.Proxy {
		return nil
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:3128")
	if err != nil {
		return fmt.Errorf("proxy listener: %w", err)
	}
	f, err := ln.(*net.TCPListener).File()
	ln.Close()
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Sendmsg(fdProxy, []byte{1}, unix.UnixRights(int(f.Fd())), nil, 0); err != nil {
		return fmt.Errorf("hand proxy listener to host: %w", err)
	}
	return unix.Close(fdProxy)
}

func setRlimits(c *initConfig) error {
	set := func(res int, v uint64) error {
		if err := unix.Setrlimit(res, &unix.Rlimit{Cur: v, Max: v}); err != nil {
			return fmt.Errorf("setrlimit %d: %w", res, err)
		}
		return nil
	}
	for _, l := range []struct {
		res int
		v   uint64
	}{
		{unix.RLIMIT_CORE, 0}, {unix.RLIMIT_NOFILE, uint64(c.NoFile)}, {unix.RLIMIT_FSIZE, uint64(c.FileSize)},
		{unix.RLIMIT_NPROC, uint64(c.NProc)}, {unix.RLIMIT_AS, uint64(c.AS)},
		{unix.RLIMIT_MEMLOCK, 0}, {unix.RLIMIT_MSGQUEUE, 0}, {unix.RLIMIT_CPU, c.CPU},
	} {
		if err := set(l.res, l.v); err != nil {
			return err
		}
	}
	return nil
}

// landlockConfigs indexes go-landlock's configs by ABI; we use the highest
// one both the kernel and this list know, without best-effort.
var landlockConfigs = []landlock.Config{landlock.V1, landlock.V1, landlock.V2, landlock.V3, landlock.V4, landlock.V5, landlock.V6, landlock.V7}

func applyLandlock(c *initConfig) (string, error) {
	abi, err := llsys.LandlockGetABIVersion()
	if err != nil {
		return "", err
	}
	use := min(abi, len(landlockConfigs)-1)
	cfg := landlockConfigs[use]
	ro := []string{"/usr", "/etc", "/skill", "/proc"}
	for _, d := range []string{"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"} {
		if _, err := os.Stat(d); err == nil {
			ro = append(ro, d)
		}
	}
	rules := []landlock.Rule{
		landlock.RODirs(ro...),
		landlock.PathAccess(landlock.AccessFSSet(llsys.AccessFSReadDir), "/", "/dev"),
		landlock.RWDirs("/tmp"),
		landlock.RWFiles("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"),
	}
	if c.Work {
		rules = append(rules, landlock.RWDirs("/work"))
	}
	if c.Proxy && use >= 4 {
		rules = append(rules, landlock.ConnectTCP(3128))
	}
	if err := cfg.Restrict(rules...); err != nil {
		return "", err
	}
	return fmt.Sprintf("landlock abi=%d (kernel %d) %s", use, abi, cfg.String()), nil
}

// secureBits: uid 0 gains no capabilities on exec; setuid drops them;
// no ambient raise. All locked.
const secureBits = 0xeb // NOROOT, NO_SETUID_FIXUP_LOCKED, KEEP_CAPS_LOCKED, NO_CAP_AMBIENT_RAISE, each locked

// capLastCap reads the highest capability number the kernel knows.
func capLastCap() int {
	b, err := os.ReadFile("/proc/sys/kernel/cap_last_cap")
	if err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			return n
		}
	}
	return 63
}

// dropPrivileges empties the bounding and ambient sets and locks the
// root exception off (securebits) on this locked thread — the one that
// forks the workload, which inherits them — then switches every thread to
// the sandbox uid/gid and clears every remaining capability everywhere.
// PID 1's other threads never exec.
func dropPrivileges(c *initConfig) error {
	if err := unix.Prctl(unix.PR_SET_SECUREBITS, secureBits, 0, 0, 0); err != nil {
		return fmt.Errorf("securebits: %w", err)
	}
	last := capLastCap()
	for cp := 0; cp <= last; cp++ {
		if err := unix.Prctl(unix.PR_CAPBSET_DROP, uintptr(cp), 0, 0, 0); err != nil && !errors.Is(err, unix.EINVAL) {
			return fmt.Errorf("drop capability %d from the bounding set: %w", cp, err)
		}
	}
	if err := unix.Prctl(unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0); err != nil {
		return fmt.Errorf("clear ambient capabilities: %w", err)
	}
	if err := syscall.Setresgid(c.GID, c.GID, c.GID); err != nil {
		return fmt.Errorf("setgid %d: %w", c.GID, err)
	}
	if err := syscall.Setresuid(c.UID, c.UID, c.UID); err != nil {
		return fmt.Errorf("setuid %d: %w", c.UID, err)
	}
	// With uid 0 inside (non-root host) the sets survive setuid: clear them.
	if err := capClearAllThreads(); err != nil {
		return fmt.Errorf("clear capabilities: %w", err)
	}
	return nil
}

// cloexecFrom marks every descriptor >= from close-on-exec so the
// workload inherits only stdin, stdout and stderr.
func cloexecFrom(from int) error {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return fmt.Errorf("list descriptors: %w", err)
	}
	for _, e := range ents {
		fd, err := strconv.Atoi(e.Name())
		if err != nil || fd < from || fd == fdReport {
			continue
		}
		unix.CloseOnExec(fd)
	}
	unix.CloseOnExec(fdReport)
	return nil
}
