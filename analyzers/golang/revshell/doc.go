// Package revshell defines an Analyzer for reverse and bind shells: a
// network connection (dialed: SG2004, accepted: SG2005) wired to a
// process's standard streams — exec.Cmd's Stdin/Stdout/Stderr fields
// (also through interface variables such as `var r io.Reader = conn`),
// os.StartProcess file lists, or dup2 onto descriptors 0-2.
package revshell
