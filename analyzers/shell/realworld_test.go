package shell_test

import (
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/shell"
)

// TestRealWorld runs the analyzer over the scripts listed in $SHFILES
// (see analysistest.RealWorld).
func TestRealWorld(t *testing.T) {
	analysistest.RealWorld(t, "SHFILES", memSkill, 0, shell.Analyzer)
}
