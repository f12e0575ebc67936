package extract

import (
	"context"

	"skillgate.dev/skillgate/skill"
	"skillgate.dev/skillgate/skill/agentcmd"
)

// AgentCommands finds packages fetched by the commands the agent runs by
// itself: hooks in SKILL.md's front matter or a shipped hook file, and MCP
// servers in a shipped .mcp.json (`npx -y pkg`, `uvx pkg`) — installs at
// run time, on every session, that no manifest pins.
type AgentCommands struct{}

// Name implements [Extractor].
func (AgentCommands) Name() string { return "agent-commands" }

// Match implements [Extractor].
func (AgentCommands) Match(f *skill.File) bool {
	return f.IsText() && (f.Path == skill.ManifestFile || f.Lang == "json")
}

// Extract implements [Extractor].
func (AgentCommands) Extract(ctx context.Context, in Input) (*Output, error) {
	var m *skill.Manifest
	if in.Skill != nil {
		m = in.Skill.Manifest
	}
	out := &Output{}
	f := newText(in.File)
	for _, c := range agentcmd.Find(in.File, m) {
		if c.Argv != nil {
			installCommand(f, c.Argv, c.Row, out)
			continue
		}
		scanShell(f, c.Line, c.Row-1, out)
	}
	return out, nil
}
