package js_test

import (
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/js"
)

// TestFixtures runs the analyzer's own fixtures.
func TestFixtures(t *testing.T) {
	analysistest.RunDir(t, "testdata", js.Analyzer)
}

// TestRuleFixtures runs the JS/TS rule fixtures with this analyzer alone,
// which is stricter than the pipeline test: every finding of every rule
// the analyzer declares must be expected.
func TestRuleFixtures(t *testing.T) {
	var files []string
	for _, pat := range []string{"*-js*.txtar", "*-ts*.txtar"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "rules", "testdata", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no JS/TS rule fixtures")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			analysistest.Run(t, f, js.Analyzer)
		})
	}
}
