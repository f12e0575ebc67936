package scan

import (
	"context"
	"slices"
	"testing"

	"skillgate.dev/skillgate/finding"
)

// TestExamples pins what the README's first command shows: the benign
// example skills pass and each malicious one is blocked for its reason.
func TestExamples(t *testing.T) {
	res, err := Run(context.Background(), Options{Paths: []string{"../testdata/examples"}, Base: "../testdata/examples", Hooks: DefaultHooks(HookOptions{})})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		verdict Verdict
		rules   []string // each must appear at high or critical
	}{
		"aws-sync":            {Block, []string{"SG3001", "SG5001"}},
		"clawhavoc-installer": {Block, []string{"SG1002", "SG1008", "SG2001", "SG2013"}},
		"git-changelog":       {Pass, nil},
		"go-beacon":           {Block, []string{"SG2004", "SG2009"}},
		"hidden-instructions": {Block, []string{"SG1006"}},
		"typo-deps":           {Block, []string{"SG7001", "SG7007"}},
		"weather-brief":       {Pass, nil},
	}
	if len(res.Skills) != len(want) {
		t.Fatalf("scanned %d examples, want %d", len(res.Skills), len(want))
	}
	for _, s := range res.Skills {
		w, ok := want[s.Path]
		if !ok {
			t.Errorf("unexpected example %s", s.Path)
			continue
		}
		if s.Verdict != w.verdict {
			t.Errorf("%s: verdict %s, want %s", s.Path, s.Verdict, w.verdict)
		}
		var got []string
		for _, f := range s.Findings {
			if f.Severity >= finding.High {
				got = append(got, f.RuleID)
			}
		}
		for _, r := range w.rules {
			if !slices.Contains(got, r) {
				t.Errorf("%s: no high or critical %s (got %v)", s.Path, r, got)
			}
		}
	}
}
