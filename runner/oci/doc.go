// Package oci runs the sandbox through an OCI runtime or a container CLI.
//
// [Runtime] drives runc (or runsc, gVisor, where installed) from a
// generated config.json: a read-only root assembled from read-only binds
// of the host's /usr and /lib*, the staged skill read-only at /skill, a
// noexec tmpfs /tmp, only null/zero/full/random/urandom in /dev, a user
// namespace mapping to an unprivileged host range, empty network, IPC, UTS
// and PID namespaces, no capabilities, no_new_privs, a seccomp deny list
// equivalent to the native backend's (architecture-checked, masked ioctl
// and socket compares), masked and read-only /proc paths, rlimits and
// cgroup memory/pids limits. Landlock is not part of the OCI spec: its
// absence is recorded as a warning. Approved network capabilities need
// the native backend's proxy; this backend refuses them rather than
// silently dropping or widening them.
//
// [DockerArgs] renders the same profile as docker/podman run arguments
// for hosts that run agent containers (NanoClaw): read-only skill mounts,
// --network none, --cap-drop ALL, no-new-privileges, a seccomp profile,
// read-only root, limits.
package oci
