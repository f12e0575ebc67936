package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/scan"
)

type baselineFlags struct {
	file, reason, owner, expires, policy string
}

func newBaselineCmd() *cobra.Command {
	var f baselineFlags
	cmd := &cobra.Command{
		Use:   "baseline create|update [PATH...]",
		Short: "Record the current findings as reviewed, with reason, owner and expiry",
		Long: `baseline create writes a baseline file from the current findings of the skills under
PATH; baseline update rewrites it, keeping the entries that still match a finding
(with their reason, owner and expiry) and adding new ones. Findings in a baseline are
reported as suppressed, never hidden; an expired or stale entry stops suppressing and
is reported.

Reason, owner and expiry are asked for on a terminal, or given with flags.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			mode := args[0]
			if mode != "create" && mode != "update" {
				return usageErr(fmt.Sprintf("unknown baseline action %q", mode), "use `skillgate baseline create` or `skillgate baseline update`")
			}
			return runBaseline(cmd, mode, args[1:], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.file, "file", ".skillgate-baseline.yaml", "baseline `FILE` to write")
	fl.StringVar(&f.reason, "reason", "", "why these findings are acceptable (required)")
	fl.StringVar(&f.owner, "owner", "", "who is accountable for the decision (required)")
	fl.StringVar(&f.expires, "expires", "", "when the entries lapse: a date (YYYY-MM-DD) or a duration such as 90d (required)")
	fl.StringVar(&f.policy, "policy", "", "scan policy `FILE` to apply first")
	return cmd
}

func runBaseline(cmd *cobra.Command, mode string, paths []string, f baselineFlags) error {
	var prev *scan.Baseline
	if mode == "update" {
		b, err := scan.LoadBaseline(f.file)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return usageErr(fmt.Sprintf("%s does not exist", f.file), "use `skillgate baseline create` first")
			}
			return usageErr(err.Error())
		}
		prev = b
	} else if _, err := os.Stat(f.file); err == nil {
		return usageErr(fmt.Sprintf("%s already exists", f.file), "use `skillgate baseline update` to refresh it")
	}
	in := bufio.NewReader(cmd.InOrStdin())
	interactive := isTerminal(os.Stdin)
	ask := func(val *string, prompt, flag string) error {
		if *val != "" {
			return nil
		}
		if !interactive {
			return usageErr(fmt.Sprintf("--%s is required", flag), "every baseline entry records a reason, an owner and an expiry")
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: ", prompt)
		line, _ := in.ReadString('\n')
		*val = strings.TrimSpace(line)
		if *val == "" {
			return usageErr(fmt.Sprintf("a %s is required", flag))
		}
		return nil
	}
	for _, q := range []struct {
		val          *string
		prompt, flag string
	}{{&f.reason, "reason (why these findings are acceptable)", "reason"}, {&f.owner, "owner (who answers for it)", "owner"}, {&f.expires, "expires (YYYY-MM-DD or 90d)", "expires"}} {
		if err := ask(q.val, q.prompt, q.flag); err != nil {
			return err
		}
	}
	expires, err := expiryDate(f.expires, time.Now())
	if err != nil {
		return usageErr(err.Error())
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	opts := scan.Options{Paths: paths, Hooks: scan.DefaultHooks(scan.HookOptions{})}
	if f.policy != "" {
		p, err := scan.LoadPolicy(f.policy)
		if err != nil {
			return usageErr(err.Error())
		}
		opts.Policy = p
	}
	res, err := scan.Run(cmd.Context(), opts)
	if err != nil {
		return usageErr(err.Error())
	}
	b := scan.BaselineFrom(res, prev, f.reason, f.owner, expires)
	data, err := b.Marshal()
	if err != nil {
		return err
	}
	if err := writeOutput(cmd.OutOrStdout(), f.file, data); err != nil {
		return usageErr(err.Error())
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "skillgate: wrote %d entr%s to %s\n", len(b.Entries), map[bool]string{true: "y", false: "ies"}[len(b.Entries) == 1], f.file)
	return nil
}

// expiryDate accepts a date or a duration in days ("90d") or Go syntax.
func expiryDate(s string, now time.Time) (string, error) {
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return s, nil
	}
	if strings.HasSuffix(s, "d") {
		var days int
		if _, err := fmt.Sscanf(s, "%dd", &days); err == nil && days > 0 {
			return now.AddDate(0, 0, days).UTC().Format("2006-01-02"), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(d).UTC().Format("2006-01-02"), nil
	}
	return "", fmt.Errorf("--expires %q: want a date (YYYY-MM-DD) or a duration such as 90d", s)
}
