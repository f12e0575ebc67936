// Package hooks reports the commands a skill has the agent run by itself
// (hooks on agent events, MCP servers; found by skill/agentcmd) and hands
// each command to the shell analyzer as code that runs, so that what it
// does is judged like any other script.
package hooks

import (
	"fmt"
	"slices"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
	"skillgate.dev/skillgate/skill/agentcmd"
)

// Analyzer is the agent-hook analyzer. It only extracts: the commands it
// finds are analysed by the shell analyzer.
var Analyzer = &analysis.Analyzer{
	Name:    "hooks",
	Doc:     "hooks: agent hooks and MCP servers a skill defines (SKILL.md front matter, shipped hook and MCP files); their commands are analysed as shell that runs",
	Rules:   []string{"SG4004"},
	Langs:   []string{"markdown", "json"},
	Extract: extract,
}

func extract(p *analysis.Pass) ([]*analysis.Unit, error) {
	var out []*analysis.Unit
	for _, u := range p.Units {
		if u.Depth > 0 || u.Virtual || u.File == nil {
			continue
		}
		where := u.Path
		if u.Path == skill.ManifestFile {
			where += " front matter"
		}
		for _, c := range agentcmd.Find(u.File, p.Skill.Manifest) {
			p.ReportUnit(u, c.Row, c.Col, finding.Finding{RuleID: "SG4004",
				Message: fmt.Sprintf("defines %s: the agent runs %q by itself", c.What, finding.ShortSnippet(c.Line, 120))})
			out = append(out, &analysis.Unit{
				Path: u.Path, Lang: "shell", Src: []byte(c.Line), File: u.File,
				Line: c.Row, Col: c.Col, Virtual: true, Executed: true, Label: "the command",
				Origin: append(slices.Clone(u.Origin), finding.Step{
					Location: finding.Location{Path: u.Path, StartLine: c.Row, StartColumn: c.Col},
					Note:     fmt.Sprintf("%s in %s: the agent runs this command by itself", c.What, where),
				}),
			})
		}
	}
	return out, nil
}
