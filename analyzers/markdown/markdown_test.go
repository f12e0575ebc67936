package markdown_test

import (
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/markdown"
	"skillgate.dev/skillgate/analyzers/shell"
)

func TestMarkdown(t *testing.T) {
	analysistest.RunDir(t, "testdata", markdown.Analyzer, shell.Analyzer)
}
