package python

import (
	"fmt"
	"path"
	"skillgate.dev/skillgate/analyzers/internal/tsalloc"
	"skillgate.dev/skillgate/internal/lazyre"
	"time"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
)

// Analyzer analyses the Python code of a skill.
var Analyzer = &analysis.Analyzer{
	Name:  "python",
	Doc:   "Python capabilities, behaviours and source-to-sink flows across the files of a skill.",
	Langs: []string{"python"},
	Rules: []string{
		"SG2002", "SG2003", "SG2004", "SG2005", "SG2006", "SG2007", "SG2008", "SG2009", "SG2010", "SG2012",
		"SG2014", "SG2017", "SG3001", "SG3004", "SG4001", "SG4002", "SG5001", "SG5002", "SG5003", "SG5005",
		"SG6002", "SG6004", "SG8102",
	},
	Run: run,
}

// importTime are module names that run on import or install without
// anyone calling them.
var importTime = map[string]bool{"__init__.py": true, "setup.py": true, "sitecustomize.py": true, "usercustomize.py": true, "conftest.py": true}

var mangledRE = lazyre.New(`^(_0x[0-9a-fA-F]{3,}|[Il1]{6,}|[O0]{6,}|_{1,2}[Il1O0]{5,})$`)

func run(pass *analysis.Pass) error {
	tsalloc.UseLibc() // direct libc allocation: parsing several times faster
	p, err := newParser()
	if err != nil {
		return err
	}
	defer p.close()
	ev := &evaluator{ctx: pass.Context, pass: pass, parser: p, byPath: map[string]*module{}, downloaded: map[string]finding.Trace{}, start: time.Now(), nestedAt: map[string]bool{}}
	for _, u := range pass.Units {
		ps, err := p.parse(pass.Context, u.Src)
		if err != nil {
			return err
		}
		uc := &unitCtx{u: u, p: ps}
		if ps.errLine != 0 {
			pass.ReportAt(u, ps.errLine, 1, "SG8102", "Python %s at line %d; the rest of the file is analysed on what parsed", ps.errWhat, ps.errLine)
		}
		if ps.overflow {
			pass.ReportAt(u, 1, 1, "SG8102", "Python file too large to analyse completely (over %d syntax nodes)", maxNodes)
		}
		m := &module{name: u.Path, u: uc, globals: newScope(nil)}
		uc.mod = m
		ev.mods = append(ev.mods, m)
		if u.Depth == 0 && ev.byPath[u.Path] == nil {
			ev.byPath[u.Path] = m
		}
		mangling(pass, uc)
	}
	// Real code first; then payloads other analyzers decoded, unless this
	// analyzer already followed the same payload into exec/eval.
	for _, virtual := range []bool{false, true} {
		for _, m := range ev.mods {
			if err := pass.Context.Err(); err != nil {
				return err
			}
			u := m.u.u
			if u.Virtual != virtual {
				continue
			}
			if virtual && ev.nestedAt[string(u.Src)] {
				continue
			}
			ev.loadModule(m)
		}
	}
	// Functions nothing calls are analysed on their own, with unknown
	// arguments, so their sinks are still seen.
	for i := 0; i < len(ev.funcs) && !ev.exhaust; i++ {
		f := ev.funcs[i]
		if f.called {
			continue
		}
		ev.modTop = nil
		ev.guard = ""
		ev.fr = &frame{sc: f.u.mod.globals, u: f.u}
		fv := &value{k: vFunc, fn: f}
		if f.cls != nil {
			fv.recv = &value{k: vObj, s: "instance " + f.cls.name, cls: f.cls, attrs: map[string]*value{}}
		}
		ev.callUser(fv, &args{kw: map[string]*value{}}, f.node)
	}
	for _, d := range ev.dumps {
		if d.escaped && !d.reported {
			d.reported = true
			ev.report(d.u, &node{line: d.line, col: d.col}, "SG5003", finding.Finding{Message: "reads every environment variable"})
		}
	}
	for _, m := range ev.mods {
		if m.topAction == "" || !(m.imported || importTime[path.Base(m.u.u.Path)]) {
			continue
		}
		why := "imported by the skill's other code"
		if !m.imported {
			why = path.Base(m.u.u.Path) + " runs on import or install"
		}
		ev.report(m.u, &node{line: m.topLine, col: m.topCol}, "SG2009", finding.Finding{
			Message: fmt.Sprintf("%s runs when the module is loaded (%s)", m.topAction, why),
		})
	}
	if ev.exhaust {
		pass.ReportAt(pass.Units[0], 1, 1, "SG8102", "Python analysis stopped at its evaluation budget; later flows may be missing")
	}
	return nil
}

// mangling reports code whose identifiers were machine-mangled.
func mangling(pass *analysis.Pass, u *unitCtx) {
	seen := map[string]bool{}
	var firstN *node
	var walk func(n *node, d int)
	walk = func(n *node, d int) {
		if d > 200 || len(seen) > 64 {
			return
		}
		if n.kind == "identifier" {
			t := n.text(u.p.src)
			if mangledRE.R().MatchString(t) && !seen[t] {
				seen[t] = true
				if firstN == nil {
					firstN = n
				}
			}
		}
		for _, k := range n.kids {
			walk(k, d+1)
		}
	}
	walk(u.p.root, 0)
	if len(seen) >= 6 {
		pass.ReportAt(u.u, firstN.line, firstN.col, "SG6004", "%d machine-mangled identifiers (e.g. %s)", len(seen), firstN.text(u.p.src))
	}
}
