package extract

import (
	"fmt"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/skill"
)

var (
	json5CommentRE = lazyre.New(`(?m)(^|[^:"'])//[^\n]*$|/\*(?s:.*?)\*/`)
	json5CommaRE   = lazyre.New(`,(\s*[}\]])`)
)

// OpenClaw reads metadata.openclaw.install[] from SKILL.md's front matter:
// node (npm), uv (PyPI) and go installs become dependencies; a download
// entry is a URL dependency. metadata may be a YAML map or a JSON5 string;
// both are read leniently. Brew formulas are outside the ecosystems
// checked and are skipped.
func OpenClaw(s *skill.Skill) (*Output, error) {
	out := &Output{}
	if s.Manifest == nil || s.Manifest.Fields == nil {
		return out, nil
	}
	md := s.Manifest.Fields["metadata"]
	if str, ok := md.(string); ok {
		var v any
		src := json5CommaRE.R().ReplaceAllString(json5CommentRE.R().ReplaceAllString(str, "$1"), "$1")
		if err := yaml.Unmarshal([]byte(src), &v); err != nil {
			return out, fmt.Errorf("parse SKILL.md metadata: %w", err)
		}
		md = v
	}
	m, _ := md.(map[string]any)
	var oc map[string]any
	for _, k := range []string{"openclaw", "clawdbot", "clawdis"} {
		if v, ok := m[k].(map[string]any); ok {
			oc = v
			break
		}
	}
	installs, _ := oc["install"].([]any)
	f := s.File(skill.ManifestFile)
	if f == nil {
		return out, nil
	}
	tx := newText(f)
	for _, it := range installs {
		e, ok := it.(map[string]any)
		if !ok {
			continue
		}
		kind, _ := e["kind"].(string)
		str := func(keys ...string) string {
			for _, k := range keys {
				if v, ok := e[k].(string); ok && v != "" {
					return v
				}
			}
			return ""
		}
		var d Dependency
		switch strings.ToLower(kind) {
		case "node", "npm", "bun", "pnpm", "yarn":
			spec := str("package", "name", "formula")
			if spec == "" {
				continue
			}
			d = npmSpec(spec, tx.loc(tx.find(spec, 1)))
		case "uv", "pip", "python", "pipx":
			spec := str("package", "name", "formula")
			if spec == "" {
				continue
			}
			var ok bool
			if d, ok = pep508(spec, tx.loc(tx.find(spec, 1))); !ok {
				continue
			}
		case "go":
			spec := str("module", "package", "name")
			if spec == "" {
				continue
			}
			p, v, _ := strings.Cut(spec, "@")
			d = Dependency{Ecosystem: Go, Name: goModulePath(p), Version: v, Pinned: goVersionRE.R().MatchString(v), Location: tx.loc(tx.find(spec, 1))}
		case "download":
			u := str("url")
			if u == "" {
				continue
			}
			out.Issues = append(out.Issues, Issue{RuleID: "SG7006", Location: tx.loc(tx.find(u, 1)),
				Message: fmt.Sprintf("OpenClaw install downloads %s, outside any package registry", u)})
			continue
		default:
			continue
		}
		d.Source = SourceOpenClaw
		d.Kind = "openclaw " + kind
		out.Deps = append(out.Deps, d)
	}
	return out, nil
}
