package trigger_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/trigger"
)

func TestTrigger(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), trigger.Analyzer, "trigger")
}
