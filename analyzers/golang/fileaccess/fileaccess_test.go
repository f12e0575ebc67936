package fileaccess_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/fileaccess"
)

func TestFileaccess(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), fileaccess.Analyzer, "fileaccess")
}
