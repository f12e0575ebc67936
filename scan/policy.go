package scan

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"time"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// Policy is the operator's scan policy (`--policy FILE`):
//
//	apiVersion: skillgate.dev/v1
//	kind: ScanPolicy
//	rules:
//	  disable: [SG6004]
//	  severity: {SG3003: medium}
//	ignore:
//	  - rule: SG3002
//	    skills: ["skills/chat-*"]      # glob on the skill path (default: all)
//	    paths: ["scripts/notify.py"]   # glob on the file path (default: all)
//	    reason: posts build results to our team channel
//	    owner: alice@example.com
//	    expires: 2027-03-01
type Policy struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Rules      struct {
		Disable  []string                    `yaml:"disable"`
		Severity map[string]finding.Severity `yaml:"severity"`
	} `yaml:"rules"`
	Ignore []PolicyIgnore `yaml:"ignore"`
	// NoInline turns off `skillgate:ignore` comments in skills.
	NoInline bool `yaml:"noInline"`
	// FailOn is the default --fail-on bar (block, review or never).
	FailOn string `yaml:"failOn"`
}

// PolicyIgnore suppresses one rule where its globs match.
type PolicyIgnore struct {
	Rule    string   `yaml:"rule"`
	Skills  []string `yaml:"skills"`
	Paths   []string `yaml:"paths"`
	Reason  string   `yaml:"reason"`
	Owner   string   `yaml:"owner"`
	Expires string   `yaml:"expires"`
}

// LoadPolicy reads a scan policy file. Unknown keys are errors.
func LoadPolicy(file string) (*Policy, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	p := new(Policy)
	if err := dec.Decode(p); err != nil {
		return nil, fmt.Errorf("policy %s: %w", file, err)
	}
	if p.APIVersion != "" && p.APIVersion != "skillgate.dev/v1" {
		return nil, fmt.Errorf("policy %s: apiVersion %q: want skillgate.dev/v1", file, p.APIVersion)
	}
	if p.Kind != "" && p.Kind != "ScanPolicy" {
		return nil, fmt.Errorf("policy %s: kind %q: want ScanPolicy", file, p.Kind)
	}
	return p, nil
}

func (p *Policy) validate(cat *rules.Catalog) error {
	for _, id := range p.Rules.Disable {
		if _, ok := cat.Lookup(id); !ok {
			return fmt.Errorf("policy: rules.disable: unknown rule %q", id)
		}
	}
	for id := range p.Rules.Severity {
		if _, ok := cat.Lookup(id); !ok {
			return fmt.Errorf("policy: rules.severity: unknown rule %q", id)
		}
	}
	for i, ig := range p.Ignore {
		if _, ok := cat.Lookup(ig.Rule); !ok {
			return fmt.Errorf("policy: ignore[%d]: unknown rule %q", i, ig.Rule)
		}
		if ig.Reason == "" {
			return fmt.Errorf("policy: ignore[%d] (%s): a reason is required", i, ig.Rule)
		}
		if ig.Expires != "" {
			if _, err := parseDate(ig.Expires); err != nil {
				return fmt.Errorf("policy: ignore[%d] (%s): expires: %w", i, ig.Rule, err)
			}
		}
		for _, g := range append(append([]string{}, ig.Skills...), ig.Paths...) {
			if _, err := path.Match(g, ""); err != nil {
				return fmt.Errorf("policy: ignore[%d] (%s): bad glob %q", i, ig.Rule, g)
			}
		}
	}
	switch p.FailOn {
	case "", "block", "review", "never":
	default:
		return fmt.Errorf("policy: failOn %q: want block, review or never", p.FailOn)
	}
	return nil
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, fmt.Errorf("%q is not a date (want YYYY-MM-DD or RFC 3339)", s)
	}
	return t.Add(24*time.Hour - time.Nanosecond), nil // valid through that day
}

// applyPolicy drops disabled rules, applies severity overrides and marks
// findings that an ignore entry covers.
func applyPolicy(p *Policy, r *SkillResult, s *skill.Skill, cat *rules.Catalog, now time.Time) []finding.Finding {
	if p == nil {
		return r.Findings
	}
	disabled := map[string]bool{}
	for _, id := range p.Rules.Disable {
		disabled[id] = true
	}
	out := r.Findings[:0]
	var extra []finding.Finding
	expiredSeen := map[int]bool{}
	for _, f := range r.Findings {
		if disabled[f.RuleID] {
			continue
		}
		if sev, ok := p.Rules.Severity[f.RuleID]; ok {
			f.Severity = sev
		}
		for i, ig := range p.Ignore {
			if ig.Rule != f.RuleID || !globAny(ig.Skills, r.Path) || !globAny(ig.Paths, f.Location.Path) {
				continue
			}
			if ig.Expires != "" {
				if t, _ := parseDate(ig.Expires); now.After(t) {
					if !expiredSeen[i] {
						expiredSeen[i] = true
						e := finding.Finding{RuleID: "SG8301", Location: f.Location,
							Message: fmt.Sprintf("policy ignore entry for %s expired on %s; the findings it covered count again", ig.Rule, ig.Expires)}
						_ = cat.Apply(&e)
						extra = append(extra, e)
					}
					continue
				}
			}
			f.Suppressed = &finding.Suppression{Kind: "policy", Reason: ig.Reason, Owner: ig.Owner, Expires: ig.Expires}
			break
		}
		out = append(out, f)
	}
	return append(out, extra...)
}

// globAny reports whether name matches any glob; an empty list matches
// everything. "**" in a glob matches any number of path elements.
func globAny(globs []string, name string) bool {
	if len(globs) == 0 {
		return true
	}
	for _, g := range globs {
		if matchGlob(g, name) {
			return true
		}
	}
	return false
}

func matchGlob(g, name string) bool {
	if ok, _ := path.Match(g, name); ok {
		return true
	}
	// "dir/**" matches everything below dir; "**/x" matches x at any depth.
	if n := len(g); n >= 3 && g[n-3:] == "/**" {
		prefix := g[:n-3]
		return name == prefix || len(name) > len(prefix) && name[:len(prefix)+1] == prefix+"/"
	}
	if len(g) > 3 && g[:3] == "**/" {
		for i := 0; i <= len(name); i++ {
			if i == 0 || name[i-1] == '/' {
				if ok, _ := path.Match(g[3:], name[i:]); ok {
					return true
				}
			}
		}
	}
	return false
}
