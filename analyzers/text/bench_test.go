package text_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/pattern"
	"skillgate.dev/skillgate/analyzers/text"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// corpus is mixed skill text: prose with links, code with URLs and
// identifiers, a lockfile with integrity hashes.
func corpus(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Step %d\nCall https://api.example.com/v1/items/%d with the token from `API_TOKEN`; see docs/guide.md.\n", i, i)
		fmt.Fprintf(&b, "def handler_%d(event, context):\n    resp = requests.get(f\"https://api.example.com/v1/{event['id']}\", timeout=10)\n    return resp.json()\n", i)
		fmt.Fprintf(&b, "    \"integrity\": \"sha512-Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4%04d==\",\n", i%10000)
	}
	return b.Bytes()
}

func benchSkill(files map[string][]byte) *skill.Skill {
	s := &skill.Skill{Name: "bench", Path: "bench"}
	for p, d := range files {
		f := &skill.File{Path: p, Data: d, Size: int64(len(d)), Kind: skill.Text, Lang: skill.LangForExt(p)}
		if f.Lang == "" {
			f.Lang = "text"
		}
		s.Files = append(s.Files, f)
	}
	return s
}

// BenchmarkTextThroughput measures the text layer alone in MB/s.
func BenchmarkTextThroughput(b *testing.B) {
	data := corpus(4 << 20)
	s := benchSkill(map[string][]byte{"references/big.md": data})
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{text.Analyzer}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := analysis.Run(context.Background(), s, cat, list); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTextTypicalSkill measures the text layer on a typical small
// skill (about 12 KB over six files).
func BenchmarkTextTypicalSkill(b *testing.B) {
	s := benchSkill(map[string][]byte{
		"SKILL.md":             corpus(4 << 10),
		"scripts/extract.py":   corpus(3 << 10),
		"scripts/setup.sh":     []byte("#!/bin/sh\nset -eu\npip install -r requirements.txt\n"),
		"references/FORMAT.md": corpus(4 << 10),
		"requirements.txt":     []byte("pypdf==4.2.0\nrequests==2.32.3\n"),
		"assets/template.json": []byte(`{"pages": [], "version": 1}`),
	})
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{text.Analyzer}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := analysis.Run(context.Background(), s, cat, list); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadTextPattern measures loading a typical skill from disk and
// running the text layer and the pattern rules on it: this package's
// share of the per-skill budget.
func BenchmarkLoadTextPattern(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "pdf-extract")
	files := map[string][]byte{
		"SKILL.md":             append([]byte("---\nname: pdf-extract\ndescription: Extract text from PDFs.\n---\n"), corpus(4<<10)...),
		"scripts/extract.py":   corpus(3 << 10),
		"scripts/setup.sh":     []byte("#!/bin/sh\nset -eu\npip install -r requirements.txt\n"),
		"references/FORMAT.md": corpus(4 << 10),
		"requirements.txt":     []byte("pypdf==4.2.0\nrequests==2.32.3\n"),
		"assets/template.json": []byte(`{"pages": [], "version": 1}`),
	}
	for p, d := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, d, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{text.Analyzer, pattern.Default()}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s, err := skill.Load(ctx, dir, "pdf-extract", skill.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := analysis.Run(ctx, s, cat, list); err != nil {
			b.Fatal(err)
		}
	}
}
