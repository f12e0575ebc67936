package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"skillgate.dev/skillgate/analyzers"
	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/internal/version"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/skill"
)

// SchemaVersion is the JSON report's schema version (DESIGN 4.2).
const SchemaVersion = "1"

// Options configure a scan. The zero value scans nothing; set Paths.
type Options struct {
	// Paths are skill folders or folders containing skills.
	Paths []string
	// Base is the folder report paths are relative to (default: the
	// current directory).
	Base string
	// Jobs bounds how many skills are analysed at once (default: the
	// number of CPUs).
	Jobs int
	// Limits bound loading (zero: skill.DefaultLimits).
	Limits skill.Limits
	// Policy enables, disables and re-rates rules and suppresses findings.
	Policy *Policy
	// Baseline suppresses reviewed findings by fingerprint.
	Baseline *Baseline
	// Analyzers replaces the default analyzer list (tests).
	Analyzers []*analysis.Analyzer
	// Catalog replaces the embedded rule catalog (tests).
	Catalog *rules.Catalog
	// Hooks are the pipeline stages owned by other packages (dependency
	// checks, approval state); nil hooks are skipped.
	Hooks []Hook
	// Now is the clock for suppression expiry (default time.Now).
	Now func() time.Time
	// SkillTimeout bounds the analysis of one skill (default 2 minutes).
	// A skill that takes longer is reported as not analysed (SG8103, which
	// blocks): a scan never hangs on hostile input and never passes it.
	SkillTimeout time.Duration
	// Progress, when set, is called after each skill with the count done.
	Progress func(done, total int)
}

// Hook is a pipeline stage that adds to a skill's result after analysis:
// the dependency gate, the approval check.
type Hook interface {
	Name() string
	Check(ctx context.Context, s *skill.Skill, r *SkillResult) error
}

// Run scans every skill under opts.Paths. It fails only on usage and I/O
// errors (a path that does not exist, a folder without skills); problems
// inside skills are findings.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if len(opts.Paths) == 0 {
		return nil, errors.New("no paths to scan")
	}
	cat := opts.Catalog
	if cat == nil {
		cat = rules.MustLoad() // embedded, validated by the rules tests, parsed once
	}
	if opts.Policy != nil {
		if err := opts.Policy.validate(cat); err != nil {
			return nil, err
		}
	}
	list := opts.Analyzers
	if list == nil {
		list = analyzers.All()
	}
	base := opts.Base
	if base == "" {
		base, _ = os.Getwd()
	}
	base, _ = filepath.Abs(base)
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	dirs, err := skill.Discover(ctx, opts.Paths)
	if err != nil {
		return nil, err
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	jobs = min(jobs, len(dirs))

	results := make([]SkillResult, len(dirs))
	errs := make([]error, len(dirs))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
		next = make(chan int)
	)
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, err := scanOne(ctx, dirs[i], base, opts, cat, list)
				if err == nil {
					results[i] = *r
				}
				errs[i] = err
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(dirs))
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range dirs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	res := &Result{
		SchemaVersion: SchemaVersion,
		Tool:          toolInfo(),
		Skills:        results,
	}
	if opts.Baseline != nil {
		opts.Baseline.apply(res, now())
	}
	res.finish()
	return res, nil
}

// finish computes verdicts and the summary, after every suppression.
func (res *Result) finish() {
	res.Summary = Summary{}
	slices.SortFunc(res.Skills, func(a, b SkillResult) int { return strings.Compare(a.Path, b.Path) })
	for i := range res.Skills {
		s := &res.Skills[i]
		s.Findings = finding.Sort(s.Findings)
		if s.Findings == nil {
			s.Findings = []finding.Finding{}
		}
		s.Verdict = decide(s)
		res.Summary.Skills++
		switch s.Verdict {
		case Pass:
			res.Summary.Pass++
		case Review:
			res.Summary.Review++
		case Block:
			res.Summary.Block++
		}
		for _, f := range s.Findings {
			if f.Suppressed != nil {
				res.Summary.Suppressed++
			}
		}
	}
}

func decide(s *SkillResult) Verdict {
	v := Pass
	for _, f := range s.Findings {
		if f.Suppressed != nil {
			continue
		}
		switch {
		case f.Severity >= finding.High:
			return Block
		case f.Severity == finding.Medium:
			v = Review
		}
	}
	if v == Pass && len(s.Incomplete) > 0 {
		v = Review
	}
	return v
}

func scanOne(ctx context.Context, dir, base string, opts Options, cat *rules.Catalog, list []*analysis.Analyzer) (*SkillResult, error) {
	abs, _ := filepath.Abs(dir)
	rel := skill.Rel(base, abs)
	s, err := skill.Load(ctx, dir, rel, opts.Limits)
	if err != nil {
		return nil, err
	}
	r := &SkillResult{Path: rel, Name: s.Name, Incomplete: []string{}}
	if s.Manifest != nil {
		if n := s.Manifest.String("name"); n != "" {
			r.Name = n
		}
	}
	r.Digest = treeDigest(s)
	r.Findings = append(r.Findings, s.Problems...)
	ar, err := analyzeWithin(ctx, s, cat, list, opts.SkillTimeout)
	if err != nil {
		return nil, err
	}
	r.Findings = append(r.Findings, ar.Findings...)
	r.CapabilitySites = ar.Capabilities
	for _, h := range opts.Hooks {
		if err := h.Check(ctx, s, r); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			r.Findings = append(r.Findings, finding.Finding{
				RuleID:   "SG8103",
				Message:  fmt.Sprintf("%s failed; its results for this skill are missing: %v", h.Name(), err),
				Location: finding.Location{Path: skill.ManifestFile},
			})
		}
	}
	r.Capabilities = finding.Summarize(r.CapabilitySites)
	for i := range r.Findings {
		f := &r.Findings[i]
		if err := cat.Apply(f); err != nil {
			// A stage reported a rule the catalog lacks: a skillgate bug,
			// reported as an analysis failure rather than dropped.
			*f = finding.Finding{RuleID: "SG8103", Location: f.Location,
				Message: fmt.Sprintf("internal error: %v; this part of the analysis is missing", err)}
			_ = cat.Apply(f)
		}
	}
	r.Findings = applyPolicy(opts.Policy, r, s, cat, now(opts))
	if opts.Policy == nil || !opts.Policy.NoInline {
		r.Findings = append(r.Findings, applyInline(s, r.Findings)...)
	}
	r.Findings = finding.Sort(r.Findings)
	fingerprint(r.Findings)
	for _, f := range r.Findings {
		if f.Category == finding.IncompleteAnalysis && f.Suppressed == nil {
			r.Incomplete = append(r.Incomplete, f.Location.String()+": "+f.Message)
		}
	}
	return r, nil
}

func now(opts Options) time.Time {
	if opts.Now != nil {
		return opts.Now()
	}
	return time.Now()
}

// treeDigest is the skilltree-v1 digest of the files on disk (archive
// members excluded). It is "" when a file could not be read, since a
// digest over part of the skill would be a lie.
func treeDigest(s *skill.Skill) string {
	var es []digest.Entry
	for _, f := range s.Files {
		if f.Container != "" {
			continue
		}
		if f.Data == nil {
			return ""
		}
		es = append(es, digest.NewEntry(f.Path, f.Data, f.Executable()))
	}
	d, err := digest.Sum(es)
	if err != nil {
		return ""
	}
	return d
}

func toolInfo() Tool {
	return Tool{Name: "skillgate", Version: version.Version, RulesVersion: rules.Version}
}

// defaultSkillTimeout is far above any real skill's analysis time (a
// few milliseconds) and bounds what a hostile one can cost.
const defaultSkillTimeout = 2 * time.Minute

// analyzeWithin runs the analyzers on one skill with a deadline. When the
// deadline passes first, the analysis is abandoned and replaced by a
// blocking SG8103 finding; its goroutine ends when the analyzers next
// check their context.
func analyzeWithin(ctx context.Context, s *skill.Skill, cat *rules.Catalog, list []*analysis.Analyzer, limit time.Duration) (*analysis.Result, error) {
	if limit <= 0 {
		limit = defaultSkillTimeout
	}
	actx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	type outcome struct {
		res *analysis.Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := analysis.Run(actx, s, cat, list)
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		if o.err == nil || ctx.Err() != nil {
			return o.res, o.err
		}
	case <-actx.Done():
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	f := finding.Finding{RuleID: "SG8103", Location: finding.Location{Path: skill.ManifestFile},
		Message: fmt.Sprintf("analysis of the skill did not finish within %s; it was stopped and the skill is treated as not analysed", limit)}
	_ = cat.Apply(&f)
	return &analysis.Result{Findings: []finding.Finding{f}}, nil
}
