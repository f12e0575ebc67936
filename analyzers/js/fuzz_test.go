package js_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/js"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// seedSources returns the JS/TS files of the fixtures.
func seedSources(f *testing.F) []string {
	var out []string
	var files []string
	for _, pat := range []string{"../../rules/testdata/*-js*.txtar", "../../rules/testdata/*-ts*.txtar", "testdata/*.txtar"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			switch filepath.Ext(af.Name) {
			case ".js", ".ts", ".tsx", ".mjs":
				out = append(out, string(af.Data))
			}
		}
	}
	return out
}

var catalog = sync.OnceValue(rules.MustLoad)

// analyze runs the analyzer on a one-file skill and fails on analyzer
// failures (panics surface as SG8103 findings).
func analyze(t *testing.T, name string, src []byte) {
	s := &skill.Skill{Files: []*skill.File{
		{Path: name, Data: src, Size: int64(len(src)), Kind: skill.Text, Lang: map[string]string{".js": "javascript", ".ts": "typescript", ".tsx": "typescript"}[filepath.Ext(name)]},
		{Path: "lib/util.js", Data: src, Size: int64(len(src)), Kind: skill.Text, Lang: "javascript"},
	}}
	res, err := analysis.Run(context.Background(), s, catalog(), []*analysis.Analyzer{js.Analyzer})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.RuleID == "SG8103" {
			t.Fatalf("analyzer failed on %q: %s", src, f.Message)
		}
	}
}

// FuzzFrontEnd feeds arbitrary source to the parser, the resolution of
// imports and the interpreter, under each grammar.
func FuzzFrontEnd(f *testing.F) {
	for _, s := range seedSources(f) {
		f.Add(s, uint8(0))
	}
	f.Add("require('./util'); import x from './util'; export * from './util';", uint8(1))
	f.Add("((((((((((((((((((((a))))))))))))))))))))", uint8(2))
	f.Fuzz(func(t *testing.T, src string, g uint8) {
		if len(src) > 1<<16 {
			return
		}
		name := []string{"main.js", "main.ts", "main.tsx"}[g%3]
		analyze(t, name, []byte(src))
	})
}

// FuzzFolding feeds arbitrary expressions to the constant folder and the
// decoders by making them the argument of eval, require and exec.
func FuzzFolding(f *testing.F) {
	seeds := []string{
		"'ev' + 'al'", "String.fromCharCode(101, 118, 97, 108)", "['a','b'].join('')", "`child_${'process'}`",
		"Buffer.from('aGVsbG8=', 'base64').toString()", "atob('ZXZhbA==')", "Buffer.from('6576616c', 'hex').toString()",
		"require('zlib').inflateSync(Buffer.from('eJxLLUvMAQAEJgGq', 'base64')).toString()",
		"'uryyb'.replace(/[a-z]/g, c => String.fromCharCode((c.charCodeAt(0) - 84) % 26 + 97))",
		"'abc'.split('').reverse().join('')", "'x'.repeat(1e9)", "'\\x65\\u{76}\\u0061l'", "unescape('%65val')",
		"[101,118].map(c => c ^ 1).map(c => String.fromCharCode(c)).join('')",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		if len(expr) > 1<<12 || strings.Contains(expr, "\n") {
			return
		}
		src := "const v = " + expr + ";\neval(v);\nrequire(v);\nrequire('child_process').exec(v);\nglobalThis[v](v);\n"
		analyze(t, "main.js", []byte(src))
	})
}
