package goflow

import (
	"encoding/ascii85"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"skillgate.dev/skillgate/analyzers/knowledge"
)

func decodeLit(kind, s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch kind {
	case "base64":
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			if b, err := enc.DecodeString(s); err == nil {
				return string(b), true
			}
		}
	case "base32":
		if b, err := base32.StdEncoding.DecodeString(s); err == nil {
			return string(b), true
		}
	case "hex":
		if b, err := hex.DecodeString(s); err == nil {
			return string(b), true
		}
	case "ascii85":
		dst := make([]byte, 4*len(s))
		if n, _, err := ascii85.Decode(dst, []byte(s), true); err == nil {
			return string(dst[:n]), true
		}
	}
	return "", false
}

// sourceOf computes the labels a call introduces.
func (m *Model) sourceOf(c *Call) (Taint, bool) {
	call := c.Expr
	name := c.Callee
	pos := call.Pos()
	arg := func(i int) (string, bool) {
		if i < len(c.Args) {
			return m.Fold(c.Args[i])
		}
		return "*", false
	}
	switch {
	case (IsFileRead(name) || name == "os.OpenFile") && len(c.Args) > 0:
		for _, p := range m.FoldAll(c.Args[0]) {
			if t, ok := knowledge.ClassifyPath(p); ok && (t.Kind == knowledge.Credential || t.Kind == knowledge.BrowserWallet || t.Kind == knowledge.SystemSecret) {
				return source(SecretFile, pos, fmt.Sprintf("%s reads %s (%s)", Short(name), p, t.What)), true
			}
		}
	case name == "os.Getenv" || name == "syscall.Getenv" || name == "os.LookupEnv":
		if v, ok := arg(0); ok && knowledge.SecretEnv(v) {
			return source(SecretEnv, pos, fmt.Sprintf("%s(%q) reads a secret environment variable", Short(name), v)), true
		}
	case name == "os.Environ" || name == "syscall.Environ":
		return source(Environ, pos, Short(name)+"() reads every environment variable"), true
	case sysInfo[name] != "":
		return source(SysInfo, pos, fmt.Sprintf("%s() reads the %s", Short(name), sysInfo[name])), true
	case name == "net.Listener.Accept" || name == "net.TCPListener.Accept" || name == "net.TCPListener.AcceptTCP" || name == "net.UnixListener.Accept":
		return source(ConnAccept|NetData, pos, Short(name)+"() accepts a network connection"), true
	}
	if nc, ok := LookupNet(name); ok {
		dest := ""
		if nc.Dest >= 0 {
			dest, _ = arg(nc.Dest)
			dest = " " + quote(dest)
		}
		switch nc.Kind {
		case NetDial:
			return source(ConnDial|NetData, pos, Short(name)+dest+" opens a network connection"), true
		case NetFetch:
			return source(NetData, pos, Short(name)+dest+" receives data from the network"), true
		}
	}
	if kind, ok := decoders[name]; ok {
		idx := 0
		if !strings.HasSuffix(name, "String") && len(c.Args) == 2 {
			idx = 1
		}
		if s, exact := arg(idx); exact && len(s) >= 4 {
			note := fmt.Sprintf("%s decodes a %s literal", Short(name), kind)
			if d, ok := decodeLit(kind, s); ok {
				note += ": " + quote(d)
			}
			return source(Decoded, pos, note), true
		}
	}
	return Taint{}, false
}

// collectEdges walks every function and initializer and records how
// values flow between variables, parameters and results.
func (m *Model) collectEdges() {
	for _, c := range m.Calls {
		if t, ok := m.sourceOf(c); ok {
			m.srcs[c.Expr] = t
		}
	}
	for _, f := range m.Files {
		var fnStack []*Func
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				return true
			}
			cur := func() *Func {
				if len(fnStack) == 0 {
					return nil
				}
				return fnStack[len(fnStack)-1]
			}
			switch n := n.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				// Track the enclosing function for return statements.
				fn := m.funcOf[n]
				if fn != nil {
					fnStack = append(fnStack, fn)
					body := fn.Body
					ast.Inspect(body, func(x ast.Node) bool {
						if _, ok := x.(*ast.FuncLit); ok {
							return false
						}
						if r, ok := x.(*ast.ReturnStmt); ok {
							for _, res := range r.Results {
								m.edges = append(m.edges, edge{ret: fn, src: res})
							}
							if len(r.Results) == 0 {
								for _, o := range fn.Named {
									if o != nil {
										m.edges = append(m.edges, edge{ret: fn, srcObj: o})
									}
								}
							}
						}
						return true
					})
					fnStack = fnStack[:len(fnStack)-1]
				}
			case *ast.AssignStmt:
				m.assignEdges(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				m.assignEdges(lhs, n.Values)
			case *ast.RangeStmt:
				for _, l := range []ast.Expr{n.Key, n.Value} {
					if l != nil {
						if o := m.Root(l); o != nil {
							m.edges = append(m.edges, edge{dst: o, src: n.X})
						}
					}
				}
			case *ast.SendStmt:
				if o := m.Root(n.Chan); o != nil {
					m.edges = append(m.edges, edge{dst: o, src: n.Value, hop: &Step{n.Pos(), "sent on channel " + m.Describe(n.Chan)}})
				}
			case *ast.CompositeLit:
				// Fields set in a literal carry the value to the field.
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							if v, ok := m.Info.Uses[id].(*types.Var); ok && v.IsField() {
								m.edges = append(m.edges, edge{dst: v, src: kv.Value})
							}
						}
					}
				}
			case *ast.CallExpr:
				m.callEdges(m.CallOf[n])
			}
			_ = cur
			return true
		})
	}
	m.xorEdges()
	for p, t := range m.in {
		t := t
		m.edges = append(m.edges, edge{dst: p, taint: &t})
	}
}

func (m *Model) assignEdges(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		var r ast.Expr
		switch {
		case len(rhs) == len(lhs):
			r = rhs[i]
		case len(rhs) == 1:
			r = rhs[0]
		default:
			continue
		}
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			continue
		}
		if o := m.lvalueObj(l); o != nil {
			m.edges = append(m.edges, edge{dst: o, src: r})
		}
		if o := m.Root(l); o != nil {
			m.edges = append(m.edges, edge{dst: o, src: r})
		}
	}
}

func (m *Model) callEdges(c *Call) {
	if c == nil {
		return
	}
	name := c.Callee
	args := c.Args
	switch {
	case dstFirst[name] && len(args) > 1:
		if o := m.localRoot(args[0]); o != nil {
			for _, a := range args[1:] {
				m.edges = append(m.edges, edge{dst: o, src: a})
			}
		}
	case srcFirst[name] && len(args) > 1:
		for _, a := range args[1:] {
			if o := m.localRoot(a); o != nil {
				m.edges = append(m.edges, edge{dst: o, src: args[0]})
			}
		}
	case c.Recv != nil && c.Local == nil:
		ro := m.localRoot(c.Recv)
		meth := name[strings.LastIndex(name, ".")+1:]
		if strings.HasPrefix(meth, "Read") && meth != "ReadFrom" || meth == "Decode" || meth == "Scan" {
			for _, a := range args {
				if o := m.localRoot(a); o != nil {
					m.edges = append(m.edges, edge{dst: o, src: c.Recv})
				}
			}
		} else if ro != nil {
			for _, a := range args {
				m.edges = append(m.edges, edge{dst: ro, src: a})
			}
		}
	}
	if fn := c.Local; fn != nil {
		hop := &Step{c.Expr.Pos(), fmt.Sprintf("passed to %s", fn.Name)}
		if c.Go {
			hop.Note = fmt.Sprintf("passed to goroutine %s", fn.Name)
		}
		for i, a := range args {
			pi := i
			if pi >= len(fn.Params) {
				pi = len(fn.Params) - 1
			}
			if pi >= 0 && fn.Params[pi] != nil {
				m.edges = append(m.edges, edge{dst: fn.Params[pi], src: a, hop: hop})
			}
		}
		if fn.Recv != nil && c.Recv != nil {
			m.edges = append(m.edges, edge{dst: fn.Recv, src: c.Recv, hop: hop})
		}
	}
}

// localRoot is Root limited to variables of this package: a method
// called on another package's variable (base64.StdEncoding,
// http.DefaultClient, os.Stdout) must not carry one call's data to every
// other use of that variable.
func (m *Model) localRoot(e ast.Expr) types.Object {
	o := m.Root(e)
	if o == nil || (o.Pkg() != nil && m.Pkg != nil && o.Pkg() != m.Pkg) {
		return nil
	}
	return o
}

// xorEdges labels byte slices transformed with XOR against literal data
// inside a loop: the classic single-byte XOR decoder.
func (m *Model) xorEdges() {
	for _, f := range m.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			var body *ast.BlockStmt
			switch l := n.(type) {
			case *ast.ForStmt:
				body = l.Body
			case *ast.RangeStmt:
				body = l.Body
			default:
				return true
			}
			ast.Inspect(body, func(x ast.Node) bool {
				as, ok := x.(*ast.AssignStmt)
				if !ok {
					return true
				}
				isXor := as.Tok == token.XOR_ASSIGN
				var operands []ast.Expr
				for _, r := range as.Rhs {
					ast.Inspect(r, func(y ast.Node) bool {
						if b, ok := y.(*ast.BinaryExpr); ok && b.Op == token.XOR {
							isXor = true
							operands = append(operands, b.X, b.Y)
						}
						return true
					})
				}
				if as.Tok == token.XOR_ASSIGN {
					operands = append(operands, as.Lhs...)
				}
				if !isXor {
					return true
				}
				lit := false
				for _, op := range operands {
					if o := m.Root(op); o != nil {
						if _, ok := m.strs[o]; ok {
							lit = true
						}
					}
				}
				if !lit {
					return true
				}
				for _, l := range as.Lhs {
					if o := m.Root(l); o != nil {
						t := source(Decoded, as.Pos(), "XOR-decodes a literal byte string")
						m.edges = append(m.edges, edge{dst: o, taint: &t})
					}
				}
				return true
			})
			return true
		})
	}
}

func (m *Model) solve() {
	for iter := 0; iter < 40; iter++ {
		changed := false
		for _, e := range m.edges {
			var t Taint
			if e.taint != nil {
				t = *e.taint
			} else if e.src != nil {
				t = m.Taint(e.src)
			} else if e.srcObj != nil {
				t = m.ObjTaint(e.srcObj)
			}
			if t.Bits == 0 {
				continue
			}
			if e.dst != nil {
				dt := m.taint[e.dst]
				if dt == nil {
					dt = &Taint{}
					m.taint[e.dst] = dt
				}
				if dt.merge(t, e.hop) {
					changed = true
				}
			}
			if e.ret != nil && e.ret.ret.merge(t, nil) {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
}

// Taint returns the labels an expression carries.
func (m *Model) Taint(e ast.Expr) Taint {
	return m.exprTaint(e, 0)
}

// ObjTaint returns the labels a variable carries.
func (m *Model) ObjTaint(o types.Object) Taint {
	if t := m.taint[o]; t != nil {
		return *t
	}
	return Taint{}
}

func (m *Model) exprTaint(e ast.Expr, depth int) Taint {
	var t Taint
	if e == nil || depth > 20 {
		return t
	}
	switch x := e.(type) {
	case *ast.Ident:
		if o := m.ObjectOf(x); o != nil {
			if ot := m.taint[o]; ot != nil {
				t = *ot
			}
		}
	case *ast.ParenExpr:
		return m.exprTaint(x.X, depth+1)
	case *ast.SelectorExpr:
		if _, ok := m.pkgOf(x.X); !ok {
			t = m.exprTaint(x.X, depth+1)
		}
		if o := m.Info.Uses[x.Sel]; o != nil {
			if ot := m.taint[o]; ot != nil {
				t.merge(*ot, nil)
			}
		}
	case *ast.StarExpr:
		return m.exprTaint(x.X, depth+1)
	case *ast.UnaryExpr:
		return m.exprTaint(x.X, depth+1)
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.GTR, token.LEQ, token.GEQ, token.LAND, token.LOR:
			return t
		}
		t = m.exprTaint(x.X, depth+1)
		t.merge(m.exprTaint(x.Y, depth+1), nil)
	case *ast.IndexExpr:
		return m.exprTaint(x.X, depth+1)
	case *ast.SliceExpr:
		return m.exprTaint(x.X, depth+1)
	case *ast.TypeAssertExpr:
		return m.exprTaint(x.X, depth+1)
	case *ast.KeyValueExpr:
		return m.exprTaint(x.Value, depth+1)
	case *ast.CompositeLit:
		for _, el := range x.Elts {
			t.merge(m.exprTaint(el, depth+1), nil)
		}
		if _, ok := m.byteLit(x); ok && len(x.Elts) >= 4 {
			t.merge(source(Decoded, x.Pos(), "builds a string from a byte-slice literal"), nil)
		}
	case *ast.CallExpr:
		if tv, ok := m.Info.Types[x.Fun]; ok && tv.IsType() {
			if len(x.Args) == 1 {
				return m.exprTaint(x.Args[0], depth+1)
			}
			return t
		}
		if s, ok := m.srcs[x]; ok {
			t.merge(s, nil)
		}
		c := m.CallOf[x]
		if c != nil && c.Local != nil {
			t.merge(c.Local.ret, &Step{x.Pos(), "returned by " + c.Local.Name})
			return t
		}
		if s := m.extOf(c); s != nil {
			t.merge(s.Ret, &Step{x.Pos(), "returned by " + FuncName(m.CalleeObj(c))})
		}
		if c != nil {
			switch c.Callee {
			case "len", "cap", "strconv.Itoa", "errors.New", "strings.Contains", "strings.HasPrefix", "strings.HasSuffix", "strings.EqualFold", "bytes.Equal", "bytes.Contains":
				return t
			}
			var in Taint
			if c.Recv != nil {
				in.merge(m.exprTaint(c.Recv, depth+1), nil)
			}
			for _, a := range c.Args {
				in.merge(m.exprTaint(a, depth+1), nil)
			}
			var hop *Step
			if encoders[c.Callee] {
				hop = &Step{x.Pos(), "encoded with " + Short(c.Callee)}
			}
			t.merge(in, hop)
		}
	}
	return t
}

// Effect says what a function does when it runs.
type Effect uint8

// Effects.
const (
	EffNetwork Effect = 1 << iota
	EffExec
)

// CallEffect returns the effect of a call itself (not following local
// functions).
func CallEffect(callee string) Effect {
	if nc, ok := LookupNet(callee); ok && nc.Kind != NetRequest {
		return EffNetwork
	}
	if _, ok := LookupExec(callee); ok && !strings.HasPrefix(callee, "os/exec.") && !strings.Contains(callee, "execabs") {
		return EffExec
	}
	if IsRun(callee) {
		return EffExec
	}
	return 0
}

func (m *Model) computeEffects() {
	m.effects = map[*Func]Effect{}
	for changed := true; changed; {
		changed = false
		for _, fn := range m.Funcs {
			e := m.effects[fn]
			for _, c := range fn.Calls {
				e |= CallEffect(c.Callee)
				if s := m.extOf(c); s != nil {
					e |= s.Effects
				}
				if c.Local != nil {
					e |= m.effects[c.Local]
				}
			}
			if e != m.effects[fn] {
				m.effects[fn] = e
				changed = true
			}
		}
	}
	// A closure's calls are also its parent's when the closure runs
	// there; approximate by giving the parent its closures' effects when
	// they are called or started in it (already via c.Local).
}

// Effects returns what a call does, following functions of the package.
func (m *Model) Effects(c *Call) Effect {
	e := CallEffect(c.Callee)
	if c.Local != nil {
		e |= m.effects[c.Local]
	}
	if s := m.extOf(c); s != nil {
		e |= s.Effects
	}
	return e
}

// FuncEffects returns what a function of the package does.
func (m *Model) FuncEffects(fn *Func) Effect { return m.effects[fn] }

// FileOf returns the path expression a file variable was opened with.
func (m *Model) FileOf(o types.Object) (ast.Expr, bool) {
	e, ok := m.fileOf[o]
	return e, ok
}
