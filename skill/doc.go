// Package skill loads a skill folder into an immutable in-memory [Skill]:
// every file's bytes, its language, its kind (text, executable, archive,
// known data format), the members of bundled archives, and the parsed
// SKILL.md front matter.
//
// Loading is the first line of defence, so it is strict. It walks the
// folder through an [os.Root] and never follows a link; it never opens
// anything but regular files; it enforces limits on file count, file size,
// total size, depth and archive expansion. Everything unusual it meets —
// symlinks, hard links, devices, FIFOs, setuid bits, colliding or
// control-character names, limits reached, unreadable archives — becomes a
// [finding.Finding] in [Skill.Problems], never a crash, an escape, a hang
// or a silent skip.
//
// The package neither analyses code nor decides verdicts; it only says
// what is there.
package skill
