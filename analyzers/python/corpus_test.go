package python_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/python"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// TestCorpus checks the Python analyzer alone on the labelled Python
// skills: every malicious one has a high or critical finding, no benign
// one has a finding of medium or more.
func TestCorpus(t *testing.T) {
	cat := rules.MustLoad()
	for _, label := range []string{"malicious", "benign"} {
		dirs, _ := filepath.Glob("../../testdata/corpus/" + label + "/py-*")
		if len(dirs) < 15 {
			t.Fatalf("%s: only %d python skills", label, len(dirs))
		}
		for _, d := range dirs {
			s, err := skill.Load(context.Background(), d, filepath.Base(d), skill.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := analysis.Run(context.Background(), s, cat, []*analysis.Analyzer{python.Analyzer})
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
