package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/rules"
)

func newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules [list|explain ID]",
		Short: "List the rules or explain one",
		Args:  cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := rules.Load()
			if err != nil {
				return err
			}
			if len(args) == 0 || args[0] == "list" {
				if len(args) > 1 {
					return usageErr("rules list takes no argument")
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tCATEGORY\tNAME\tTITLE")
				for _, r := range cat.All() {
					if r.Retired {
						continue
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Category, r.Name, r.Title)
				}
				return tw.Flush()
			}
			if args[0] != "explain" || len(args) != 2 {
				return usageErr("usage: skillgate rules [list | explain ID]")
			}
			r, ok := cat.Find(args[1])
			if !ok {
				return usageErr(fmt.Sprintf("no rule %q", args[1]), "`skillgate rules list` lists every rule")
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s %s — %s\n\n", r.ID, r.Name, r.Title)
			fmt.Fprintf(w, "category:   %s\nseverity:   %s\nconfidence: %s\n", r.Category, r.Severity, r.Confidence)
			if len(r.Languages) > 0 {
				fmt.Fprintf(w, "languages:  %s\n", strings.Join(r.Languages, ", "))
			}
			fmt.Fprintf(w, "\n%s\n\nRemediation: %s\n", strings.TrimSpace(r.Explain), strings.TrimSpace(r.Remediation))
			if len(r.References) > 0 {
				fmt.Fprintf(w, "\nReferences: %s\n", strings.Join(r.References, ", "))
			}
			fmt.Fprintf(w, "\nSuppress one occurrence with a comment on its line (never for critical findings):\n  skillgate:ignore %s -- why this is fine\n", r.ID)
			return nil
		},
	}
	return cmd
}
