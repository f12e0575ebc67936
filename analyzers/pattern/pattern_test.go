package pattern_test

import (
	"path/filepath"
	"slices"
	"strings"
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
			// A fixture named for a language the rule does not run on
			// (SG2012-python.txtar) belongs to that language's analyzer.
			if lang := fixtureLang(f); lang != "" && !slices.Contains(r.Languages, lang) && !slices.Contains(r.Languages, "any") {
				continue
			}
			t.Run(filepath.Base(f), func(t *testing.T) {
				analysistest.Run(t, f, pattern.Default())
			})
		}
	}
}

// fixtureLang returns the language a fixture's name gives after the rule
// ID ("SG2012-python-x.txtar" -> "python"), or "".
func fixtureLang(file string) string {
	parts := strings.Split(strings.TrimSuffix(filepath.Base(file), ".txtar"), "-")
	if len(parts) < 2 {
		return ""
	}
	switch parts[1] {
	case "python", "py":
		return "python"
	case "js":
		return "javascript"
	case "ts":
		return "typescript"
	case "go":
		return "go"
	case "shell":
		return "shell"
	case "markdown":
		return "markdown"
	}
	return ""
}
