//go:build linux && cgo

package linux

import (
	"fmt"
	"runtime"

	seccomp "github.com/elastic/go-seccomp-bpf"
	"github.com/elastic/go-seccomp-bpf/arch"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// deniedSyscalls fail with EPERM inside the sandbox. Every name must exist
// on the architecture (missing ones are an error, not a skip), except
// those listed in optionalSyscalls.
var deniedSyscalls = []string{
	"keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
	"io_uring_setup", "io_uring_enter", "io_uring_register",
	"kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
	"open_by_handle_at", "name_to_handle_at",
	"mount", "umount2", "pivot_root", "chroot", "move_mount", "fsopen", "fsmount", "fsconfig", "fspick",
	"open_tree", "mount_setattr",
	"unshare", "setns", "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
	"acct", "swapon", "swapoff", "reboot", "syslog", "quotactl", "settimeofday", "clock_settime",
	"clock_adjtime", "adjtimex", "vhangup", "personality",
	"lookup_dcookie", "uselib", "iopl", "ioperm", "nfsservctl", "_sysctl", "ustat", "sysfs",
	"fanotify_init", "lsm_set_self_attr",
}

var optionalSyscalls = map[string]bool{
	"lookup_dcookie": true, "uselib": true, "iopl": true, "ioperm": true, "nfsservctl": true,
	"_sysctl": true, "ustat": true, "sysfs": true, "lsm_set_self_attr": true, "umount2": false,
}

const (
	retKill  = uint32(seccomp.ActionKillProcess)
	retEPERM = uint32(seccomp.ActionErrno) | uint32(unix.EPERM)
	retNOSYS = uint32(seccomp.ActionErrno) | uint32(unix.ENOSYS)

	offNR   = 0
	offArch = 4
	offArg0 = 16 // low 32 bits on little-endian
	offArg1 = 24
	offArg2 = 32

	nsFlags = unix.CLONE_NEWNS | unix.CLONE_NEWUSER | unix.CLONE_NEWPID | unix.CLONE_NEWNET |
		unix.CLONE_NEWUTS | unix.CLONE_NEWIPC | unix.CLONE_NEWCGROUP | unix.CLONE_NEWTIME
	x32Bit = 0x40000000
)

// buildFilter assembles the sandbox's seccomp program: an architecture
// check that kills any other ABI (i386, x32), masked 32-bit compares for
// the ioctl and socket arguments the kernel reads as 32-bit ints, clone
// with namespace flags, then go-seccomp-bpf's deny list.
func buildFilter() ([]bpf.RawInstruction, error) {
	info, err := arch.GetInfo("")
	if err != nil {
		return nil, err
	}
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64" {
		return nil, fmt.Errorf("seccomp filter: architecture %s not supported", runtime.GOARCH)
	}
	nr := func(name string) (uint32, error) {
		n, ok := info.SyscallNames[name]
		if !ok {
			return 0, fmt.Errorf("seccomp filter: syscall %s unknown on %s", name, info.Name)
		}
		return uint32(n), nil
	}
	sysIoctl, err := nr("ioctl")
	if err != nil {
		return nil, err
	}
	sysSocket, err := nr("socket")
	if err != nil {
		return nil, err
	}
	sysClone, err := nr("clone")
	if err != nil {
		return nil, err
	}
	prog := []bpf.Instruction{
		bpf.LoadAbsolute{Off: offArch, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: uint32(info.ID), SkipTrue: 1},
		bpf.RetConstant{Val: retKill},
		bpf.LoadAbsolute{Off: offNR, Size: 4},
	}
	if runtime.GOARCH == "amd64" {
		prog = append(prog,
			bpf.JumpIf{Cond: bpf.JumpGreaterOrEqual, Val: x32Bit, SkipFalse: 1},
			bpf.RetConstant{Val: retKill})
	}
	prog = append(prog,
		// ioctl(fd, TIOCSTI|TIOCLINUX): compare the low 32 bits only, as
		// the kernel does.
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: sysIoctl, SkipFalse: 4},
		bpf.LoadAbsolute{Off: offArg1, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.TIOCSTI, SkipTrue: 1},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.TIOCLINUX, SkipFalse: 1},
		bpf.RetConstant{Val: retEPERM},
		// socket(AF_NETLINK|AF_PACKET, …), socket(…, SOCK_RAW, …) and
		// socket(…, IPPROTO_MPTCP): Landlock's TCP rules miss MPTCP.
		bpf.LoadAbsolute{Off: offNR, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: sysSocket, SkipFalse: 9},
		bpf.LoadAbsolute{Off: offArg0, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.AF_NETLINK, SkipTrue: 6},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.AF_PACKET, SkipTrue: 5},
		bpf.LoadAbsolute{Off: offArg1, Size: 4},
		bpf.ALUOpConstant{Op: bpf.ALUOpAnd, Val: 0xf},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.SOCK_RAW, SkipTrue: 2},
		bpf.LoadAbsolute{Off: offArg2, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: unix.IPPROTO_MPTCP, SkipFalse: 1},
		bpf.RetConstant{Val: retEPERM},
		// clone(flags with any CLONE_NEW*): no new namespaces.
		bpf.LoadAbsolute{Off: offNR, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: sysClone, SkipFalse: 3},
		bpf.LoadAbsolute{Off: offArg0, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpBitsSet, Val: nsFlags, SkipFalse: 1},
		bpf.RetConstant{Val: retEPERM},
	)
	var names []string
	for _, n := range deniedSyscalls {
		if _, ok := info.SyscallNames[n]; !ok {
			if optionalSyscalls[n] {
				continue
			}
			return nil, fmt.Errorf("seccomp filter: syscall %s unknown on %s", n, info.Name)
		}
		names = append(names, n)
	}
	policy := seccomp.Policy{
		DefaultAction: seccomp.ActionAllow,
		Syscalls: []seccomp.SyscallGroup{
			{Names: names, Action: seccomp.ActionErrno | seccomp.Action(unix.EPERM)},
			// clone3's flags live in memory BPF cannot read: ENOSYS makes
			// libc fall back to clone, which is checked above.
			{Names: []string{"clone3"}, Action: seccomp.ActionErrno | seccomp.Action(unix.ENOSYS)},
		},
	}
	rest, err := policy.Assemble()
	if err != nil {
		return nil, err
	}
	prog = append(prog, rest...)
	return bpf.Assemble(prog)
}
