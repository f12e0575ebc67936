// Package linux is skillgate's own sandbox, the default backend: no
// daemon, no setuid helper. The runner re-executes its own binary
// (/proc/self/exe) with the hidden argument [InitArg] inside new user,
// mount, pid, network, IPC and UTS namespaces (cgroup namespace after the
// cgroup is joined). That process — the sandbox's PID 1 — builds a
// minimal read-only root on a tmpfs (read-only binds of /usr, /lib*,
// /bin, /sbin, a synthesized /etc with CA certificates, the staged skill
// read-only at /skill, a noexec tmpfs /tmp, an optional /work, a /dev with
// only null, zero, full, random and urandom, a fresh /proc), pivots into
// it, then drops everything: rlimits, Landlock (filesystem, TCP and
// scoping), the capability bounding set, uid/gid to an unprivileged id, a
// seccomp deny-list filter with an architecture check. Only then does it
// start the workload, in its own session with no controlling terminal,
// and stays as a de-privileged reaper that forwards signals. When PID 1
// exits the kernel kills everything left in the pid namespace.
//
// The host side creates the cgroup (v2 when it has the memory and pids
// controllers: PID 1 is cloned into it; else v1: PID 1 joins it first
// thing), enforces the wall-clock timeout by killing PID 1, caps each
// output stream, and serves the CONNECT proxy on a listener PID 1 created
// inside the sandbox's network namespace and handed back over a socket
// pair.
//
// PID 1 is written in C (init_linux.c) and runs as an ELF constructor
// when the binary is re-executed with argv[1] == InitArg, before the Go
// runtime starts: it costs about a millisecond instead of the tens a Go
// PID 1 spends starting the runtime and every package's init. It is
// single-threaded, which lets it join its cgroups itself without the
// kernel's global migration lock. The host plans everything it enforces
// (the seccomp program, go-landlock's ruleset, rlimits) and hands the plan
// over as simple records. The native backend therefore needs a cgo build;
// without cgo, and on other systems, every entry point returns an error: a
// protection is never silently skipped.
package linux

import "os"

// InitArg is the hidden argv[1] that makes the binary the sandbox's init.
const InitArg = "__sandbox-init"

// exitSetup is PID 1's exit code when the sandbox could not be built.
const exitSetup = 125

// ExitCodeSetup is the exit code a run reports when the sandbox itself
// could not be built.
const ExitCodeSetup = exitSetup

// Init is reached only when the C init did not take over — a binary built
// without cgo, or another system — and fails, as a sandbox that cannot be
// built must. Binaries call it when os.Args[1] == InitArg.
func Init() {
	os.Stderr.WriteString("skillgate: error: sandbox init: this binary was built without the native sandbox (needs Linux and cgo)\n")
	os.Exit(exitSetup)
}
