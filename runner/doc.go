// Package runner runs a verified, staged skill inside a sandbox.
//
// A [Profile] is plain data: what to run, which staged skill to mount
// read-only at /skill, which capabilities were approved (network
// host:port pairs, environment variable names) and the resource limits.
// [Profile.Validate] checks it before anything touches the kernel. A
// [Backend] turns a Profile into a sandboxed process: runner/linux is the
// default (namespaces, seccomp, Landlock, cgroups; no daemon, no setuid),
// runner/oci drives runc/runsc from a generated config.json and
// docker/podman from their CLI.
//
// Fail closed: a backend probes the host before it runs. A missing
// mandatory layer (namespaces, seccomp) makes Run refuse with
// [ErrDegraded] unless the profile says AllowDegradedUnsafe, which is
// recorded in the [Result]. A missing optional layer (Landlock, cgroup
// limits) is a warning recorded in the Result, never a silent skip.
//
// runner/ (with its subpackages) is the only tree allowed to make
// syscalls and start processes.
package runner
