package scan

import (
	"context"
	"os"
	"path/filepath"

	"skillgate.dev/skillgate/depcheck"
	"skillgate.dev/skillgate/depcheck/online"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/trust"
	"skillgate.dev/skillgate/skill"
)

// HookOptions configure the default post-analysis stages.
type HookOptions struct {
	// OSVDir is the offline OSV database (osv-scanner's layout).
	OSVDir string
	// Online allows registry look-ups (depcheck.Options.Online); off by
	// default. Registry, when set, answers them instead of the real
	// registries (a mirror, or a test's fake).
	Online   bool
	Registry online.Lookuper
	// TrustPolicy, when set, verifies approvals fully (signatures and
	// policy); without it the approval state only says whether the
	// approved bytes still match.
	TrustPolicy *trust.Policy
}

// DefaultHooks returns the pipeline stages that follow analysis: the
// dependency gate and the approval check.
func DefaultHooks(opts HookOptions) []Hook {
	return []Hook{
		depHook{opts: depcheck.Options{OSVDir: opts.OSVDir, Online: opts.Online, Registry: opts.Registry}},
		approvalHook{policy: opts.TrustPolicy},
	}
}

// depHook runs the dependency gate.
type depHook struct{ opts depcheck.Options }

func (depHook) Name() string { return "dependency check" }

func (h depHook) Check(ctx context.Context, s *skill.Skill, r *SkillResult) error {
	res, err := depcheck.Check(ctx, s, h.opts)
	if err != nil {
		return err
	}
	r.Dependencies = append(r.Dependencies, res.Dependencies...)
	r.Findings = append(r.Findings, res.Findings...)
	return nil
}

// approvalHook reports the state of .skillsig/ approvals: approved, stale
// (the bytes changed since), invalid, or unverified (no trust policy).
type approvalHook struct{ policy *trust.Policy }

func (approvalHook) Name() string { return "approval check" }

func (h approvalHook) Check(ctx context.Context, s *skill.Skill, r *SkillResult) error {
	if _, err := os.Lstat(filepath.Join(s.Dir, skill.SigDir)); err != nil {
		return nil
	}
	var entries []digest.Entry
	for _, f := range s.Files {
		if f.Container == "" && f.Data != nil {
			entries = append(entries, digest.NewEntry(f.Path, f.Data, f.Executable()))
		}
	}
	var opts []trust.StateOption
	if h.policy != nil {
		opts = append(opts, trust.WithPolicy(h.policy))
	}
	state, approvers, detail := trust.ApprovalState(ctx, s.Dir, entries, s.Name, opts...)
	if state != "" {
		r.Approval = &Approval{State: state, Approvers: approvers, Detail: detail}
	}
	return nil
}
