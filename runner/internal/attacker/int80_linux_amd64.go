//go:build linux

package main

// int80 makes a 32-bit (i386 ABI) system call.
func int80()
