package skill

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// typicalSkill writes a small skill like the ones on ClawHub: SKILL.md,
// two scripts, a reference document and a requirements file.
func typicalSkill(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "pdf-extract")
	files := map[string]string{
		ManifestFile:              "---\nname: pdf-extract\ndescription: Extract text and tables from PDF files.\nlicense: MIT\n---\n# PDF extract\n\n" + strings.Repeat("Use `scripts/extract.py FILE` to pull the text out of a PDF and summarise it.\n", 30),
		"scripts/extract.py":      "#!/usr/bin/env python3\nimport sys, json\n" + strings.Repeat("def page(n):\n    return {'page': n, 'text': ''}\n", 40),
		"scripts/setup.sh":        "#!/bin/sh\nset -eu\npip install -r requirements.txt\n",
		"references/FORMAT.md":    strings.Repeat("## Section\nThe output is JSON with one object per page.\n", 60),
		"requirements.txt":        "pypdf==4.2.0\nrequests==2.32.3\n",
		"assets/template.json":    `{"pages": [], "version": 1}`,
		"scripts/lib/__init__.py": "",
	}
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func BenchmarkLoad(b *testing.B) {
	dir := typicalSkill(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(ctx, dir, "pdf-extract", Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
