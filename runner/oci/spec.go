package oci

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"skillgate.dev/skillgate/runner"
)

// The subset of the OCI runtime spec (v1.0.2) that skillgate writes.
type (
	Spec struct {
		OCIVersion string   `json:"ociVersion"`
		Process    Process  `json:"process"`
		Root       Root     `json:"root"`
		Hostname   string   `json:"hostname"`
		Mounts     []Mount  `json:"mounts"`
		Linux      LinuxCfg `json:"linux"`
	}
	Process struct {
		Terminal        bool          `json:"terminal"`
		User            User          `json:"user"`
		Args            []string      `json:"args"`
		Env             []string      `json:"env"`
		Cwd             string        `json:"cwd"`
		Capabilities    *Capabilities `json:"capabilities"`
		Rlimits         []Rlimit      `json:"rlimits"`
		NoNewPrivileges bool          `json:"noNewPrivileges"`
	}
	User struct {
		UID int `json:"uid"`
		GID int `json:"gid"`
	}
	Capabilities struct {
		Bounding    []string `json:"bounding"`
		Effective   []string `json:"effective"`
		Inheritable []string `json:"inheritable"`
		Permitted   []string `json:"permitted"`
		Ambient     []string `json:"ambient"`
	}
	Rlimit struct {
		Type string `json:"type"`
		Hard uint64 `json:"hard"`
		Soft uint64 `json:"soft"`
	}
	Root struct {
		Path     string `json:"path"`
		Readonly bool   `json:"readonly"`
	}
	Mount struct {
		Destination string   `json:"destination"`
		Type        string   `json:"type,omitempty"`
		Source      string   `json:"source,omitempty"`
		Options     []string `json:"options,omitempty"`
	}
	LinuxCfg struct {
		UIDMappings   []IDMap    `json:"uidMappings,omitempty"`
		GIDMappings   []IDMap    `json:"gidMappings,omitempty"`
		Namespaces    []NS       `json:"namespaces"`
		Resources     *Resources `json:"resources,omitempty"`
		Seccomp       *Seccomp   `json:"seccomp,omitempty"`
		MaskedPaths   []string   `json:"maskedPaths"`
		ReadonlyPaths []string   `json:"readonlyPaths"`
	}
	IDMap struct {
		ContainerID uint32 `json:"containerID"`
		HostID      uint32 `json:"hostID"`
		Size        uint32 `json:"size"`
	}
	NS struct {
		Type string `json:"type"`
	}
	Resources struct {
		Memory  *Memory  `json:"memory,omitempty"`
		Pids    *Pids    `json:"pids,omitempty"`
		Devices []Device `json:"devices"`
	}
	Memory struct {
		Limit int64 `json:"limit"`
		Swap  int64 `json:"swap"`
	}
	Pids struct {
		Limit int64 `json:"limit"`
	}
	Device struct {
		Allow  bool   `json:"allow"`
		Access string `json:"access,omitempty"`
	}
	Seccomp struct {
		DefaultAction string    `json:"defaultAction"`
		Architectures []string  `json:"architectures"`
		Syscalls      []Syscall `json:"syscalls"`
	}
	Syscall struct {
		Names    []string `json:"names"`
		Action   string   `json:"action"`
		ErrnoRet *uint    `json:"errnoRet,omitempty"`
		Args     []Arg    `json:"args,omitempty"`
	}
	Arg struct {
		Index    uint   `json:"index"`
		Value    uint64 `json:"value"`
		ValueTwo uint64 `json:"valueTwo"`
		Op       string `json:"op"`
	}
)

// Host ids the sandbox maps to (never host 0).
const (
	HostIDBase  = 100000
	HostIDCount = 65536
	SandboxUID  = 1000
)

// DeniedSyscalls is the seccomp deny list shared with the native backend.
var DeniedSyscalls = []string{
	"keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
	"io_uring_setup", "io_uring_enter", "io_uring_register",
	"kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
	"open_by_handle_at", "name_to_handle_at",
	"mount", "umount2", "pivot_root", "chroot", "move_mount", "fsopen", "fsmount", "fsconfig", "fspick",
	"open_tree", "mount_setattr", "unshare", "setns", "ptrace", "process_vm_readv", "process_vm_writev",
	"kcmp", "pidfd_getfd", "acct", "swapon", "swapoff", "reboot", "syslog", "quotactl", "settimeofday",
	"clock_settime", "clock_adjtime", "adjtimex", "vhangup", "personality", "fanotify_init",
}

// Linux constants (stable ABI values; spelled out so the spec can be
// generated on any OS).
const (
	tiocsti      = 0x5412
	tioclinux    = 0x541c
	afNetlink    = 16
	afPacket     = 17
	sockRaw      = 3
	ipprotoMPTCP = 262
)

var nsFlags = []uint64{0x00020000, 0x10000000, 0x20000000, 0x40000000, 0x04000000, 0x08000000, 0x02000000, 0x00000080}

func seccompProfile() *Seccomp {
	eperm, enosys := uint(1), uint(38)
	arches := map[string][]string{"amd64": {"SCMP_ARCH_X86_64"}, "arm64": {"SCMP_ARCH_AARCH64"}}[runtime.GOARCH]
	s := &Seccomp{
		DefaultAction: "SCMP_ACT_ALLOW",
		// Only the native ABI: libseccomp kills any other architecture
		// (i386, x32) outright.
		Architectures: arches,
		Syscalls: []Syscall{
			{Names: DeniedSyscalls, Action: "SCMP_ACT_ERRNO", ErrnoRet: &eperm},
			{Names: []string{"clone3"}, Action: "SCMP_ACT_ERRNO", ErrnoRet: &enosys},
		},
	}
	masked := func(name string, idx uint, mask, val uint64) Syscall {
		return Syscall{Names: []string{name}, Action: "SCMP_ACT_ERRNO", ErrnoRet: &eperm,
			Args: []Arg{{Index: idx, Value: mask, ValueTwo: val, Op: "SCMP_CMP_MASKED_EQ"}}}
	}
	s.Syscalls = append(s.Syscalls,
		masked("ioctl", 1, 0xffffffff, tiocsti), masked("ioctl", 1, 0xffffffff, tioclinux),
		masked("socket", 0, 0xffffffff, afNetlink), masked("socket", 0, 0xffffffff, afPacket),
		masked("socket", 1, 0xf, sockRaw), masked("socket", 2, 0xffffffff, ipprotoMPTCP))
	for _, f := range nsFlags {
		s.Syscalls = append(s.Syscalls, masked("clone", 0, f, f))
	}
	return s
}

// Options are host-specific choices for [NewSpec].
type Options struct {
	// Rootless: the runtime runs as this non-root uid/gid; map only it.
	Rootless    bool
	HostUID     int
	HostGID     int
	ReadOnlyEtc []string // host /etc entries bound read-only (CA certs…)
	// GVisor: runsc applies its own user namespace to its sandbox and
	// gofer; the spec then carries none (its gofer must read the stage as
	// the runner's user).
	GVisor bool
	// DevDir is a host folder holding an empty file per [DevNodes]; it is
	// bound read-only at /dev so the runtime creates no default devices
	// (tty, ptmx, fd links) and the sandbox sees only DevNodes.
	DevDir string
}

// NewSpec renders p as an OCI runtime spec with rootfs "rootfs". The
// rootfs folder must hold an empty mount point for every destination.
func NewSpec(p runner.Profile, o Options) (*Spec, error) {
	p = p.WithDefaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(p.Network) > 0 {
		return nil, fmt.Errorf("oci: approved network capabilities need the native backend's proxy")
	}
	uid := SandboxUID
	maps := []IDMap{{ContainerID: 0, HostID: HostIDBase, Size: HostIDCount}}
	gmaps := maps
	if o.Rootless {
		uid = 0
		maps = []IDMap{{ContainerID: 0, HostID: uint32(o.HostUID), Size: 1}}
		gmaps = []IDMap{{ContainerID: 0, HostID: uint32(o.HostGID), Size: 1}}
	}
	env := []string{"PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME=/tmp", "LANG=C.UTF-8"}
	keys := make([]string, 0, len(p.Env))
	for k := range p.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		env = append(env, k+"="+p.Env[k])
	}
	cwd := runner.SkillMount
	if p.WorkDir != "" {
		cwd = runner.WorkMount
	}
	ro := []string{"rbind", "ro", "nosuid", "nodev"}
	s := &Spec{
		OCIVersion: "1.0.2",
		Hostname:   "skillgate",
		Root:       Root{Path: "rootfs", Readonly: true},
		Process: Process{
			User: User{UID: uid, GID: uid}, Args: p.Command, Env: env, Cwd: cwd,
			Capabilities:    &Capabilities{Bounding: []string{}, Effective: []string{}, Inheritable: []string{}, Permitted: []string{}, Ambient: []string{}},
			NoNewPrivileges: true,
			Rlimits: []Rlimit{
				{Type: "RLIMIT_CORE"}, {Type: "RLIMIT_NOFILE", Hard: uint64(p.NoFile), Soft: uint64(p.NoFile)},
				{Type: "RLIMIT_FSIZE", Hard: uint64(p.FileSize), Soft: uint64(p.FileSize)},
				{Type: "RLIMIT_NPROC", Hard: uint64(p.Pids), Soft: uint64(p.Pids)},
				{Type: "RLIMIT_MEMLOCK"}, {Type: "RLIMIT_MSGQUEUE"},
			},
		},
		Mounts: []Mount{
			{Destination: "/proc", Type: "proc", Source: "proc", Options: []string{"nosuid", "noexec", "nodev"}},
			{Destination: "/tmp", Type: "tmpfs", Source: "tmpfs", Options: []string{"nosuid", "nodev", "noexec", "mode=1777", "size=" + strconv.FormatInt(p.TmpSize, 10)}},
			{Destination: runner.SkillMount, Type: "bind", Source: p.SkillDir, Options: ro},
		},
		Linux: LinuxCfg{
			UIDMappings: maps, GIDMappings: gmaps,
			Namespaces: []NS{{"user"}, {"mount"}, {"pid"}, {"network"}, {"ipc"}, {"uts"}, {"cgroup"}},
			Resources: &Resources{Memory: &Memory{Limit: p.Memory, Swap: p.Memory}, Pids: &Pids{Limit: int64(p.Pids)},
				Devices: []Device{{Allow: false, Access: "rwm"}}},
			Seccomp: seccompProfile(),
			MaskedPaths: []string{"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
				"/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware"},
			ReadonlyPaths: []string{"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"},
		},
	}
	if o.Rootless {
		s.Linux.Resources = nil // no delegated cgroup: recorded by the caller
	}
	if o.GVisor && !o.Rootless {
		s.Linux.UIDMappings, s.Linux.GIDMappings = nil, nil
		s.Linux.Namespaces = slices.DeleteFunc(s.Linux.Namespaces, func(n NS) bool { return n.Type == "user" })
	}
	if o.GVisor && s.Linux.Resources != nil {
		// The cgroup holds gVisor's sentry and gofer threads (and, on the
		// ptrace platform, its stub processes) too; the workload's own
		// limit is RLIMIT_NPROC, enforced by the sentry. With too little
		// slack a fork bomb the sentry already stopped still starves the
		// sentry of host threads and the sandbox dies (seen with +256).
		s.Linux.Resources.Pids.Limit += 1024
	}
	for _, d := range HostDirs() {
		if t, err := os.Readlink("/" + d); err == nil {
			_ = t // a usrmerge symlink: recreated in the rootfs by the caller
			continue
		}
		s.Mounts = append(s.Mounts, Mount{Destination: "/" + d, Type: "bind", Source: "/" + d, Options: ro})
	}
	for _, e := range o.ReadOnlyEtc {
		s.Mounts = append(s.Mounts, Mount{Destination: "/etc/" + e, Type: "bind", Source: "/etc/" + e, Options: ro})
	}
	if o.DevDir != "" {
		s.Mounts = append(s.Mounts, Mount{Destination: "/dev", Type: "bind", Source: o.DevDir, Options: []string{"rbind", "ro", "nosuid", "noexec", "nodev"}})
	}
	for _, d := range DevNodes {
		s.Mounts = append(s.Mounts, Mount{Destination: "/dev/" + d, Type: "bind", Source: "/dev/" + d, Options: []string{"bind", "nosuid", "noexec"}})
	}
	if p.WorkDir != "" {
		s.Mounts = append(s.Mounts, Mount{Destination: runner.WorkMount, Type: "bind", Source: p.WorkDir, Options: []string{"rbind", "rw", "nosuid", "nodev"}})
	}
	return s, nil
}

// DevNodes are the only device nodes a sandbox sees.
var DevNodes = []string{"null", "zero", "full", "random", "urandom"}

// HostDirs are the host folders bound read-only (or recreated as
// symlinks) in the sandbox's root.
func HostDirs() []string {
	var out []string
	for _, d := range []string{"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"} {
		if _, err := os.Lstat("/" + d); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// EtcFiles are synthesized in the rootfs's /etc.
var EtcFiles = map[string]string{
	"passwd":        "root:x:0:0:root:/tmp:/bin/sh\nsandbox:x:1000:1000:sandbox:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
	"group":         "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n",
	"hosts":         "127.0.0.1 localhost\n::1 localhost\n",
	"nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
	"resolv.conf":   "# no DNS inside the sandbox\n",
}

// MarshalSpec renders s as indented JSON.
func MarshalSpec(s *Spec) ([]byte, error) { return json.MarshalIndent(s, "", "  ") }

// DockerArgs renders p as `docker run` / `podman run` arguments (without
// the image and command): the staged skill read-only at /skill, no
// network, every capability dropped, no-new-privileges, the seccomp
// profile file (write [SeccompJSON] to it), a read-only root, a noexec
// /tmp, limits and only the approved environment variables.
func DockerArgs(p runner.Profile, seccompFile string) ([]string, error) {
	p = p.WithDefaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(p.Network) > 0 {
		return nil, fmt.Errorf("oci: approved network capabilities need the native backend's proxy")
	}
	if seccompFile == "" || strings.ContainsAny(seccompFile, ",") {
		return nil, fmt.Errorf("oci: a seccomp profile file is required")
	}
	args := []string{"run", "--rm", "--init=false",
		"--network", "none", "--ipc", "private", "--cap-drop", "ALL",
		"--security-opt", "no-new-privileges", "--security-opt", "seccomp=" + seccompFile,
		"--read-only", "--user", fmt.Sprintf("%d:%d", SandboxUID, SandboxUID),
		"--tmpfs", fmt.Sprintf("/tmp:rw,noexec,nosuid,nodev,size=%d", p.TmpSize),
		"--memory", strconv.FormatInt(p.Memory, 10), "--memory-swap", strconv.FormatInt(p.Memory, 10),
		"--pids-limit", strconv.Itoa(p.Pids),
		"--ulimit", "core=0", "--ulimit", fmt.Sprintf("nofile=%d", p.NoFile), "--ulimit", fmt.Sprintf("fsize=%d", p.FileSize),
		"--mount", "type=bind,source=" + p.SkillDir + ",target=" + runner.SkillMount + ",readonly",
		"--workdir", runner.SkillMount,
	}
	if strings.Contains(p.SkillDir, ",") {
		return nil, fmt.Errorf("oci: skill path %q holds a comma", p.SkillDir)
	}
	if p.WorkDir != "" {
		if strings.Contains(p.WorkDir, ",") {
			return nil, fmt.Errorf("oci: work path %q holds a comma", p.WorkDir)
		}
		args = append(args, "--mount", "type=bind,source="+p.WorkDir+",target="+runner.WorkMount, "--workdir", runner.WorkMount)
	}
	keys := make([]string, 0, len(p.Env))
	for k := range p.Env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		// --env NAME passes the value from the caller's environment, so
		// secrets never appear on a command line.
		args = append(args, "--env", k)
	}
	return args, nil
}

// SeccompJSON is the seccomp profile for docker/podman (their format is
// the OCI one).
func SeccompJSON() ([]byte, error) { return json.MarshalIndent(seccompProfile(), "", "  ") }
