package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/signing/trust"
)

type verifyFlags struct {
	policy, stateFile, name string
}

func newVerifyCmd() *cobra.Command {
	var f verifyFlags
	cmd := &cobra.Command{
		Use:   "verify SKILL --policy TRUST.yaml",
		Short: "Check a skill's signed approvals against a trust policy",
		Long: `verify checks the approvals in SKILL/.skillsig/ against the operator's trust policy:
signatures (offline in key mode), keys, revocations, expiry, the approved bytes
(skilltree-v1 digest), verdicts, scanner and rules versions, and the threshold of
approvers. Exit 0 when the approvals satisfy the policy; exit 1 with a stable error
code (E_TREE_MISMATCH, E_NO_APPROVAL, ...) and a hint otherwise; 2 on usage or I/O
errors.

The highest policy version seen is kept in $XDG_STATE_HOME/skillgate/policy-versions.json
(or --state-file); an older policy is refused.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.policy, "policy", "", "trust policy `FILE` (required)")
	fl.StringVar(&f.stateFile, "state-file", "", "`FILE` recording the highest policy version seen")
	fl.StringVar(&f.name, "name", "", "skill `NAME` the approval must be for (default: the folder's name)")
	return cmd
}

func runVerify(cmd *cobra.Command, dir string, f verifyFlags) error {
	if f.policy == "" {
		return usageErr("--policy is required", "give the operator's trust policy: skillgate verify SKILL --policy trust.yaml")
	}
	var popts []trust.PolicyOption
	if f.stateFile != "" {
		popts = append(popts, trust.WithStateFile(f.stateFile))
	}
	pol, err := trust.LoadPolicy(f.policy, popts...)
	if err != nil {
		return trustErr(err)
	}
	var vopts []trust.VerifyOption
	if f.name != "" {
		vopts = append(vopts, trust.WithSkillName(f.name))
	}
	d, err := pol.Verify(cmd.Context(), dir, nil, vopts...)
	if err != nil {
		return trustErr(err)
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "%s: approved by %s (rule %q, policy version %d)\n", d.Skill, strings.Join(d.Approvers, ", "), d.Rule, d.PolicyVersion)
	fmt.Fprintf(out, "  digest   %s\n  verdict  %s\n", d.Digest, d.Verdict)
	for _, a := range d.Approvals {
		fmt.Fprintf(out, "  approval %s by %s (key %s, %s)\n", a.BundleDigest, a.Principal, shortKey(a.KeyID), a.ApprovedAt.UTC().Format("2006-01-02T15:04:05Z"))
	}
	for _, k := range []string{"network", "exec", "env", "filesWritten"} {
		if v := d.Capabilities[finding.CapabilityKind(k)]; len(v) > 0 {
			fmt.Fprintf(out, "  %-8s %s\n", k, strings.Join(v, ", "))
		}
	}
	for _, e := range d.Ignored {
		warningf(cmd.ErrOrStderr(), "not counted: %v", e)
	}
	return nil
}

// trustErr maps a *trust.Error to exit 1 with its code, message, file
// list and hint; anything else is an I/O error (exit 2).
func trustErr(err error) error {
	te, ok := trust.AsError(err)
	if !ok {
		return usageErr(err.Error())
	}
	var b strings.Builder
	b.WriteString(string(te.Code))
	b.WriteString(": ")
	if te.Bundle != "" {
		b.WriteString(te.Bundle + ": ")
	}
	b.WriteString(te.Message)
	for _, c := range te.Files {
		b.WriteString("\nskillgate: error:   " + c.String())
	}
	var hints []string
	if te.Hint != "" {
		hints = append(hints, te.Hint)
	}
	return failErr(b.String(), hints...)
}

func shortKey(id string) string {
	if len(id) > 16 {
		return id[:16]
	}
	return id
}
