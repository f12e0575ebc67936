package scan

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/finding"
)

// Baseline lists reviewed findings that no longer count towards verdicts
// until they expire. Each entry names the skill, rule, path and content
// fingerprint, and says why, who decided and until when.
//
//	apiVersion: skillgate.dev/v1
//	kind: Baseline
//	entries:
//	  - skill: skills/notify
//	    rule: SG3002
//	    path: scripts/notify.py
//	    fingerprint: 3f1c…
//	    reason: posts CI results to the team's own webhook
//	    owner: alice@example.com
//	    expires: 2027-03-01
type Baseline struct {
	APIVersion string          `yaml:"apiVersion"`
	Kind       string          `yaml:"kind"`
	Entries    []BaselineEntry `yaml:"entries"`
}

// BaselineEntry is one reviewed finding.
type BaselineEntry struct {
	Skill       string `yaml:"skill"`
	Rule        string `yaml:"rule"`
	Path        string `yaml:"path"`
	Fingerprint string `yaml:"fingerprint"`
	Message     string `yaml:"message,omitempty"`
	Reason      string `yaml:"reason"`
	Owner       string `yaml:"owner"`
	Expires     string `yaml:"expires"`
}

// LoadBaseline reads a baseline file. Every entry needs a rule, a path, a
// fingerprint and a reason; unknown keys are errors.
func LoadBaseline(file string) (*Baseline, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	b := new(Baseline)
	if err := dec.Decode(b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", file, err)
	}
	if b.Kind != "" && b.Kind != "Baseline" {
		return nil, fmt.Errorf("baseline %s: kind %q: want Baseline", file, b.Kind)
	}
	for i, e := range b.Entries {
		switch {
		case e.Rule == "" || e.Path == "" || e.Fingerprint == "":
			return nil, fmt.Errorf("baseline %s: entry %d: rule, path and fingerprint are required", file, i+1)
		case strings.TrimSpace(e.Reason) == "":
			return nil, fmt.Errorf("baseline %s: entry %d (%s %s): a reason is required", file, i+1, e.Rule, e.Path)
		}
		if e.Expires != "" {
			if _, err := parseDate(e.Expires); err != nil {
				return nil, fmt.Errorf("baseline %s: entry %d: expires: %w", file, i+1, err)
			}
		}
	}
	return b, nil
}

// Marshal renders the baseline as YAML, entries sorted.
func (b *Baseline) Marshal() ([]byte, error) {
	b.APIVersion, b.Kind = "skillgate.dev/v1", "Baseline"
	slices.SortFunc(b.Entries, func(x, y BaselineEntry) int {
		return strings.Compare(x.Skill+"\x00"+x.Path+"\x00"+x.Rule+"\x00"+x.Fingerprint, y.Skill+"\x00"+y.Path+"\x00"+y.Rule+"\x00"+y.Fingerprint)
	})
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// BaselineFrom builds a baseline entry for every unsuppressed finding of
// res. Entries already in prev that still match a finding are kept as they
// are (their reason, owner and expiry stand); new findings get the given
// reason, owner and expiry.
func BaselineFrom(res *Result, prev *Baseline, reason, owner, expires string) *Baseline {
	old := map[string]BaselineEntry{}
	if prev != nil {
		for _, e := range prev.Entries {
			old[e.key()] = e
		}
	}
	b := &Baseline{}
	for _, s := range res.Skills {
		for _, f := range s.Findings {
			if f.Suppressed != nil && f.Suppressed.Kind != "baseline" {
				continue
			}
			e := BaselineEntry{Skill: s.Path, Rule: f.RuleID, Path: f.Location.Path, Fingerprint: f.Fingerprint,
				Message: finding.ShortSnippet(f.Message, 100), Reason: reason, Owner: owner, Expires: expires}
			if o, ok := old[e.key()]; ok {
				e = o
			}
			b.Entries = append(b.Entries, e)
		}
	}
	return b
}

func (e BaselineEntry) key() string {
	return e.Skill + "\x00" + e.Rule + "\x00" + e.Path + "\x00" + e.Fingerprint
}

// apply suppresses matching findings. An expired entry stops suppressing
// and is reported; so is an entry for a scanned skill that matches no
// finding any more (the code changed: review it again).
func (b *Baseline) apply(res *Result, now time.Time) {
	byKey := map[string]*BaselineEntry{}
	used := map[string]bool{}
	for i := range b.Entries {
		byKey[b.Entries[i].key()] = &b.Entries[i]
	}
	for si := range res.Skills {
		s := &res.Skills[si]
		var extra []finding.Finding
		for fi := range s.Findings {
			f := &s.Findings[fi]
			e, ok := byKey[BaselineEntry{Skill: s.Path, Rule: f.RuleID, Path: f.Location.Path, Fingerprint: f.Fingerprint}.key()]
			if !ok {
				continue
			}
			used[e.key()] = true
			if e.Expires != "" {
				if t, _ := parseDate(e.Expires); now.After(t) {
					extra = append(extra, invalid(f.Location.Path, f.Location.StartLine,
						fmt.Sprintf("baseline entry for %s (owner %s) expired on %s; the finding counts again until it is reviewed anew", f.RuleID, orNone(e.Owner), e.Expires)))
					continue
				}
			}
			if f.Suppressed == nil {
				f.Suppressed = &finding.Suppression{Kind: "baseline", Reason: e.Reason, Owner: e.Owner, Expires: e.Expires}
			}
		}
		for _, e := range b.Entries {
			if e.Skill == s.Path && !used[e.key()] {
				extra = append(extra, invalid(e.Path, 0,
					fmt.Sprintf("baseline entry for %s (fingerprint %s) matches no finding any more; the code changed, so review it again and update the baseline", e.Rule, e.Fingerprint)))
			}
		}
		if len(extra) > 0 {
			fingerprint(extra)
			s.Findings = append(s.Findings, extra...)
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
