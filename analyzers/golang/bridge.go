package golang

import (
	"fmt"
	"path"
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
	groups := map[string][]*analysis.Unit{}
	var keys []string
	for _, u := range p.Units {
		key := "dir:" + path.Dir(u.Path)
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
			if u.Depth > 0 || u.Virtual {
				name = fmt.Sprintf("%s#%d:%d", u.Path, u.Line, u.Col)
			}
			byName[name] = u
			srcs = append(srcs, Source{Name: name, Src: u.Src, Snippet: (u.Depth > 0 || u.Virtual) && !u.Executed})
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
