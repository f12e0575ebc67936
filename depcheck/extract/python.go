package extract

import (
	"bytes"
	"context"
	"fmt"
	"skillgate.dev/skillgate/internal/lazyre"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"skillgate.dev/skillgate/skill"
)

// Pyproject reads pyproject.toml: PEP 621 [project] dependencies and
// optional-dependencies, PEP 735 [dependency-groups], [build-system]
// requires and Poetry's dependency tables.
type Pyproject struct{}

// Name implements [Extractor].
func (Pyproject) Name() string { return "pyproject" }

// Match implements [Extractor].
func (Pyproject) Match(f *skill.File) bool { return base(f.Path) == "pyproject.toml" }

type pyprojectFile struct {
	Project struct {
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	BuildSystem struct {
		Requires []string `toml:"requires"`
	} `toml:"build-system"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
	} `toml:"tool"`
}

// Extract implements [Extractor].
func (Pyproject) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	var p pyprojectFile
	if _, err := toml.Decode(string(in.File.Data), &p); err != nil {
		return nil, fmt.Errorf("parse %s: %w", in.File.Path, err)
	}
	out := &Output{}
	add := func(specs []string, kind string) {
		for _, s := range specs {
			l := tx.loc(tx.find(strconv.Quote(s)[1:len(strconv.Quote(s))-1], 1))
			if d, ok := pep508(s, l); ok {
				d.Kind = kind
				out.Deps = append(out.Deps, d)
			}
		}
	}
	add(p.Project.Dependencies, "")
	for _, k := range sortedKeys(p.Project.OptionalDependencies) {
		add(p.Project.OptionalDependencies[k], "optional")
	}
	add(p.BuildSystem.Requires, "build")
	for _, k := range sortedKeys(p.DependencyGroups) {
		var specs []string
		for _, v := range p.DependencyGroups[k] {
			if s, ok := v.(string); ok {
				specs = append(specs, s)
			}
		}
		add(specs, "dev")
	}
	poetry := func(m map[string]any, kind string) {
		for _, name := range sortedKeys(m) {
			if strings.EqualFold(name, "python") {
				continue
			}
			out.Deps = append(out.Deps, poetryDep(tx, name, m[name], kind))
		}
	}
	poetry(p.Tool.Poetry.Dependencies, "")
	poetry(p.Tool.Poetry.DevDependencies, "dev")
	for _, g := range sortedKeys(p.Tool.Poetry.Group) {
		poetry(p.Tool.Poetry.Group[g].Dependencies, "dev")
	}
	return out, nil
}

// keyLine returns the line of a TOML key assignment (name = …), or 1.
func (tx *text) keyLine(name string) int {
	data := tx.f.Data
	if name == "" {
		return 1
	}
	for off := 0; off < len(data); {
		i := bytes.Index(data[off:], []byte(name))
		if i < 0 {
			break
		}
		n := tx.lineOf(off + i)
		off += i + len(name)
		t := strings.TrimSpace(tx.line(n))
		for _, q := range []string{"", `"`, "'"} {
			if r, ok := strings.CutPrefix(t, q+name+q); ok && strings.HasPrefix(strings.TrimSpace(r), "=") {
				return n
			}
		}
	}
	return 1
}

var poetryExactRE = lazyre.New(`^(==?)?\s*v?[0-9][0-9A-Za-z.+-]*$`)

// poetryDep reads a Poetry or Pipfile entry: a version string or a table
// with version, git, url or path.
func poetryDep(tx *text, name string, v any, kind string) Dependency {
	d := Dependency{Ecosystem: PyPI, Name: name, Location: tx.loc(tx.keyLine(name)), Source: SourceManifest, Kind: kind}
	switch v := v.(type) {
	case string:
		d.Version = v
	case map[string]any:
		if s, ok := v["version"].(string); ok {
			d.Version = s
		}
		for _, k := range []string{"git", "url", "path", "file"} {
			if s, ok := v[k].(string); ok {
				d.URL = s
				if k == "git" {
					if r, ok := v["rev"].(string); ok {
						d.URL += "@" + r
					}
				}
			}
		}
		if o, ok := v["optional"].(bool); ok && o && kind == "" {
			d.Kind = "optional"
		}
	case []any:
		// Multiple-constraint form: keep the first version.
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				if s, ok := m["version"].(string); ok {
					d.Version = s
					break
				}
			}
		}
	}
	if d.Version == "*" {
		d.Version = ""
	}
	d.Pinned = d.Version != "" && poetryExactRE.R().MatchString(strings.TrimSpace(d.Version))
	return d
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Pipfile reads pipenv's Pipfile ([packages], [dev-packages]).
type Pipfile struct{}

// Name implements [Extractor].
func (Pipfile) Name() string { return "pipfile" }

// Match implements [Extractor].
func (Pipfile) Match(f *skill.File) bool { return base(f.Path) == "Pipfile" }

// Extract implements [Extractor].
func (Pipfile) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	var p struct {
		Packages    map[string]any `toml:"packages"`
		DevPackages map[string]any `toml:"dev-packages"`
		Source      []struct {
			URL string `toml:"url"`
		} `toml:"source"`
	}
	if _, err := toml.Decode(string(in.File.Data), &p); err != nil {
		return nil, fmt.Errorf("parse %s: %w", in.File.Path, err)
	}
	out := &Output{}
	for _, n := range sortedKeys(p.Packages) {
		out.Deps = append(out.Deps, poetryDep(tx, n, p.Packages[n], ""))
	}
	for _, n := range sortedKeys(p.DevPackages) {
		out.Deps = append(out.Deps, poetryDep(tx, n, p.DevPackages[n], "dev"))
	}
	for _, s := range p.Source {
		if s.URL != "" && !strings.Contains(s.URL, "pypi.org/simple") {
			out.Issues = append(out.Issues, Issue{RuleID: "SG7006", Location: tx.loc(tx.find(s.URL, 1)),
				Message: fmt.Sprintf("package source %s is outside the default registry", s.URL)})
		}
	}
	return out, nil
}

// SetupPy reads setup.py by a literal scan: the string lists given to
// install_requires, setup_requires, tests_require and extras_require, and
// a cmdclass override, which runs code at install time. It never runs the
// file.
type SetupPy struct{}

// Name implements [Extractor].
func (SetupPy) Name() string { return "setup.py" }

// Match implements [Extractor].
func (SetupPy) Match(f *skill.File) bool { return base(f.Path) == "setup.py" }

var (
	setupKwRE   = lazyre.New(`\b(install_requires|setup_requires|tests_require|extras_require)\s*=\s*`)
	cmdclassRE  = lazyre.New(`\bcmdclass\s*=`)
	pyStringRE  = lazyre.New(`(?s)'''.*?'''|"""(?:.*?)"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"`)
	installCmds = lazyre.New(`class\s+\w+\s*\(\s*(?:[\w.]+\.)?(install|develop|egg_info|build_py|build_ext|sdist|bdist_wheel)\s*\)`)
)

// Extract implements [Extractor].
func (SetupPy) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	data := in.File.Data
	out := &Output{}
	for _, m := range setupKwRE.R().FindAllSubmatchIndex(data, -1) {
		kw := string(data[m[2]:m[3]])
		start := m[1]
		if start >= len(data) || (data[start] != '[' && data[start] != '(' && data[start] != '{') {
			out.Issues = append(out.Issues, Issue{RuleID: "SG8102", Location: tx.loc(tx.lineOf(m[0])),
				Message: fmt.Sprintf("%s in %s is computed, not a literal list; its dependencies were not checked", kw, in.File.Path)})
			continue
		}
		end := matchBracket(data, start)
		kind := map[string]string{"setup_requires": "build", "tests_require": "dev", "extras_require": "optional"}[kw]
		body := data[start:end]
		for _, s := range pyStrings(body) {
			lit := string(body[s[0]:s[1]])
			if kw == "extras_require" && s[1] < len(body) && strings.HasPrefix(strings.TrimLeft(string(body[s[1]:]), " \t"), ":") {
				continue // a key of the extras dict
			}
			spec := strings.Trim(lit, `'"`)
			if d, ok := pep508(spec, tx.loc(tx.lineOf(start+s[0]))); ok {
				d.Kind = kind
				out.Deps = append(out.Deps, d)
			}
		}
	}
	if m := cmdclassRE.R().FindIndex(data); m != nil {
		cmd := "a custom command class"
		if c := installCmds.R().FindSubmatch(data); c != nil {
			cmd = "a subclass of " + string(c[1]) + ": " + strings.TrimSpace(tx.line(tx.lineOf(installCmds.R().FindIndex(data)[0])))
		}
		out.Hooks = append(out.Hooks, Hook{Location: tx.loc(tx.lineOf(m[0])), Event: "cmdclass", Command: cmd})
	}
	return out, nil
}

// pyStrings returns the spans of the string literals in code, skipping
// comments.
func pyStrings(code []byte) [][]int {
	var out [][]int
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '#':
			for i < len(code) && code[i] != '\n' {
				i++
			}
		case '\'', '"':
			if m := pyStringRE.R().FindIndex(code[i:]); m != nil && m[0] == 0 {
				out = append(out, []int{i, i + m[1]})
				i += m[1] - 1
			}
		}
	}
	return out
}

// matchBracket returns the offset after the bracket closing the one at
// start, skipping string literals; len(data) when unbalanced.
func matchBracket(data []byte, start int) int {
	depth := 0
	for i := start; i < len(data); i++ {
		switch c := data[i]; c {
		case '\'', '"':
			if loc := pyStringRE.R().FindIndex(data[i:]); loc != nil && loc[0] == 0 {
				i += loc[1] - 1
			}
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(data)
}

// SetupCfg reads setup.cfg's [options] install_requires and setup_requires
// and [options.extras_require].
type SetupCfg struct{}

// Name implements [Extractor].
func (SetupCfg) Name() string { return "setup.cfg" }

// Match implements [Extractor].
func (SetupCfg) Match(f *skill.File) bool { return base(f.Path) == "setup.cfg" }

// Extract implements [Extractor].
func (SetupCfg) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	out := &Output{}
	section, key := "", ""
	for i, raw := range strings.Split(string(in.File.Data), "\n") {
		line := strings.TrimRight(raw, "\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";") {
			continue
		}
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			section, key = strings.TrimSpace(t[1:len(t)-1]), ""
			continue
		}
		cont := line[0] == ' ' || line[0] == '\t'
		val := t
		if !cont {
			k, v, ok := strings.Cut(t, "=")
			if !ok {
				k, v, ok = strings.Cut(t, ":")
			}
			if !ok {
				key = ""
				continue
			}
			key, val = strings.TrimSpace(k), strings.TrimSpace(v)
		}
		kind, ok := "", false
		switch {
		case section == "options" && key == "install_requires":
			ok = true
		case section == "options" && key == "setup_requires":
			kind, ok = "build", true
		case section == "options" && key == "tests_require":
			kind, ok = "dev", true
		case section == "options.extras_require" && key != "":
			kind, ok = "optional", true
		}
		if !ok || val == "" {
			continue
		}
		for _, spec := range strings.Split(val, ";\n") {
			if d, ok := pep508(stripComment(spec), tx.loc(i+1)); ok {
				d.Kind = kind
				out.Deps = append(out.Deps, d)
			}
		}
	}
	return out, nil
}
