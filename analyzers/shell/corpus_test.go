package shell_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/markdown"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// TestCorpus runs the Markdown and shell analyzers over the shell-*
// skills of the corpus: every malicious one must have a high or critical
// finding, no benign one may have a finding above low.
func TestCorpus(t *testing.T) {
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{markdown.Analyzer, shell.Analyzer}
	for _, kind := range []string{"malicious", "benign"} {
		dirs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", kind, "shell-*"))
		if len(dirs) < 12 {
			t.Fatalf("%s: want at least 12 shell-* skills, have %d", kind, len(dirs))
		}
		for _, dir := range dirs {
			name := filepath.Base(dir)
			t.Run(kind+"/"+name, func(t *testing.T) {
				if fi, err := os.Stat(filepath.Join(dir, "SKILL.md")); err != nil || fi.IsDir() {
					t.Fatal("no SKILL.md")
				}
				s, err := skill.Load(context.Background(), dir, name, skill.Limits{})
				if err != nil {
					t.Fatal(err)
				}
				if got := s.Manifest.String("name"); got != name {
					t.Errorf("SKILL.md name %q, want the folder name %q", got, name)
				}
				res, err := analysis.Run(context.Background(), s, cat, list)
				if err != nil {
					t.Fatal(err)
				}
				worst := finding.Info
				var lines []string
				for _, f := range res.Findings {
					worst = max(worst, f.Severity)
					lines = append(lines, f.String())
				}
				switch {
				case kind == "malicious" && worst < finding.High:
					t.Errorf("malicious skill not blocked (worst %v):\n%s", worst, strings.Join(lines, "\n"))
				case kind == "benign" && worst > finding.Low:
					t.Errorf("benign skill flagged (worst %v):\n%s", worst, strings.Join(lines, "\n"))
				}
				if testing.Verbose() {
					t.Logf("%s\n", strings.Join(lines, "\n"))
				}
			})
		}
	}
}
