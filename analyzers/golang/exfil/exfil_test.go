package exfil_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/exfil"
)

func TestExfil(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), exfil.Analyzer, "exfil")
}
