package python_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/python"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// BenchmarkLargeFile measures parse + analysis throughput on one ~200 KB
// file made of the corpus scripts, each wrapped in its own function.
func BenchmarkLargeFile(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/corpus/*/py-*/scripts/*.py")
	var src bytes.Buffer
	for src.Len() < 200<<10 {
		for i, f := range files {
			data, _ := os.ReadFile(f)
			src.WriteString("def f" + string(rune('a'+i%26)) + "():\n")
			for _, line := range bytes.Split(data, []byte("\n")) {
				src.WriteString("    " + string(line) + "\n")
			}
			src.WriteString("    pass\n")
		}
	}
	dir := b.TempDir()
	os.WriteFile(filepath.Join(dir, "SKILL.md"), []byte("---\nname: big\ndescription: x\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.py"), src.Bytes(), 0o644)
	s, err := skill.Load(context.Background(), dir, "big", skill.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	cat := rules.MustLoad()
	b.SetBytes(int64(src.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := analysis.Run(context.Background(), s, cat, []*analysis.Analyzer{python.Analyzer}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSmallSkill measures one small skill (load excluded).
func BenchmarkSmallSkill(b *testing.B) {
	dirs, _ := filepath.Glob("../../testdata/corpus/*/py-*")
	cat := rules.MustLoad()
	var skills []*skill.Skill
	for _, d := range dirs {
		s, err := skill.Load(context.Background(), d, filepath.Base(d), skill.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		skills = append(skills, s)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := skills[i%len(skills)]
		if _, err := analysis.Run(context.Background(), s, cat, []*analysis.Analyzer{python.Analyzer}); err != nil {
			b.Fatal(err)
		}
	}
}
