package markdown_test

import (
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/markdown"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/skill"
)

// TestRealWorld runs the analyzers over the Markdown files listed in
// $MDFILES (see analysistest.RealWorld), each as a SKILL.md body.
func TestRealWorld(t *testing.T) {
	wrap := func(data []byte) *skill.Skill {
		return memSkill("x", append([]byte("---\nname: x\ndescription: x\n---\n"), data...), nil)
	}
	analysistest.RealWorld(t, "MDFILES", wrap, 4, []*analysis.Analyzer{markdown.Analyzer, shell.Analyzer}...)
}
