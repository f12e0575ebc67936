package js_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/js"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// TestCorpus checks the JS/TS analyzer alone on the labelled JS and TS
// skills: every malicious one has a high or critical finding, no benign
// one has a finding of medium or more.
func TestCorpus(t *testing.T) {
	cat := rules.MustLoad()
	for _, label := range []string{"malicious", "benign"} {
		var dirs []string
		nts := 0
		for _, p := range []string{"js-*", "ts-*"} {
			m, _ := filepath.Glob("../../testdata/corpus/" + label + "/" + p)
			dirs = append(dirs, m...)
			if p == "ts-*" {
				nts = len(m)
			}
		}
		if len(dirs) < 15 || nts < 5 {
			t.Fatalf("%s: only %d JS/TS skills (%d TypeScript)", label, len(dirs), nts)
		}
		for _, d := range dirs {
			s, err := skill.Load(context.Background(), d, filepath.Base(d), skill.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Manifest == nil || s.Manifest.String("name") != filepath.Base(d) {
				t.Errorf("%s: SKILL.md name does not match the folder", filepath.Base(d))
			}
			res, err := analysis.Run(context.Background(), s, cat, []*analysis.Analyzer{js.Analyzer})
			if err != nil {
				t.Fatal(err)
			}
			worst := finding.SeverityUnset
			var msgs []string
			for _, f := range res.Findings {
				if f.Severity > worst {
					worst = f.Severity
				}
				msgs = append(msgs, f.String())
			}
			switch {
			case label == "malicious" && worst < finding.High:
				t.Errorf("%s: missed (worst %v): %s", filepath.Base(d), worst, strings.Join(msgs, "; "))
			case label == "benign" && worst >= finding.Medium:
				t.Errorf("%s: false positive: %s", filepath.Base(d), strings.Join(msgs, "; "))
			}
		}
	}
}
