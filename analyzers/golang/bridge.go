package golang

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
)

// Analyzer is the skillgate analyzer for Go: it runs the passes over the
// skill's Go units, one package per directory and package clause (code
// blocks embedded elsewhere are packages of their own).
var Analyzer = &analysis.Analyzer{
	Name:  "go",
	Doc:   "Go source analysed with go/analysis passes (network, exec, dynamic code, files, environment, reverse shells, init side effects, decoded payloads, flows) without running the go command",
	Rules: ruleIDs,
	Langs: []string{"go"},
	Run:   runSkill,
}

func runSkill(p *analysis.Pass) error {
	mods := modules(p)
	groups := map[string][]*analysis.Unit{}
	var keys []string
	for _, u := range p.Units {
		// The skill's files are one program (packages import each other);
		// embedded snippets are packages of their own.
		key := "files"
		if u.Depth > 0 || u.Virtual {
			key = fmt.Sprintf("unit:%s:%d:%d", u.Path, u.Line, u.Col)
		}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], u)
	}
	for _, key := range keys {
		units := groups[key]
		byName := map[string]*analysis.Unit{}
		var srcs []Source
		for _, u := range units {
			name := u.Path
			snippet := u.Depth > 0 || u.Virtual
			if snippet {
				name = fmt.Sprintf("%s#%d:%d", u.Path, u.Line, u.Col)
			}
			byName[name] = u
			sf := Source{Name: name, Src: u.Src, Snippet: snippet && !u.Executed}
			if !snippet {
				sf.ImportPath = importPath(mods, path.Dir(u.Path))
			}
			srcs = append(srcs, sf)
		}
		res, err := Check(p.Context, srcs, Passes())
		if err != nil {
			return err
		}
		loc := func(ps Position) (finding.Location, *analysis.Unit) {
			u := byName[ps.File]
			if u == nil {
				return finding.Location{Path: ps.File, StartLine: ps.Line, StartColumn: ps.Col}, nil
			}
			l := u.Position(ps.Line, ps.Col)
			l.Snippet = strings.TrimSpace(u.LineText(ps.Line))
			return l, u
		}
		for _, d := range res.Diagnostics {
			u := byName[d.Pos.File]
			if u == nil {
				continue
			}
			f := finding.Finding{RuleID: d.Rule, Message: d.Message}
			if d.Severity != "" {
				if s, err := finding.ParseSeverity(d.Severity); err == nil {
					f.Severity = s
				}
			}
			for _, r := range d.Related {
				l, _ := loc(r.Pos)
				f.Trace = append(f.Trace, finding.Step{Location: l, Note: r.Note})
			}
			p.ReportUnit(u, d.Pos.Line, d.Pos.Col, f)
		}
		for _, c := range res.Capabilities {
			u := byName[c.Pos.File]
			if u == nil {
				continue
			}
			p.CapabilityAt(u, c.Pos.Line, c.Pos.Col, finding.CapabilityKind(c.Kind), c.Value)
		}
	}
	return nil
}

var moduleLine = regexp.MustCompile(`(?m)^[ \t]*module[ \t]+"?([^\s"/]+[^\s"]*)"?[ \t\r]*(?://.*)?$`)

// modules maps the directories of the skill that hold a go.mod to the
// module path it declares.
func modules(p *analysis.Pass) map[string]string {
	out := map[string]string{}
	if p.Skill == nil {
		return out
	}
	for _, f := range p.Skill.Files {
		if path.Base(f.Path) != "go.mod" || strings.Contains(f.Path, "!") || f.Data == nil {
			continue
		}
		if m := moduleLine.FindSubmatch(f.Data); m != nil {
			out[path.Dir(f.Path)] = string(m[1])
		}
	}
	return out
}

// importPath is the import path of the package in dir: the nearest
// enclosing module's path plus the directory below it, or a path of the
// skill's own ("skill/dir") when no go.mod encloses it.
func importPath(mods map[string]string, dir string) string {
	for d := dir; ; d = path.Dir(d) {
		if mod, ok := mods[d]; ok {
			if d == dir {
				return mod
			}
			rel := strings.TrimPrefix(dir, d+"/")
			if d == "." {
				rel = dir
			}
			// Vendored packages keep their own import paths.
			if v, ok := strings.CutPrefix(rel, "vendor/"); ok && v != "" {
				return v
			}
			return mod + "/" + rel
		}
		if d == "." || d == "/" || d == "" {
			break
		}
	}
	if dir == "." {
		return "skill"
	}
	return "skill/" + dir
}
