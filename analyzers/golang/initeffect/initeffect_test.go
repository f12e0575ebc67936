package initeffect_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/initeffect"
)

func TestIniteffect(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), initeffect.Analyzer, "initeffect")
}
