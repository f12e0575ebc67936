// Package agentcmd reads the commands a skill has the agent run by itself:
// hooks on agent events in SKILL.md's front matter (`hooks:`) or in a
// Claude Code hook file shipped with the skill (a JSON object with a
// "hooks" map: .claude/settings.json, a plugin's hooks/hooks.json), and MCP
// servers in a shipped .mcp.json ("mcpServers": command and args), which
// the agent starts. The analyzers judge what the commands do; the
// dependency gate checks the packages they fetch (npx, uvx …).
package agentcmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/skill"
)

// Command is one command the agent runs by itself.
type Command struct {
	// What runs it: "a PostToolUse hook", "an MCP server \"pdf\"".
	What string
	// Line is a shell command line (a server's argv, quoted).
	Line string
	// Argv is an MCP server's command and arguments; nil for hooks.
	Argv []string
	// Row and Col are where the command is written (1-based).
	Row, Col int
}

// Find returns the commands in a skill file: SKILL.md's front matter
// (from its parsed manifest) or a JSON file.
func Find(f *skill.File, m *skill.Manifest) []Command {
	switch {
	case f.Path == skill.ManifestFile && m != nil:
		if _, v := m.Lookup("hooks"); v != nil {
			return yamlHooks(v)
		}
	case f.Lang == "json":
		return jsonCommands(f.Data)
	}
	return nil
}

// yamlHooks reads Claude Code's hook shape from front matter:
// EVENT: [{matcher, hooks: [{type: command, command: …}]}].
func yamlHooks(v *yaml.Node) []Command {
	var cs []Command
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
					cs = append(cs, Command{What: "a " + event + " hook", Line: cmd.Value, Row: cmd.Line, Col: cmd.Column})
				}
			}
		}
		walk(v.Content[i+1])
	}
	return cs
}

// jsonCommands reads the same hook shape from a JSON object's "hooks"
// member, and MCP servers from its "mcpServers" member; each command is
// placed where its JSON string is written.
func jsonCommands(src []byte) []Command {
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
		return nil // not this shape
	}
	var cs []Command
	from := 0
	for _, e := range slices.Sorted(maps.Keys(doc.Hooks)) {
		for _, g := range doc.Hooks[e] {
			for _, h := range g.Hooks {
				if h.Command == "" || h.Type != "" && h.Type != "command" {
					continue
				}
				row, col := locate(src, h.Command, &from)
				cs = append(cs, Command{What: "a " + e + " hook", Line: h.Command, Row: row, Col: col})
			}
		}
	}
	from = 0
	for _, name := range slices.Sorted(maps.Keys(doc.MCPServers)) {
		m := doc.MCPServers[name]
		if m.Command == "" {
			continue // a remote (url) server: no local command
		}
		argv := append([]string{m.Command}, m.Args...)
		quoted := make([]string, len(argv))
		for i, a := range argv {
			quoted[i] = Quote(a)
		}
		row, col := locate(src, m.Command, &from)
		cs = append(cs, Command{What: fmt.Sprintf("an MCP server %q", name), Line: strings.Join(quoted, " "), Argv: argv, Row: row, Col: col})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Row < cs[j].Row })
	return cs
}

// Quote renders one argument as a shell word: bare when it plainly is
// one, else single-quoted.
func Quote(s string) string {
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
