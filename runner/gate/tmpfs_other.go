//go:build !linux

package gate

// ScratchDir is "" (the system temp folder) outside Linux.
func ScratchDir() string { return "" }
