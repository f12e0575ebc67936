package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/report"
	"skillgate.dev/skillgate/scan"
	"skillgate.dev/skillgate/signing/approval"
	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/keys"
	"skillgate.dev/skillgate/signing/trust"
)

type approveFlags struct {
	key, approver, expires, allowVerdict, policy string
	yes                                          bool
}

func newApproveCmd() *cobra.Command {
	var f approveFlags
	cmd := &cobra.Command{
		Use:   "approve SKILL --key NAME.key",
		Short: "Review a skill's scan and sign an approval bound to its exact bytes",
		Long: `approve scans SKILL afresh, shows the verdict, the findings and the capabilities being
approved (network hosts, programs run, environment variables, files written), and asks
you to confirm by typing the skill's name (--yes skips this, for automation). It then
writes a Sigstore bundle (DSSE, in-toto statement, skillgate predicate) signed with
your key to SKILL/.skillsig/approvals/<keyid>.sigstore.json and the scan report to
SKILL/.skillsig/scan-report.json. Each approver adds their own bundle; a key only ever
replaces its own.

A skill whose verdict is block is refused unless --allow-verdict block is given; the
approval records the override. The key password comes from SKILLGATE_PASSWORD, then
COSIGN_PASSWORD, then the terminal.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runApprove(cmd, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.key, "key", "", "cosign-format private key `FILE` (required)")
	fl.StringVar(&f.approver, "approver", "", "who approves, recorded in the approval (default: $USER)")
	fl.StringVar(&f.expires, "expires", "", "approval lifetime: a `DURATION` (720h, 90d) or a date (YYYY-MM-DD)")
	fl.BoolVar(&f.yes, "yes", false, "do not ask for confirmation")
	fl.StringVar(&f.allowVerdict, "allow-verdict", "", "approve despite this `VERDICT` (only block); recorded in the approval")
	fl.StringVar(&f.policy, "policy", "", "trust policy `FILE` whose digest the approval records")
	return cmd
}

func runApprove(cmd *cobra.Command, dir string, f approveFlags) error {
	stderr := cmd.ErrOrStderr()
	if f.key == "" {
		return usageErr("--key is required", "create a key with `skillgate keygen --output-key-prefix NAME`")
	}
	if f.allowVerdict != "" && f.allowVerdict != "block" {
		return usageErr(fmt.Sprintf("--allow-verdict %q: only block can be allowed", f.allowVerdict), "review and pass verdicts need no override")
	}
	now := time.Now().UTC().Truncate(time.Second)
	var expires *time.Time
	if f.expires != "" {
		t, err := approvalExpiry(f.expires, now)
		if err != nil {
			return usageErr(err.Error())
		}
		expires = &t
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return usageErr(fmt.Sprintf("%s is not a skill folder", dir))
	}
	if _, err := os.Stat(filepath.Join(dir, "SKILL.md")); err != nil {
		return usageErr(fmt.Sprintf("%s has no SKILL.md", dir), "approve one skill folder at a time")
	}
	var policyDigest string
	if f.policy != "" {
		data, err := os.ReadFile(f.policy)
		if err != nil {
			return usageErr(err.Error())
		}
		sum := sha256.Sum256(data)
		policyDigest = "sha256:" + hex.EncodeToString(sum[:])
	}
	keyPEM, err := os.ReadFile(f.key)
	if err != nil {
		return usageErr(err.Error())
	}
	pass, err := readPassword(stderr, false)
	if err != nil {
		return err
	}
	key, err := keys.LoadPrivate(keyPEM, pass)
	if err != nil {
		return usageErr(err.Error(), "check the password (SKILLGATE_PASSWORD) and that the file is a cosign private key")
	}

	entries, err := digest.Tree(dir)
	if err != nil {
		if te, ok := digest.AsTreeError(err); ok {
			return failErr(fmt.Sprintf("%s: %v", te.Code, err), "skills may hold only regular files with NFC, case-distinct names; fix the tree and approve again")
		}
		return usageErr(err.Error())
	}
	res, err := scan.Run(cmd.Context(), scan.Options{Paths: []string{dir}, Hooks: scan.DefaultHooks(scan.HookOptions{})})
	if err != nil {
		return usageErr(err.Error())
	}
	if len(res.Skills) != 1 {
		return usageErr(fmt.Sprintf("%s holds %d skills", dir, len(res.Skills)), "approve one skill folder at a time")
	}
	sr := &res.Skills[0]
	sr.Approval = nil // the report must not depend on earlier approvals
	sum, err := digest.Sum(entries)
	if err != nil {
		return usageErr(err.Error())
	}
	if sr.Digest != sum {
		return failErr(fmt.Sprintf("the files changed while %s was scanned (or could not all be read)", dir), "approve again once the skill is no longer being written")
	}
	abs, _ := filepath.Abs(dir)
	name := filepath.Base(abs)
	if sr.Name != "" && sr.Name != name {
		warningf(stderr, "SKILL.md names the skill %q but its folder is %q; the approval is for %q", sr.Name, name, name)
	}
	var rep bytes.Buffer
	if err := report.JSON(&rep, res); err != nil {
		return err
	}

	showReview(stderr, name, sum, sr, len(entries))
	verdict := string(sr.Verdict)
	if sr.Verdict == scan.Block && f.allowVerdict != "block" {
		return failErr(fmt.Sprintf("%s has a block verdict; it is not approved", name),
			"fix the findings, or, if you accept them, approve with --allow-verdict block (recorded in the approval)")
	}
	if !f.yes {
		ok, err := confirm(cmd.InOrStdin(), stderr, name)
		if err != nil {
			return err
		}
		if !ok {
			return failErr("approval cancelled: the name typed does not match " + name)
		}
	}
	approver := f.approver
	if approver == "" {
		approver = os.Getenv("USER")
	}
	allowed := ""
	if sr.Verdict == scan.Block {
		allowed = "block"
	}
	out, err := approval.Write(cmd.Context(), approval.Request{
		SkillDir: dir, Name: name, Entries: entries, Report: rep.Bytes(), Key: key,
		Predicate: attest.Predicate{
			Verdict:        verdict,
			AllowedVerdict: allowed,
			Scanner:        attest.Tool{Name: res.Tool.Name, Version: res.Tool.Version, RulesVersion: res.Tool.RulesVersion},
			Capabilities:   sr.Capabilities,
			Approver:       approver,
			ApprovedAt:     now,
			ExpiresAt:      expires,
			PolicyDigest:   policyDigest,
		},
	})
	if err != nil {
		return failErr(err.Error())
	}
	verb := "wrote"
	if out.Replaced {
		verb = "replaced your earlier approval in"
	}
	fmt.Fprintf(stderr, "skillgate: approved %s %s as key %s\nskillgate: %s %s\nskillgate: approval digest %s\n",
		name, sum, shortKey(key.ID), verb, relTo(out.Bundle), out.BundleDigest)
	return nil
}

func relTo(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return p
}

// showReview prints what is being approved: verdict, findings and the
// capabilities the runner will grant.
func showReview(w io.Writer, name, sum string, sr *scan.SkillResult, files int) {
	fmt.Fprintf(w, "skill      %s (%d files, %s)\n", name, files, sum)
	fmt.Fprintf(w, "verdict    %s\n", sr.Verdict)
	for _, inc := range sr.Incomplete {
		fmt.Fprintf(w, "incomplete %s\n", inc)
	}
	n := 0
	for _, f := range sr.Findings {
		if f.Suppressed != nil {
			continue
		}
		if n == 0 {
			fmt.Fprintln(w, "findings")
		}
		n++
		fmt.Fprintf(w, "  %-8s %s %s: %s\n", f.Severity, f.RuleID, f.Location.String(), f.Message)
	}
	if n == 0 {
		fmt.Fprintln(w, "findings   none")
	}
	fmt.Fprintln(w, "capabilities to approve")
	labels := map[finding.CapabilityKind]string{
		finding.CapNetwork: "network hosts", finding.CapExec: "processes", finding.CapEnv: "env vars",
		finding.CapFilesWritten: "files written", finding.CapFilesRead: "files read",
		finding.CapDynamicCode: "dynamic code", finding.CapSystem: "system info", finding.CapClipboard: "clipboard",
	}
	for _, k := range finding.CapabilityKinds {
		v := sr.Capabilities[k]
		if len(v) == 0 {
			v = []string{"none"}
		}
		fmt.Fprintf(w, "  %-14s %s\n", labels[k], strings.Join(v, ", "))
	}
}

// confirm asks the reviewer to type the skill's name.
func confirm(in io.Reader, w io.Writer, name string) (bool, error) {
	fmt.Fprintf(w, "type the skill's name (%s) to approve it: ", name)
	line, err := bufio.NewReader(in).ReadString('\n')
	fmt.Fprintln(w)
	if err != nil && line == "" {
		return false, usageErr("no confirmation read", "type the skill's name, or pass --yes for automation")
	}
	return strings.TrimSpace(line) == name, nil
}

// approvalExpiry reads --expires: a duration (720h, 90d) or a date.
func approvalExpiry(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		if !t.After(now) {
			return t, fmt.Errorf("--expires %s is in the past", s)
		}
		return t, nil
	}
	d, err := trust.ParseDuration(s)
	if err != nil || d <= 0 {
		return time.Time{}, fmt.Errorf("--expires %q: want a positive duration (720h, 90d) or a date (YYYY-MM-DD)", s)
	}
	return now.Add(d), nil
}
