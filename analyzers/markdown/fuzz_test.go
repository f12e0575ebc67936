package markdown_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/markdown"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// memSkill builds a one-file skill in memory.
func memSkill(name string, md []byte, extra map[string][]byte) *skill.Skill {
	s := &skill.Skill{Name: name, Path: name, Manifest: skill.ParseManifest(md)}
	s.Files = append(s.Files, &skill.File{Path: skill.ManifestFile, Data: md, Size: int64(len(md)), Kind: skill.Text, Lang: "markdown"})
	for p, d := range extra {
		s.Files = append(s.Files, &skill.File{Path: p, Data: d, Size: int64(len(d)), Kind: skill.Text, Lang: "text"})
	}
	return s
}

func seeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "rules", "testdata", "SG1*.txtar"))
	for _, file := range append(files, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range txtar.Parse(data).Files {
			if strings.HasSuffix(m.Name, ".md") {
				f.Add(m.Data)
			}
		}
	}
}

// FuzzMarkdown runs the Markdown analyzer (front matter and body) and the
// shell analyzer on the code it extracts; neither may fail or panic.
func FuzzMarkdown(f *testing.F) {
	seeds(f)
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{markdown.Analyzer, shell.Analyzer}
	f.Fuzz(func(t *testing.T, md []byte) {
		s := memSkill("fuzz", md, nil)
		res, err := analysis.Run(context.Background(), s, cat, list)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range res.Findings {
			if fd.RuleID == "SG8103" {
				t.Fatalf("analyzer failure: %s", fd.Message)
			}
			if fd.Location.StartLine < 0 {
				t.Fatalf("bad location %v", fd.Location)
			}
		}
	})
}

// BenchmarkMarkdown measures the Markdown analyzer (with the shell
// analyzer on the extracted blocks) over a realistic SKILL.md.
func BenchmarkMarkdown(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("---\nname: bench\ndescription: A benchmark skill that formats reports.\nallowed-tools: Bash Read\nmetadata:\n  openclaw: \"{requires: {bins: ['jq']}}\"\n---\n")
	for i := 0; i < 200; i++ {
		sb.WriteString("## Section\n\nThis skill formats the report. Run `python3 scripts/fmt.py` and check the output.\nSee https://docs.example.test/guide for details. <!-- TODO: screenshot -->\n\n```bash\ncurl -fsSL https://api.example.test/v1/items | jq '.items[]'\nfor f in *.json; do jq . \"$f\" > \"out/$f\"; done\n```\n\n")
	}
	md := []byte(sb.String())
	s := memSkill("bench", md, nil)
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{markdown.Analyzer, shell.Analyzer}
	b.SetBytes(int64(len(md)))
	b.ResetTimer()
	for range b.N {
		if _, err := analysis.Run(context.Background(), s, cat, list); err != nil {
			b.Fatal(err)
		}
	}
}
