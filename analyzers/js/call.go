package js

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"skillgate.dev/skillgate/analyzers/decode"
	"skillgate.dev/skillgate/finding"
)

// callSite is one call being evaluated.
type callSite struct {
	n      *node
	callee *value
	recv   *value
	method string
	args   []*value
	argN   []*node
	isNew  bool
	// tagged is set for tagged templates (zx's $`cmd`).
	tagged bool
}

func (c *callSite) arg(i int) *value {
	if i < len(c.args) {
		return c.args[i]
	}
	return &value{}
}

func (c *callSite) argNode(i int) *node {
	if i < len(c.argN) {
		return c.argN[i]
	}
	return c.n
}

// lastFn returns the last function argument (a callback), or nil.
func (c *callSite) lastFn() *function {
	for i := len(c.args) - 1; i >= 0; i-- {
		if c.args[i].fn != nil {
			return c.args[i].fn
		}
	}
	return nil
}

func (a *az) evalArgs(fr *frame, argsN *node, c *callSite) {
	if argsN == nil {
		return
	}
	if argsN.kind == "template_string" {
		c.tagged = true
		c.args = []*value{a.template(fr, argsN)}
		c.argN = []*node{argsN}
		return
	}
	for _, k := range argsN.kids {
		if k.kind == "comment" {
			continue
		}
		v := a.expr(fr, k)
		if k.kind == "spread_element" && v.elems != nil {
			for _, e := range v.elems {
				c.args = append(c.args, e)
				c.argN = append(c.argN, k)
			}
			continue
		}
		c.args = append(c.args, v)
		c.argN = append(c.argN, k)
	}
}

func (a *az) call(fr *frame, n *node) *value {
	src := fr.mod.src
	fnN := n.child("function")
	c := &callSite{n: n}
	if fnN != nil && fnN.kind == "import" {
		a.evalArgs(fr, n.child("arguments"), c)
		return a.requireValue(fr, n, c.arg(0))
	}
	switch {
	case fnN == nil:
		c.callee = &value{}
	case fnN.kind == "member_expression":
		c.recv = a.expr(fr, fnN.child("object"))
		c.method = fnN.child("property").text(src)
		c.callee = a.member(fr, fnN, c.recv, c.method, "")
	case fnN.kind == "subscript_expression":
		c.recv = a.expr(fr, fnN.child("object"))
		iv := a.expr(fr, fnN.child("index"))
		if iv.isStr {
			c.method = iv.str
			c.callee = a.member(fr, fnN, c.recv, iv.str, iv.built)
		} else {
			c.callee = derive(c.recv)
		}
	default:
		c.callee = a.expr(fr, fnN)
	}
	a.evalArgs(fr, n.child("arguments"), c)
	return a.apply(fr, c)
}

func (a *az) newExpr(fr *frame, n *node) *value {
	c := &callSite{n: n, isNew: true}
	con := n.child("constructor")
	if con != nil && con.kind == "member_expression" {
		c.recv = a.expr(fr, con.child("object"))
		c.method = con.child("property").text(fr.mod.src)
		c.callee = a.member(fr, con, c.recv, c.method, "")
	} else {
		c.callee = a.expr(fr, con)
	}
	a.evalArgs(fr, n.child("arguments"), c)
	if f := c.callee.fn; f != nil && f.methods != nil {
		inst := &value{props: map[string]*value{}}
		for name, m := range f.methods {
			inst.props[name] = &value{fn: m}
		}
		if f.ctor != nil {
			a.invoke(fr, f.ctor, inst, c.args, n)
		}
		return inst
	}
	return a.apply(fr, c)
}

// apply dispatches a call: a modelled API, a user function, a method on
// a value with a role, or an unknown function.
func (a *az) apply(fr *frame, c *callSite) *value {
	if c.callee.qBuilt != "" && c.callee.q != "" {
		last := c.callee.q[strings.LastIndexByte(c.callee.q, '.')+1:]
		if isDangerousName(last) {
			a.reportObfuscatedName(fr, c.n, c.callee.q, c.callee.qBuilt)
		}
	}
	if q := c.callee.q; q != "" {
		if v, ok := a.api(fr, c, q); ok {
			return v
		}
	}
	if f := c.callee.fn; f != nil {
		if f.methods != nil && f.ctor != nil {
			return a.invoke(fr, f.ctor, &value{}, c.args, c.n)
		}
		this := c.recv
		return a.invoke(fr, f, this, c.args, c.n)
	}
	if c.recv != nil {
		if v, ok := a.method(fr, c); ok {
			return v
		}
	}
	return a.unknownCall(fr, c)
}

// unknownCall: the result carries the receiver's and the arguments'
// taint; callbacks are run with values derived from the receiver.
func (a *az) unknownCall(fr *frame, c *callSite) *value {
	out := union(c.args...)
	if c.recv != nil {
		out.taint = addTaint(out.taint, c.recv.taint...)
		switch c.method {
		case "push", "unshift", "append", "set", "add", "assign", "write", "concat", "update", "digest":
			if c.recv.q == "" && c.recv.role == roleNone {
				for _, x := range c.args {
					c.recv.taint = addTaint(c.recv.taint, x.allTaint()...)
				}
			}
		}
	}
	for _, x := range c.args {
		if x.fn != nil && x.fn.methods == nil {
			p := &value{}
			if c.recv != nil {
				p = derive(c.recv)
			}
			r := a.invokeDetached(fr, x.fn, []*value{p, p, p}, c.n)
			out.taint = addTaint(out.taint, r.taint...)
		}
	}
	return out
}

// invokeDetached runs a callback that executes later (an event handler):
// it is not part of module loading.
func (a *az) invokeDetached(fr *frame, f *function, args []*value, site *node) *value {
	inner := *fr
	inner.top = false
	return a.invoke(&inner, f, nil, args, site)
}

// invoke inlines a call of a user function with the given arguments.
func (a *az) invoke(fr *frame, f *function, this *value, args []*value, site *node) *value {
	if f == nil || f.body == nil && f.n.kind != "arrow_function" {
		return union(args...)
	}
	f.called = true
	if fr.depth >= maxCallDepth || a.steps > maxSteps {
		return union(args...)
	}
	if v, ok := a.decodeFunc(fr, f, args, site); ok {
		return v
	}
	key := a.sig(f, this, args, fr)
	if v, ok := a.memo[key]; ok {
		return v
	}
	a.memo[key] = union(args...) // recursion guard
	sc := newScope(f.scope)
	inner := &frame{mod: f.mod, sc: sc, this: this, depth: fr.depth + 1, top: fr.top, topMod: fr.topMod, guards: slices.Clone(fr.guards)}
	argsV := &value{elems: args}
	for _, x := range args {
		argsV.taint = addTaint(argsV.taint, x.taint...)
	}
	sc.vars["arguments"] = argsV
	if p := f.params; p != nil {
		if p.kind == "formal_parameters" {
			i := 0
			for _, k := range p.kids {
				if k.kind == "comment" || k.kind == "this" {
					continue
				}
				var v *value
				if k.kind == "rest_pattern" || k.kind == "required_parameter" && k.child("pattern") != nil && k.child("pattern").kind == "rest_pattern" {
					rest := &value{elems: nil}
					if i < len(args) {
						rest.elems = args[i:]
					}
					for _, x := range rest.elems {
						rest.taint = addTaint(rest.taint, x.taint...)
					}
					v = rest
				} else if i < len(args) {
					v = args[i]
				} else {
					v = &value{}
				}
				a.bind(inner, k, v, true)
				i++
			}
		} else {
			v := &value{}
			if len(args) > 0 {
				v = args[0]
			}
			a.bind(inner, p, v, true)
		}
	}
	b := f.body
	if b == nil {
		return &value{}
	}
	var ret *value
	if b.kind == "statement_block" {
		a.stmts(inner, b.kids)
		switch len(inner.rets) {
		case 0:
			ret = &value{}
		case 1:
			ret = inner.rets[0]
		default:
			ret = union(inner.rets...)
			for _, r := range inner.rets {
				if r.role != roleNone || r.q != "" {
					ret.role, ret.host, ret.q = r.role, r.host, r.q
				}
			}
		}
	} else {
		ret = a.expr(inner, b)
	}
	a.memo[key] = ret
	return ret
}

// sig identifies a call by the function and what matters of its
// arguments, so that repeated calls are analysed once.
func (a *az) sig(f *function, this *value, args []*value, fr *frame) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%p|%v|%p|%d", f, fr.top, fr.topMod, len(fr.guards))
	w := func(v *value) {
		if v == nil {
			b.WriteString("|-")
			return
		}
		fmt.Fprintf(&b, "|%q,%v,%g,%s,%d,%p,%p,%p", clipN(v.str, 64), v.isStr, v.num, v.q, v.role, v.fn, v.props, v.elems)
		for _, t := range v.allTaint() {
			fmt.Fprintf(&b, ",%p", t)
		}
	}
	w(this)
	for _, x := range args {
		w(x)
	}
	return b.String()
}

// decodeFunc recognises hand-written XOR and rot13 decoders called on
// literal data: the function's body uses `^` (or the rot13 shift) and
// the arguments are constants; the decoded text is the call's value.
func (a *az) decodeFunc(fr *frame, f *function, args []*value, site *node) (*value, bool) {
	if f.body == nil || len(args) == 0 {
		return nil, false
	}
	var consts []*value
	for _, x := range args {
		if x.isStr || x.isNum {
			consts = append(consts, x)
		}
	}
	if len(consts) == 0 || len(consts) != len(args) {
		return nil, false
	}
	body := f.body.text(f.mod.src)
	if len(consts) >= 2 && strings.Contains(body, "^") {
		data := consts[0].str
		raw := []byte(data)
		layers := []string{}
		if b, ok := decode.Base64(data); ok && len(data) >= 8 {
			raw, layers = b, []string{"base64"}
		} else if b, ok := decode.Hex(data); ok && len(data) >= 8 {
			raw, layers = b, []string{"hex"}
		}
		key := []byte(consts[1].str)
		if consts[1].isNum {
			key = []byte{byte(int(consts[1].num))}
		}
		out := string(decode.XOR(raw, key))
		if codeLike(out) {
			return a.decodedValue(fr, site, out, append(layers, "XOR"), "XOR with a literal key"), true
		}
	}
	if strings.Contains(body, "13") && (strings.Contains(body, "fromCharCode") || strings.Contains(body, "charCodeAt") || strings.Contains(body, "indexOf")) {
		in := consts[0].str
		out := decode.Rot13(in)
		if codeLike(out) && !codeLike(in) {
			return a.decodedValue(fr, site, out, []string{"rot13"}, "rot13"), true
		}
	}
	return nil, false
}

// decodedValue is a constant obtained by decoding a literal: it carries a
// srcDecoded source so executing it is decode-and-execute.
func (a *az) decodedValue(fr *frame, n *node, s string, layers []string, how string) *value {
	v := strVal(clip(s))
	v.built = how
	v.decodedFrom = layers
	v.taint = []*source{{kind: srcDecoded, what: "data decoded from " + strings.Join(layers, "+"), trace: finding.Trace{a.step(fr, n, "decodes a "+strings.Join(layers, "+")+" literal: "+finding.ShortSnippet(s, 60))}}}
	return v
}

// requireValue is require(spec) / import(spec).
func (a *az) requireValue(fr *frame, n *node, spec *value) *value {
	s, ok := spec.text()
	if !ok {
		return &value{}
	}
	if spec.built != "" && isDangerousName(s) {
		a.reportObfuscatedName(fr, n, s, spec.built)
	}
	if strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || strings.HasPrefix(s, "/") {
		if m := a.resolve(fr.mod, s); m != nil {
			a.importers[m.unit.Path] = append(a.importers[m.unit.Path], fr.mod.unit.Path)
			a.runModule(m)
			return m.exports
		}
		return &value{}
	}
	return &value{q: canonicalModule(s), module: true}
}

func canonicalModule(s string) string {
	s = strings.TrimPrefix(s, "node:")
	switch s {
	case "fs/promises":
		return "fs.promises"
	case "dns/promises":
		return "dns.promises"
	case "fs-extra", "graceful-fs", "original-fs":
		return "fs"
	case "node-fetch", "cross-fetch", "isomorphic-fetch", "make-fetch-happen":
		return "fetch"
	case "bun":
		return "Bun"
	case "child-process-promise":
		return "child_process"
	}
	return s
}

// resolve finds a skill module by a relative specifier, trying the
// extensions and index files Node and TypeScript try.
func (a *az) resolve(from *module, spec string) *module {
	base := path.Join(path.Dir(from.unit.Path), spec)
	if strings.HasPrefix(spec, "/") {
		base = strings.TrimPrefix(path.Clean(spec), "/")
	}
	cands := []string{base}
	stem := strings.TrimSuffix(base, path.Ext(base))
	for _, ext := range []string{".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", ".tsx", ".jsx"} {
		cands = append(cands, base+ext, stem+ext)
	}
	for _, ext := range []string{".js", ".ts", ".mjs", ".tsx", ".jsx"} {
		cands = append(cands, base+"/index"+ext)
	}
	for _, c := range cands {
		if m := a.mods[c]; m != nil {
			return m
		}
	}
	return nil
}

func (a *az) importStmt(fr *frame, n *node) {
	src := fr.mod.src
	srcN := n.child("source")
	if srcN == nil {
		return
	}
	mv := a.requireValue(fr, n, a.expr(fr, srcN))
	for _, k := range n.kids {
		if k.kind != "import_clause" {
			continue
		}
		for _, c := range k.kids {
			switch c.kind {
			case "identifier":
				d := mv
				if p := mv.prop("default"); p != nil && mv.q == "" {
					d = p
				}
				fr.sc.vars[c.text(src)] = d
			case "namespace_import":
				if id := c.first(); id != nil {
					fr.sc.vars[id.text(src)] = mv
				}
			case "named_imports":
				for _, s := range c.kids {
					if s.kind != "import_specifier" {
						continue
					}
					name := s.child("name").text(src)
					local := name
					if al := s.child("alias"); al != nil {
						local = al.text(src)
					}
					fr.sc.vars[local] = a.member(fr, s, mv, strings.Trim(name, `"'`), "")
				}
			}
		}
	}
}

func (a *az) exportStmt(fr *frame, n *node) {
	src := fr.mod.src
	ex := fr.mod.exports
	if ex.props == nil {
		ex.props = map[string]*value{}
	}
	if d := n.child("declaration"); d != nil {
		a.stmt(fr, d)
		var names []string
		switch d.kind {
		case "function_declaration", "generator_function_declaration", "class_declaration", "abstract_class_declaration":
			names = append(names, d.child("name").text(src))
		case "lexical_declaration", "variable_declaration":
			for _, vd := range d.kids {
				if vd.kind == "variable_declarator" && vd.child("name").kind == "identifier" {
					names = append(names, vd.child("name").text(src))
				}
			}
		}
		for _, nm := range names {
			if v, _ := fr.sc.lookup(nm); v != nil {
				ex.props[nm] = v
			}
		}
		return
	}
	if v := n.child("value"); v != nil {
		ex.props["default"] = a.expr(fr, v)
		return
	}
	var from *value
	if s := n.child("source"); s != nil {
		from = a.requireValue(fr, n, a.expr(fr, s))
	}
	for _, k := range n.kids {
		if k.kind != "export_clause" {
			continue
		}
		for _, s := range k.kids {
			if s.kind != "export_specifier" {
				continue
			}
			name := s.child("name").text(src)
			alias := name
			if al := s.child("alias"); al != nil {
				alias = al.text(src)
			}
			var v *value
			if from != nil {
				v = a.member(fr, s, from, name, "")
			} else {
				v = a.ident(fr, s, name)
			}
			ex.props[alias] = v
		}
	}
	if from != nil && len(n.kids) > 0 && strings.Contains(n.text(src), "*") {
		for k, v := range from.props {
			ex.props[k] = v
		}
	}
}
