package js

import (
	"regexp"
	"skillgate.dev/skillgate/internal/lazyre"
	"slices"
	"strconv"
	"strings"

	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

// Bounds on the interpreter: call depth when inlining functions, and the
// total number of nodes evaluated per skill.
const (
	maxCallDepth = 10
	maxSteps     = 500_000
)

type scope struct {
	vars   map[string]*value
	parent *scope
}

func newScope(parent *scope) *scope { return &scope{vars: map[string]*value{}, parent: parent} }

func (s *scope) lookup(name string) (*value, *scope) {
	for c := s; c != nil; c = c.parent {
		if v, ok := c.vars[name]; ok {
			return v, c
		}
	}
	return nil, nil
}

// function is a function value: its syntax and the scope it closes over.
type function struct {
	n      *node
	params *node
	body   *node
	scope  *scope
	mod    *module
	name   string
	called bool
	// class methods for "new"
	methods map[string]*function
	ctor    *function
}

// guard is an enclosing condition that acts as a trigger.
type guard struct {
	desc string
	ci   bool
	step finding.Step
}

// frame is the evaluation context of one function activation.
type frame struct {
	mod   *module
	sc    *scope
	this  *value
	depth int
	top   bool
	// topMod is the module whose loading this activation is part of.
	topMod *module
	guards []guard
	rets   []*value
}

func (a *az) tick() bool {
	a.steps++
	return a.steps <= maxSteps
}

// stmts evaluates a statement list, hoisting function declarations and
// treating `if (trigger) return;` as a guard over the rest of the list.
func (a *az) stmts(fr *frame, list []*node) {
	for _, s := range list {
		a.hoist(fr, s)
	}
	pushed := 0
	for _, s := range list {
		if s.kind == "if_statement" && exitsEarly(s.child("consequence"), fr.mod.src) {
			if g, ok := a.trigger(fr, s.child("condition")); ok {
				a.expr(fr, s.child("condition"))
				fr.guards = append(fr.guards, g)
				pushed++
				continue
			}
		}
		a.stmt(fr, s)
	}
	fr.guards = fr.guards[:len(fr.guards)-pushed]
}

func exitsEarly(n *node, src []byte) bool {
	if n == nil {
		return false
	}
	if n.kind == "statement_block" {
		if len(n.kids) != 1 {
			return false
		}
		n = n.kids[0]
	}
	switch n.kind {
	case "return_statement", "throw_statement":
		return true
	case "expression_statement":
		c := n.first()
		if c != nil && c.kind == "call_expression" {
			f := c.child("function")
			return f != nil && f.kind == "member_expression" && f.child("property").text(src) == "exit"
		}
	}
	return false
}

func (a *az) hoist(fr *frame, s *node) {
	if s.kind == "export_statement" {
		if d := s.child("declaration"); d != nil {
			s = d
		}
	}
	switch s.kind {
	case "function_declaration", "generator_function_declaration":
		if name := s.child("name"); name != nil {
			fr.sc.vars[name.text(fr.mod.src)] = a.funcValue(fr, s)
		}
	}
}

func (a *az) stmt(fr *frame, n *node) {
	if n == nil || !a.tick() {
		return
	}
	src := fr.mod.src
	switch n.kind {
	case "comment", "empty_statement", "debugger_statement", "hash_bang_line",
		"interface_declaration", "type_alias_declaration", "enum_declaration", "ambient_declaration",
		"import_alias", "break_statement", "continue_statement":
	case "expression_statement":
		for _, k := range n.kids {
			a.expr(fr, k)
		}
	case "lexical_declaration", "variable_declaration":
		for _, d := range n.kids {
			if d.kind != "variable_declarator" {
				continue
			}
			var v *value
			if vn := d.child("value"); vn != nil {
				v = a.expr(fr, vn)
				if f := v.fn; f != nil && f.name == "" {
					f.name = d.child("name").text(src)
				}
			} else {
				v = &value{}
			}
			a.bind(fr, d.child("name"), v, true)
		}
	case "function_declaration", "generator_function_declaration":
		// hoisted
	case "class_declaration", "abstract_class_declaration":
		v := a.classValue(fr, n)
		if name := n.child("name"); name != nil {
			fr.sc.vars[name.text(src)] = v
		}
	case "return_statement":
		var v *value
		if c := n.first(); c != nil {
			v = a.expr(fr, c)
		} else {
			v = &value{}
		}
		fr.rets = append(fr.rets, v)
	case "if_statement":
		cond := n.child("condition")
		a.expr(fr, cond)
		g, ok := a.trigger(fr, cond)
		if ok {
			fr.guards = append(fr.guards, g)
		}
		a.stmt(fr, n.child("consequence"))
		if alt := n.child("alternative"); alt != nil {
			for _, k := range alt.kids {
				a.stmt(fr, k)
			}
		}
		if ok {
			fr.guards = fr.guards[:len(fr.guards)-1]
		}
	case "else_clause":
		for _, k := range n.kids {
			a.stmt(fr, k)
		}
	case "for_in_statement":
		right := a.expr(fr, n.child("right"))
		if right.q == "process.env" && n.child("operator").text(src) == "in" {
			a.envDump(fr, n.child("right"), "iterates over process.env")
		}
		for _, elem := range loopElems(right, n.child("operator").text(src) == "in") {
			if l := n.child("left"); l != nil {
				a.bind(fr, l, elem, true)
			}
			a.stmt(fr, n.child("body"))
		}
	case "for_statement":
		a.stmt(fr, n.child("initializer"))
		a.expr(fr, n.child("condition"))
		a.expr(fr, n.child("increment"))
		a.stmt(fr, n.child("body"))
	case "while_statement", "do_statement":
		a.expr(fr, n.child("condition"))
		a.stmt(fr, n.child("body"))
	case "statement_block", "class_static_block":
		inner := *fr
		inner.sc = newScope(fr.sc)
		inner.rets = nil
		a.stmts(&inner, n.kids)
		fr.rets = append(fr.rets, inner.rets...)
	case "try_statement":
		a.stmt(fr, n.child("body"))
		if h := n.child("handler"); h != nil {
			inner := *fr
			inner.sc = newScope(fr.sc)
			inner.rets = nil
			if p := h.child("parameter"); p != nil {
				a.bind(&inner, p, &value{}, true)
			}
			a.stmt(&inner, h.child("body"))
			fr.rets = append(fr.rets, inner.rets...)
		}
		if f := n.child("finalizer"); f != nil {
			a.stmt(fr, f.child("body"))
		}
	case "switch_statement":
		a.expr(fr, n.child("value"))
		if b := n.child("body"); b != nil {
			for _, c := range b.kids {
				var body []*node
				for _, k := range c.kids {
					if k.field == "value" {
						a.expr(fr, k)
						continue
					}
					body = append(body, k)
				}
				a.stmts(fr, body)
			}
		}
	case "labeled_statement":
		a.stmt(fr, n.child("body"))
	case "export_statement":
		a.exportStmt(fr, n)
	case "import_statement":
		a.importStmt(fr, n)
	case "throw_statement":
		a.expr(fr, n.first())
	case "program", "module", "internal_module":
		if b := n.child("body"); b != nil {
			a.stmt(fr, b)
			return
		}
		a.stmts(fr, n.kids)
	default:
		a.expr(fr, n)
	}
}

// bind binds a pattern (identifier, destructuring) to v in fr's scope.
func (a *az) bind(fr *frame, p *node, v *value, declare bool) {
	if p == nil {
		return
	}
	src := fr.mod.src
	switch p.kind {
	case "identifier", "shorthand_property_identifier_pattern", "shorthand_property_identifier", "this":
		name := p.text(src)
		if declare {
			fr.sc.vars[name] = v
			return
		}
		if old, sc := fr.sc.lookup(name); sc != nil {
			nv := v
			if old != nil && len(old.taint) > 0 && old != v && v.fn == nil && v.role == roleNone {
				nv = &value{}
				*nv = *v
				nv.taint = addTaint(slices.Clone(v.taint), old.taint...)
			}
			sc.vars[name] = nv
			return
		}
		a.global.vars[name] = v
	case "object_pattern":
		for _, k := range p.kids {
			switch k.kind {
			case "shorthand_property_identifier_pattern":
				a.bind(fr, k, a.member(fr, k, v, k.text(src), ""), declare)
			case "pair_pattern":
				key, built := a.propKey(fr, k.child("key"))
				a.bind(fr, k.child("value"), a.member(fr, k, v, key, built), declare)
			case "object_assignment_pattern":
				l := k.child("left")
				m := a.member(fr, l, v, l.text(src), "")
				if !m.isStr && m.q == "" && m.fn == nil {
					d := a.expr(fr, k.child("right"))
					m = mergeDefault(m, d)
				}
				a.bind(fr, l, m, declare)
			case "rest_pattern":
				a.bind(fr, k.first(), derive(v), declare)
			}
		}
	case "array_pattern":
		i := 0
		for _, k := range p.kids {
			if k.kind == "comment" {
				continue
			}
			var e *value
			if i < len(v.elems) {
				e = v.elems[i]
			} else {
				e = derive(v)
				e.role = roleNone
			}
			if k.kind == "rest_pattern" {
				a.bind(fr, k.first(), derive(v), declare)
			} else {
				a.bind(fr, k, e, declare)
			}
			i++
		}
	case "assignment_pattern":
		d := a.expr(fr, p.child("right"))
		a.bind(fr, p.child("left"), mergeDefault(v, d), declare)
	case "required_parameter", "optional_parameter":
		pat := p.child("pattern")
		if dv := p.child("value"); dv != nil {
			v = mergeDefault(v, a.expr(fr, dv))
		}
		a.bind(fr, pat, v, declare)
	case "rest_pattern":
		a.bind(fr, p.first(), v, declare)
	case "member_expression", "subscript_expression":
		a.assignMember(fr, p, v)
	case "parenthesized_expression", "non_null_expression", "as_expression":
		a.bind(fr, p.first(), v, declare)
	}
}

// mergeDefault is the value of `x = d` patterns: x when known, d
// otherwise, with both taints.
func mergeDefault(v, d *value) *value {
	if v.isStr || v.q != "" || v.fn != nil || v.props != nil || v.role != roleNone {
		return v
	}
	out := &value{}
	*out = *d
	out.taint = addTaint(slices.Clone(d.taint), v.taint...)
	return out
}

func (a *az) assignMember(fr *frame, p *node, v *value) {
	src := fr.mod.src
	objN := p.child("object")
	var key, built string
	if p.kind == "member_expression" {
		key = p.child("property").text(src)
	} else {
		iv := a.expr(fr, p.child("index"))
		if !iv.isStr && !iv.isNum {
			obj := a.expr(fr, objN)
			if obj != nil && obj.q == "" {
				obj.taint = addTaint(obj.taint, v.taint...)
			}
			return
		}
		key, _ = iv.text()
		built = iv.built
	}
	_ = built
	// module.exports = ..., exports.x = ..., module.exports.x = ...
	ot := objN.text(src)
	if ot == "module" && key == "exports" && fr.mod != nil {
		fr.mod.exports = v
		return
	}
	obj := a.expr(fr, objN)
	if obj == nil || obj.q != "" && obj.q != "this" {
		return
	}
	if obj.props == nil {
		obj.props = map[string]*value{}
	}
	obj.props[key] = v
	obj.taint = addTaint(obj.taint, v.taint...)
}

// propKey returns the name of an object key node.
func (a *az) propKey(fr *frame, k *node) (string, string) {
	if k == nil {
		return "", ""
	}
	switch k.kind {
	case "property_identifier", "identifier", "private_property_identifier", "shorthand_property_identifier":
		return k.text(fr.mod.src), ""
	case "computed_property_name":
		v := a.expr(fr, k.first())
		s, _ := v.text()
		return s, v.built
	}
	v := a.expr(fr, k)
	s, _ := v.text()
	return s, v.built
}

func (a *az) funcValue(fr *frame, n *node) *value {
	f := &function{n: n, params: n.child("parameters"), body: n.child("body"), scope: fr.sc, mod: fr.mod}
	if f.params == nil {
		f.params = n.child("parameter")
	}
	if name := n.child("name"); name != nil {
		f.name = name.text(fr.mod.src)
	}
	a.funcs = append(a.funcs, f)
	return &value{fn: f}
}

func (a *az) classValue(fr *frame, n *node) *value {
	f := &function{n: n, scope: fr.sc, mod: fr.mod, methods: map[string]*function{}, called: true}
	if name := n.child("name"); name != nil {
		f.name = name.text(fr.mod.src)
	}
	if b := n.child("body"); b != nil {
		for _, m := range b.kids {
			if m.kind != "method_definition" {
				continue
			}
			mv := a.funcValue(fr, m)
			name := m.child("name").text(fr.mod.src)
			if name == "constructor" {
				f.ctor = mv.fn
				continue
			}
			f.methods[name] = mv.fn
		}
	}
	return &value{fn: f}
}

// expr evaluates an expression. It never returns nil.
func (a *az) expr(fr *frame, n *node) *value {
	if n == nil || !a.tick() {
		return &value{}
	}
	src := fr.mod.src
	switch n.kind {
	case "identifier", "shorthand_property_identifier":
		return a.ident(fr, n, n.text(src))
	case "this":
		if fr.this != nil {
			return fr.this
		}
		return &value{q: "this"}
	case "string":
		raw := n.text(src)
		if len(raw) >= 2 {
			raw = raw[1 : len(raw)-1]
		}
		s, esc := unescapeJS(raw)
		v := strVal(s)
		if esc {
			v.built = "escape sequences"
		}
		return v
	case "template_string":
		return a.template(fr, n)
	case "number":
		t := strings.ReplaceAll(n.text(src), "_", "")
		var f float64
		if i, err := strconv.ParseInt(t, 0, 64); err == nil {
			f = float64(i)
		} else if g, err := strconv.ParseFloat(t, 64); err == nil {
			f = g
		} else if strings.HasPrefix(t, "0o") || strings.HasPrefix(t, "0O") {
			i, _ := strconv.ParseInt(t[2:], 8, 64)
			f = float64(i)
		}
		return &value{num: f, isNum: true}
	case "regex":
		return &value{str: n.text(src), q: "regex"}
	case "true", "false", "null", "undefined":
		return &value{}
	case "parenthesized_expression":
		var v *value = &value{}
		for _, k := range n.kids {
			v = a.expr(fr, k)
		}
		return v
	case "sequence_expression":
		var v *value = &value{}
		for _, k := range n.kids {
			v = a.expr(fr, k)
		}
		return v
	case "as_expression", "satisfies_expression", "non_null_expression", "type_assertion", "spread_element",
		"await_expression", "template_substitution", "computed_property_name", "jsx_expression", "instantiation_expression":
		var v *value = &value{}
		for _, k := range n.kids {
			if strings.HasSuffix(k.kind, "type") || k.kind == "type_arguments" {
				continue
			}
			v = a.expr(fr, k)
			break
		}
		return v
	case "yield_expression":
		return a.expr(fr, n.first())
	case "binary_expression":
		return a.binary(fr, n)
	case "unary_expression":
		v := a.expr(fr, n.child("argument"))
		op := n.child("operator").text(src)
		if op == "-" && v.isNum {
			return &value{num: -v.num, isNum: true}
		}
		return union(v)
	case "update_expression":
		return union(a.expr(fr, n.child("argument")))
	case "ternary_expression":
		a.expr(fr, n.child("condition"))
		c, d := a.expr(fr, n.child("consequence")), a.expr(fr, n.child("alternative"))
		if c.q != "" || c.fn != nil || c.role != roleNone {
			return c
		}
		if d.q != "" || d.fn != nil || d.role != roleNone {
			return d
		}
		u := union(c, d)
		if c.isStr && d.isStr && c.str == d.str {
			u.str, u.isStr = c.str, true
		}
		return u
	case "assignment_expression":
		v := a.expr(fr, n.child("right"))
		if v.fn != nil && v.fn.name == "" {
			v.fn.name = n.child("left").text(src)
		}
		a.bind(fr, n.child("left"), v, false)
		return v
	case "augmented_assignment_expression":
		l := n.child("left")
		old := a.expr(fr, l)
		r := a.expr(fr, n.child("right"))
		var v *value
		if n.child("operator").text(src) == "+=" {
			v = concat(old, r)
		} else {
			v = union(old, r)
		}
		if l.kind == "identifier" {
			if _, sc := fr.sc.lookup(l.text(src)); sc != nil {
				sc.vars[l.text(src)] = v
				return v
			}
		}
		a.bind(fr, l, v, false)
		return v
	case "call_expression":
		return a.call(fr, n)
	case "new_expression":
		return a.newExpr(fr, n)
	case "member_expression":
		obj := a.expr(fr, n.child("object"))
		return a.member(fr, n, obj, n.child("property").text(src), "")
	case "subscript_expression":
		obj := a.expr(fr, n.child("object"))
		iv := a.expr(fr, n.child("index"))
		if iv.isStr || iv.isNum {
			k, _ := iv.text()
			if iv.isNum && obj.elems != nil {
				i := int(iv.num)
				if i >= 0 && i < len(obj.elems) {
					return obj.elems[i]
				}
			}
			return a.member(fr, n, obj, k, iv.built)
		}
		out := derive(obj)
		out.role = roleNone
		if obj.elems != nil {
			out = union(obj.elems...)
			out.taint = addTaint(out.taint, obj.taint...)
		}
		return out
	case "object":
		return a.object(fr, n)
	case "array":
		v := &value{elems: []*value{}}
		for _, k := range n.kids {
			if k.kind == "comment" {
				continue
			}
			e := a.expr(fr, k)
			if k.kind == "spread_element" && e.elems != nil {
				v.elems = append(v.elems, e.elems...)
			} else {
				v.elems = append(v.elems, e)
			}
			v.taint = addTaint(v.taint, e.taint...)
		}
		return v
	case "arrow_function", "function_expression", "function", "generator_function":
		return a.funcValue(fr, n)
	case "class":
		return a.classValue(fr, n)
	}
	// Anything else (JSX, decorators, unknown syntax): evaluate children
	// for their effects, carry their taint.
	out := &value{}
	for _, k := range n.kids {
		if strings.HasSuffix(k.kind, "type") || k.kind == "type_annotation" || k.kind == "type_arguments" {
			continue
		}
		if k.kind == "statement_block" || strings.HasSuffix(k.kind, "statement") || strings.HasSuffix(k.kind, "declaration") {
			a.stmt(fr, k)
			continue
		}
		out.taint = addTaint(out.taint, a.expr(fr, k).taint...)
	}
	return out
}

func (a *az) template(fr *frame, n *node) *value {
	src := fr.mod.src
	raw := n.text(src)
	if len(raw) < 2 {
		return strVal("")
	}
	pos := n.start + 1
	var parts []*value
	for _, k := range n.kids {
		if k.kind != "template_substitution" {
			continue
		}
		s, _ := unescapeJS(string(src[pos:k.start]))
		parts = append(parts, strVal(s))
		parts = append(parts, a.expr(fr, k))
		pos = k.end
	}
	if n.end >= 1 && pos <= n.end-1 {
		s, _ := unescapeJS(string(src[pos : n.end-1]))
		parts = append(parts, strVal(s))
	}
	v := strVal("")
	for _, p := range parts {
		v = concat(v, p)
	}
	if len(parts) > 1 && v.isStr && (v.built == "" || v.built == "concatenation") {
		v.built = "template literal"
	}
	return v
}

// concat is string +.
func concat(l, r *value) *value {
	ls, lok := l.text()
	rs, rok := r.text()
	out := union(l, r)
	if lok && rok {
		out.str, out.isStr = clip(ls+rs), true
		if ls != "" && rs != "" {
			out.built = "concatenation"
		} else if l.built != "" {
			out.built = l.built
		} else {
			out.built = r.built
		}
		out.decodedFrom = append(slices.Clone(l.decodedFrom), r.decodedFrom...)
		return out
	}
	if lok {
		out.prefix = clip(ls + rs)
	} else {
		out.prefix = l.prefix
	}
	return out
}

func (a *az) binary(fr *frame, n *node) *value {
	l := a.expr(fr, n.child("left"))
	r := a.expr(fr, n.child("right"))
	switch n.child("operator").text(fr.mod.src) {
	case "+":
		if l.isNum && r.isNum {
			return &value{num: l.num + r.num, isNum: true}
		}
		return concat(l, r)
	case "^":
		if l.isNum && r.isNum {
			return &value{num: float64(int64(l.num) ^ int64(r.num)), isNum: true}
		}
	case "-":
		if l.isNum && r.isNum {
			return &value{num: l.num - r.num, isNum: true}
		}
	case "*":
		if l.isNum && r.isNum {
			return &value{num: l.num * r.num, isNum: true}
		}
	case "||", "??":
		if l.isStr || l.q != "" || l.fn != nil || l.role != roleNone {
			return l
		}
		if r.q != "" || r.fn != nil || r.role != roleNone {
			return r
		}
	}
	return union(l, r)
}

func (a *az) object(fr *frame, n *node) *value {
	src := fr.mod.src
	v := &value{props: map[string]*value{}}
	for _, k := range n.kids {
		switch k.kind {
		case "pair":
			key, _ := a.propKey(fr, k.child("key"))
			pv := a.expr(fr, k.child("value"))
			v.props[key] = pv
			v.taint = addTaint(v.taint, pv.taint...)
		case "shorthand_property_identifier":
			pv := a.ident(fr, k, k.text(src))
			v.props[k.text(src)] = pv
			v.taint = addTaint(v.taint, pv.taint...)
		case "method_definition":
			mv := a.funcValue(fr, k)
			v.props[k.child("name").text(src)] = mv
		case "spread_element":
			sv := a.expr(fr, k.first())
			for pk, pv := range sv.props {
				v.props[pk] = pv
			}
			v.taint = addTaint(v.taint, sv.taint...)
		}
	}
	return v
}

// globals maps free identifiers to qualified API names.
var globals = map[string]string{
	"require": "require", "process": "process", "eval": "eval", "Function": "Function", "fetch": "fetch",
	"Buffer": "Buffer", "atob": "atob", "btoa": "btoa", "setTimeout": "setTimeout", "setInterval": "setInterval",
	"setImmediate": "setImmediate", "globalThis": "global", "global": "global", "window": "global", "self": "global",
	"navigator": "navigator", "Bun": "Bun", "Deno": "Deno", "String": "String", "JSON": "JSON", "Object": "Object",
	"WebSocket": "WebSocket", "XMLHttpRequest": "XMLHttpRequest", "unescape": "unescape",
	"decodeURIComponent": "decodeURIComponent", "decodeURI": "decodeURIComponent", "Reflect": "Reflect",
	"Array": "Array", "URL": "URL", "EventSource": "EventSource", "importScripts": "importScripts", "Date": "Date",
}

func (a *az) ident(fr *frame, n *node, name string) *value {
	if v, _ := fr.sc.lookup(name); v != nil {
		return v
	}
	switch name {
	case "module":
		return &value{q: "module", props: map[string]*value{"exports": fr.mod.exports}}
	case "exports":
		return fr.mod.exports
	case "__dirname":
		return strVal(".")
	case "__filename":
		return strVal("./" + fr.mod.unit.Path)
	case "undefined", "NaN", "Infinity":
		return &value{}
	}
	if q, ok := globals[name]; ok {
		return &value{q: q}
	}
	return &value{}
}

// member resolves obj.name. built is set when name was assembled at run
// time (how), for SG6002.
func (a *az) member(fr *frame, n *node, obj *value, name, built string) *value {
	if built != "" && isDangerousName(name) {
		a.reportObfuscatedName(fr, n, name, built)
	}
	if p := obj.prop(name); p != nil {
		return p
	}
	if name == "length" && obj.q == "" {
		if obj.isStr {
			return &value{num: float64(len(obj.str)), isNum: true}
		}
		return &value{}
	}
	if obj.fn != nil && obj.fn.methods != nil {
		if m := obj.fn.methods[name]; m != nil {
			return &value{fn: m}
		}
	}
	if name == "constructor" {
		out := derive(obj)
		out.ctorStep = obj.ctorStep + 1
		if obj.fn != nil || obj.ctorStep >= 1 {
			out.q = "Function"
			out.qBuilt = "a .constructor.constructor chain"
			if built != "" {
				out.qBuilt = built
			}
		}
		return out
	}
	switch obj.q {
	case "":
	case "global":
		if q, ok := globals[name]; ok {
			return &value{q: q, qBuilt: built}
		}
		if name == "Function" || name == "eval" {
			return &value{q: name, qBuilt: built}
		}
		return &value{q: name, qBuilt: built}
	case "process.env":
		return a.envRead(fr, n, name)
	case "regex", "this":
		return &value{}
	case "process":
		switch name {
		case "env":
			src := &source{kind: srcWholeEnv, what: "the whole environment (process.env)", trace: finding.Trace{a.step(fr, n, "reads process.env")}}
			return &value{q: "process.env", taint: []*source{src}}
		case "platform", "arch", "pid", "argv", "version", "versions", "cwd", "exitCode":
			return &value{}
		}
		return &value{q: "process." + name}
	default:
		q := obj.q + "." + name
		if obj.q == "Bun" && name == "env" || obj.q == "Deno.env" && name == "toObject" {
			q = "process.env"
		}
		if q == "process.env" {
			src := &source{kind: srcWholeEnv, what: "the whole environment", trace: finding.Trace{a.step(fr, n, "reads the environment")}}
			return &value{q: q, taint: []*source{src}}
		}
		out := &value{q: q, qBuilt: built, host: obj.host, role: obj.role}
		if obj.qBuilt != "" && out.qBuilt == "" {
			out.qBuilt = obj.qBuilt
		}
		return out
	}
	out := derive(obj)
	if obj.role == roleChild || obj.role == roleSocket || obj.role == roleRequest {
		out.host = obj.host
	}
	if obj.isStr {
		out.prefix = ""
	}
	return out
}

// envRead is process.env.NAME.
func (a *az) envRead(fr *frame, n *node, name string) *value {
	a.capAt(fr, n, finding.CapEnv, name)
	up := strings.ToUpper(name)
	switch up {
	case "HOME", "USERPROFILE":
		return strVal("~")
	case "APPDATA", "LOCALAPPDATA":
		return strVal("~/appdata")
	}
	v := &value{}
	if knowledge.SecretEnv(name) {
		v.taint = []*source{{kind: srcSecretEnv, what: "the secret environment variable " + name, trace: finding.Trace{a.step(fr, n, "reads $"+name)}}}
	} else if up == "USER" || up == "USERNAME" || up == "LOGNAME" || up == "HOSTNAME" || up == "COMPUTERNAME" {
		v.taint = []*source{{kind: srcSysinfo, what: "the user/host name ($" + name + ")", trace: finding.Trace{a.step(fr, n, "reads $"+name)}}}
	}
	return v
}

// envDump reports a read of the whole environment.
func (a *az) envDump(fr *frame, n *node, how string) {
	a.capAt(fr, n, finding.CapEnv, "*")
	a.report(fr, n, finding.Finding{RuleID: "SG5003", Message: "reads every environment variable: " + how})
}

var (
	dateRE      = lazyre.New(`Date\.now\(\)|new Date\b|\.get(UTC)?(FullYear|Month|Date|Day|Hours|Time)\(\)`)
	dateConstRE = lazyre.New(`\b\d{10,13}\b|new Date\(\s*['"\d]|Date\.parse\(\s*['"]|get(UTC)?(Day|Date|Month|Hours|FullYear)\(\)\s*[=!<>]=*\s*\d|\d\s*[=!<>]=*\s*\w+\.get(UTC)?(Day|Date|Month|Hours|FullYear)\(\)`)
	strCmpRE    = lazyre.New(`[=!]==?\s*['"` + "`" + `]|['"` + "`" + `]\s*[=!]==?|\.(includes|startsWith|endsWith|match|test)\(\s*['"/]|/[^/]+/[gimsuy]*\.test\(`)
	ciRE        = lazyre.New(`\b(process\.env|env)(\.|\[['"])(CI|CONTINUOUS_INTEGRATION|GITHUB_ACTIONS|GITLAB_CI|TRAVIS|JENKINS_URL|BUILDKITE|CIRCLECI|TF_BUILD|CODEBUILD_BUILD_ID|BITBUCKET_BUILD_NUMBER)\b`)
	envCmpRE    = lazyre.New(`process\.env(?:\.(\w+)|\[['"](\w+)['"]\])\s*[=!]==?\s*['"]`)
)

// trigger decides whether an if-condition is a backdoor trigger: a date,
// the machine's or user's identity, a CI check or an environment variable
// compared with a magic value.
func (a *az) trigger(fr *frame, cond *node) (guard, bool) {
	if cond == nil {
		return guard{}, false
	}
	t := cond.text(fr.mod.src)
	short := finding.ShortSnippet(t, 80)
	mk := func(desc string, ci bool) (guard, bool) {
		return guard{desc: desc, ci: ci, step: a.step(fr, cond, "trigger: "+desc+" "+short)}, true
	}
	if dateRE.R().MatchString(t) && dateConstRE.R().MatchString(t) {
		return mk("a date check", false)
	}
	if strCmpRE.R().MatchString(t) && (strings.Contains(t, "hostname()") || strings.Contains(t, "userInfo(") ||
		regexp.MustCompile(`env\.(USER|USERNAME|LOGNAME|HOSTNAME|COMPUTERNAME)\b`).MatchString(t)) {
		return mk("a host/user identity check", false)
	}
	if strCmpRE.R().MatchString(t) {
		// A variable holding the hostname or user name.
		if a.condHasSysinfo(fr, cond) {
			return mk("a host/user identity check", false)
		}
	}
	if ciRE.R().MatchString(t) {
		return mk("a CI environment check", true)
	}
	if m := envCmpRE.R().FindStringSubmatch(t); m != nil {
		name := m[1] + m[2]
		switch strings.ToUpper(name) {
		case "NODE_ENV", "DEBUG", "LOG_LEVEL", "VERBOSE", "TERM", "LANG", "SHELL", "OS":
		default:
			return mk("$"+name+" equals a magic value", false)
		}
	}
	return guard{}, false
}

// condHasSysinfo reports whether an identifier in cond holds host or
// user identity (without re-evaluating calls).
func (a *az) condHasSysinfo(fr *frame, cond *node) bool {
	found := false
	var walk func(*node)
	walk = func(n *node) {
		if found || n == nil {
			return
		}
		if n.kind == "identifier" {
			if v, _ := fr.sc.lookup(n.text(fr.mod.src)); v != nil && v.has(srcSysinfo) != nil {
				found = true
			}
			return
		}
		if n.kind == "member_expression" {
			walk(n.child("object"))
			return
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(cond)
	return found
}

// maxUnroll bounds how many elements of a constant array a loop body is
// evaluated for, one at a time (so `for (const p of [path1, path2])`
// sees each path as a constant).
const maxUnroll = 16

// loopElems returns the values a loop variable takes: each element of a
// small array, or one value standing for all of them.
func loopElems(v *value, keys bool) []*value {
	if !keys && len(v.elems) > 0 && len(v.elems) <= maxUnroll {
		out := make([]*value, len(v.elems))
		for i, e := range v.elems {
			c := *e
			c.taint = addTaint(slices.Clone(e.taint), v.taint...)
			out[i] = &c
		}
		return out
	}
	elem := derive(v)
	elem.role = roleNone
	if v.elems != nil {
		elem = union(v.elems...)
		elem.taint = addTaint(elem.taint, v.taint...)
	}
	return []*value{elem}
}
