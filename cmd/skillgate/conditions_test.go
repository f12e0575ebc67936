package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
)

var updateScripts = flag.Bool("update", false, "rewrite testscript expectations")

// condition answers custom testscript conditions: [exec:NAME] is built in;
// [root] is true when running as root; [userns] when user namespaces can
// be created.
func condition(cond string) (bool, error) {
	switch cond {
	case "root":
		return os.Geteuid() == 0, nil
	case "userns":
		_, err := os.Stat("/proc/self/ns/user")
		return err == nil, nil
	case "git":
		_, err := exec.LookPath("git")
		return err == nil, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}
