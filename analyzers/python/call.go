package python

import (
	"strings"

	"skillgate.dev/skillgate/finding"
)

// args are a call's evaluated arguments.
type args struct {
	pos []*value
	kw  map[string]*value
	kwN map[string]*node
	n   *node
}

func (a *args) get(i int, kw string) *value {
	if kw != "" {
		if v, ok := a.kw[kw]; ok {
			return v
		}
	}
	if i >= 0 && i < len(a.pos) {
		return a.pos[i]
	}
	return nil
}

func (a *args) all() []*value {
	out := append([]*value(nil), a.pos...)
	for _, k := range sortedKeys(a.kw) {
		out = append(out, a.kw[k])
	}
	return out
}

func sortedKeys(m map[string]*value) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

func (a *args) taint() taint {
	var t taint
	for _, v := range a.all() {
		t = t.union(v.deepTaint())
	}
	return t
}

func (ev *evaluator) call(n *node) *value {
	fv := ev.expr(n.child("function"))
	a := &args{kw: map[string]*value{}, kwN: map[string]*node{}, n: n}
	an := n.child("arguments")
	if an != nil && an.kind == "generator_expression" {
		a.pos = append(a.pos, ev.expr(an))
	} else if an != nil {
		for _, k := range an.namedKids() {
			switch k.kind {
			case "keyword_argument":
				name := k.child("name").text(ev.fr.u.p.src)
				a.kw[name] = ev.expr(k.child("value"))
				a.kwN[name] = k
			case "list_splat":
				v := ev.expr(first(k))
				if v.k == vList {
					a.pos = append(a.pos, v.items...)
				} else {
					a.pos = append(a.pos, ev.element(v))
				}
			case "dictionary_splat":
				v := ev.expr(first(k))
				if v.k == vDict {
					for i, key := range v.keys {
						if s, ok := key.str(); ok {
							a.kw[s] = v.items[i]
						}
					}
				} else {
					a.kw["**"] = v
				}
			default:
				a.pos = append(a.pos, ev.expr(k))
			}
		}
	}
	return ev.apply(fv, a, n)
}

func (ev *evaluator) apply(fv *value, a *args, n *node) *value {
	switch fv.k {
	case vFunc:
		return ev.callUser(fv, a, n)
	case vClass:
		obj := &value{k: vObj, s: "instance " + fv.cls.name, cls: fv.cls, attrs: map[string]*value{}}
		if init, ok := fv.cls.attrs["__init__"]; ok && init.k == vFunc {
			ev.callUser(&value{k: vFunc, fn: init.fn, recv: obj}, a, n)
		}
		return obj
	case vSym:
		return ev.model(fv, a, n)
	}
	// Unknown callee: data flows through.
	ev.escapeDumps(a, false)
	return unk(a.taint().union(fv.t))
}

// callUser runs a function of the skill with the given arguments.
func (ev *evaluator) callUser(fv *value, a *args, n *node) *value {
	f := fv.fn
	f.called = true
	if len(ev.stack) >= maxCallDepth || ev.exhaust {
		return unk(a.taint())
	}
	for _, s := range ev.stack {
		if s == f {
			return unk(a.taint())
		}
	}
	caller := ev.fr.u
	sc := newScope(f.u.mod.globals)
	params := f.node.child("parameters")
	pos := a.pos
	if fv.recv != nil {
		pos = append([]*value{fv.recv}, pos...)
	}
	bind := func(name string, v *value) {
		if t := v.deepTaint(); len(t) > 0 {
			v = retaint(v, t.step(caller.step(n, "passed to %s()", f.name)))
		}
		sc.vars[name] = v
	}
	i := 0
	src := f.u.p.src
	if params != nil {
		for _, p := range params.namedKids() {
			var name string
			var def *node
			switch p.kind {
			case "identifier":
				name = p.text(src)
			case "default_parameter", "typed_default_parameter":
				name = p.child("name").text(src)
				def = p.child("value")
			case "typed_parameter":
				if k := first(p); k != nil {
					name = k.text(src)
					if k.kind == "list_splat_pattern" || k.kind == "dictionary_splat_pattern" {
						p = k
						name = ""
					}
				}
			}
			switch p.kind {
			case "list_splat_pattern":
				rest := &value{k: vList}
				if i < len(pos) {
					rest.items = pos[i:]
				}
				i = len(pos)
				bind(first(p).text(src), rest)
				continue
			case "dictionary_splat_pattern":
				d := &value{k: vDict}
				for _, k := range sortedKeys(a.kw) {
					d.keys = append(d.keys, strv(k))
					d.items = append(d.items, a.kw[k])
				}
				bind(first(p).text(src), d)
				continue
			}
			if name == "" {
				continue
			}
			switch {
			case a.kw[name] != nil:
				bind(name, a.kw[name])
			case i < len(pos):
				bind(name, pos[i])
				i++
			case def != nil:
				saved := ev.fr
				ev.fr = &frame{sc: f.u.mod.globals, u: f.u}
				sc.vars[name] = ev.expr(def)
				ev.fr = saved
			default:
				sc.vars[name] = unknown
			}
		}
	}
	saved := ev.fr
	ev.fr = &frame{sc: sc, u: f.u, fn: f}
	ev.stack = append(ev.stack, f)
	body := f.node.child("body")
	if f.node.kind == "lambda" {
		ev.fr.ret = ev.expr(body)
	} else {
		ev.block(body)
	}
	ret := ev.fr.ret
	ev.stack = ev.stack[:len(ev.stack)-1]
	ev.fr = saved
	if ret == nil {
		return &value{k: vNone}
	}
	return ret
}

// comprehension evaluates a comprehension concretely when its iterable is
// a small constant (so XOR and chr() decoders fold), else abstractly.
func (ev *evaluator) comprehension(n *node) *value {
	body := n.child("body")
	var clauses []*node
	for _, k := range n.namedKids() {
		if k.kind == "for_in_clause" || k.kind == "if_clause" {
			clauses = append(clauses, k)
		}
	}
	saved := ev.fr.sc
	ev.fr.sc = newScope(saved)
	defer func() { ev.fr.sc = saved }()
	out := &value{k: vList}
	if len(clauses) == 1 && clauses[0].kind == "for_in_clause" {
		it := ev.expr(clauses[0].child("right"))
		if it.k == vList && len(it.items) <= maxIter && allConst(it.items) {
			xor := strings.Contains(body.text(ev.fr.u.p.src), "^")
			for _, item := range it.items {
				if ev.exhaust {
					break
				}
				ev.assign(clauses[0].child("left"), item)
				v := ev.evalBody(body)
				if xor && (v.k == vInt || v.k == vStr && v.exact) {
					nv := *v
					nv.technique = "XOR"
					v = &nv
				}
				out.items = append(out.items, v)
			}
			out.t = itemsTaint(out.items)
			return out
		}
		if s, ok := it.str(); ok && len(s) <= maxIter {
			items := strItems(it)
			xor := strings.Contains(body.text(ev.fr.u.p.src), "^")
			for _, item := range items {
				ev.assign(clauses[0].child("left"), item)
				v := ev.evalBody(body)
				if xor && (v.k == vInt || v.k == vStr && v.exact) {
					nv := *v
					nv.technique = "XOR"
					v = &nv
				}
				out.items = append(out.items, v)
			}
			return out
		}
	}
	var t taint
	for _, c := range clauses {
		if c.kind == "for_in_clause" {
			it := ev.expr(c.child("right"))
			t = t.union(it.deepTaint())
			ev.assign(c.child("left"), ev.element(it))
		} else {
			for _, k := range c.namedKids() {
				ev.expr(k)
			}
		}
	}
	v := ev.evalBody(body)
	out.items = []*value{withTaint(v, t)}
	out.t = t
	return out
}

func (ev *evaluator) evalBody(body *node) *value {
	if body != nil && body.kind == "pair" {
		ev.expr(body.child("key"))
		return ev.expr(body.child("value"))
	}
	return ev.expr(body)
}

func strItems(v *value) []*value {
	s := v.s
	var out []*value
	if v.isBytes {
		for i := 0; i < len(s); i++ {
			out = append(out, intv(int64(s[i])))
		}
		return out
	}
	for _, r := range s {
		out = append(out, &value{k: vStr, s: string(r), exact: true})
	}
	return out
}

func allConst(items []*value) bool {
	for _, it := range items {
		switch it.k {
		case vInt:
		case vStr:
			if !it.exact {
				return false
			}
		case vList:
			if !allConst(it.items) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// ---- environment ----

func (ev *evaluator) envCap(n *node, name string) {
	u := ev.fr.u
	ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapEnv, name)
}

// envRead models reading one environment variable.
func (ev *evaluator) envRead(n *node, name string, keyV *value) *value {
	u := ev.fr.u
	ev.envCap(n, name)
	if keyV != nil {
		ev.nameUse(n, keyV, name)
	}
	switch strings.ToUpper(name) {
	case "HOME", "USERPROFILE":
		return strv("~")
	case "USER", "USERNAME", "LOGNAME":
		return &value{k: vStr, s: hole, trig: "the user name is checked", t: taint{{kind: srcSysInfo, what: "user name", trace: finding.Trace{u.step(n, "reads the user name from $%s", name)}}}}
	}
	v := &value{k: vStr, s: hole}
	if ciEnv(name) {
		v.trig = "the CI variable " + name + " is checked"
	}
	if isSecretEnv(name) {
		v.t = taint{{kind: srcSecretEnv, what: name, trace: finding.Trace{u.step(n, "reads the secret environment variable %s", name)}}}
	} else {
		v.t = taint{{kind: srcConfigEnv, what: name, trace: finding.Trace{u.step(n, "reads the environment variable %s", name)}}}
	}
	return v
}

// materialize turns a use of os.environ as a whole into a copy of the
// environment: tainted, and a dump site that is reported if it escapes.
func (ev *evaluator) materialize(v *value, n *node) *value {
	if v == nil || v.k != vSym || v.s != "os.environ" {
		return v
	}
	if n == nil {
		n = &node{line: 1, col: 1}
	}
	u := ev.fr.u
	d := &dumpSite{u: u, line: n.line, col: n.col, loc: u.loc(n)}
	ev.dumps = append(ev.dumps, d)
	ev.envCap(n, "*")
	return &value{k: vDict, dump: d, t: taint{{kind: srcEnvAll, what: "the whole environment", trace: finding.Trace{u.step(n, "copies every environment variable")}}}}
}

// escapeDumps marks environment copies passed to a call as escaping,
// unless the call only hands them to a child process (env=).
func (ev *evaluator) escapeDumps(a *args, execEnv bool) {
	for _, v := range a.pos {
		markEscape(v)
	}
	for k, v := range a.kw {
		if execEnv && k == "env" {
			continue
		}
		markEscape(v)
	}
}

func markEscape(v *value) {
	if v == nil {
		return
	}
	if v.dump != nil {
		v.dump.escaped = true
	}
	for _, it := range v.items {
		if it != nil && it.dump != nil {
			it.dump.escaped = true
		}
	}
}
