//go:build linux

// Command sandboxbench runs one command in the native sandbox over an
// already staged folder, with nothing else in the binary: it isolates
// the sandbox's own start-to-exit cost for scripts/bench-run.sh (the full
// `skillgate run` adds verification and the CLI's start-up).
//
//	sandboxbench STAGED_DIR CMD ARGS...
package main

import (
	"context"
	"fmt"
	"os"

	"skillgate.dev/skillgate/runner"
	"skillgate.dev/skillgate/runner/linux"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == linux.InitArg {
		linux.Init()
	}
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: sandboxbench STAGED_DIR CMD ARGS...")
		os.Exit(2)
	}
	res, err := (&linux.Backend{}).Run(context.Background(),
		runner.Profile{SkillDir: os.Args[1], Command: os.Args[2:]},
		runner.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Log: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, "sandboxbench:", err)
		os.Exit(2)
	}
	os.Exit(res.ExitCode)
}
