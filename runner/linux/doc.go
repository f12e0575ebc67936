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
// The host side places PID 1 in a cgroup (v2 when it has the memory and
// pids controllers, else v1) before PID 1 may continue, enforces the
// wall-clock timeout by killing PID 1, caps each output stream, and
// serves the CONNECT proxy on a listener PID 1 created inside the
// sandbox's network namespace and handed back over a socket pair.
//
// The binary that embeds this package must call [Init] first thing in
// main when os.Args[1] == InitArg. On other systems every entry point
// returns an error: a protection is never silently skipped.
package linux

// InitArg is the hidden argv[1] that makes the binary the sandbox's init.
const InitArg = "__sandbox-init"
