//go:build linux && !amd64

package main

func int80() int64 { return 0 }
