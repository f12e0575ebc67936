//go:build linux && cgo

package linux

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	seccomp "github.com/elastic/go-seccomp-bpf"
	llsys "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/sys/unix"

	"skillgate.dev/skillgate/runner"
	"skillgate.dev/skillgate/runner/proxy"
)

// Host uid/gid range the sandbox maps to when the runner is root: never
// host 0.
const (
	hostIDBase  = 100000
	hostIDCount = 65536
	sandboxID   = 1000
)

// Backend is the native Linux sandbox.
type Backend struct {
	// Exe is the binary re-executed as PID 1; "" means /proc/self/exe.
	// It must dispatch [InitArg] to [Init].
	Exe string
	// ProbeOverride replaces the kernel probe (tests of the degraded-host
	// refusal).
	ProbeOverride func() runner.Features
	// Resolver and Dial configure the proxy (tests inject fakes).
	Resolver proxy.Resolver
	Dial     func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Name implements runner.Backend.
func (b *Backend) Name() string { return "native" }

// Probe reports user namespaces, seccomp, the Landlock ABI and cgroups.
func (b *Backend) Probe(ctx context.Context) runner.Features {
	if b.ProbeOverride != nil {
		return b.ProbeOverride()
	}
	return probe()
}

func probe() runner.Features {
	var f runner.Features
	if bs, err := os.ReadFile("/proc/sys/user/max_user_namespaces"); err == nil && strings.TrimSpace(string(bs)) != "0" {
		f.UserNS = true
	}
	if bs, err := os.ReadFile("/proc/sys/kernel/unprivileged_userns_clone"); err == nil && strings.TrimSpace(string(bs)) == "0" && os.Geteuid() != 0 {
		f.UserNS = false
		f.Notes = append(f.Notes, "kernel.unprivileged_userns_clone=0")
	}
	f.Seccomp = seccomp.Supported()
	if abi, err := llsys.LandlockGetABIVersion(); err == nil {
		f.LandlockABI = abi
	} else {
		f.Notes = append(f.Notes, "landlock: "+err.Error())
	}
	f.Cgroup = probeCgroup()
	return f
}

// Run builds the sandbox, runs p.Command in it and tears it down.
func (b *Backend) Run(ctx context.Context, p runner.Profile, stdio runner.IO) (*runner.Result, error) {
	p = p.WithDefaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	logw := stdio.Log
	if logw == nil {
		logw = io.Discard
	}
	res := &runner.Result{Backend: b.Name()}
	feat := b.Probe(ctx)
	mandatory, optional := feat.Missing()
	if len(mandatory) > 0 {
		if !p.AllowDegradedUnsafe {
			return nil, fmt.Errorf("%w: missing %s (--unsafe-allow-degraded runs anyway, recorded)", runner.ErrDegraded, strings.Join(mandatory, ", "))
		}
		if !feat.UserNS {
			return nil, fmt.Errorf("%w: the native backend cannot run at all without user namespaces", runner.ErrDegraded)
		}
		res.Degraded = mandatory
		fmt.Fprintf(logw, "skillgate: warning: UNSAFE: running DEGRADED without %s\n", strings.Join(mandatory, ", "))
	}
	for _, o := range optional {
		w := "missing protection layer: " + o
		res.Warnings = append(res.Warnings, w)
		fmt.Fprintf(logw, "skillgate: warning: %s\n", w)
	}

	uid, gid := sandboxID, sandboxID
	maps := []syscall.SysProcIDMap{{ContainerID: 0, HostID: hostIDBase, Size: hostIDCount}}
	gmaps := maps
	// PID 1 starts as uid 0 of the new namespace (host hostIDBase when we
	// are root: our own uid is not mapped).
	initCred := &syscall.Credential{Uid: 0, Gid: 0, NoSetGroups: true}
	var initCaps []uintptr
	if os.Geteuid() != 0 {
		// Unprivileged: only our own ids can be mapped, to the sandbox
		// user, so nothing in the sandbox is ever uid 0. PID 1 keeps the
		// capabilities it needs to build the sandbox (in its namespace
		// only) across exec as ambient ones, and drops them all.
		maps = []syscall.SysProcIDMap{{ContainerID: sandboxID, HostID: os.Geteuid(), Size: 1}}
		gmaps = []syscall.SysProcIDMap{{ContainerID: sandboxID, HostID: os.Getegid(), Size: 1}}
		initCred = &syscall.Credential{Uid: sandboxID, Gid: sandboxID, NoSetGroups: true}
		initCaps = []uintptr{unix.CAP_SYS_ADMIN, unix.CAP_NET_ADMIN, unix.CAP_SETPCAP}
	}
	env := []string{"PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME=/tmp", "LANG=C.UTF-8"}
	for _, k := range sortedKeys(p.Env) {
		env = append(env, k+"="+p.Env[k])
	}
	if len(p.Network) > 0 {
		u := "http://" + runner.ProxyAddr
		env = append(env, "HTTPS_PROXY="+u, "HTTP_PROXY="+u, "https_proxy="+u, "http_proxy="+u, "NO_PROXY=")
	}
	dir := runner.SkillMount
	if p.WorkDir != "" {
		dir = runner.WorkMount
	}
	cfg := initConfig{
		Command: p.Command, Env: env, Dir: dir, Work: p.WorkDir != "", Proxy: len(p.Network) > 0,
		UID: uid, GID: gid, TmpSize: p.TmpSize,
	}
	var rlDesc string
	cfg.Rlimits, rlDesc = rlimitsFor(p.NoFile, p.FileSize, max(8*p.Memory, 4<<30), p.Pids, uint64(p.Timeout/time.Second)+1)
	layerDesc := map[string]string{"rlimits": rlDesc}
	var hostWarnings []string
	if feat.Seccomp {
		prog, err := buildFilter()
		if err != nil {
			return nil, err
		}
		cfg.Seccomp = prog
		layerDesc["seccomp"] = fmt.Sprintf("seccomp deny-list (%d instructions, 32-bit/x32 ABIs killed)", len(prog))
	} else {
		cfg.NoSeccomp = true // only reached with AllowDegradedUnsafe
		hostWarnings = append(hostWarnings, "seccomp: not available; running DEGRADED")
	}
	var llFile *os.File
	if feat.LandlockABI > 0 {
		pl, err := newLandlockPlan(feat.LandlockABI, cfg.Work, cfg.Proxy)
		if err != nil {
			return nil, err
		}
		llFile = pl.ruleset
		defer llFile.Close()
		cfg.Landlock, cfg.LandlockFlags, cfg.Rules = true, pl.flags, pl.rules
		layerDesc["landlock"] = pl.desc
	} else {
		hostWarnings = append(hostWarnings, "landlock: not available on this kernel; filesystem access is limited by the mount layout only")
	}

	var skillF, workF *os.File
	var err error
	if os.Geteuid() == 0 {
		// Detached mount trees: PID 1 (an unprivileged host uid) attaches
		// them without needing to traverse the gate's 0700 stage root.
		cfg.MountFDs = true
		skillF, err = detachedTree(p.SkillDir, unix.MOUNT_ATTR_RDONLY)
		if err != nil {
			return nil, fmt.Errorf("staged skill: %w", err)
		}
		defer skillF.Close()
		if p.WorkDir != "" {
			if workF, err = detachedTree(p.WorkDir, 0); err != nil {
				return nil, fmt.Errorf("work folder: %w", err)
			}
			defer workF.Close()
			// The sandbox user owns the work folder through an idmapped
			// mount; the folder itself is not chowned.
			if err := idmapToSandbox(workF, p.WorkDir); err != nil {
				return nil, fmt.Errorf("work folder: %w", err)
			}
		}
	} else {
		cfg.SkillPath, cfg.WorkPath = p.SkillDir, p.WorkDir
	}
	cfgR, cfgW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer cfgR.Close()
	defer cfgW.Close()
	repR, repW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer repR.Close()
	defer repW.Close()
	var proxyHost, proxyChild *os.File
	if cfg.Proxy {
		sp, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return nil, err
		}
		proxyHost, proxyChild = os.NewFile(uintptr(sp[0]), "proxy-host"), os.NewFile(uintptr(sp[1]), "proxy-child")
		defer proxyHost.Close()
		defer proxyChild.Close()
	}

	var cg *cgroup
	var cgFiles []*os.File
	var cgDir *os.File
	if feat.Cgroup != "" {
		cg, err = newCgroup(feat.Cgroup, "run-"+randID(), p.Memory, p.Pids)
		if err != nil {
			return nil, fmt.Errorf("create cgroup: %w", err)
		}
		defer cg.remove()
		// v2: PID 1 is cloned into the cgroup. v1: PID 1 joins through
		// these descriptors before it does anything else.
		if cg.version == "v2" {
			cgDir, err = os.OpenFile(cg.dirs[0], unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		} else {
			cgFiles, err = cg.taskFiles()
		}
		if err != nil {
			return nil, fmt.Errorf("cgroup: %w", err)
		}
		defer func() {
			for _, f := range append(cgFiles, cgDir) {
				if f != nil {
					f.Close()
				}
			}
		}()
		for i := range cgFiles {
			cfg.CgroupFDs = append(cfg.CgroupFDs, fdCgroup+i)
		}
		res.Layers = append(res.Layers, fmt.Sprintf("cgroup %s memory=%d pids=%d", cg.version, p.Memory, p.Pids))
	}
	data, err := cfg.encode()
	if err != nil {
		return nil, err
	}

	exe := b.Exe
	if exe == "" {
		exe = "/proc/self/exe"
	}
	cmd := exec.Command(exe, InitArg)
	cmd.Args[0] = "skillgate" // ps shows "skillgate __sandbox-init"
	cmd.Env = []string{}
	cmd.Stdin = stdio.Stdin
	outCap := runner.NewCapWriter(stdio.Stdout, p.OutputCap)
	errCap := runner.NewCapWriter(stdio.Stderr, p.OutputCap)
	cmd.Stdout, cmd.Stderr = outCap, errCap
	cmd.ExtraFiles = append([]*os.File{cfgR, skillF, repW, workF, proxyChild, llFile}, cgFiles...)
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS | syscall.CLONE_NEWPID |
			syscall.CLONE_NEWNET | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS,
		UidMappings:                maps,
		GidMappings:                gmaps,
		GidMappingsEnableSetgroups: false,
		Credential:                 initCred,
		AmbientCaps:                initCaps,
		Setsid:                     true,
		Pdeathsig:                  syscall.SIGKILL,
	}
	if cgDir != nil {
		cmd.SysProcAttr.UseCgroupFD, cmd.SysProcAttr.CgroupFD = true, int(cgDir.Fd())
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	cfgR.Close()
	repW.Close()
	if proxyChild != nil {
		proxyChild.Close()
	}
	var killOnce sync.Once
	kill := func() { killOnce.Do(func() { cmd.Process.Signal(syscall.SIGKILL) }) }
	if llFile != nil {
		llFile.Close()
	}
	outCap.OnExceed, errCap.OnExceed = kill, kill
	if _, err := cfgW.Write(data); err != nil {
		kill()
		cmd.Wait()
		return nil, fmt.Errorf("configure sandbox: %w", err)
	}
	cfgW.Close() // EOF: PID 1 may go on

	var timedOut bool
	var mu sync.Mutex
	timer := time.AfterFunc(p.Timeout, func() {
		mu.Lock()
		timedOut = true
		mu.Unlock()
		kill()
	})
	defer timer.Stop()
	stopCtx := context.AfterFunc(ctx, kill)
	defer stopCtx()

	pctx, cancelProxy := context.WithCancel(ctx)
	defer cancelProxy()
	proxyDone := make(chan struct{})
	if proxyHost != nil {
		go func() {
			defer close(proxyDone)
			b.serveProxy(pctx, proxyHost, p.Network, logw)
		}()
	} else {
		close(proxyDone)
	}

	repData, _ := io.ReadAll(io.LimitReader(repR, 1<<20))
	rep := parseReport(repData)
	werr := cmd.Wait()
	res.Duration = time.Since(start)
	cancelProxy()
	if proxyHost != nil {
		proxyHost.Close()
	}
	<-proxyDone
	for _, l := range rep.Layers {
		if d, ok := layerDesc[l]; ok {
			l = d
		}
		res.Layers = append(res.Layers, l)
	}
	res.Warnings = append(append(res.Warnings, hostWarnings...), rep.Warnings...)
	for _, w := range append(hostWarnings, rep.Warnings...) {
		fmt.Fprintf(logw, "skillgate: warning: %s\n", w)
	}
	if cg != nil {
		res.Leftover = cg.drain(2 * time.Second)
		res.OOMKilled = cg.oomKilled()
	}
	mu.Lock()
	res.TimedOut = timedOut
	mu.Unlock()
	if outCap.Exceeded() {
		res.Truncated = append(res.Truncated, "stdout")
	}
	if errCap.Exceeded() {
		res.Truncated = append(res.Truncated, "stderr")
	}
	if rep.Error != "" {
		return res, fmt.Errorf("sandbox setup: %s", rep.Error)
	}
	if err := runner.SetExit(res, werr); err != nil {
		return res, err
	}
	if len(repData) == 0 && !res.TimedOut && len(res.Truncated) == 0 && ctx.Err() == nil {
		return res, fmt.Errorf("sandbox setup: PID 1 exited (%v) before starting the command", werr)
	}
	return res, nil
}

// detachedTree clones the tree at dir into a detached mount (open_tree)
// with nosuid, nodev and the extra attributes set.
func detachedTree(dir string, attr uint64) (*os.File, error) {
	fd, err := unix.OpenTree(unix.AT_FDCWD, dir, unix.OPEN_TREE_CLONE|unix.OPEN_TREE_CLOEXEC|unix.AT_RECURSIVE|unix.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		return nil, fmt.Errorf("open_tree %s: %w", dir, err)
	}
	a := &unix.MountAttr{Attr_set: unix.MOUNT_ATTR_NOSUID | unix.MOUNT_ATTR_NODEV | attr}
	if err := unix.MountSetattr(fd, "", unix.AT_EMPTY_PATH|unix.AT_RECURSIVE, a); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("mount_setattr %s: %w", dir, err)
	}
	return os.NewFile(uintptr(fd), dir), nil
}

// idmapToSandbox makes the detached tree's owner appear as the sandbox
// user (host hostIDBase+sandboxID) through an idmapped mount. The user
// namespace carrying the mapping belongs to a short-lived helper that
// only blocks on its stdin.
func idmapToSandbox(tree *os.File, dir string) error {
	var st unix.Stat_t
	if err := unix.Stat(dir, &st); err != nil {
		return err
	}
	helper := exec.Command("/bin/cat")
	in, err := helper.StdinPipe()
	if err != nil {
		return err
	}
	helper.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: int(st.Uid), HostID: hostIDBase + sandboxID, Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: int(st.Gid), HostID: hostIDBase + sandboxID, Size: 1}},
		Pdeathsig:   syscall.SIGKILL,
	}
	if err := helper.Start(); err != nil {
		return fmt.Errorf("idmap helper: %w", err)
	}
	defer helper.Wait()
	defer in.Close()
	ns, err := unix.Open(fmt.Sprintf("/proc/%d/ns/user", helper.Process.Pid), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(ns)
	a := &unix.MountAttr{Attr_set: unix.MOUNT_ATTR_IDMAP, Userns_fd: uint64(ns)}
	if err := unix.MountSetattr(int(tree.Fd()), "", unix.AT_EMPTY_PATH|unix.AT_RECURSIVE, a); err != nil {
		return fmt.Errorf("idmapped mount of %s: %w", dir, err)
	}
	return nil
}

// serveProxy receives the listener PID 1 created in the sandbox's network
// namespace and serves the allowlist on it.
func (b *Backend) serveProxy(ctx context.Context, sock *os.File, allow []string, logw io.Writer) {
	buf := make([]byte, 1)
	oob := make([]byte, unix.CmsgSpace(4))
	_, oobn, _, _, err := unix.Recvmsg(int(sock.Fd()), buf, oob, 0)
	if err != nil || oobn == 0 {
		return
	}
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	if err != nil || len(msgs) != 1 {
		return
	}
	fds, err := unix.ParseUnixRights(&msgs[0])
	if err != nil || len(fds) != 1 {
		return
	}
	lf := os.NewFile(uintptr(fds[0]), "proxy-listener")
	ln, err := net.FileListener(lf)
	lf.Close()
	if err != nil {
		fmt.Fprintf(logw, "skillgate: warning: proxy: %v\n", err)
		return
	}
	px, err := proxy.New(allow)
	if err != nil {
		fmt.Fprintf(logw, "skillgate: warning: %v\n", err)
		ln.Close()
		return
	}
	if b.Resolver != nil {
		px.Resolver = b.Resolver
	}
	px.Dial = b.Dial
	var lmu sync.Mutex
	px.Log = func(line string) {
		lmu.Lock()
		defer lmu.Unlock()
		fmt.Fprintln(logw, "skillgate: "+line)
	}
	px.Serve(ctx, ln)
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return slices.Compact(ks)
}

func randID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
