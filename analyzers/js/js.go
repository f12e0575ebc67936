package js

import (
	"fmt"
	"skillgate.dev/skillgate/internal/lazyre"
	"slices"
	"strings"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
)

// Analyzer analyses the JavaScript and TypeScript of a skill.
var Analyzer = &analysis.Analyzer{
	Name: "js",
	Doc:  "JavaScript/TypeScript capabilities, behaviours and source-to-sink flows across the files of a skill",
	Rules: []string{
		"SG2002", "SG2003", "SG2004", "SG2005", "SG2006", "SG2007", "SG2008", "SG2009", "SG2014", "SG2017",
		"SG3001", "SG3004", "SG4001", "SG4002", "SG5001", "SG5002", "SG5003", "SG5005", "SG6002", "SG6004", "SG8102",
	},
	Langs:   []string{"javascript", "typescript"},
	Extract: extract,
	Run:     run,
}

// maxVirtual bounds how many decoded or inline code strings one skill
// gets analysed, and maxVirtualDepth how deeply they nest.
const (
	maxVirtual      = 64
	maxVirtualDepth = 4
)

// module is one unit being analysed.
type module struct {
	unit    *analysis.Unit
	src     []byte
	root    *node
	exports *value
	state   int
	// topActs are network/exec uses while the module loads.
	topActs []topAct
	lines   []int
}

// lineText returns line n (1-based) of the module's source.
func (m *module) lineText(n int) string {
	if m.lines == nil {
		m.lines = []int{0}
		for i, b := range m.src {
			if b == '\n' {
				m.lines = append(m.lines, i+1)
			}
		}
	}
	if n < 1 || n > len(m.lines) {
		return ""
	}
	end := len(m.src)
	if n < len(m.lines) {
		end = m.lines[n] - 1
	}
	return strings.TrimSuffix(string(m.src[m.lines[n-1]:end]), "\r")
}

type topAct struct {
	n    *node
	what string
}

type pending struct {
	unit      *analysis.Unit
	line, col int
	f         finding.Finding
}

func (m *module) pend(line, col int, f finding.Finding) pending {
	if !m.unit.Virtual {
		f.Location.Snippet = finding.ShortSnippet(strings.TrimSpace(m.lineText(line)), 200)
	}
	return pending{unit: m.unit, line: line, col: col, f: f}
}

// az is the state of one Run.
type az struct {
	pass      *analysis.Pass
	ps        *parsers
	mods      map[string]*module
	order     []*module
	global    *scope
	funcs     []*function
	memo      map[string]*value
	written   map[string][]*source
	importers map[string][]string
	pending   []pending
	steps     int
	nVirtual  int
}

func run(pass *analysis.Pass) error {
	ps := &parsers{}
	defer ps.close()
	defer func() {
		for _, u := range pass.Units {
			parsed.Delete(u)
		}
	}()
	a := newAz(pass, ps)
	for _, u := range pass.Units {
		if err := pass.Context.Err(); err != nil {
			return err
		}
		m, err := a.load(u)
		if err != nil {
			return err
		}
		if m == nil {
			continue
		}
		a.order = append(a.order, m)
		if u.Depth == 0 && !u.Virtual {
			a.mods[u.Path] = m
		}
	}
	for _, m := range a.order {
		if err := pass.Context.Err(); err != nil {
			return err
		}
		a.runModule(m)
	}
	a.runUncalled()
	if a.steps > maxSteps && len(a.order) > 0 {
		m := a.order[0]
		a.pending = append(a.pending, m.pend(1, 1, finding.Finding{RuleID: "SG8102",
			Message: fmt.Sprintf("analysis budget of %d steps exhausted; the JavaScript/TypeScript of this skill was analysed only in part", maxSteps)}))
	}
	a.finish()
	return nil
}

func newAz(pass *analysis.Pass, ps *parsers) *az {
	return &az{pass: pass, ps: ps, mods: map[string]*module{}, global: newScope(nil), memo: map[string]*value{},
		written: map[string][]*source{}, importers: map[string][]string{}}
}

// load parses a unit, reporting syntax errors and mangled code.
func (a *az) load(u *analysis.Unit) (*module, error) {
	var res *parseResult
	var g grammar
	if c, ok := parsed.LoadAndDelete(u); ok {
		res, g = c.(*cachedParse).res, c.(*cachedParse).g
	} else {
		var err error
		if res, g, err = parseUnit(a.ps, u); err != nil {
			return nil, err
		}
	}
	m := &module{unit: u, src: u.Src, root: res.root, exports: &value{props: map[string]*value{}}}
	if len(res.errs) > 0 {
		e := res.errs[0]
		a.pending = append(a.pending, m.pend(int(e.row)+1, int(e.col)+1, finding.Finding{
			RuleID:  "SG8102",
			Message: fmt.Sprintf("%d %s parse error(s), first: %s; the rest of the file was analysed", len(res.errs), g, e.what),
		}))
	}
	a.mangled(m)
	return m, nil
}

var (
	hexIdentRE = lazyre.New(`\b_0x[0-9a-fA-F]{4,6}\b`)
	packerRE   = lazyre.New(`eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\)`)
)

// mangled reports javascript-obfuscator and Dean Edwards packer output.
func (a *az) mangled(m *module) {
	if loc := packerRE.R().FindIndex(m.src); loc != nil {
		line, col := lineCol(m.src, loc[0])
		a.pending = append(a.pending, m.pend(line, col, finding.Finding{RuleID: "SG6004", Message: "packed code: eval(function(p,a,c,k,e,d)…) unpacker"}))
		return
	}
	ids := hexIdentRE.R().FindAllIndex(m.src, 400)
	if len(ids) >= 12 {
		distinct := map[string]bool{}
		for _, l := range ids {
			distinct[string(m.src[l[0]:l[1]])] = true
		}
		if len(distinct) >= 4 {
			line, col := lineCol(m.src, ids[0][0])
			a.pending = append(a.pending, m.pend(line, col, finding.Finding{RuleID: "SG6004",
				Message: fmt.Sprintf("obfuscator output: %d _0x… identifiers (%d distinct)", len(ids), len(distinct))}))
		}
	}
}

func lineCol(src []byte, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// runModule evaluates a module's top level once.
func (a *az) runModule(m *module) {
	if m.state != 0 {
		return
	}
	m.state = 1
	fr := &frame{mod: m, sc: newScope(a.global), top: true, topMod: m}
	a.stmts(fr, m.root.kids)
	m.state = 2
}

// runUncalled analyses functions nothing called, with unknown arguments.
func (a *az) runUncalled() {
	for round := 0; round < 6; round++ {
		var todo []*function
		for _, f := range a.funcs {
			if !f.called {
				todo = append(todo, f)
			}
		}
		if len(todo) == 0 {
			return
		}
		for _, f := range todo {
			if a.steps > maxSteps {
				return
			}
			fr := &frame{mod: f.mod, sc: f.scope}
			a.invoke(fr, f, nil, nil, f.n)
		}
	}
}

func (a *az) pos(fr *frame, n *node) (int, int) {
	return int(n.row) + 1, int(n.col) + 1
}

func (a *az) step(fr *frame, n *node, note string) finding.Step {
	line, col := a.pos(fr, n)
	loc := fr.mod.unit.Position(line, col)
	loc.Snippet = finding.ShortSnippet(strings.TrimSpace(fr.mod.lineText(line)), 120)
	return finding.Step{Location: loc, Note: note}
}

func (a *az) report(fr *frame, n *node, f finding.Finding) {
	line, col := a.pos(fr, n)
	a.pending = append(a.pending, fr.mod.pend(line, col, f))
}

// capAt records a capability, and for network, exec and dynamic code the
// trigger guards and module-load side effects around it.
func (a *az) capAt(fr *frame, n *node, kind finding.CapabilityKind, val string) {
	line, col := a.pos(fr, n)
	a.pass.CapabilityAt(fr.mod.unit, line, col, kind, val)
	if kind != finding.CapNetwork && kind != finding.CapExec && kind != finding.CapDynamicCode {
		return
	}
	what := map[finding.CapabilityKind]string{finding.CapNetwork: "network use", finding.CapExec: "process execution", finding.CapDynamicCode: "dynamic code"}[kind]
	if val != "" && val != "*" {
		what += " (" + val + ")"
	}
	for i := len(fr.guards) - 1; i >= 0; i-- {
		g := fr.guards[i]
		if g.ci && kind == finding.CapNetwork {
			continue
		}
		a.report(fr, n, finding.Finding{RuleID: "SG2008", Message: what + " only runs when " + g.desc + " passes",
			Trace: finding.Trace{g.step, a.step(fr, n, what)}})
		break
	}
	if fr.top && fr.topMod == fr.mod && fr.mod.unit.Depth == 0 {
		fr.mod.topActs = append(fr.mod.topActs, topAct{n: n, what: what})
	}
}

func (a *az) reportObfuscatedName(fr *frame, n *node, name, how string) {
	a.report(fr, n, finding.Finding{RuleID: "SG6002", Message: fmt.Sprintf("the name %q is assembled at run time (%s)", name, how)})
}

// analyzeCode analyses code a skill builds or decodes and then runs, as
// a virtual unit anchored at the call.
func (a *az) analyzeCode(fr *frame, n *node, code, note string) {
	u := fr.mod.unit
	if u.Depth+1 > maxVirtualDepth || a.nVirtual >= maxVirtual || strings.TrimSpace(code) == "" {
		return
	}
	a.nVirtual++
	line, col := a.pos(fr, n)
	loc := u.Position(line, col)
	loc.Snippet = ""
	origin := append(slices.Clone(u.Origin), finding.Step{Location: loc, Note: note})
	vu := &analysis.Unit{Path: u.Path, Lang: "javascript", Src: []byte(code), Line: loc.StartLine, Col: loc.StartColumn,
		File: u.File, Virtual: true, Origin: origin, Depth: u.Depth + 1}
	m, err := a.load(vu)
	if err != nil || m == nil {
		return
	}
	a.runModule(m)
}

// finish emits the collected findings: import-time side effects of
// modules other files import, then everything deduplicated, with weaker
// findings dropped where a stronger one explains the same line.
func (a *az) finish() {
	for _, m := range a.order {
		imp := a.importers[m.unit.Path]
		if len(imp) == 0 || len(m.topActs) == 0 {
			continue
		}
		slices.Sort(imp)
		for _, t := range m.topActs {
			fr := &frame{mod: m}
			a.report(fr, t.n, finding.Finding{RuleID: "SG2009", Message: fmt.Sprintf("%s runs when the module is loaded (%s is imported by %s)", t.what, m.unit.Path, imp[0])})
		}
	}
	type key struct {
		rule, path string
		line, col  int
	}
	strong := map[string][]string{
		"SG2006": {"SG2007", "SG2003", "SG2004"},
		"SG2017": {"SG2007", "SG2003", "SG2004", "SG2002", "SG2014"},
		"SG2007": {"SG2004", "SG2002"},
	}
	at := map[key]bool{}
	for _, p := range a.pending {
		l := p.unit.Position(p.line, p.col)
		at[key{p.f.RuleID, l.Path, l.StartLine, 0}] = true
	}
	seen := map[key]bool{}
	for _, p := range a.pending {
		l := p.unit.Position(p.line, p.col)
		drop := false
		for _, s := range strong[p.f.RuleID] {
			if at[key{s, l.Path, l.StartLine, 0}] {
				drop = true
			}
		}
		k := key{p.f.RuleID, l.Path, l.StartLine, l.StartColumn}
		if drop || seen[k] {
			continue
		}
		seen[k] = true
		a.pass.ReportUnit(p.unit, p.line, p.col, p.f)
	}
}
