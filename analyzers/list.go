package analyzers

import (
	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/golang"
	"skillgate.dev/skillgate/analyzers/hooks"
	"skillgate.dev/skillgate/analyzers/js"
	"skillgate.dev/skillgate/analyzers/markdown"
	"skillgate.dev/skillgate/analyzers/pattern"
	"skillgate.dev/skillgate/analyzers/python"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/analyzers/text"
)

// All returns every analyzer in the order they run. Extract phases run
// in this order too, so the Markdown analyzer (which finds the code in
// SKILL.md) comes first.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		markdown.Analyzer,
		hooks.Analyzer,
		shell.Analyzer,
		text.Analyzer,
		pattern.Default(),
		python.Analyzer,
		js.Analyzer,
		golang.Analyzer,
	}
}
