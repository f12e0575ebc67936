package analyzers

import (
	"skillgate.dev/skillgate/analyzers/analysis"
)

// All returns every analyzer in the order they run. Extract phases run
// in this order too, so the Markdown analyzer (which finds the code in
// SKILL.md) comes first.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{}
}
