package revshell_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/revshell"
)

func TestRevshell(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), revshell.Analyzer, "revshell")
}
