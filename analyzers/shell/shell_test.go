package shell_test

import (
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/shell"
)

func TestShell(t *testing.T) {
	analysistest.RunDir(t, "testdata", shell.Analyzer)
}
