package python

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
)

// Bounds of the abstract interpretation.
const (
	maxCallDepth = 6
	maxUnitDepth = 3
	maxBudget    = 3_000_000        // evaluation steps per skill
	maxIter      = 65536            // elements evaluated concretely in a comprehension
	maxTime      = 20 * time.Second // last resort; the step budget is what normally stops
)

type function struct {
	node   *node
	name   string
	u      *unitCtx
	called bool
	cls    *class
}

type class struct {
	name  string
	attrs map[string]*value
}

type module struct {
	name            string
	u               *unitCtx
	globals         *scope
	loading, loaded bool
	imported        bool
	topAction       string
	topLine, topCol int
	topU            *unitCtx
}

// unitCtx is a parsed unit under analysis.
type unitCtx struct {
	u     *analysis.Unit
	p     *parsed
	mod   *module
	lines []int // start offsets of lines, built on first use
}

// lineText returns line n (1-based) of the unit without its newline.
func (u *unitCtx) lineText(n int) string {
	src := u.u.Src
	if u.lines == nil {
		u.lines = append(u.lines, 0)
		for i, c := range src {
			if c == '\n' {
				u.lines = append(u.lines, i+1)
			}
		}
	}
	if n < 1 || n > len(u.lines) {
		return ""
	}
	end := len(src)
	if n < len(u.lines) {
		end = u.lines[n] - 1
	}
	return strings.TrimSuffix(string(src[u.lines[n-1]:end]), "\r")
}

func (u *unitCtx) loc(n *node) finding.Location {
	if n == nil {
		return u.u.Position(1, 1)
	}
	l := u.u.Position(n.line, n.col)
	l.Snippet = finding.ShortSnippet(u.lineText(n.line), 160)
	return l
}

func (u *unitCtx) step(n *node, format string, args ...any) finding.Step {
	return finding.Step{Location: u.loc(n), Note: fmt.Sprintf(format, args...)}
}

type scope struct {
	vars    map[string]*value
	parent  *scope
	globals map[string]bool
}

func newScope(parent *scope) *scope { return &scope{vars: map[string]*value{}, parent: parent} }

func (s *scope) lookup(name string) (*value, bool) {
	for sc := s; sc != nil; sc = sc.parent {
		if v, ok := sc.vars[name]; ok {
			return v, true
		}
	}
	return nil, false
}

func (s *scope) set(name string, v *value) {
	if s.globals[name] && s.parent != nil {
		root := s
		for root.parent != nil {
			root = root.parent
		}
		root.vars[name] = v
		return
	}
	s.vars[name] = v
}

// frame is one function activation (or a module body).
type frame struct {
	sc  *scope
	u   *unitCtx
	fn  *function
	ret *value
}

type evaluator struct {
	ctx    context.Context
	pass   *analysis.Pass
	parser *parser

	mods     []*module
	byPath   map[string]*module
	funcs    []*function
	budget   int
	exhaust  bool
	stack    []*function
	fr       *frame
	modTop   *module // set while a module body runs at import time
	topStmt  *node
	guard    string // trigger guarding the rest of the block
	guardLoc finding.Step
	sinks    int // count of exec/network sinks seen (for guards)
	lastSink string

	start      time.Time
	nestedAt   map[string]bool // code handed to exec/eval that was analysed
	downloaded map[string]finding.Trace
	// stored maps a path template to the taint of sensitive data the
	// skill wrote there (a copied credential, an archive of browser
	// files), so reading the file back carries it on.
	stored     map[string]taint
	unrolled   int             // depth of loops being unrolled
	unrollSeen map[string]bool // findings made inside unrolled loops
	dup2       *finding.Step
	dup2Listen bool
	dumps      []*dumpSite
}

func (ev *evaluator) tick() bool {
	ev.budget++
	if ev.budget > maxBudget || ev.exhaust {
		ev.exhaust = true
		return false
	}
	if ev.budget&4095 == 0 && (time.Since(ev.start) > maxTime || ev.ctx != nil && ev.ctx.Err() != nil) {
		ev.exhaust = true
		return false
	}
	return true
}

// ---- statements ----

func (ev *evaluator) block(n *node) {
	if n == nil {
		return
	}
	savedGuard, savedLoc := ev.guard, ev.guardLoc
	for _, st := range n.namedKids() {
		if ev.exhaust {
			return
		}
		ev.stmt(st)
	}
	ev.guard, ev.guardLoc = savedGuard, savedLoc
}

func (ev *evaluator) stmt(n *node) {
	if !ev.tick() {
		return
	}
	u := ev.fr.u
	if ev.modTop != nil && ev.fr.fn == nil {
		ev.topStmt = n
	}
	switch n.kind {
	case "module", "block":
		ev.block(n)
	case "expression_statement":
		for _, k := range n.namedKids() {
			if k.kind == "assignment" || k.kind == "augmented_assignment" {
				ev.stmt(k)
				continue
			}
			ev.expr(k)
		}
	case "assignment":
		ev.assignment(n)
	case "augmented_assignment":
		l := ev.expr(n.child("left"))
		r := ev.expr(n.child("right"))
		op := strings.TrimSuffix(n.child("operator").text(u.p.src), "=")
		ev.assign(n.child("left"), ev.binop(op, l, r, n))
	case "if_statement":
		ev.ifStmt(n)
	case "for_statement":
		it := ev.expr(n.child("right"))
		markEscape(it)
		if items := unrollable(it); items != nil && ev.unrolled < maxUnrollDepth {
			// A loop over a few constant names (file names, profile
			// folders) runs once per name, so each path is judged whole.
			ev.unrolled++
			outer := ev.unrollSeen
			if outer == nil {
				ev.unrollSeen = map[string]bool{}
			}
			for _, x := range items {
				ev.assign(n.child("left"), withTaint(x, it.t))
				ev.block(n.child("body"))
			}
			ev.unrolled--
			ev.unrollSeen = outer
		} else {
			ev.assign(n.child("left"), ev.element(it))
			ev.block(n.child("body"))
		}
		if a := n.child("alternative"); a != nil {
			ev.block(a)
		}
	case "while_statement":
		ev.expr(n.child("condition"))
		ev.block(n.child("body"))
		if a := n.child("alternative"); a != nil {
			ev.block(a)
		}
	case "try_statement":
		for _, k := range n.namedKids() {
			switch k.kind {
			case "block":
				ev.block(k)
			case "except_clause", "except_group_clause":
				if a := k.child("alias"); a != nil {
					ev.assign(a, unknown)
				}
				for _, kk := range k.namedKids() {
					if kk.kind == "block" {
						ev.block(kk)
					}
				}
			case "else_clause":
				ev.block(k.child("body"))
			case "finally_clause":
				for _, kk := range k.namedKids() {
					ev.block(kk)
				}
			}
		}
	case "with_statement":
		for _, k := range n.namedKids() {
			if k.kind == "with_clause" {
				for _, item := range k.namedKids() {
					ev.withItem(item)
				}
			}
		}
		ev.block(n.child("body"))
	case "function_definition":
		ev.defineFunc(n, nil)
	case "decorated_definition":
		for _, d := range n.namedKids() {
			if d.kind == "decorator" {
				for _, e := range d.namedKids() {
					ev.expr(e)
				}
			}
		}
		ev.stmt(n.child("definition"))
	case "class_definition":
		ev.defineClass(n)
	case "return_statement":
		var v *value = &value{k: vNone}
		if ks := n.namedKids(); len(ks) > 0 {
			v = ev.expr(ks[0])
		}
		ev.ret(v, n)
	case "import_statement", "import_from_statement", "future_import_statement":
		ev.importStmt(n)
	case "global_statement", "nonlocal_statement":
		if ev.fr.sc.globals == nil {
			ev.fr.sc.globals = map[string]bool{}
		}
		for _, k := range n.namedKids() {
			ev.fr.sc.globals[k.text(u.p.src)] = true
		}
	case "match_statement":
		ev.expr(n.child("subject"))
		for _, k := range n.kids {
			if k.kind == "block" {
				for _, c := range k.namedKids() {
					ev.block(c.child("consequence"))
				}
			}
		}
	case "delete_statement", "pass_statement", "break_statement", "continue_statement", "comment":
	case "raise_statement", "assert_statement", "print_statement", "exec_statement":
		for _, k := range n.namedKids() {
			ev.expr(k)
		}
		if n.kind == "exec_statement" {
			if c := n.child("code"); c != nil {
				ev.dynamic(n, "exec", ev.expr(c))
			}
		}
	default:
		if n.named {
			ev.expr(n)
		}
	}
}

func (ev *evaluator) ret(v *value, n *node) {
	if ev.fr.fn != nil && len(v.deepTaint()) > 0 {
		v = retaint(v, v.deepTaint().step(ev.fr.u.step(n, "returned by %s()", ev.fr.fn.name)))
	}
	if ev.fr.ret == nil {
		ev.fr.ret = v
	} else {
		ev.fr.ret = merge(ev.fr.ret, v)
	}
}

func (ev *evaluator) assignment(n *node) {
	r := n.child("right")
	if r == nil {
		return
	}
	v := ev.expr(r)
	// chained a = b = v: tree-sitter nests assignments in right.
	ev.assign(n.child("left"), v)
}

func (ev *evaluator) assign(target *node, v *value) {
	if target == nil {
		return
	}
	u := ev.fr.u
	switch target.kind {
	case "identifier":
		ev.fr.sc.set(target.text(u.p.src), v)
	case "attribute":
		obj := ev.expr(target.child("object"))
		name := target.child("attribute").text(u.p.src)
		if obj.k == vObj || obj.k == vClass {
			if obj.attrs == nil {
				obj.attrs = map[string]*value{}
			}
			if obj.k == vClass && obj.cls != nil {
				obj.cls.attrs[name] = v
			} else {
				obj.attrs[name] = v
			}
		}
	case "subscript":
		obj := ev.expr(target.child("value"))
		key := ev.expr(target.child("subscript"))
		if obj.k == vDict {
			if ks, ok := key.str(); ok {
				for i, k := range obj.keys {
					if s, ok := k.str(); ok && s == ks {
						obj.items[i] = v
						return
					}
				}
			}
			if len(obj.keys) < 4096 {
				obj.keys = append(obj.keys, key)
				obj.items = append(obj.items, v)
			}
		} else if obj.k == vList || obj.k == vUnknown {
			obj.t = obj.t.union(v.deepTaint())
		}
	case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "expression_list", "parenthesized_expression":
		ks := target.namedKids()
		for i, k := range ks {
			var item *value
			if v.k == vList && len(v.items) == len(ks) {
				item = v.items[i]
			} else {
				item = unk(v.deepTaint())
			}
			if k.kind == "list_splat_pattern" {
				item = &value{k: vList, items: []*value{unk(v.deepTaint())}}
				if kk := k.namedKids(); len(kk) > 0 {
					ev.assign(kk[0], item)
				}
				continue
			}
			ev.assign(k, item)
		}
	case "assignment":
		ev.assign(target.child("left"), v)
	}
}

func (ev *evaluator) withItem(item *node) {
	val := item.child("value")
	if val == nil {
		return
	}
	if val.kind == "as_pattern" {
		ks := val.namedKids()
		if len(ks) == 0 {
			return
		}
		v := ev.expr(ks[0])
		if a := val.child("alias"); a != nil {
			t := a
			if kk := a.namedKids(); a.kind == "as_pattern_target" && len(kk) > 0 {
				t = kk[0]
			}
			ev.assign(t, v)
		}
		return
	}
	ev.expr(val)
}

// ifStmt evaluates both branches and joins their bindings, and checks
// for trigger-guarded execution or network use.
func (ev *evaluator) ifStmt(n *node) {
	cond := ev.expr(n.child("condition"))
	trig, pol := cond.trig, cond.pol
	if pol == 0 && !strings.Contains(trig, "CI variable") {
		trig = "" // a bare value is not a check
	}
	before := ev.sinks
	base := ev.fr.sc.vars
	snap := make(map[string]*value, len(base))
	for k, v := range base {
		snap[k] = v
	}
	ev.block(n.child("consequence"))
	condSinks := ev.sinks - before
	firstSink := ev.lastSink
	thenVars := ev.fr.sc.vars
	var branches []map[string]*value
	branches = append(branches, thenVars)
	for _, alt := range n.kids {
		if alt.field != "alternative" {
			continue
		}
		ev.fr.sc.vars = copyVars(snap)
		switch alt.kind {
		case "elif_clause":
			c := ev.expr(alt.child("condition"))
			if trig == "" && (c.pol != 0 || strings.Contains(c.trig, "CI variable")) {
				trig, pol = c.trig, c.pol
			}
			ev.block(alt.child("consequence"))
		case "else_clause":
			ev.block(alt.child("body"))
		}
		branches = append(branches, ev.fr.sc.vars)
	}
	joined := copyVars(snap)
	if len(branches) == 1 {
		branches = append(branches, snap)
	}
	for _, b := range branches {
		for k, v := range b {
			if old, ok := joined[k]; ok && old != v {
				if snapV, ok := snap[k]; ok && snapV == old {
					joined[k] = v
					if len(branches) > 1 {
						joined[k] = merge(snapV, v)
					}
				} else {
					joined[k] = merge(old, v)
				}
			} else if !ok {
				joined[k] = v
			}
		}
	}
	ev.fr.sc.vars = joined
	if trig == "" {
		return
	}
	u := ev.fr.u
	// Dates and CI variables are triggers either way round; a host or
	// user name is one only when the code targets a value (runs for it,
	// or stops for everything else) — refusing to run as root is not.
	always := strings.Contains(trig, "date") || strings.Contains(trig, "CI variable")
	if condSinks > 0 && (always || pol > 0) {
		ev.report(u, n, "SG2008", finding.Finding{
			Message: fmt.Sprintf("%s only runs when %s", firstSink, trig),
			Trace:   finding.Trace{u.step(n.child("condition"), "checks %s", trig)},
		})
		return
	}
	// "if not trigger: exit" guards the rest of the block.
	if exits(n.child("consequence"), u.p.src) && (always || pol < 0) {
		ev.guard = trig
		ev.guardLoc = u.step(n.child("condition"), "checks %s and stops otherwise", trig)
	}
}

func copyVars(m map[string]*value) map[string]*value {
	out := make(map[string]*value, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// exits reports whether a block only stops: return, raise, sys.exit().
func exits(b *node, src []byte) bool {
	ks := b.namedKids()
	if len(ks) == 0 {
		return false
	}
	last := ks[len(ks)-1]
	switch last.kind {
	case "return_statement", "raise_statement":
		return true
	case "expression_statement":
		t := last.text(src)
		return strings.HasPrefix(t, "sys.exit") || strings.HasPrefix(t, "exit(") || strings.HasPrefix(t, "os._exit") || strings.HasPrefix(t, "quit(")
	}
	return false
}

// merge joins two values that reach the same variable on different paths.
func merge(a, b *value) *value {
	switch {
	case a == b:
		return a
	case a == nil:
		return b
	case b == nil:
		return a
	}
	if sa, ok := a.str(); ok {
		if sb, ok := b.str(); ok && sa == sb {
			return a
		}
	}
	base := a
	if a.k == vUnknown || a.k == vNone {
		base = b
	}
	nv := *base
	if a.k == vStr && b.k == vStr && a.s != b.s {
		nv = value{k: vStr, s: commonPrefix(a.s, b.s) + hole}
	}
	nv.t = a.t.union(b.t)
	if nv.trig == "" {
		nv.trig = b.trig
	}
	return &nv
}

func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[:i]
}

func (ev *evaluator) defineFunc(n *node, cls *class) *value {
	u := ev.fr.u
	f := &function{node: n, name: n.child("name").text(u.p.src), u: u, cls: cls}
	ev.funcs = append(ev.funcs, f)
	v := &value{k: vFunc, fn: f}
	ev.fr.sc.set(f.name, v)
	return v
}

func (ev *evaluator) defineClass(n *node) {
	u := ev.fr.u
	c := &class{name: n.child("name").text(u.p.src), attrs: map[string]*value{}}
	cv := &value{k: vClass, cls: c}
	if sup := n.child("superclasses"); sup != nil {
		for _, k := range sup.namedKids() {
			b := ev.expr(k)
			if b.k == vClass {
				for name, a := range b.cls.attrs {
					c.attrs[name] = a
				}
			}
		}
	}
	saved := ev.fr.sc
	ev.fr.sc = newScope(saved)
	body := n.child("body")
	for _, st := range body.namedKids() {
		switch st.kind {
		case "function_definition":
			c.attrs[st.child("name").text(u.p.src)] = ev.defineFunc(st, c)
		case "decorated_definition":
			if d := st.child("definition"); d != nil && d.kind == "function_definition" {
				c.attrs[d.child("name").text(u.p.src)] = ev.defineFunc(d, c)
			}
		default:
			ev.stmt(st)
		}
	}
	for k, v := range ev.fr.sc.vars {
		if _, ok := c.attrs[k]; !ok {
			c.attrs[k] = v
		}
	}
	ev.fr.sc = saved
	ev.fr.sc.set(c.name, cv)
}

// ---- expressions ----

func (ev *evaluator) expr(n *node) *value {
	if n == nil || !ev.tick() {
		return unknown
	}
	u := ev.fr.u
	src := u.p.src
	switch n.kind {
	case "identifier":
		return ev.name(n.text(src))
	case "string":
		return ev.stringNode(n)
	case "concatenated_string":
		var parts []*value
		for _, k := range n.namedKids() {
			parts = append(parts, ev.stringNode(k))
		}
		v := concat(parts...)
		v.folded = false
		return v
	case "integer":
		t := strings.ReplaceAll(strings.ToLower(n.text(src)), "_", "")
		t = strings.TrimSuffix(t, "l")
		if i, err := strconv.ParseInt(t, 0, 64); err == nil {
			return intv(i)
		}
		return unknown
	case "true":
		return intv(1)
	case "false":
		return intv(0)
	case "none":
		return &value{k: vNone}
	case "list", "tuple", "set", "expression_list", "pattern_list":
		lv := &value{k: vList}
		for _, k := range n.namedKids() {
			if k.kind == "list_splat" || k.kind == "parenthesized_list_splat" {
				inner := ev.expr(first(k))
				if inner.k == vList {
					lv.items = append(lv.items, inner.items...)
				} else {
					lv.items = append(lv.items, ev.element(inner))
				}
				continue
			}
			lv.items = append(lv.items, ev.expr(k))
		}
		lv.t = itemsTaint(lv.items)
		return lv
	case "dictionary":
		dv := &value{k: vDict}
		for _, k := range n.namedKids() {
			switch k.kind {
			case "pair":
				dv.keys = append(dv.keys, ev.expr(k.child("key")))
				dv.items = append(dv.items, ev.expr(k.child("value")))
			case "dictionary_splat":
				inner := ev.materialize(ev.expr(first(k)), k)
				if inner.k == vDict {
					dv.keys = append(dv.keys, inner.keys...)
					dv.items = append(dv.items, inner.items...)
				}
				dv.t = dv.t.union(inner.t)
				if inner.dump != nil {
					dv.dump = inner.dump
				}
			}
		}
		dv.t = dv.t.union(itemsTaint(dv.items)).union(itemsTaint(dv.keys))
		return dv
	case "parenthesized_expression":
		return ev.expr(first(n))
	case "binary_operator":
		l := ev.expr(n.child("left"))
		r := ev.expr(n.child("right"))
		return ev.binop(n.child("operator").text(src), l, r, n)
	case "unary_operator":
		a := ev.expr(n.child("argument"))
		if a.k == vInt {
			switch n.child("operator").text(src) {
			case "-":
				return intv(-a.n)
			case "~":
				return intv(^a.n)
			case "+":
				return a
			}
		}
		return unk(a.t)
	case "boolean_operator":
		l := ev.expr(n.child("left"))
		r := ev.expr(n.child("right"))
		v := merge(l, r)
		if l.k == vUnknown || l.k == vNone {
			v = withTaint(r, l.t)
		}
		if v.trig == "" || v.pol == 0 {
			nv := *v
			nv.trig, nv.pol = l.trig, l.pol
			if nv.trig == "" || nv.pol == 0 && r.pol != 0 {
				nv.trig, nv.pol = r.trig, r.pol
			}
			v = &nv
		}
		return v
	case "not_operator":
		a := ev.expr(n.child("argument"))
		return &value{k: vUnknown, trig: a.trig, pol: -a.pol}
	case "comparison_operator":
		return ev.compare(n)
	case "conditional_expression":
		ks := n.namedKids()
		if len(ks) == 3 {
			a := ev.expr(ks[0])
			c := ev.expr(ks[1])
			b := ev.expr(ks[2])
			v := merge(a, b)
			if c.trig != "" && v.trig == "" {
				nv := *v
				nv.trig = c.trig
				v = &nv
			}
			return v
		}
	case "attribute":
		obj := ev.expr(n.child("object"))
		return ev.getAttr(obj, n.child("attribute").text(src), n)
	case "subscript":
		obj := ev.expr(n.child("value"))
		var idx *value
		subs := n.kids
		for _, k := range subs {
			if k.field == "subscript" {
				if k.kind == "slice" {
					return ev.slice(obj, k)
				}
				idx = ev.expr(k)
				break
			}
		}
		return ev.getItem(obj, idx, n)
	case "call":
		return ev.call(n)
	case "lambda":
		return &value{k: vFunc, fn: &function{node: n, name: "lambda", u: u}}
	case "list_comprehension", "generator_expression", "set_comprehension", "dictionary_comprehension":
		return ev.comprehension(n)
	case "await", "yield":
		if k := first(n); k != nil {
			v := ev.expr(k)
			if n.kind == "yield" {
				// A generator's call is iterated: what it yields are the
				// elements (yield from hands over a whole iterable).
				if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(n.text(src), "yield")), "from") {
					ev.ret(v, n)
				} else {
					ev.ret(&value{k: vList, items: []*value{v}, t: v.t}, n)
				}
			}
			return v
		}
		return unknown
	case "named_expression":
		v := ev.expr(n.child("value"))
		ev.assign(n.child("name"), v)
		return v
	case "keyword_argument":
		return ev.expr(n.child("value"))
	case "list_splat", "dictionary_splat":
		return ev.expr(first(n))
	case "ellipsis", "float":
		return unknown
	}
	// Unknown construct: evaluate children for their effects.
	var t taint
	for _, k := range n.namedKids() {
		t = t.union(ev.expr(k).t)
	}
	return unk(t)
}

func first(n *node) *node {
	if ks := n.namedKids(); len(ks) > 0 {
		return ks[0]
	}
	return nil
}

func (ev *evaluator) stringNode(n *node) *value {
	if n.kind != "string" {
		return ev.expr(n)
	}
	var t taint
	trig := ""
	s, isBytes, exact := stringLit(n, ev.fr.u.p.src, func(k *node) (string, bool) {
		e := k.child("expression")
		if e == nil {
			e = first(k)
		}
		v := ev.materialize(ev.expr(e), k)
		t = t.union(v.deepTaint())
		if v.trig != "" {
			trig = v.trig
		}
		if s, ok := v.str(); ok {
			return s, true
		}
		if v.k == vInt {
			return itoa(v.n), true
		}
		return v.tmpl(), false
	})
	interp := false
	for _, k := range n.kids {
		if k.kind == "interpolation" {
			interp = true
		}
	}
	return &value{k: vStr, s: s, exact: exact, isBytes: isBytes, t: t, folded: interp, trig: trig}
}

func (ev *evaluator) name(id string) *value {
	if v, ok := ev.fr.sc.lookup(id); ok {
		return v
	}
	switch id {
	case "__builtins__":
		return sym("builtins")
	case "__name__":
		return strv("__main__")
	case "__file__":
		return &value{k: vStr, s: hole + "/" + hole + ".py"}
	}
	if builtinNames[id] {
		return sym(id)
	}
	return unknown
}

var builtinNames = map[string]bool{
	"eval": true, "exec": true, "compile": true, "open": true, "__import__": true, "getattr": true,
	"setattr": true, "globals": true, "locals": true, "vars": true, "chr": true, "ord": true, "str": true,
	"bytes": true, "bytearray": true, "dict": true, "list": true, "tuple": true, "set": true, "int": true,
	"print": true, "len": true, "range": true, "enumerate": true, "zip": true, "map": true, "reversed": true,
	"sorted": true, "execfile": true, "input": true, "repr": true, "hex": true, "sum": true, "iter": true, "next": true,
	"breakpoint": true, "memoryview": true, "filter": true, "any": true, "all": true, "min": true, "max": true,
}

func (ev *evaluator) binop(op string, l, r *value, n *node) *value {
	t := l.t.union(r.t)
	switch {
	case l.k == vInt && r.k == vInt:
		a, b := l.n, r.n
		switch op {
		case "+":
			return intv(a + b)
		case "-":
			return intv(a - b)
		case "*":
			return intv(a * b)
		case "^":
			return intv(a ^ b)
		case "&":
			return intv(a & b)
		case "|":
			return intv(a | b)
		case "%":
			if b != 0 {
				return intv(((a % b) + b) % b)
			}
		case "//":
			if b != 0 {
				return intv(a / b)
			}
		case "<<":
			if b >= 0 && b < 63 {
				return intv(a << b)
			}
		case ">>":
			if b >= 0 && b < 63 {
				return intv(a >> b)
			}
		}
		return unk(t)
	case op == "/" && l.k == vObj && l.s == "path":
		return pathObj(joinPath(l.path, r))
	case op == "+" && (l.k == vStr || r.k == vStr):
		return concat(l, r)
	case op == "+" && l.k == vList && r.k == vList:
		return &value{k: vList, items: append(append([]*value(nil), l.items...), r.items...), t: t}
	case op == "+" && l.k == vList && r.k != vStr:
		// ["ffmpeg"] + args: the program stays known.
		return &value{k: vList, items: append(append([]*value(nil), l.items...), ev.element(r)), t: t}
	case op == "*" && l.k == vStr && r.k == vInt:
		if s, ok := l.str(); ok && r.n >= 0 && int64(len(s))*r.n <= maxStr {
			return &value{k: vStr, s: strings.Repeat(s, int(r.n)), exact: true, t: t}
		}
	case op == "%" && l.k == vStr:
		var args []*value
		if r.k == vList {
			args = r.items
		} else {
			args = []*value{r}
		}
		return percentFormat(l, args, ev, n)
	}
	if l.k == vStr || r.k == vStr {
		return &value{k: vStr, s: hole, t: t}
	}
	return unk(t)
}

func percentFormat(f *value, args []*value, ev *evaluator, n *node) *value {
	s := f.s
	var b strings.Builder
	exact := f.exact
	t := f.t
	ai := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("0123456789.-+ #", s[j]) >= 0 {
			j++
		}
		if j >= len(s) {
			b.WriteString(s[i:])
			break
		}
		if s[j] == '%' {
			b.WriteByte('%')
			i = j
			continue
		}
		var a *value
		if ai < len(args) {
			a = ev.materialize(args[ai], n)
			ai++
		}
		if a != nil {
			t = t.union(a.deepTaint())
		}
		switch {
		case a != nil && a.k == vInt && s[j] == 'c':
			b.WriteRune(rune(a.n))
		case a != nil && a.k == vInt && (s[j] == 'x'):
			b.WriteString(strconv.FormatInt(a.n, 16))
		case a != nil && (a.k == vStr || a.k == vInt):
			b.WriteString(a.tmpl())
			if a.k == vStr && !a.exact {
				exact = false
			}
		default:
			b.WriteString(hole)
			exact = false
		}
		i = j
	}
	return &value{k: vStr, s: b.String(), exact: exact, t: t, folded: true}
}

func (ev *evaluator) compare(n *node) *value {
	ks := n.namedKids()
	var vals []*value
	trig := ""
	for _, k := range ks {
		v := ev.expr(k)
		vals = append(vals, v)
		if v.trig != "" {
			trig = v.trig
		}
	}
	src := ev.fr.u.p.src
	ops := ""
	for _, k := range n.kids {
		if !k.named {
			ops += k.text(src) + " "
		}
	}
	if len(vals) == 2 {
		l, r := vals[0], vals[1]
		// "CI" in os.environ
		if r.k == vSym && r.s == "os.environ" && strings.Contains(ops, "in") {
			if s, ok := l.str(); ok {
				ev.envCap(n, s)
				if ciEnv(s) {
					trig = "the CI variable " + s + " is checked"
				}
			}
		}
	}
	if trig == "" {
		return &value{k: vUnknown}
	}
	var pol int8 = 1
	if strings.Contains(ops, "!=") || strings.Contains(ops, "not ") || strings.Contains(ops, "is not") {
		pol = -1
	}
	return &value{k: vUnknown, trig: trig, pol: pol}
}

func ciEnv(name string) bool {
	switch strings.ToUpper(name) {
	case "CI", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "JENKINS_HOME", "BUILD_ID", "BUILD_NUMBER", "TRAVIS",
		"CIRCLECI", "BUILDKITE", "TEAMCITY_VERSION", "TF_BUILD", "CODEBUILD_BUILD_ID", "BITBUCKET_BUILD_NUMBER", "DRONE", "RUNNER_OS":
		return true
	}
	return false
}

func (ev *evaluator) slice(obj *value, sl *node) *value {
	ks := sl.text(ev.fr.u.p.src)
	s, ok := obj.str()
	if ok && strings.ReplaceAll(ks, " ", "") == "::-1" {
		r := []rune(s)
		if obj.isBytes {
			b := []byte(s)
			for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
				b[i], b[j] = b[j], b[i]
			}
			return &value{k: vStr, s: string(b), exact: true, isBytes: true, folded: true, technique: "a reversed string", t: obj.t}
		}
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return &value{k: vStr, s: string(r), exact: true, folded: true, technique: "a reversed string", t: obj.t}
	}
	var idx []*value
	for _, k := range sl.namedKids() {
		idx = append(idx, ev.expr(k))
	}
	if ok && len(idx) >= 1 && len(idx) <= 2 && !strings.Contains(ks, "::") {
		lo, hi := int64(0), int64(len(s))
		parts := strings.SplitN(ks, ":", 2)
		i := 0
		if strings.TrimSpace(parts[0]) != "" {
			if idx[i].k != vInt {
				return unk(obj.t)
			}
			lo = idx[i].n
			i++
		}
		if len(parts) > 1 && strings.TrimSpace(parts[1]) != "" {
			if i >= len(idx) || idx[i].k != vInt {
				return unk(obj.t)
			}
			hi = idx[i].n
		}
		if lo < 0 {
			lo += int64(len(s))
		}
		if hi < 0 {
			hi += int64(len(s))
		}
		if lo >= 0 && hi <= int64(len(s)) && lo <= hi {
			return &value{k: vStr, s: s[lo:hi], exact: true, isBytes: obj.isBytes, t: obj.t, folded: true}
		}
	}
	if obj.k == vList {
		return &value{k: vList, items: obj.items, t: obj.t}
	}
	return unk(obj.deepTaint())
}

// element is what iterating over v yields.
func (ev *evaluator) element(v *value) *value {
	switch v.k {
	case vList:
		if len(v.items) == 1 {
			return withTaint(v.items[0], v.t)
		}
		var t taint = v.t
		var m *value
		for i, it := range v.items {
			if i > 64 {
				break
			}
			t = t.union(it.deepTaint())
			if m == nil {
				m = it
			} else {
				m = merge(m, it)
			}
		}
		if m == nil {
			return unk(t)
		}
		return withTaint(m, t)
	case vDict:
		var t taint = v.t
		for _, k := range v.keys {
			t = t.union(k.t)
		}
		return unk(t)
	case vSym:
		if v.s == "os.environ" {
			return ev.materialize(v, nil)
		}
	}
	return unk(v.deepTaint())
}

// itemsTaint is the union of the taint of a container's items.
func itemsTaint(items []*value) taint {
	var t taint
	for _, it := range items {
		t = t.union(it.deepTaint())
	}
	return t
}

// Loops over at most maxUnroll distinct constant strings are unrolled,
// at most maxUnrollDepth deep.
const (
	maxUnroll      = 8
	maxUnrollDepth = 2
)

// unrollable returns the items of a small list of distinct constant
// strings, or nil.
func unrollable(v *value) []*value {
	if v == nil || v.k != vList || len(v.items) < 2 || len(v.items) > maxUnroll {
		return nil
	}
	for _, it := range v.items {
		if it == nil || it.k != vStr || !it.exact {
			return nil
		}
	}
	return v.items
}
