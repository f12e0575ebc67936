package golang

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

var corpusRoot = filepath.Join("..", "..", "testdata", "corpus")

func scanSkill(t testing.TB, dir string) *analysis.Result {
	t.Helper()
	s, err := skill.Load(context.Background(), dir, filepath.Base(dir), skill.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Run(context.Background(), s, rules.MustLoad(), []*analysis.Analyzer{Analyzer})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func blocked(fs []finding.Finding) bool {
	for _, f := range fs {
		if f.Severity >= finding.High {
			return true
		}
	}
	return false
}

// TestCorpus holds the Go analyzer to the corpus targets: every malicious
// Go skill blocked (a high or critical finding), no benign one.
func TestCorpus(t *testing.T) {
	for _, kind := range []string{"malicious", "benign"} {
		dirs, _ := filepath.Glob(filepath.Join(corpusRoot, kind, "go-*"))
		if len(dirs) < 10 {
			t.Fatalf("%s corpus has %d Go skills, want at least 10", kind, len(dirs))
		}
		hits := 0
		for _, dir := range dirs {
			res := scanSkill(t, dir)
			var lines []string
			for _, f := range res.Findings {
				lines = append(lines, f.Severity.String()+" "+f.RuleID+" "+f.Location.String()+" "+f.Message)
			}
			b := blocked(res.Findings)
			if b {
				hits++
			}
			if b != (kind == "malicious") {
				t.Errorf("%s: blocked=%v, findings:\n  %s", filepath.Base(dir), b, strings.Join(lines, "\n  "))
			} else if testing.Verbose() {
				t.Logf("%s: %s", filepath.Base(dir), strings.Join(lines, "; "))
			}
		}
		t.Logf("%s: %d/%d blocked", kind, hits, len(dirs))
	}
}
