package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "skillgate",
		Short: "Supply-chain gate for AI-agent skills: scan, approve and sign, gate and sandbox",
		Long: `skillgate statically analyses AI-agent skills (SKILL.md, shell, Python, JavaScript,
TypeScript and Go), checks their dependencies, lets a reviewer approve and sign them,
and mounts only signed skills, read-only, into a sandboxed runner.

  skillgate scan skills/               scan every skill under skills/
  skillgate rules explain SG3001       what a rule finds and how to fix it
  skillgate keygen --output-key-prefix me
  skillgate approve skills/x --key me.key
  skillgate verify skills/x --policy trust.yaml
  skillgate run skills/x --policy trust.yaml -- python3 /skill/main.py`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newScanCmd(),
		newRulesCmd(),
		newVersionCmd(),
		newBaselineCmd(),
		newDBCmd(),
		newKeygenCmd(),
		newApproveCmd(),
		newVerifyCmd(),
		newRunCmd(),
		newGateCmd(),
		newSandboxInitCmd(),
	)
	return root
}

// run executes the CLI with args and returns the exit code.
func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(os.Stdout)
	root.SetErr(os.Stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr(err.Error(), "run '"+c.CommandPath()+" --help' for usage")
	})
	if err := root.ExecuteContext(ctx); err != nil {
		return printErr(os.Stderr, err)
	}
	return exitOK
}
