package markdown

import (
	"fmt"
	"skillgate.dev/skillgate/internal/lazyre"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// Front matter keys: the Agent Skills spec, then Claude Code's and
// OpenClaw's extensions.
var knownKeys = map[string]bool{
	"name": true, "description": true, "license": true, "compatibility": true, "metadata": true, "allowed-tools": true,
	// Claude Code
	"disable-model-invocation": true, "user-invocable": true, "argument-hint": true, "model": true,
	"context": true, "agent": true, "hooks": true, "version": true, "when_to_use": true, "when-to-use": true,
	"paths": true, "shell": true, "effort": true,
	// OpenClaw and others
	"homepage": true, "emoji": true, "command-dispatch": true, "command-tool": true, "command-arg-mode": true,
	"tags": true, "author": true, "authors": true, "keywords": true,
}

var nameRE = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const (
	maxName        = 64
	maxDescription = 1024
)

// frontMatter checks SKILL.md's front matter.
func frontMatter(p *analysis.Pass, u *analysis.Unit) {
	m := p.Skill.Manifest
	if m == nil {
		m = skill.ParseManifest(u.Src)
	}
	if !m.HasFrontMatter {
		p.ReportAt(u, 1, 0, "SG1101", "SKILL.md has no YAML front matter (--- name/description ---); agents cannot tell what the skill is for")
		return
	}
	if m.Err != nil {
		line := m.ErrLine
		if line < 1 {
			line = 1
		}
		p.ReportAt(u, line, 0, "SG1102", "front matter does not parse: %v", m.Err)
		return
	}
	if m.Node == nil {
		p.ReportAt(u, 1, 0, "SG1103", "front matter is empty: name is required")
		p.ReportAt(u, 1, 0, "SG1105", "description is missing")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Node.Content); i += 2 {
		k := m.Node.Content[i]
		if seen[k.Value] {
			p.ReportAt(u, k.Line, k.Column, "SG1106", "front matter key %s appears twice; agents differ in which one they use", k.Value)
		}
		seen[k.Value] = true
		if !knownKeys[k.Value] {
			p.ReportAt(u, k.Line, k.Column, "SG1106", "unknown front matter key %s", quoteKey(k.Value))
		}
	}
	checkName(p, u, m)
	checkDescription(p, u, m)
	if k, v := m.Lookup("metadata"); v != nil {
		checkMetadata(p, u, k, v)
	}
}

func quoteKey(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return fmt.Sprintf("%q", s)
}

func checkName(p *analysis.Pass, u *analysis.Unit, m *skill.Manifest) {
	k, v := m.Lookup("name")
	if v == nil {
		p.ReportAt(u, 1, 0, "SG1103", "name is missing from the front matter")
		return
	}
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || strings.TrimSpace(v.Value) == "" {
		p.ReportAt(u, k.Line, k.Column, "SG1103", "name is empty or not a string")
		return
	}
	name := v.Value
	switch {
	case utf8.RuneCountInString(name) > maxName:
		p.ReportAt(u, v.Line, v.Column, "SG1103", "name is %d characters long, over the limit of %d", utf8.RuneCountInString(name), maxName)
	case !nameRE.R().MatchString(name):
		p.ReportAt(u, v.Line, v.Column, "SG1103", "name %q is not lowercase letters, digits and single hyphens", finding.ShortSnippet(name, 64))
	}
	if p.Skill.Name != "" && name != p.Skill.Name {
		p.ReportAt(u, v.Line, v.Column, "SG1104", "name %q differs from the folder name %q", finding.ShortSnippet(name, 64), p.Skill.Name)
	}
}

func checkDescription(p *analysis.Pass, u *analysis.Unit, m *skill.Manifest) {
	k, v := m.Lookup("description")
	switch {
	case v == nil:
		p.ReportAt(u, 1, 0, "SG1105", "description is missing; agents use it to decide when to load the skill")
	case v.Kind != yaml.ScalarNode || v.Tag == "!!null" || strings.TrimSpace(v.Value) == "":
		p.ReportAt(u, k.Line, k.Column, "SG1105", "description is empty or not a string")
	case utf8.RuneCountInString(v.Value) > maxDescription:
		p.ReportAt(u, k.Line, k.Column, "SG1105", "description is %d characters long, over the limit of %d", utf8.RuneCountInString(v.Value), maxDescription)
	}
}

// checkMetadata validates metadata and OpenClaw's metadata.openclaw (a
// YAML map or a JSON5 string), and records the binaries and environment
// variables it declares as capabilities.
func checkMetadata(p *analysis.Pass, u *analysis.Unit, k, v *yaml.Node) {
	var meta map[string]any
	switch v.Kind {
	case yaml.MappingNode:
		if err := v.Decode(&meta); err != nil {
			p.ReportAt(u, v.Line, v.Column, "SG1107", "metadata does not decode: %v", err)
			return
		}
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return
		}
		parsed, err := parseJSON5(v.Value)
		if err != nil {
			p.ReportAt(u, v.Line, v.Column, "SG1107", "metadata is a string that does not parse as JSON5: %v", err)
			return
		}
		mm, ok := parsed.(map[string]any)
		if !ok {
			p.ReportAt(u, v.Line, v.Column, "SG1107", "metadata must be a map")
			return
		}
		meta = mm
	default:
		p.ReportAt(u, v.Line, v.Column, "SG1107", "metadata must be a map, not a list")
		return
	}
	for _, key := range []string{"openclaw", "clawdbot", "clawdis"} {
		raw, ok := meta[key]
		if !ok {
			continue
		}
		line := v.Line
		if n := childNode(v, key); n != nil {
			line = n.Line
		}
		oc, err := openclawMap(raw)
		if err != nil {
			p.ReportAt(u, line, 0, "SG1107", "metadata.%s: %v", key, err)
			continue
		}
		checkOpenClaw(p, u, line, key, oc)
	}
}

func childNode(v *yaml.Node, key string) *yaml.Node {
	if v.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value == key {
			return v.Content[i+1]
		}
	}
	return nil
}

func openclawMap(raw any) (map[string]any, error) {
	switch x := raw.(type) {
	case map[string]any:
		return x, nil
	case string:
		v, err := parseJSON5(x)
		if err != nil {
			return nil, err
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("must be a map")
		}
		return m, nil
	case nil:
		return map[string]any{}, nil
	}
	return nil, fmt.Errorf("must be a map or a JSON5 string, not %T", raw)
}

func checkOpenClaw(p *analysis.Pass, u *analysis.Unit, line int, key string, oc map[string]any) {
	if req, ok := oc["requires"]; ok {
		rm, ok := req.(map[string]any)
		if !ok {
			p.ReportAt(u, line, 0, "SG1107", "metadata.%s.requires must be a map", key)
		} else {
			for _, field := range []string{"bins", "anyBins", "env", "config"} {
				val, ok := rm[field]
				if !ok {
					continue
				}
				list, ok := strings_(val)
				if !ok {
					p.ReportAt(u, line, 0, "SG1107", "metadata.%s.requires.%s must be a list of strings", key, field)
					continue
				}
				for _, s := range list {
					switch field {
					case "bins", "anyBins":
						p.CapabilityAt(u, line, 0, finding.CapExec, s)
					case "env":
						p.CapabilityAt(u, line, 0, finding.CapEnv, s)
					}
				}
			}
		}
	}
	if inst, ok := oc["install"]; ok {
		list, ok := inst.([]any)
		if !ok {
			p.ReportAt(u, line, 0, "SG1107", "metadata.%s.install must be a list", key)
			return
		}
		for i, it := range list {
			if _, ok := it.(map[string]any); !ok {
				p.ReportAt(u, line, 0, "SG1107", "metadata.%s.install[%d] must be a map", key, i)
			}
		}
	}
}

func strings_(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out, true
}
