package python

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// seeds returns the Python files of the fixtures.
func seeds(f *testing.F) {
	files, _ := filepath.Glob("../../rules/testdata/*-python*.txtar")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		for _, m := range txtar.Parse(data).Files {
			if strings.HasSuffix(m.Name, ".py") {
				f.Add(m.Data)
			}
		}
	}
	f.Add([]byte("exec(bytes([c ^ 1 for c in b'hdm']).decode())"))
	f.Add([]byte("x = ''.join(chr(c) for c in [111, 115])\n__import__(x).system('id')"))
}

// FuzzFrontEnd parses arbitrary input and runs resolution and the whole
// evaluation on it: it must neither panic nor run away.
func FuzzFrontEnd(f *testing.F) {
	seeds(f)
	cat := rules.MustLoad()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		s := &skill.Skill{Name: "fz", Path: "fz", Files: []*skill.File{{Path: "x.py", Data: src, Size: int64(len(src)), Kind: skill.Text, Lang: "python"}}}
		res, err := analysis.Run(context.Background(), s, cat, []*analysis.Analyzer{Analyzer})
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

func fuzzSkill(t *testing.T, src []byte) *skill.Skill {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "SKILL.md"), []byte("---\nname: fz\ndescription: x\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.py"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := skill.Load(context.Background(), dir, "fz", skill.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// FuzzFold checks string literal decoding and the folding/decoding
// helpers on arbitrary text.
func FuzzFold(f *testing.F) {
	f.Add("a\\x41\\u00e9\\101\\n", "rot13")
	f.Add("aW1wb3J0IG9z", "base64")
	f.Add("696d706f7274", "hex")
	f.Add("eJzLzC3ILypRSM4vSs1VyM3PS1dIzi8pSc3LLAYAVfEH3g==", "zlib")
	f.Fuzz(func(t *testing.T, s, enc string) {
		if len(s) > 1<<16 {
			return
		}
		_ = unescape(s, false)
		_ = unescape(s, true)
		ev := &evaluator{downloaded: map[string]finding.Trace{}}
		u := &unitCtx{u: &analysis.Unit{Path: "x.py", Src: []byte(s), Line: 1, Col: 1}, p: &parsed{src: []byte(s)}}
		ev.fr = &frame{sc: newScope(nil), u: u}
		n := &node{line: 1, col: 1}
		v := ev.decodeCall(n, codecName(enc), strv(s))
		if v.exact && len(v.s) > 4<<20 {
			t.Fatalf("decoded output over the bound: %d", len(v.s))
		}
		_ = percentFormat(strv(s), []*value{strv(enc), intv(3)}, ev, n)
		_ = ev.format(strv(s), &args{pos: []*value{strv(enc)}, kw: map[string]*value{}}, n)
	})
}
