// Package gate stages, verifies and lists the skills a sandbox may mount.
//
// The order is the security property: [Stage] copies the skill into a
// private folder owned by the gate (hashing while it copies, through
// os.Root, rejecting links, devices, FIFOs and setuid/setgid files), the
// [Verifier] then checks the staged copy — not the original — against the
// trust policy, and only the staged copy is ever mounted. A change to the
// source folder after staging (new bytes, a swapped symlink) cannot reach
// the sandbox. Staged files are 0444 (0555 with an exec bit), folders 0555
// inside a 0700 stage root: nothing in the stage is writable by the
// sandboxed user.
//
// [Dir] runs the gate over a folder of skills (NanoClaw's agent-writable
// skills folders, OpenClaw's workspace skills): verified skills get a
// read-only mount, refused ones are listed with their error code and are
// never mounted and never deleted.
package gate
