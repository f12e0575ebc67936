// Package execcall defines an Analyzer that records the processes a
// package starts (os/exec, syscall.Exec/ForkExec, os.StartProcess; also
// through function variables, method values and reflection) as
// capabilities, and reports commands built at run time (SG2017), privilege
// elevation (SG2010) and miners (SG2014). A fixed program with fixed
// arguments ("git status") is only a capability.
package execcall
