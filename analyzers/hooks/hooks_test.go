package hooks_test

import (
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/hooks"
)

// TestRuleFixtures runs the SG4004 fixtures with this analyzer alone:
// every finding it makes must be expected.
func TestRuleFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "rules", "testdata", "SG4004-*.txtar"))
	if len(files) < 2 {
		t.Fatalf("found %d SG4004 fixtures", len(files))
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			analysistest.Run(t, f, hooks.Analyzer)
		})
	}
}
