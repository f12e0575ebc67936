package trust

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sigstore/sigstore-go/pkg/verify"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/bundle"
	"skillgate.dev/skillgate/signing/digest"
)

var timeZero time.Time

// Layout of .skillsig/ inside a skill.
const (
	ApprovalsDir = digest.SigDir + "/approvals"
	ReportFile   = digest.SigDir + "/scan-report.json"
	// MaxBundles bounds how many approval files are read.
	MaxBundles = 64
	// MaxReportSize bounds the scan report read for its digest.
	MaxReportSize = 64 << 20
)

// Decision is a successful verification: who approved which bytes, and
// what the skill may do.
type Decision struct {
	Skill  string
	Digest string // skilltree-v1 digest of the verified entries
	// Rule is the skills pattern of the policy rule that applied.
	Rule          string
	PolicyVersion int64
	PolicyDigest  string
	// Approvers are the principals whose approvals counted, sorted.
	Approvers []string
	Approvals []Approval
	// Capabilities are what every counted approval granted (their
	// intersection, so the strictest approver wins).
	Capabilities finding.Capabilities
	// Verdict is the most severe verdict among counted approvals.
	Verdict string
	// Ignored says which approval files did not count, and why.
	Ignored []*Error
}

// Approval is one verified approval.
type Approval struct {
	Principal    string
	KeyID        string
	Bundle       string // path relative to the skill
	BundleDigest string // payload digest, as revocations name it
	Approver     string
	ApprovedAt   time.Time
	ExpiresAt    *time.Time
	Verdict      string
	Scanner      attest.Tool
	Capabilities finding.Capabilities
}

// NetworkHosts are the approved network destinations (host or host:port).
func (d *Decision) NetworkHosts() []string { return d.Capabilities[finding.CapNetwork] }

// Env are the approved environment variable names.
func (d *Decision) Env() []string { return d.Capabilities[finding.CapEnv] }

// Exec are the approved programs.
func (d *Decision) Exec() []string { return d.Capabilities[finding.CapExec] }

// Verify checks that the approvals in skillDir/.skillsig/approvals
// satisfy the policy for the tree described by entries. Pass the entries
// you computed yourself from the bytes you will use (a gate verifies its
// staged copy); nil means digest.Tree(skillDir).
//
// It checks, in order: the policy has not expired; the entries are a
// valid tree and their digest is not revoked; then for each bundle: it
// parses, it is not revoked, its key is in the policy and not revoked and
// was valid when the approval was made and still is, the DSSE signature
// verifies (key mode: offline, no network at all; keyless: against the
// trusted root), the payload is a skillgate approval for this skill name,
// its file list matches its subject digest and every path is valid, the
// digest equals the current tree, the scan report is the one approved,
// the approval is neither expired, too old nor dated in the future, its
// principal is an approver of the applicable rule, its verdict is allowed
// and its scanner and rules are recent enough. Approvals are counted per
// principal (two keys of one principal count once) against the rule's
// threshold.
//
// Failures are *Error with a stable Code; other errors are I/O errors.
func (p *Policy) Verify(ctx context.Context, skillDir string, entries []digest.Entry, opts ...VerifyOption) (*Decision, error) {
	cfg, err := newVerifyConfig(opts)
	if err != nil {
		return nil, err
	}
	now := cfg.now()
	if p.Expires != nil && now.After(*p.Expires) {
		return nil, errorf(EPolicyExpired, "ask the policy's owner for a current version of the trust policy",
			"trust policy (version %d) expired at %s", p.Version, p.Expires.UTC().Format(time.RFC3339))
	}
	name := cfg.name
	if name == "" {
		abs, err := filepath.Abs(skillDir)
		if err != nil {
			return nil, err
		}
		name = filepath.Base(abs)
	}
	if entries == nil {
		if entries, err = digest.Tree(skillDir); err != nil {
			return nil, fromTree(err)
		}
	} else if err := digest.Check(entries); err != nil {
		return nil, fromTree(err)
	}
	sum, err := digest.Sum(entries)
	if err != nil {
		return nil, errorf(ETreePath, "", "%v", err)
	}
	for _, r := range p.Revocations.Digests {
		if r.Digest == sum {
			return nil, errorf(EDigestRevoked, "this exact content was revoked; get a fixed version of the skill reviewed and approved",
				"skill %s content %s is revoked: %s", name, sum, r.Reason)
		}
	}
	rule, pattern := p.rule(name)
	if rule == nil {
		return nil, errorf(ENoApproval, "add a rule for this skill name to the trust policy",
			"the trust policy has no rule for skill %q", name)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(skillDir)
	if err != nil {
		return nil, fmt.Errorf("open skill: %w", err)
	}
	defer root.Close()
	var signed []Signed
	if cfg.signed != nil {
		signed = *cfg.signed
	} else {
		files, err := approvalFiles(root)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			signed = append(signed, Signed{Name: f, load: func() (verify.SignedEntity, *Error) { return loadBundle(root, f) }})
		}
	}
	if len(signed) == 0 {
		return nil, errorf(ENoApproval, "run `skillgate approve "+skillDir+" --key KEY` after reviewing the skill",
			"skill %s has no approvals in %s/", name, ApprovalsDir)
	}
	var report *reportDigest
	if !cfg.noReport {
		report = readReportDigest(root)
	}
	ev := evaluator{p: p, rule: rule, name: name, sum: sum, entries: entries, now: now, skew: cfg.skew, report: report}
	d := &Decision{Skill: name, Digest: sum, Rule: pattern, PolicyVersion: p.Version, PolicyDigest: p.Digest}
	counted := map[string]bool{}
	for _, sg := range signed {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ent, verr := sg.Entity, (*Error)(nil)
		if sg.load != nil {
			ent, verr = sg.load()
		}
		var a *Approval
		if verr == nil {
			a, verr = ev.entity(ent, sg.Name)
		}
		if verr != nil {
			verr.Bundle = sg.Name
			d.Ignored = append(d.Ignored, verr)
			continue
		}
		d.Approvals = append(d.Approvals, *a)
		counted[a.Principal] = true
	}
	for pr := range counted {
		d.Approvers = append(d.Approvers, pr)
	}
	slices.Sort(d.Approvers)
	if len(d.Approvers) < rule.Threshold {
		if len(d.Ignored) > 0 {
			best := d.Ignored[0]
			for _, e := range d.Ignored[1:] {
				if rankOf(e.Code) < rankOf(best.Code) {
					best = e
				}
			}
			out := *best
			if len(d.Approvers) > 0 || rule.Threshold > 1 {
				out.Message += fmt.Sprintf(" (%d of %d required approvals counted)", len(d.Approvers), rule.Threshold)
			}
			return nil, &out
		}
		return nil, errorf(EThreshold, "ask more of the rule's approvers ("+strings.Join(rule.Approvers, ", ")+") to review and approve the skill",
			"skill %s has approvals from %d of the %d principals required (%s); keys of one principal count once",
			name, len(d.Approvers), rule.Threshold, orNone(d.Approvers))
	}
	d.Capabilities, d.Verdict = combine(d.Approvals)
	return d, nil
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// approvalFiles lists .skillsig/approvals/*.sigstore.json (regular files
// only; anything else there is ignored, as it can carry no approval).
func approvalFiles(root *os.Root) ([]string, error) {
	f, err := root.Open(filepath.FromSlash(ApprovalsDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", ApprovalsDir, err)
	}
	defer f.Close()
	des, err := f.ReadDir(-1)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ApprovalsDir, err)
	}
	var out []string
	for _, de := range des {
		if !strings.HasSuffix(de.Name(), bundle.Suffix) || !de.Type().IsRegular() {
			continue
		}
		out = append(out, ApprovalsDir+"/"+de.Name())
	}
	slices.Sort(out)
	if len(out) > MaxBundles {
		return nil, errorf(ENoApproval, "remove stale approval files", "%d approval files; at most %d are read", len(out), MaxBundles)
	}
	return out, nil
}

func readFile(root *os.Root, name string, limit int64) ([]byte, error) {
	info, err := root.Lstat(filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, limit)
	}
	return data, nil
}

type reportDigest struct {
	digest string
	err    error
}

func readReportDigest(root *os.Root) *reportDigest {
	data, err := readFile(root, ReportFile, MaxReportSize)
	if err != nil {
		return &reportDigest{err: err}
	}
	sum := sha256.Sum256(data)
	return &reportDigest{digest: "sha256:" + hex.EncodeToString(sum[:])}
}

type evaluator struct {
	p       *Policy
	rule    *Rule
	name    string
	sum     string
	entries []digest.Entry
	now     time.Time
	skew    time.Duration
	report  *reportDigest
}

const reapprove = "review the skill again and re-approve it with `skillgate approve`"

func loadBundle(root *os.Root, file string) (verify.SignedEntity, *Error) {
	data, err := readFile(root, file, bundle.MaxSize)
	if err != nil {
		return nil, &Error{Code: ESigInvalid, Message: fmt.Sprintf("read approval: %v", err), Hint: reapprove, Err: err}
	}
	b, err := bundle.Parse(data)
	if err != nil {
		return nil, &Error{Code: ESigInvalid, Message: err.Error(), Hint: reapprove, Err: err}
	}
	return b, nil
}

// Signed is an approval given to Verify directly (see [WithSigned]):
// a parsed Sigstore bundle or any sigstore-go SignedEntity holding a
// DSSE envelope. Name labels it in errors.
type Signed struct {
	Name   string
	Entity verify.SignedEntity
	load   func() (verify.SignedEntity, *Error)
}

// entity verifies one signed approval (a parsed bundle, or any
// sigstore-go SignedEntity with a DSSE envelope).
func (ev *evaluator) entity(b verify.SignedEntity, file string) (*Approval, *Error) {
	p := ev.p
	sc, err := b.SignatureContent()
	if err != nil || sc.EnvelopeContent() == nil {
		return nil, errorf(ESigInvalid, reapprove, "approval is not a DSSE envelope")
	}
	env := sc.EnvelopeContent().RawEnvelope()
	payload, err := env.DecodeB64Payload()
	if err != nil {
		return nil, errorf(ESigInvalid, reapprove, "approval payload is not base64: %v", err)
	}
	payloadSum := sha256.Sum256(payload)
	payloadDigest := "sha256:" + hex.EncodeToString(payloadSum[:])
	for _, r := range p.Revocations.Bundles {
		if r.Digest == payloadDigest {
			return nil, errorf(EDigestRevoked, "this approval was revoked; get the skill re-approved",
				"approval %s is revoked: %s", payloadDigest, r.Reason)
		}
	}
	vc, err := b.VerificationContent()
	if err != nil {
		return nil, errorf(ESigInvalid, reapprove, "approval has no verification material: %v", err)
	}
	var (
		key *policyKey
		res *verify.VerificationResult
	)
	if pk := vc.PublicKey(); pk != nil {
		id := pk.Hint()
		if kr, ok := p.revoked[id]; ok {
			return nil, errorf(EKeyRevoked, "the key was revoked; ask a current approver to re-approve the skill",
				"key %s is revoked: %s", short(id), kr.Reason)
		}
		key = p.keys[id]
		if key == nil {
			return nil, errorf(EKeyUnknown, "add the approver's public key to the trust policy, or have a trusted approver approve the skill",
				"approval signed by key %s, which is not in the trust policy", short(id))
		}
		if res, err = p.kv.Verify(b, verify.NewPolicy(verify.WithoutArtifactUnsafe(), verify.WithKey())); err != nil {
			return nil, &Error{Code: ESigInvalid, Message: fmt.Sprintf("signature does not verify with key %s of %s: %v", short(id), key.principal, err), Hint: reapprove, Err: err}
		}
	} else if vc.Certificate() != nil {
		if p.root.verifier == nil {
			return nil, errorf(EKeyUnknown, "add keyless principals and a trustedRoot to the trust policy", "approval is keyless, but the trust policy has no keyless keys")
		}
		if res, err = p.root.verifier.Verify(b, verify.NewPolicy(verify.WithoutArtifactUnsafe(), verify.WithoutIdentitiesUnsafe())); err != nil {
			return nil, &Error{Code: ESigInvalid, Message: fmt.Sprintf("keyless signature does not verify against the trusted root: %v", err), Hint: reapprove, Err: err}
		}
		summary := res.Signature.Certificate
		for _, k := range p.keyless {
			subj, re := k.keyless.Subject, ""
			if k.subjectRE != nil {
				subj, re = "", k.keyless.SubjectRegExp
			}
			ci, err := verify.NewShortCertificateIdentity(k.keyless.Issuer, "", subj, re)
			if err == nil && summary != nil && ci.Verify(*summary) == nil {
				key = k
				break
			}
		}
		if key == nil {
			who := ""
			if summary != nil {
				who = summary.SubjectAlternativeName + " (" + summary.Issuer + ")"
			}
			return nil, errorf(EKeyUnknown, "add the signer's identity to the trust policy", "keyless approval by %s, who is not in the trust policy", who)
		}
		if kr, ok := p.revoked[key.id]; ok {
			return nil, errorf(EKeyRevoked, "ask a current approver to re-approve the skill", "identity %s is revoked: %s", key.id, kr.Reason)
		}
	} else {
		return nil, errorf(ESigInvalid, reapprove, "approval has neither a public-key hint nor a certificate")
	}

	// The signature is good: from here on the payload is what the key
	// holder signed.
	if env.PayloadType != attest.PayloadType {
		return nil, errorf(ESigInvalid, reapprove, "payload type %q is not %q", env.PayloadType, attest.PayloadType)
	}
	st, err := attest.Parse(payload)
	if err != nil {
		return nil, &Error{Code: ESigInvalid, Message: "not a skillgate approval: " + err.Error(), Hint: reapprove, Err: err}
	}
	pred := &st.Predicate
	if got := st.SubjectName(); got != ev.name {
		return nil, errorf(ESubjectMismatch, "approvals are bound to one skill name; approve this skill under its own name",
			"approval is for skill %q, not %q", got, ev.name)
	}
	approved := pred.Entries()
	if err := digest.Check(approved); err != nil {
		return nil, fromTree(err).(*Error)
	}
	if s, err := digest.Sum(approved); err != nil || s != st.TreeDigest() {
		return nil, errorf(ESigInvalid, reapprove, "approval's file list does not match its subject digest")
	}
	if st.TreeDigest() != ev.sum {
		changes := digest.Diff(approved, ev.entries)
		return nil, &Error{Code: ETreeMismatch, Files: changes, Hint: "review the changes, then re-approve the skill; or restore the approved files",
			Message: fmt.Sprintf("skill %s changed since it was approved (%s, approved %s): %d file(s) differ", ev.name, ev.sum, st.TreeDigest(), len(changes))}
	}
	if ev.report != nil {
		switch {
		case ev.report.err != nil:
			return nil, &Error{Code: ETreeMismatch, Files: []digest.Change{{Path: ReportFile, Kind: digest.Removed}}, Hint: reapprove,
				Message: fmt.Sprintf("the approved scan report cannot be read: %v", ev.report.err)}
		case ev.report.digest != pred.ScanReport.Digest:
			return nil, &Error{Code: ETreeMismatch, Files: []digest.Change{{Path: ReportFile, Kind: digest.Modified}}, Hint: reapprove,
				Message: fmt.Sprintf("the scan report is not the one approved (%s, approved %s)", ev.report.digest, pred.ScanReport.Digest)}
		}
	}
	at := pred.ApprovedAt
	if key.keyless != nil {
		// A keyless approval has a trusted time (log or TSA): it, not the
		// self-declared date, is what ages and expires.
		for i, ts := range res.VerifiedTimestamps {
			if i == 0 || ts.Timestamp.Before(at) {
				at = ts.Timestamp
			}
		}
	}
	if at.After(ev.now.Add(ev.skew)) {
		return nil, errorf(EApprovalExpired, "check the approver's clock and re-approve", "approval is dated %s, in the future", at.UTC().Format(time.RFC3339))
	}
	if pred.ExpiresAt != nil && ev.now.After(*pred.ExpiresAt) {
		return nil, errorf(EApprovalExpired, reapprove, "approval expired at %s", pred.ExpiresAt.UTC().Format(time.RFC3339))
	}
	if ev.rule.MaxAge > 0 && ev.now.Sub(at) > time.Duration(ev.rule.MaxAge) {
		return nil, errorf(EApprovalExpired, reapprove, "approval from %s is older than the policy's maximum age %s",
			at.UTC().Format(time.RFC3339), time.Duration(ev.rule.MaxAge))
	}
	for _, t := range []time.Time{at, ev.now} {
		if (key.notBefore != nil && t.Before(*key.notBefore)) || (key.notAfter != nil && t.After(*key.notAfter)) {
			return nil, errorf(EKeyUnknown, "ask the policy's owner about the key's validity, or have a currently valid key approve",
				"key %s of %s is valid %s; approval made %s, checked %s", short(key.id), key.principal, window(key),
				at.UTC().Format(time.RFC3339), ev.now.UTC().Format(time.RFC3339))
		}
	}
	if !slices.Contains(ev.rule.Approvers, key.principal) {
		return nil, errorf(EKeyUnknown, "ask one of the rule's approvers to approve: "+strings.Join(ev.rule.Approvers, ", "),
			"%s is not an approver for skill %s", key.principal, ev.name)
	}
	allowed := ev.rule.AllowedVerdicts
	if len(allowed) == 0 {
		allowed = DefaultVerdicts
	}
	if !slices.Contains(allowed, pred.Verdict) {
		return nil, errorf(EVerdict, "fix the findings and re-approve, or allow the verdict in the trust policy",
			"approval is for a %q verdict; the policy allows %s", pred.Verdict, strings.Join(allowed, ", "))
	}
	if pred.Verdict == "block" && pred.AllowedVerdict != "block" {
		return nil, errorf(EVerdict, "a block verdict needs an explicit --allow-verdict block at approval",
			"approval is for a block verdict without a recorded override")
	}
	if ev.rule.MinScannerVersion != "" && compareVersions(pred.Scanner.Version, ev.rule.MinScannerVersion) < 0 {
		return nil, errorf(ERulesDowngrade, "re-scan and re-approve with a current skillgate",
			"approval was scanned by skillgate %q; the policy requires %s or later", pred.Scanner.Version, ev.rule.MinScannerVersion)
	}
	if ev.rule.MinRulesVersion != "" && compareVersions(pred.Scanner.RulesVersion, ev.rule.MinRulesVersion) < 0 {
		return nil, errorf(ERulesDowngrade, "re-scan and re-approve with current rules",
			"approval was scanned with rules %q; the policy requires %s or later", pred.Scanner.RulesVersion, ev.rule.MinRulesVersion)
	}
	return &Approval{
		Principal: key.principal, KeyID: key.id, Bundle: file, BundleDigest: payloadDigest,
		Approver: pred.Approver, ApprovedAt: at, ExpiresAt: pred.ExpiresAt, Verdict: pred.Verdict,
		Scanner: pred.Scanner, Capabilities: pred.Capabilities,
	}, nil
}

func window(k *policyKey) string {
	f := func(t *time.Time, def string) string {
		if t == nil {
			return def
		}
		return t.UTC().Format(time.RFC3339)
	}
	return "from " + f(k.notBefore, "any time") + " until " + f(k.notAfter, "any time")
}

// compareVersions compares dotted numeric versions ("0.1.0",
// "2026.11.1"); anything unparsable is lower than everything.
func compareVersions(a, b string) int {
	pa, oka := parseVersion(a)
	pb, okb := parseVersion(b)
	switch {
	case !oka && !okb:
		return 0
	case !oka:
		return -1
	case !okb:
		return 1
	}
	for i := range max(len(pa), len(pb)) {
		var x, y int64
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func parseVersion(s string) ([]int64, bool) {
	s = strings.TrimPrefix(s, "v")
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return nil, false
	}
	var out []int64
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil || n < 0 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// combine intersects the counted approvals' capabilities and picks the
// most severe verdict.
func combine(as []Approval) (finding.Capabilities, string) {
	caps := finding.Capabilities{}
	verdict := ""
	rankV := map[string]int{"pass": 0, "review": 1, "block": 2}
	for i, a := range as {
		if verdict == "" || rankV[a.Verdict] > rankV[verdict] {
			verdict = a.Verdict
		}
		for _, k := range finding.CapabilityKinds {
			vals := slices.Clone(a.Capabilities[k])
			slices.Sort(vals)
			vals = slices.Compact(vals)
			if i == 0 {
				caps[k] = vals
				continue
			}
			caps[k] = slices.DeleteFunc(caps[k], func(v string) bool { return !slices.Contains(vals, v) })
		}
	}
	for _, k := range finding.CapabilityKinds {
		if caps[k] == nil {
			caps[k] = []string{}
		}
	}
	return caps, verdict
}
