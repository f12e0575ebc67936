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
	// The sandbox's PID 1 is this binary re-executed; it must take over
	// before anything else runs (no CLI parsing, no goroutines).
	if isSandboxInit(os.Args) {
		linux.Init()
	}
	os.Exit(run(os.Args[1:]))
}
