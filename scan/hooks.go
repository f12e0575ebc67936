package scan

import (
	"context"

	"skillgate.dev/skillgate/depcheck"
	"skillgate.dev/skillgate/skill"
)

// HookOptions configure the default post-analysis stages.
type HookOptions struct {
	// OSVDir is the offline OSV database (osv-scanner's layout).
	OSVDir string
	// Online allows network look-ups; off by default.
	Online bool
}

// DefaultHooks returns the pipeline stages that follow analysis: the
// dependency gate and the approval check.
func DefaultHooks(opts HookOptions) []Hook {
	return []Hook{depHook{opts: depcheck.Options{OSVDir: opts.OSVDir, Online: opts.Online}}}
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
