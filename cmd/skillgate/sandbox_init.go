package main

import (
	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/runner/linux"
)

// newSandboxInitCmd reserves the hidden argument of the sandbox's PID 1
// (the binary re-executes itself as `skillgate __sandbox-init`, handled by
// runner/linux's C init before Go starts). Reaching it means that init is
// not in this build; linux.Init fails. It never returns.
func newSandboxInitCmd() *cobra.Command {
	return &cobra.Command{
		Use:                linux.InitArg,
		Hidden:             true,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			linux.Init()
			return nil
		},
	}
}

// isSandboxInit reports whether this process is the sandbox's PID 1:
// main calls `if isSandboxInit(os.Args) { linux.Init() }` first thing.
func isSandboxInit(args []string) bool {
	return len(args) > 1 && args[1] == linux.InitArg
}
