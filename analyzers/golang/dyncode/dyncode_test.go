package dyncode_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/dyncode"
)

func TestDyncode(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dyncode.Analyzer, "dyncode")
}
