//go:build linux

package main

// int80 makes a 32-bit (i386 ABI) getpid and returns what came back in
// AX: a pid if the call ran, a negative errno if it was refused.
func int80() int64
