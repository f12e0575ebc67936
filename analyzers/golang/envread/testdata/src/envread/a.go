package envread

import (
	"os"
	"syscall"
)

func dump() []string {
	all := os.Environ()          // want `SG5003: reads every environment variable \(os.Environ\)`
	env := syscall.Environ       // method value of a whole-environment read
	return append(all, env()...) // want `SG5003: reads every environment variable \(syscall.Environ\)`
}

func nearMiss() string {
	return os.Getenv("HOME") + os.Getenv("GITHUB_TOKEN") // near miss: single names are capabilities
}
