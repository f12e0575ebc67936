package shell_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

func memSkill(script []byte) *skill.Skill {
	md := []byte("---\nname: fuzz\ndescription: fuzz\n---\n")
	return &skill.Skill{Name: "fuzz", Path: "fuzz", Manifest: skill.ParseManifest(md), Files: []*skill.File{
		{Path: skill.ManifestFile, Data: md, Kind: skill.Text, Lang: "markdown"},
		{Path: "run.sh", Data: script, Size: int64(len(script)), Kind: skill.Text, Lang: "shell"},
	}}
}

// FuzzShell runs the shell front end (parser with error recovery) and the
// analysis on arbitrary scripts: no panic, no analyzer failure.
func FuzzShell(f *testing.F) {
	var files []string
	for _, g := range []string{filepath.Join("testdata", "*.txtar"), filepath.Join("..", "..", "rules", "testdata", "SG*-shell*.txtar")} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range txtar.Parse(data).Files {
			if strings.HasSuffix(m.Name, ".sh") || strings.HasSuffix(m.Name, ".txt") {
				f.Add(m.Data)
			}
		}
	}
	cat := rules.MustLoad()
	f.Fuzz(func(t *testing.T, script []byte) {
		res, err := analysis.Run(context.Background(), memSkill(script), cat, []*analysis.Analyzer{shell.Analyzer})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range res.Findings {
			if fd.RuleID == "SG8103" {
				t.Fatalf("analyzer failure: %s", fd.Message)
			}
		}
	})
}

// BenchmarkShell measures the shell analyzer over a realistic script.
func BenchmarkShell(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("#!/bin/bash\nset -euo pipefail\nDIR=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n")
	for i := 0; i < 300; i++ {
		n := strconv.Itoa(i)
		sb.WriteString("resp" + n + "=$(curl -fsS -H \"Authorization: Bearer $API_TOKEN\" https://api" + n + ".example.test/v1/items?page=" + n + ")\n")
		sb.WriteString("echo \"$resp" + n + "\" | jq -r '.items[] | .name' | while read -r n; do\n  mkdir -p \"$DIR/out" + n + "/$n\" && cp \"$DIR/data" + n + "/$n.json\" \"$DIR/out/$n/\"\ndone\n")
		sb.WriteString("if [ -f \"$DIR/cache" + n + "\" ]; then rm -f \"$DIR/cache" + n + "\"; fi\n")
	}
	script := []byte(sb.String())
	s := memSkill(script)
	cat := rules.MustLoad()
	list := []*analysis.Analyzer{shell.Analyzer}
	b.SetBytes(int64(len(script)))
	b.ResetTimer()
	for range b.N {
		if _, err := analysis.Run(context.Background(), s, cat, list); err != nil {
			b.Fatal(err)
		}
	}
}
