package python

import (
	"fmt"
	"path"
	"strings"

	"skillgate.dev/skillgate/finding"
)

// importStmt binds imported names: modules of the skill resolve to their
// evaluated globals, everything else to qualified symbols.
func (ev *evaluator) importStmt(n *node) {
	u := ev.fr.u
	src := u.p.src
	switch n.kind {
	case "import_statement":
		for _, k := range n.namedKids() {
			name, alias := k, (*node)(nil)
			if k.kind == "aliased_import" {
				name, alias = k.child("name"), k.child("alias")
			}
			q := name.text(src)
			mv := ev.importModule(q, "", n)
			if alias != nil {
				ev.fr.sc.set(alias.text(src), mv)
			} else {
				top := strings.SplitN(q, ".", 2)[0]
				if mv.k == vSym {
					ev.fr.sc.set(top, sym(top))
				} else {
					ev.fr.sc.set(top, mv)
				}
			}
		}
	case "import_from_statement":
		modNode := n.child("module_name")
		q := modNode.text(src)
		rel := ""
		if modNode.kind == "relative_import" {
			rel = q
			q = ""
		}
		mv := ev.importModule(q, rel, n)
		for _, k := range n.kids {
			if k.field != "name" {
				if k.kind == "wildcard_import" && mv.k == vObj && mv.attrs != nil {
					for name, v := range mv.attrs {
						ev.fr.sc.set(name, v)
					}
				}
				continue
			}
			name, alias := k, k
			if k.kind == "aliased_import" {
				name, alias = k.child("name"), k.child("alias")
			}
			nm := name.text(src)
			var v *value
			if mv.k == vObj && mv.attrs != nil {
				v = mv.attrs[nm]
				if v == nil {
					// "from pkg import mod": a submodule of the skill.
					sub := ev.importModule(strings.TrimPrefix(q+"."+nm, "."), rel, n)
					if sub.k == vObj {
						v = sub
					}
				}
				if v == nil {
					v = unknown
				}
			} else {
				v = ev.getAttr(mv, nm, n)
			}
			ev.fr.sc.set(alias.text(src), v)
		}
	}
}

// importModule returns the skill's module for a dotted name (relative to
// the importer for "from . import"), or a symbol for anything else.
func (ev *evaluator) importModule(q, rel string, n *node) *value {
	u := ev.fr.u
	dir := path.Dir(u.u.Path)
	dots := len(rel) - len(strings.TrimLeft(rel, "."))
	relName := strings.TrimLeft(rel, ".")
	var cands []string
	if rel != "" {
		d := dir
		for i := 1; i < dots; i++ {
			d = path.Dir(d)
		}
		p := strings.ReplaceAll(relName, ".", "/")
		if q != "" {
			p = strings.ReplaceAll(q, ".", "/")
		}
		cands = append(cands, path.Join(d, p)+".py", path.Join(d, p, "__init__.py"))
	} else {
		p := strings.ReplaceAll(q, ".", "/")
		for _, d := range []string{dir, ".", "scripts", "src", "lib"} {
			cands = append(cands, path.Join(d, p)+".py", path.Join(d, p, "__init__.py"))
		}
	}
	for _, c := range cands {
		if m := ev.byPath[c]; m != nil && m.u != u {
			ev.loadModule(m)
			m.imported = true
			return &value{k: vObj, s: "module " + c, attrs: m.globals.vars}
		}
	}
	if rel != "" {
		return unknown
	}
	return sym(q)
}

// loadModule evaluates a module body once.
func (ev *evaluator) loadModule(m *module) {
	if m.loaded || m.loading {
		return
	}
	m.loading = true
	defer func() { m.loading, m.loaded = false, true }()
	saved, savedTop, savedStmt := ev.fr, ev.modTop, ev.topStmt
	savedGuard := ev.guard
	ev.guard = ""
	ev.fr = &frame{sc: m.globals, u: m.u}
	ev.modTop = m
	for _, st := range m.u.p.root.namedKids() {
		if ev.exhaust {
			break
		}
		if isMainGuard(st, m.u.p.src) {
			ev.modTop = nil
			ev.stmt(st)
			ev.modTop = m
			continue
		}
		ev.stmt(st)
	}
	ev.fr, ev.modTop, ev.topStmt, ev.guard = saved, savedTop, savedStmt, savedGuard
}

func isMainGuard(st *node, src []byte) bool {
	if st.kind != "if_statement" {
		return false
	}
	c := strings.Join(strings.Fields(st.child("condition").text(src)), "")
	return strings.Contains(c, "__name__==") && strings.Contains(c, "__main__")
}

// getAttr resolves obj.name.
func (ev *evaluator) getAttr(obj *value, name string, n *node) *value {
	switch obj.k {
	case vSym:
		q := obj.s
		if name == "__dict__" || name == "__builtins__" && q == "builtins" {
			return obj
		}
		if q == "builtins" {
			return ev.name(name)
		}
		if obj.recv != nil {
			return &value{k: vSym, s: q + "." + name, recv: obj.recv, t: obj.t}
		}
		return &value{k: vSym, s: q + "." + name, t: obj.t}
	case vObj:
		if obj.attrs != nil {
			if v, ok := obj.attrs[name]; ok {
				if v.k == vFunc && v.fn.cls != nil {
					return &value{k: vFunc, fn: v.fn, recv: obj}
				}
				return v
			}
		}
		if obj.cls != nil {
			if v, ok := obj.cls.attrs[name]; ok {
				if v.k == vFunc {
					return &value{k: vFunc, fn: v.fn, recv: obj}
				}
				return v
			}
			return unk(obj.deepTaint())
		}
		if strings.HasPrefix(obj.s, "module ") {
			return unknown
		}
		return &value{k: vSym, s: obj.s + "." + name, recv: obj, t: obj.t, trig: obj.trig}
	case vClass:
		if v, ok := obj.cls.attrs[name]; ok {
			return v
		}
		return unknown
	case vStr:
		return &value{k: vSym, s: "str." + name, recv: obj, t: obj.t, trig: obj.trig}
	case vList, vDict:
		return &value{k: vSym, s: "list." + name, recv: obj, t: obj.deepTaint()}
	}
	if obj.trig != "" || len(obj.t) > 0 || obj.sock != nil {
		return &value{k: vSym, s: "any." + name, recv: obj, t: obj.t, trig: obj.trig}
	}
	return &value{k: vSym, s: "any." + name, recv: obj}
}

// getItem resolves obj[idx].
func (ev *evaluator) getItem(obj, idx *value, n *node) *value {
	if idx == nil {
		idx = unknown
	}
	key, exact := idx.str()
	switch {
	case obj.k == vSym && obj.s == "os.environ":
		if exact {
			return ev.envRead(n, key, idx)
		}
		ev.envCap(n, "*")
		return unknown
	case obj.k == vSym && obj.s == "sys.argv" && idx.k == vInt:
		// A program run with known arguments (a here-document given
		// "$settings" by its shell script) sees them in sys.argv.
		args := ev.fr.u.u.Args
		if i := int(idx.n); i >= 1 && i <= len(args) && args[i-1] != "" {
			return strv(args[i-1])
		}
		return unknown
	case obj.k == vSym && obj.s == "sys.modules" && exact:
		ev.nameUse(n, idx, key)
		return sym(key)
	case obj.k == vSym && exact:
		ev.nameUse(n, idx, key)
		return ev.getAttr(obj, key, n)
	case obj.k == vObj && obj.s == "globals" && exact:
		ev.nameUse(n, idx, key)
		if key == "__builtins__" {
			return sym("builtins")
		}
		return ev.name(key)
	case obj.k == vDict && exact:
		for i := len(obj.keys) - 1; i >= 0; i-- {
			if s, ok := obj.keys[i].str(); ok && s == key {
				return withTaint(obj.items[i], obj.t)
			}
		}
		return unk(obj.deepTaint())
	case obj.k == vList && idx.k == vInt:
		i := idx.n
		if i < 0 {
			i += int64(len(obj.items))
		}
		if i >= 0 && i < int64(len(obj.items)) {
			return withTaint(obj.items[i], obj.t)
		}
		return unk(obj.deepTaint())
	case obj.k == vStr && idx.k == vInt:
		if s, ok := obj.str(); ok {
			i := idx.n
			if i < 0 {
				i += int64(len(s))
			}
			if i >= 0 && i < int64(len(s)) {
				if obj.isBytes {
					return intv(int64(s[i]))
				}
				return &value{k: vStr, s: s[i : i+1], exact: true, t: obj.t}
			}
		}
	}
	v := unk(obj.deepTaint().union(idx.t))
	if obj.trig != "" {
		v = &value{k: vUnknown, t: v.t, trig: obj.trig}
	}
	return v
}

// nameUse reports SG6002 when a name the code resolves was built from
// pieces or decoded, and names something that matters.
func (ev *evaluator) nameUse(n *node, v *value, name string) {
	if !v.folded && v.decoded == "" {
		return
	}
	if !dangerousName(name) {
		return
	}
	how := "built from pieces"
	switch {
	case v.decoded != "":
		how = "decoded from " + v.decoded
	case v.technique != "":
		how = "built from " + v.technique
	}
	u := ev.fr.u
	ev.report(u, n, "SG6002", finding.Finding{
		Message: fmt.Sprintf("the name %q is %s", name, how),
		Trace:   finding.Trace{u.step(n, "resolves %q", name)},
	})
}

var dangerousNames = map[string]bool{
	"os": true, "subprocess": true, "system": true, "popen": true, "eval": true, "exec": true, "compile": true,
	"__import__": true, "builtins": true, "__builtins__": true, "socket": true, "pty": true, "spawn": true,
	"marshal": true, "pickle": true, "loads": true, "urllib": true, "urllib.request": true, "urlopen": true,
	"requests": true, "base64": true, "b64decode": true, "getattr": true, "check_output": true, "call": true,
	"run": true, "Popen": true, "execv": true, "execve": true, "execl": true, "execvp": true, "ctypes": true,
	"importlib": true, "import_module": true, "open": true, "http.client": true, "httpx": true, "post": true,
	"get": true, "dup2": true, "connect": true, "environ": true, "getenv": true, "zlib": true, "codecs": true,
}

func dangerousName(name string) bool { return dangerousNames[name] }

// ---- paths ----

func pathObj(p *value) *value {
	return &value{k: vObj, s: "path", path: p, t: p.t}
}

func joinPath(base *value, parts ...*value) *value {
	vs := []*value{base}
	for _, p := range parts {
		if s, ok := p.str(); ok && strings.HasPrefix(s, "/") {
			vs = []*value{p}
			continue
		}
		if p.k == vObj && p.s == "path" && p.path != nil {
			p = p.path
		}
		vs = append(vs, strv("/"), p)
	}
	v := concat(vs...)
	v.folded = false
	return v
}

// pathString returns the template of a path-like value for
// classification, with home spellings folded.
func pathString(v *value) string {
	if v == nil {
		return ""
	}
	if v.k == vObj && v.path != nil {
		v = v.path
	}
	if v.k != vStr {
		return ""
	}
	s := strings.ReplaceAll(v.s, hole, "*")
	return s
}
