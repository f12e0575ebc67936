package extract

import (
	"context"
	"os"
	"testing"

	"skillgate.dev/skillgate/skill"
)

// fuzzExtractor feeds arbitrary bytes to one extractor as the named file:
// it must never panic, and every dependency it returns must carry an
// ecosystem and a location inside the file.
func fuzzExtractor(f *testing.F, ex Extractor, name, lang string) {
	seed, err := os.ReadFile("testdata/" + name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		file := &skill.File{Path: name, Data: data, Kind: skill.Text, Lang: lang, Size: int64(len(data))}
		out, err := ex.Extract(context.Background(), Input{File: file, Skill: &skill.Skill{}})
		if err != nil {
			return
		}
		lines := 1
		for _, b := range data {
			if b == '\n' {
				lines++
			}
		}
		for _, d := range out.Deps {
			if d.Ecosystem == "" || d.Location.Path != name || d.Location.StartLine < 1 || d.Location.StartLine > lines {
				t.Fatalf("bad dependency %+v (file has %d lines)", d, lines)
			}
		}
	})
}

func FuzzRequirements(f *testing.F) {
	fuzzExtractor(f, Requirements{}, "requirements.txt", "requirements")
}
func FuzzPyproject(f *testing.F)   { fuzzExtractor(f, Pyproject{}, "pyproject.toml", "toml") }
func FuzzSetupPy(f *testing.F)     { fuzzExtractor(f, SetupPy{}, "setup.py", "python") }
func FuzzSetupCfg(f *testing.F)    { fuzzExtractor(f, SetupCfg{}, "setup.cfg", "text") }
func FuzzPipfile(f *testing.F)     { fuzzExtractor(f, Pipfile{}, "Pipfile", "toml") }
func FuzzPackageJSON(f *testing.F) { fuzzExtractor(f, PackageJSON{}, "package.json", "json") }
func FuzzPackageLock(f *testing.F) { fuzzExtractor(f, PackageLock{}, "package-lock.json", "json") }
func FuzzYarnLock(f *testing.F)    { fuzzExtractor(f, YarnLock{}, "yarn.lock", "text") }
func FuzzPnpmLock(f *testing.F)    { fuzzExtractor(f, PnpmLock{}, "pnpm-lock.yaml", "yaml") }
func FuzzGoMod(f *testing.F)       { fuzzExtractor(f, GoMod{}, "go.mod", "text") }
func FuzzInlineShell(f *testing.F) { fuzzExtractor(f, Inline{}, "setup.sh", "shell") }
func FuzzInlineMarkdown(f *testing.F) {
	fuzzExtractor(f, Inline{}, "README.md", "markdown")
}

// FuzzOpenClaw feeds arbitrary SKILL.md front matter to the OpenClaw
// install reader.
func FuzzOpenClaw(f *testing.F) {
	f.Add([]byte("---\nname: x\nmetadata:\n  openclaw:\n    install:\n      - kind: node\n        package: a@1\n---\n"))
	f.Add([]byte("---\nmetadata: '{openclaw: {install: [{kind: uv, package: x}]}}'\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<14 {
			return
		}
		f := &skill.File{Path: skill.ManifestFile, Data: data, Kind: skill.Text, Lang: "markdown"}
		s := &skill.Skill{Manifest: skill.ParseManifest(data), Files: []*skill.File{f}}
		OpenClaw(s) // must not panic
	})
}
