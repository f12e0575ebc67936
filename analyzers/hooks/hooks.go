// Package hooks finds the commands a skill has the agent run by itself:
// hooks on agent events (before or after a tool call, at session start)
// in SKILL.md's front matter (`hooks:`) or in Claude Code hook files
// shipped with the skill (a JSON object with a "hooks" map, as in
// .claude/settings.json or a plugin's hooks/hooks.json), and MCP servers
// in a shipped .mcp.json ("mcpServers": command and args), which the agent
// starts. Each is reported (SG4004) and its command handed to the shell
// analyzer as code that runs, so that what it does is judged like any
// other script.
package hooks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// Analyzer is the agent-hook analyzer. It only extracts: the commands it
// finds are analysed by the shell analyzer.
var Analyzer = &analysis.Analyzer{
	Name:    "hooks",
	Doc:     "hooks: agent hooks a skill defines (SKILL.md front matter, shipped Claude Code hook files); their commands are analysed as shell that runs",
	Rules:   []string{"SG4004"},
	Langs:   []string{"markdown", "json"},
	Extract: extract,
}

// hook is one command the agent runs by itself: what runs it ("a
// PostToolUse hook", "an MCP server"), the command and where it is written.
type hook struct {
	what, command string
	line, col     int
}

func extract(p *analysis.Pass) ([]*analysis.Unit, error) {
	var out []*analysis.Unit
	for _, u := range p.Units {
		if u.Depth > 0 || u.Virtual {
			continue
		}
		var hooks []hook
		where := u.Path
		switch {
		case u.Lang == "markdown" && u.Path == skill.ManifestFile && p.Skill.Manifest != nil:
			if _, v := p.Skill.Manifest.Lookup("hooks"); v != nil {
				hooks = yamlHooks(v)
				where = u.Path + " front matter"
			}
		case u.Lang == "json":
			hooks = jsonHooks(u.Src)
		}
		for _, h := range hooks {
			p.ReportUnit(u, h.line, h.col, finding.Finding{RuleID: "SG4004",
				Message: fmt.Sprintf("defines %s: the agent runs %q by itself", h.what, finding.ShortSnippet(h.command, 120))})
			out = append(out, &analysis.Unit{
				Path: u.Path, Lang: "shell", Src: []byte(h.command), File: u.File,
				Line: h.line, Col: h.col, Virtual: true, Executed: true, Label: "the command",
				Origin: append(slices.Clone(u.Origin), finding.Step{
					Location: finding.Location{Path: u.Path, StartLine: h.line, StartColumn: h.col},
					Note:     fmt.Sprintf("%s in %s: the agent runs this command by itself", h.what, where),
				}),
			})
		}
	}
	return out, nil
}

// yamlHooks reads Claude Code's hook shape from front matter:
// EVENT: [{matcher, hooks: [{type: command, command: …}]}].
func yamlHooks(v *yaml.Node) []hook {
	var hs []hook
	if v.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		event := v.Content[i].Value
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			switch n.Kind {
			case yaml.SequenceNode:
				for _, c := range n.Content {
					walk(c)
				}
			case yaml.MappingNode:
				var typ, cmd *yaml.Node
				for j := 0; j+1 < len(n.Content); j += 2 {
					switch n.Content[j].Value {
					case "type":
						typ = n.Content[j+1]
					case "command":
						cmd = n.Content[j+1]
					case "hooks":
						walk(n.Content[j+1])
					}
				}
				if cmd != nil && cmd.Kind == yaml.ScalarNode && cmd.Value != "" && (typ == nil || typ.Value == "command") {
					hs = append(hs, hook{what: "a " + event + " hook", command: cmd.Value, line: cmd.Line, col: cmd.Column})
				}
			}
		}
		walk(v.Content[i+1])
	}
	return hs
}

// jsonHooks reads the same shape from a JSON object's "hooks" member, and
// MCP servers from its "mcpServers" member; each command is placed at the
// line where its JSON string is written.
func jsonHooks(src []byte) []hook {
	if !bytes.Contains(src, []byte(`"command"`)) || !bytes.Contains(src, []byte(`"hooks"`)) && !bytes.Contains(src, []byte(`"mcpServers"`)) {
		return nil
	}
	var doc struct {
		Hooks map[string][]struct {
			Hooks []struct {
				Type    string `json:"type"`
				Command string `json:"command"`
			} `json:"hooks"`
		} `json:"hooks"`
		MCPServers map[string]struct {
			Command string   `json:"command"`
			Args    []string `json:"args"`
		} `json:"mcpServers"`
	}
	if json.Unmarshal(src, &doc) != nil {
		return nil // not this shape; the text layer still reads the file
	}
	var hs []hook
	from := 0
	for _, e := range sortedKeys(doc.Hooks) {
		for _, g := range doc.Hooks[e] {
			for _, h := range g.Hooks {
				if h.Command == "" || h.Type != "" && h.Type != "command" {
					continue
				}
				line, col := locate(src, h.Command, &from)
				hs = append(hs, hook{what: "a " + e + " hook", command: h.Command, line: line, col: col})
			}
		}
	}
	from = 0
	for _, name := range sortedKeys(doc.MCPServers) {
		m := doc.MCPServers[name]
		if m.Command == "" {
			continue // a remote (url) server: no local command
		}
		cmd := quote(m.Command)
		for _, a := range m.Args {
			cmd += " " + quote(a)
		}
		line, col := locate(src, m.Command, &from)
		hs = append(hs, hook{what: fmt.Sprintf("an MCP server %q", name), command: cmd, line: line, col: col})
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].line < hs[j].line })
	return hs
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// quote renders one argument for the shell analyzer: bare when it is
// plainly a word, else single-quoted.
func quote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@%+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// locate finds the JSON encoding of s in src (after *from when it can,
// else anywhere) and returns its 1-based line and column; 1, 1 when the
// file spells it differently (escapes).
func locate(src []byte, s string, from *int) (int, int) {
	enc, _ := json.Marshal(s)
	i := bytes.Index(src[*from:], enc)
	if i >= 0 {
		i += *from
	} else if i = bytes.Index(src, enc); i < 0 {
		return 1, 1
	}
	*from = i + len(enc)
	line := 1 + bytes.Count(src[:i], []byte("\n"))
	return line, i - bytes.LastIndexByte(src[:i], '\n')
}
