package oci

import "syscall"

// sysProcAttr detaches the runtime into its own session and kills it if
// the runner dies.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
}
