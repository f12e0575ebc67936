package execcall

import (
	"os"
	run "os/exec"
	"syscall"
)

type runner struct {
	start func(string, ...string) *run.Cmd
}

func dynamic(name string) {
	run.Command(os.Args[1]).Run()                                // want `SG2017: runs a command built at run time: program os.Args\[1\]`
	run.Command("sh", "-c", os.Args[2]).Run()                    // want `SG2017: runs a command built at run time: sh -c script os.Args\[2\]`
	f := run.Command                                             // function variable
	f(name).Run()                                                // want `SG2017: .*program name \(via function variable f\)`
	r := runner{start: run.Command}                              // function field
	r.start(name)                                                // want `SG2017: .*via function field start`
	syscall.Exec(name, []string{name}, os.Environ())             // want `SG2017`
	run.Command("sudo", "apt-get", "install", "-y", "jq").Run()  // want `SG2010: runs sudo`
	run.Command("/opt/xmrig", "-o", "pool.example:3333").Start() // want `SG2014: runs the cryptocurrency miner xmrig`
}

func fixed() {
	run.Command("git", "status", "--short").Run()   // near miss: fixed program and arguments
	run.Command("sh", "-c", "ls -la | wc -l").Run() // near miss: constant script
	const tool = "go"
	run.Command(tool, "version").Run() // near miss: constant through a const
	bin := "/usr/bin/git"
	run.Command(bin, "log").Run() // near miss: constant through a variable
}
