package pattern_test

import (
	"path/filepath"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/pattern"
	"skillgate.dev/skillgate/rules"
)

// TestCatalogFixtures runs every pattern rule's fixtures in
// rules/testdata with the pattern analyzer alone: the "one catalog entry
// plus one fixture" workflow.
func TestCatalogFixtures(t *testing.T) {
	rs := rules.MustLoad().PatternRules()
	if len(rs) == 0 {
		t.Fatal("the catalog has no pattern rules")
	}
	for _, r := range rs {
		files, _ := filepath.Glob(filepath.Join("..", "..", "rules", "testdata", r.ID+"*.txtar"))
		if len(files) == 0 {
			t.Errorf("%s: pattern rule without a fixture in rules/testdata", r.ID)
		}
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				analysistest.Run(t, f, pattern.Analyzer)
			})
		}
	}
}
