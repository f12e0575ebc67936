// Command skillgate scans AI-agent skills, approves and signs them, and
// gates and runs only signed skills in a sandbox. See `skillgate help`.
//
// Output rules: reports go to stdout (or --output); everything else goes
// to stderr with a "skillgate:" prefix, lowercase, no final period.
// Exit codes: 0 pass, 1 a skill failed the bar or verification failed,
// 2 usage, I/O or internal error.
package main

import (
	"os"

	"skillgate.dev/skillgate/runner/linux"
)

func main() {
	// The sandbox's PID 1 is this binary re-executed; its C init (package
	// runner/linux) takes over before the Go runtime starts. Reaching
	// here with the init argument means it was not built in: fail.
	if isSandboxInit(os.Args) {
		linux.Init()
	}
	os.Exit(run(os.Args[1:]))
}
