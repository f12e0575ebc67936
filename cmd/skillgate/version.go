package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/internal/version"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/scan"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the scanner, rules and report schema versions",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "skillgate %s (rules %s, report schema %s)\n", version.Version, rules.Version, scan.SchemaVersion)
		},
	}
}
