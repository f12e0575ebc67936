package scan

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
)

// TestRuleFixtures runs every rules/testdata/<ID>*.txtar fixture through
// the whole pipeline (loading, every analyzer, the dependency gate). In a
// fixture for rule X, every finding of X — and of any rule the fixture's
// expectations name — must be expected, and every expectation met.
func TestRuleFixtures(t *testing.T) {
	files, err := filepath.Glob("../rules/testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule fixtures: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			fx := analysistest.Load(t, file)
			res, err := Run(context.Background(), Options{Paths: []string{fx.Dir}, Base: filepath.Dir(fx.Dir), Jobs: 1, Hooks: DefaultHooks(HookOptions{})})
			if err != nil {
				t.Fatal(err)
			}
			checked := fx.WantedRules()
			checked[name[:6]] = true
			var all []finding.Finding
			for _, s := range res.Skills {
				for _, f := range s.Findings {
					// A suppressed finding is still reported, but a fixture
					// line with a working suppression expects nothing.
					if f.Suppressed == nil {
						all = append(all, f)
					}
				}
			}
			fx.Check(t, all, func(id string) bool { return checked[id] })
		})
	}
}

// fixtureRules returns the rule IDs that have at least one fixture.
func fixtureRules(t *testing.T) []string {
	files, _ := filepath.Glob("../rules/testdata/*.txtar")
	var ids []string
	for _, f := range files {
		ids = append(ids, filepath.Base(f)[:6])
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// fixtureElsewhere lists the rules whose positive case cannot be a skill
// fixture, with the test that holds them instead.
var fixtureElsewhere = map[string]string{
	"SG7004": "needs an OSV database outside the skill: depcheck/testdata/SG7004.txtar run by depcheck's fixture test",
	"SG8103": "needs a failing analyzer: TestAnalyzerPanic, TestSkillTimeout and analyzers/analysis TestUndeclaredRule",
}

// TestEveryRuleHasFixture: every active catalog rule has a fixture in
// rules/testdata (or a named test elsewhere), and every fixture names a
// rule that exists.
func TestEveryRuleHasFixture(t *testing.T) {
	have := map[string]bool{}
	for _, id := range fixtureRules(t) {
		have[id] = true
		if _, ok := rules.MustLoad().Lookup(id); !ok {
			t.Errorf("rules/testdata has a fixture for %s, which the catalog lacks", id)
		}
	}
	for _, r := range rules.MustLoad().All() {
		if r.Retired || have[r.ID] {
			continue
		}
		if why, ok := fixtureElsewhere[r.ID]; ok {
			t.Logf("%s: %s", r.ID, why)
			continue
		}
		t.Errorf("%s (%s) has no fixture in rules/testdata", r.ID, r.Name)
	}
}
