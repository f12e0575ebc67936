package trust

import (
	"context"
	"os"

	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/bundle"
	"skillgate.dev/skillgate/signing/digest"
)

// Approval states reported by scan.
const (
	StateApproved   = "approved"
	StateStale      = "stale"
	StateInvalid    = "invalid"
	StateUnverified = "unverified"
)

// StateOption configures ApprovalState.
type StateOption func(*stateConfig)

type stateConfig struct {
	policy *Policy
	opts   []VerifyOption
}

// WithPolicy checks approvals against a trust policy (signatures, keys,
// threshold); without it only the bytes are compared.
func WithPolicy(p *Policy, opts ...VerifyOption) StateOption {
	return func(c *stateConfig) { c.policy, c.opts = p, opts }
}

// ApprovalState says what scan reports about a skill's .skillsig/: state
// is "" when there are no approvals, "approved" when they satisfy the
// policy, "stale" when they were made for other bytes, "invalid" when
// they fail otherwise. Without [WithPolicy], key-mode signatures cannot
// be checked (a bundle carries only a key hint), so bundles whose
// statement matches the files give "unverified".
func ApprovalState(ctx context.Context, skillDir string, files []digest.Entry, name string, opts ...StateOption) (state string, approvers []string, detail string) {
	var c stateConfig
	for _, o := range opts {
		o(&c)
	}
	root, err := os.OpenRoot(skillDir)
	if err != nil {
		return StateInvalid, nil, err.Error()
	}
	defer root.Close()
	list, err := approvalFiles(root)
	if err != nil {
		return StateInvalid, nil, err.Error()
	}
	if len(list) == 0 {
		return "", nil, ""
	}
	if c.policy != nil {
		d, err := c.policy.Verify(ctx, skillDir, files, append([]VerifyOption{WithSkillName(name)}, c.opts...)...)
		if err == nil {
			return StateApproved, d.Approvers, ""
		}
		if te, ok := AsError(err); ok && te.Code == ETreeMismatch {
			return StateStale, nil, te.Error()
		}
		return StateInvalid, nil, err.Error()
	}
	sum, err := digest.Sum(files)
	if err != nil {
		return StateInvalid, nil, err.Error()
	}
	state = StateUnverified
	for _, f := range list {
		data, err := readFile(root, f, bundle.MaxSize)
		if err != nil {
			return StateInvalid, nil, f + ": " + err.Error()
		}
		b, err := bundle.Parse(data)
		if err != nil {
			return StateInvalid, nil, f + ": " + err.Error()
		}
		env := bundle.Envelope(b)
		if env.PayloadType != attest.PayloadType {
			return StateInvalid, nil, f + ": not an in-toto payload"
		}
		st, err := attest.Parse(env.Payload)
		if err != nil {
			return StateInvalid, nil, f + ": " + err.Error()
		}
		if st.SubjectName() != name {
			return StateInvalid, nil, f + ": approval is for skill " + st.SubjectName()
		}
		if st.TreeDigest() != sum {
			state, detail = StateStale, f+": approved "+st.TreeDigest()+", now "+sum
		}
		if st.Predicate.Approver != "" {
			approvers = append(approvers, st.Predicate.Approver)
		}
	}
	if state == StateUnverified {
		detail = "signatures not checked: no trust policy given"
	}
	return state, approvers, detail
}
