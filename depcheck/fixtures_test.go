package depcheck

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/depcheck/osv"
	"skillgate.dev/skillgate/finding"
)

// buildOSV zips testdata/osv/<Ecosystem>/*.json into osv-scanner's layout.
func buildOSV(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	ecos, err := os.ReadDir("testdata/osv")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ecos {
		p := osv.ZipPath(dir, e.Name())
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(f)
		recs, _ := filepath.Glob(filepath.Join("testdata/osv", e.Name(), "*.json"))
		for _, r := range recs {
			b, err := os.ReadFile(r)
			if err != nil {
				t.Fatal(err)
			}
			w, _ := zw.Create(filepath.Base(r))
			w.Write(b)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	return dir
}

// TestFixtures runs the SG7xxx fixtures (rules/testdata and testdata/)
// through Check with the fixture OSV database. Like scan's fixture test,
// every finding of the fixture's rule and of any rule its expectations name
// must be expected.
func TestFixtures(t *testing.T) {
	db := buildOSV(t)
	files, _ := filepath.Glob("../rules/testdata/SG7*.txtar")
	local, _ := filepath.Glob("testdata/SG7*.txtar")
	files = append(files, local...)
	if len(files) < 10 {
		t.Fatalf("found only %d fixtures", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			fx := analysistest.Load(t, file)
			res, err := Check(context.Background(), fx.Skill(t), Options{OSVDir: db})
			if err != nil {
				t.Fatal(err)
			}
			checked := fx.WantedRules()
			checked[name[:6]] = true
			for _, f := range res.Findings {
				if f.Dependency == nil && f.RuleID != RuleInstallHook && f.RuleID != RuleUnparsed && f.RuleID != RuleURL {
					t.Errorf("%s has no dependency", f)
				}
				if f.RuleID == RuleTyposquat && f.Target == "" {
					t.Errorf("%s has no target", f)
				}
			}
			fx.Check(t, res.Findings, func(id string) bool { return checked[id] })
		})
	}
}

// TestRuntimeSquatIsCritical checks that installing an unknown or squatted
// name at run time is critical, and the same names in a manifest are not.
func TestRuntimeSquatIsCritical(t *testing.T) {
	fx := analysistest.LoadArchive(t, mustTxtar(`-- SKILL.md --
---
name: runtime
description: x
---
`+"```bash\npip install reqeusts==2.31.0 fastapi-auth-helper-pro==1.0\n```"+`
-- requirements.txt --
reqeusts==2.31.0
fastapi-auth-helper-pro==1.0
`))
	res, err := Check(context.Background(), fx.Skill(t), Options{OSVDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]finding.Severity{}
	for _, f := range res.Findings {
		if f.RuleID == RuleTyposquat || f.RuleID == RuleUnknown {
			got[f.Location.Path+" "+f.RuleID] = f.Severity
		}
	}
	want := map[string]finding.Severity{
		"SKILL.md SG7001": finding.Critical, "SKILL.md SG7002": finding.Critical,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: severity %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
	// Names are judged once, where first written (SKILL.md sorts first).
	if _, dup := got["requirements.txt SG7001"]; dup {
		t.Errorf("reqeusts judged twice: %v", got)
	}
}

func TestDependenciesListed(t *testing.T) {
	fx := analysistest.LoadArchive(t, mustTxtar(`-- SKILL.md --
---
name: deps
description: x
---
-- requirements.txt --
requests==2.31.0
-- package-lock.json --
{"lockfileVersion": 3, "packages": {"node_modules/lodash": {"version": "4.17.21"}}}
`))
	res, err := Check(context.Background(), fx.Skill(t), Options{OSVDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Dependencies {
		got = append(got, d.Ecosystem+" "+d.Name+" "+d.Version+" "+d.Source+" "+d.Location.String())
	}
	want := "npm lodash 4.17.21 lockfile package-lock.json:1|PyPI requests ==2.31.0 manifest requirements.txt:1"
	if strings.Join(got, "|") != want {
		t.Errorf("dependencies:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	if len(res.Findings) != 0 {
		t.Errorf("unexpected findings: %v", res.Findings)
	}
}

func TestUnreadableManifest(t *testing.T) {
	fx := analysistest.LoadArchive(t, mustTxtar("-- SKILL.md --\n---\nname: bad\ndescription: x\n---\n-- package.json --\n{not json\n"))
	res, err := Check(context.Background(), fx.Skill(t), Options{OSVDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].RuleID != RuleUnparsed {
		t.Errorf("findings = %v, want one SG8102", res.Findings)
	}
}

func mustTxtar(s string) *txtar.Archive { return txtar.Parse([]byte(s)) }
