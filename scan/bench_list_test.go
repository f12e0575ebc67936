package scan

import (
	"skillgate.dev/skillgate/analyzers"
	"skillgate.dev/skillgate/analyzers/analysis"
)

// foundationAnalyzers are the analyzers of the scan-pipeline layer:
// everything but the Python, JS/TS and Go analyzers.
func foundationAnalyzers() []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range analyzers.All() {
		switch a.Name {
		case "markdown", "shell", "text", "pattern":
			out = append(out, a)
		}
	}
	return out
}
