package goflow

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Analyzer builds the [Model] of a package.
var Analyzer = &analysis.Analyzer{
	Name:             "goflow",
	Doc:              "build the call, constant and taint model the skillgate Go passes share",
	URL:              "https://skillgate.dev/docs/go",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf((*Model)(nil)),
}

// Capability is one use of a capability at one call site, recorded by the
// passes for the skillgate report ("network", "exec", "env",
// "filesRead", "filesWritten", "dynamicCode", "system").
type Capability struct {
	Pos   token.Pos
	Kind  string
	Value string
}

// Caps is the result type of the capability-recording passes.
type Caps []Capability

// Call is one resolved call site.
type Call struct {
	Expr *ast.CallExpr
	// Callee names what is called: "os/exec.Command" for a function,
	// "net/http.Client.Do" for a method (pointer receivers folded), an
	// import path plus selector chain for packages that were not loaded
	// ("github.com/gorilla/websocket.DefaultDialer.Dial"), "?.Name" for a
	// method of an unknown type, "" for a call that cannot be resolved.
	Callee string
	// Via says how the callee was reached when not directly: "function
	// variable f", "method value", "reflection".
	Via string
	// Args are the call's arguments (for reflection, the values passed
	// to Call unwrapped from reflect.ValueOf).
	Args []ast.Expr
	// Recv is the receiver expression of a method call.
	Recv ast.Expr
	// Func is the function the call is in (nil at package level).
	Func *Func
	// Local is the function of this package the call reaches, if any.
	Local *Func
	// Init is set when the call runs while the package is initialised
	// (in init, or in a package-level initializer).
	Init bool
	// Go is set for calls started with a go statement.
	Go bool
}

// Func is a function, method or closure of the package.
type Func struct {
	Name   string
	Node   ast.Node // *ast.FuncDecl or *ast.FuncLit
	Body   *ast.BlockStmt
	Params []types.Object
	Recv   types.Object
	Named  []types.Object
	Init   bool
	Parent *Func
	Calls  []*Call
	ret    Taint
}

// Model is goflow's result.
type Model struct {
	Fset  *token.FileSet
	Info  *types.Info
	Files []*ast.File
	Pkg   *types.Package
	// Calls lists every call site in source order.
	Calls  []*Call
	CallOf map[*ast.CallExpr]*Call
	Funcs  []*Func

	funcOf   map[ast.Node]*Func
	declOf   map[*types.Func]*Func
	strs     map[types.Object]string
	params   map[types.Object][]string
	funcVals map[types.Object][]fnRef
	taint    map[types.Object]*Taint
	fileOf   map[types.Object]ast.Expr
	reqDest  map[types.Object]ast.Expr
	decoded  map[types.Object]Step
	srcs     map[*ast.CallExpr]Taint
	edges    []edge
	fakes    map[string]string // local name -> import path, per file (unresolved imports)
	dotFakes map[*ast.File][]string
	fileAt   func(token.Pos) *ast.File
	effects  map[*Func]Effect
	// cands are the values a variable, field or parameter takes when it
	// has more than one (a loop over a literal list, a helper called
	// with several paths); lits are the composite literals variables and
	// fields hold; over pins a variable to one candidate while folding.
	cands map[types.Object][]string
	lits  map[types.Object]*ast.CompositeLit
	elems map[types.Object][]string // list elements of imported variables
	over  map[any]string            // types.Object or *ast.IndexExpr
	// fakeType names the type of a variable built from a package that was
	// not loaded (new(dns.Client) -> "github.com/miekg/dns.Client").
	fakeType map[types.Object]string
	// ext returns the summaries of functions of other packages of the
	// same program (analysed before this one), or nil.
	ext func(*types.Func) *Summary
	in  map[types.Object]Taint
}

// maxCands bounds the candidate values kept per variable and per
// expression.
const maxCands = 64

type fnRef struct {
	name  string
	local *Func
	via   string
}

type edge struct {
	dst    types.Object
	ret    *Func
	src    ast.Expr
	srcObj types.Object
	taint  *Taint // fixed taint instead of src
	hop    *Step
}

func run(pass *analysis.Pass) (any, error) {
	return Build(pass.Fset, pass.Files, pass.Pkg, pass.TypesInfo), nil
}

// Build builds the model of a type-checked package.
func Build(fset *token.FileSet, files []*ast.File, pkg *types.Package, info *types.Info) *Model {
	return newModel(fset, files, pkg, info).build()
}

func newModel(fset *token.FileSet, files []*ast.File, pkg *types.Package, info *types.Info) *Model {
	m := &Model{
		Fset: fset, Info: info, Files: files, Pkg: pkg,
		CallOf: map[*ast.CallExpr]*Call{}, funcOf: map[ast.Node]*Func{}, declOf: map[*types.Func]*Func{},
		strs: map[types.Object]string{}, params: map[types.Object][]string{}, funcVals: map[types.Object][]fnRef{}, taint: map[types.Object]*Taint{},
		fileOf: map[types.Object]ast.Expr{}, reqDest: map[types.Object]ast.Expr{}, decoded: map[types.Object]Step{}, srcs: map[*ast.CallExpr]Taint{},
		dotFakes: map[*ast.File][]string{}, cands: map[types.Object][]string{}, lits: map[types.Object]*ast.CompositeLit{}, elems: map[types.Object][]string{},
		over: map[any]string{}, fakeType: map[types.Object]string{},
	}
	return m
}

func (m *Model) build() *Model {
	m.collectFuncs()
	// Constants and function values first (they feed call resolution),
	// twice so that values assigned from values settle.
	for i := 0; i < 3; i++ {
		m.walkValues()
	}
	m.collectCalls()
	m.paramValues()
	m.walkValues()
	m.collectEdges()
	m.solve()
	m.computeEffects()
	return m
}

func (m *Model) collectFuncs() {
	for _, f := range m.Files {
		for _, imp := range f.Imports {
			if imp.Name != nil && imp.Name.Name == "." {
				p := strings.Trim(imp.Path.Value, "`\"")
				// Only packages that were not loaded: their identifiers
				// stay undefined and are resolved by path.
				if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
					m.dotFakes[f] = append(m.dotFakes[f], p)
				}
			}
		}
		var stack []*Func
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				return true
			}
			var fn *Func
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body == nil {
					return false
				}
				fn = &Func{Name: n.Name.Name, Node: n, Body: n.Body, Init: n.Recv == nil && n.Name.Name == "init"}
				if n.Recv != nil && len(n.Recv.List) > 0 {
					if len(n.Recv.List[0].Names) > 0 {
						fn.Recv = m.Info.Defs[n.Recv.List[0].Names[0]]
					}
					fn.Name = recvTypeName(n.Recv.List[0].Type) + "." + n.Name.Name
				}
				fn.Params, fn.Named = m.fields(n.Type)
				if obj, ok := m.Info.Defs[n.Name].(*types.Func); ok {
					m.declOf[obj] = fn
				}
			case *ast.FuncLit:
				fn = &Func{Name: "func literal", Node: n, Body: n.Body}
				fn.Params, fn.Named = m.fields(n.Type)
				if len(stack) > 0 && stack[len(stack)-1] != nil {
					fn.Parent = stack[len(stack)-1]
					fn.Name = "closure in " + fn.Parent.Name
				}
			default:
				stack = append(stack, nil)
				if len(stack) > 1 {
					stack[len(stack)-1] = stack[len(stack)-2]
				}
				return true
			}
			m.funcOf[n] = fn
			m.Funcs = append(m.Funcs, fn)
			stack = append(stack, fn)
			return true
		})
	}
}

func recvTypeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvTypeName(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return recvTypeName(e.X)
	case *ast.IndexListExpr:
		return recvTypeName(e.X)
	}
	return "?"
}

func (m *Model) fields(ft *ast.FuncType) (params, named []types.Object) {
	if ft.Params != nil {
		for _, f := range ft.Params.List {
			if len(f.Names) == 0 {
				params = append(params, nil)
			}
			for _, n := range f.Names {
				params = append(params, m.Info.Defs[n])
			}
		}
	}
	if ft.Results != nil {
		for _, f := range ft.Results.List {
			for _, n := range f.Names {
				named = append(named, m.Info.Defs[n])
			}
		}
	}
	return params, named
}

// ObjectOf returns the object an identifier defines or uses.
func (m *Model) ObjectOf(id *ast.Ident) types.Object {
	if o := m.Info.Defs[id]; o != nil {
		return o
	}
	return m.Info.Uses[id]
}

// Root returns the variable an lvalue or value expression is rooted in
// (x for x, x.f, x[i], *x, &x).
func (m *Model) Root(e ast.Expr) types.Object {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return m.ObjectOf(x)
		case *ast.SelectorExpr:
			if _, ok := m.pkgOf(x.X); ok {
				return m.Info.Uses[x.Sel]
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		case *ast.TypeAssertExpr:
			e = x.X
		case *ast.CompositeLit, *ast.CallExpr:
			return nil
		default:
			return nil
		}
	}
}

// pkgOf returns the import path when e names an imported package.
func (m *Model) pkgOf(e ast.Expr) (string, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return "", false
	}
	if pn, ok := m.Info.Uses[id].(*types.PkgName); ok {
		return pn.Imported().Path(), true
	}
	// Snippets and files with missing imports: an undefined identifier
	// spelled like a well-known package is taken to be that package.
	if m.Info.Uses[id] == nil && m.Info.Defs[id] == nil {
		if p, ok := implicitPkgs[id.Name]; ok {
			return p, true
		}
	}
	return "", false
}

var implicitPkgs = map[string]string{
	"os": "os", "exec": "os/exec", "http": "net/http", "net": "net", "ioutil": "io/ioutil",
	"filepath": "path/filepath", "base64": "encoding/base64", "hex": "encoding/hex",
	"syscall": "syscall", "user": "os/user", "plugin": "plugin", "reflect": "reflect",
	"smtp": "net/smtp", "rpc": "net/rpc", "tls": "crypto/tls", "io": "io", "fmt": "fmt",
}

// walkValues records folded strings and function values of variables.
func (m *Model) walkValues() {
	assign := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			var r ast.Expr
			switch {
			case len(rhs) == len(lhs):
				r = rhs[i]
			case len(rhs) == 1 && i == 0:
				r = rhs[0]
			default:
				continue
			}
			obj := m.lvalueObj(l)
			if obj == nil {
				continue
			}
			if s, _ := m.Fold(r); s != "" && s != "*" {
				if old, ok := m.strs[obj]; !ok || strings.Count(s, "*") < strings.Count(old, "*") {
					m.strs[obj] = s
				}
			}
			if len(rhs) == len(lhs) {
				if lit := m.listLit(r); lit != nil {
					m.lits[obj] = lit
				}
				if t := m.fakeTypeOf(r); t != "" {
					m.fakeType[obj] = t
				}
				if len(m.cands) > 0 {
					m.addCands(obj, m.foldAll(r))
				}
			}
			for _, ref := range m.funcValue(r) {
				if !containsRef(m.funcVals[obj], ref) {
					m.funcVals[obj] = append(m.funcVals[obj], ref)
				}
			}
			if call, ok := ast.Unparen(r).(*ast.CallExpr); ok && i == 0 {
				if c := m.staticCallee(call); (c == "os.Create" || c == "os.OpenFile") && len(call.Args) > 0 {
					m.fileOf[obj] = call.Args[0]
				}
				if c := m.staticCallee(call); c == "net/http.NewRequest" && len(call.Args) == 3 || c == "net/http.NewRequestWithContext" && len(call.Args) == 4 {
					m.reqDest[obj] = call.Args[len(call.Args)-2]
				}
			}
		}
	}
	for _, f := range m.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				assign(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				assign(lhs, n.Values)
				if n.Type != nil {
					if t := m.fakeTypeName(n.Type); t != "" {
						for _, id := range n.Names {
							if o := m.Info.Defs[id]; o != nil {
								m.fakeType[o] = t
							}
						}
					}
				}
			case *ast.RangeStmt:
				m.rangeCands(n)
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok {
					if obj, ok := m.Info.Uses[id].(*types.Var); ok && obj.IsField() {
						if lit := m.listLit(n.Value); lit != nil {
							m.lits[obj] = lit
						}
						for _, ref := range m.funcValue(n.Value) {
							if !containsRef(m.funcVals[obj], ref) {
								m.funcVals[obj] = append(m.funcVals[obj], ref)
							}
						}
					}
				}
			}
			return true
		})
	}
}

func containsRef(list []fnRef, r fnRef) bool {
	for _, x := range list {
		if x.name == r.name && x.local == r.local {
			return true
		}
	}
	return false
}

func (m *Model) lvalueObj(l ast.Expr) types.Object {
	switch l := ast.Unparen(l).(type) {
	case *ast.Ident:
		if l.Name == "_" {
			return nil
		}
		return m.ObjectOf(l)
	case *ast.SelectorExpr:
		return m.ObjectOf(l.Sel)
	}
	return nil
}

// funcValue returns what a function-valued expression refers to.
func (m *Model) funcValue(e ast.Expr) []fnRef {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.FuncLit:
		if fn := m.funcOf[x]; fn != nil {
			return []fnRef{{name: fn.Name, local: fn}}
		}
	case *ast.Ident:
		switch obj := m.ObjectOf(x).(type) {
		case *types.Func:
			return []fnRef{m.funcRef(obj, "")}
		case *types.Var:
			return m.funcVals[obj]
		}
		if obj := m.ObjectOf(x); obj == nil {
			if p := m.dotFake(x); p != "" {
				return []fnRef{{name: p + "." + x.Name}}
			}
		}
	case *ast.SelectorExpr:
		if p, ok := m.pkgOf(x.X); ok {
			if fn, ok := m.Info.Uses[x.Sel].(*types.Func); ok {
				return []fnRef{m.funcRef(fn, "")}
			}
			if v, ok := m.Info.Uses[x.Sel].(*types.Var); ok {
				return m.funcVals[v]
			}
			return []fnRef{{name: p + "." + x.Sel.Name}}
		}
		if sel := m.Info.Selections[x]; sel != nil {
			switch sel.Kind() {
			case types.MethodVal, types.MethodExpr:
				if fn, ok := sel.Obj().(*types.Func); ok {
					r := m.funcRef(fn, "method value")
					return []fnRef{r}
				}
			case types.FieldVal:
				return m.funcVals[sel.Obj()]
			}
		}
		if name := m.chain(x); name != "" {
			return []fnRef{{name: name, via: "method value"}}
		}
	case *ast.CallExpr:
		// reflect.ValueOf(f) keeps f as a function value.
		if m.staticCallee(x) == "reflect.ValueOf" && len(x.Args) == 1 {
			var out []fnRef
			for _, r := range m.funcValue(x.Args[0]) {
				r.via = "reflection"
				out = append(out, r)
			}
			return out
		}
		// reflect.ValueOf(v).MethodByName("Run")
		if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "MethodByName" && len(x.Args) == 1 {
			name, _ := m.Fold(x.Args[0])
			if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok && m.staticCallee(inner) == "reflect.ValueOf" && len(inner.Args) == 1 && name != "" && name != "*" {
				if t := m.Info.TypeOf(inner.Args[0]); t != nil {
					if n := typeName(t); n != "" {
						return []fnRef{{name: n + "." + name, via: "reflection"}}
					}
				}
			}
		}
	}
	return nil
}

func (m *Model) dotFake(id *ast.Ident) string {
	f := m.fileOfPos(id.Pos())
	if f == nil || len(m.dotFakes[f]) == 0 {
		return ""
	}
	return m.dotFakes[f][0]
}

func (m *Model) fileOfPos(p token.Pos) *ast.File {
	for _, f := range m.Files {
		if f.FileStart <= p && p <= f.FileEnd {
			return f
		}
	}
	return nil
}

func (m *Model) funcRef(fn *types.Func, via string) fnRef {
	r := fnRef{name: FuncName(fn), via: via}
	if d := m.declOf[fn.Origin()]; d != nil {
		r.local = d
	}
	return r
}

// FuncName names a function or method: "os/exec.Command",
// "os/exec.Cmd.Run", "net.Conn.Write".
func FuncName(fn *types.Func) string {
	fn = fn.Origin()
	sig, _ := fn.Type().(*types.Signature)
	if sig != nil && sig.Recv() != nil {
		if n := typeName(sig.Recv().Type()); n != "" {
			return n + "." + fn.Name()
		}
		return "?." + fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Path() + "." + fn.Name()
}

func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		o := t.Origin().Obj()
		if o.Pkg() == nil {
			return o.Name()
		}
		return o.Pkg().Path() + "." + o.Name()
	}
	return ""
}

// chain names a selector chain rooted in an imported package that was
// not loaded: websocket.DefaultDialer.Dial.
func (m *Model) chain(e ast.Expr) string {
	var parts []string
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			parts = append(parts, x.Sel.Name)
			e = x.X
			continue
		case *ast.Ident:
			if p, ok := m.pkgOf(x); ok {
				for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
					parts[i], parts[j] = parts[j], parts[i]
				}
				return p + "." + strings.Join(parts, ".")
			}
		}
		return ""
	}
}

// staticCallee resolves a call without function variables.
func (m *Model) staticCallee(call *ast.CallExpr) string {
	refs := m.funcValue(call.Fun)
	if len(refs) == 1 && refs[0].via != "reflection" {
		return refs[0].name
	}
	return ""
}

func (m *Model) collectCalls() {
	for _, f := range m.Files {
		goCalls := map[*ast.CallExpr]bool{}
		pkgLevelLit := map[*ast.FuncLit]bool{}
		var visit func(n ast.Node, fn *Func, init bool)
		visit = func(n ast.Node, fn *Func, init bool) {
			ast.Inspect(n, func(x ast.Node) bool {
				switch x := x.(type) {
				case *ast.FuncDecl:
					if x == n {
						return true
					}
					if fd := m.funcOf[x]; fd != nil {
						visit(x.Body, fd, fd.Init)
					}
					return false
				case *ast.FuncLit:
					if x == n {
						return true
					}
					if fl := m.funcOf[x]; fl != nil {
						visit(x.Body, fl, init && (fn == nil && pkgLevelLit[x] || fn != nil && fn.Init))
					}
					return false
				case *ast.GoStmt:
					goCalls[x.Call] = true
				case *ast.CallExpr:
					if lit, ok := ast.Unparen(x.Fun).(*ast.FuncLit); ok && fn == nil {
						pkgLevelLit[lit] = true
					}
					c := m.resolve(x)
					c.Func, c.Init, c.Go = fn, init, goCalls[x]
					m.Calls = append(m.Calls, c)
					m.CallOf[x] = c
					if fn != nil {
						fn.Calls = append(fn.Calls, c)
					}
				}
				return true
			})
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if fd := m.funcOf[d]; fd != nil {
					visit(d.Body, fd, fd.Init)
				}
			case *ast.GenDecl:
				visit(d, nil, true)
			}
		}
	}
}

func (m *Model) resolve(call *ast.CallExpr) *Call {
	c := &Call{Expr: call, Args: call.Args}
	fun := ast.Unparen(call.Fun)
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if _, isPkg := m.pkgOf(sel.X); !isPkg {
			c.Recv = sel.X
		}
		// reflect.Value.Call on a function value.
		if sel.Sel.Name == "Call" || sel.Sel.Name == "CallSlice" {
			if refs := m.funcValue(sel.X); len(refs) > 0 {
				if t := m.Info.TypeOf(sel.X); t == nil || typeName(t) == "reflect.Value" {
					c.Callee, c.Local, c.Via = refs[0].name, refs[0].local, "reflection"
					c.Recv = nil
					if len(call.Args) == 1 {
						c.Args = unwrapReflect(m, call.Args[0])
					}
					return c
				}
			}
		}
	}
	if id, ok := fun.(*ast.Ident); ok {
		if v, ok := m.ObjectOf(id).(*types.Var); ok {
			if refs := m.funcVals[v]; len(refs) > 0 {
				c.Callee, c.Local, c.Via = refs[0].name, refs[0].local, "function variable "+id.Name
				return c
			}
			return c
		}
		if b, ok := m.ObjectOf(id).(*types.Builtin); ok {
			c.Callee = b.Name()
			return c
		}
	}
	refs := m.funcValue(fun)
	if len(refs) > 0 {
		c.Callee, c.Local = refs[0].name, refs[0].local
		if refs[0].via == "reflection" || refs[0].via == "function variable" {
			c.Via = refs[0].via
		}
		if sel, ok := fun.(*ast.SelectorExpr); ok {
			if s := m.Info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				c.Via = "function field " + sel.Sel.Name
				c.Recv = nil
			}
			if s := m.Info.Selections[sel]; s != nil && s.Kind() == types.MethodVal && types.IsInterface(s.Recv()) {
				if name := m.dispatch(s.Recv(), sel.Sel.Name); name != "" {
					c.Callee, c.Via = name, "interface "+types.TypeString(s.Recv(), types.RelativeTo(m.Pkg))
				}
			}
		}
		return c
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		c.Callee = "?." + sel.Sel.Name
		if o := m.Root(sel.X); o != nil && m.fakeType[o] != "" {
			c.Callee = m.fakeType[o] + "." + sel.Sel.Name
		}
	}
	return c
}

func unwrapReflect(m *Model, e ast.Expr) []ast.Expr {
	cl, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return []ast.Expr{e}
	}
	var out []ast.Expr
	for _, el := range cl.Elts {
		if call, ok := ast.Unparen(el).(*ast.CallExpr); ok && m.staticCallee(call) == "reflect.ValueOf" && len(call.Args) == 1 {
			out = append(out, call.Args[0])
			continue
		}
		out = append(out, el)
	}
	return out
}

// Fold evaluates a string expression as far as it is constant. Unknown
// parts become "*"; exact reports whether nothing was unknown. Home
// directory lookups fold to "~".
func (m *Model) Fold(e ast.Expr) (s string, exact bool) {
	return m.fold(e, 0)
}

func (m *Model) fold(e ast.Expr, depth int) (string, bool) {
	if e == nil || depth > 12 {
		return "*", false
	}
	if tv, ok := m.Info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value), true
		}
		return tv.Value.ExactString(), true
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			if v := constant.MakeFromLiteral(x.Value, x.Kind, 0); v.Kind() == constant.String {
				return constant.StringVal(v), true
			}
		}
		return x.Value, true
	case *ast.Ident:
		if obj := m.ObjectOf(x); obj != nil {
			if s, ok := m.over[obj]; ok {
				return s, !strings.Contains(s, "*")
			}
			if s, ok := m.strs[obj]; ok {
				return s, !strings.Contains(s, "*")
			}
		}
	case *ast.IndexExpr:
		if s, ok := m.over[x]; ok {
			return s, !strings.Contains(s, "*")
		}
		return m.indexFold(x, depth)
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			a, ea := m.fold(x.X, depth+1)
			b, eb := m.fold(x.Y, depth+1)
			return a + b, ea && eb
		}
	case *ast.SelectorExpr:
		if x.Sel.Name == "HomeDir" {
			return "~", true
		}
		if obj := m.Info.Uses[x.Sel]; obj != nil {
			if s, ok := m.over[obj]; ok {
				return s, !strings.Contains(s, "*")
			}
			if s, ok := m.strs[obj]; ok {
				return s, !strings.Contains(s, "*")
			}
		}
	case *ast.CompositeLit:
		if s, ok := m.byteLit(x); ok {
			return s, true
		}
	case *ast.CallExpr:
		if tv, ok := m.Info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return m.fold(x.Args[0], depth+1)
		}
		name := m.staticCallee(x)
		switch name {
		case "os.UserHomeDir":
			return "~", true
		case "os.TempDir":
			return "/tmp", true
		case "os.Getenv", "syscall.Getenv", "os.LookupEnv":
			if len(x.Args) == 1 {
				if v, ok := m.fold(x.Args[0], depth+1); ok && (v == "HOME" || v == "USERPROFILE") {
					return "~", true
				}
			}
		case "os.ExpandEnv":
			if len(x.Args) == 1 {
				v, ok := m.fold(x.Args[0], depth+1)
				v = strings.NewReplacer("${HOME}", "~", "$HOME", "~").Replace(v)
				return v, ok && !strings.Contains(v, "$")
			}
		case "path/filepath.Join", "path.Join":
			var parts []string
			exact := true
			for _, a := range x.Args {
				s, ok := m.fold(a, depth+1)
				exact = exact && ok
				parts = append(parts, strings.TrimSuffix(s, "/"))
			}
			return strings.Join(parts, "/"), exact
		case "fmt.Sprintf":
			if len(x.Args) >= 1 {
				return m.sprintf(x.Args, depth)
			}
		case "strings.Join":
			if len(x.Args) == 2 {
				if cl, ok := ast.Unparen(x.Args[0]).(*ast.CompositeLit); ok {
					sep, e1 := m.fold(x.Args[1], depth+1)
					var parts []string
					exact := e1
					for _, el := range cl.Elts {
						s, ok := m.fold(el, depth+1)
						exact = exact && ok
						parts = append(parts, s)
					}
					return strings.Join(parts, sep), exact
				}
			}
		case "strings.TrimSpace", "strings.ToLower", "strings.TrimSuffix", "strings.TrimPrefix", "path/filepath.Clean", "path.Clean", "path/filepath.FromSlash":
			if len(x.Args) >= 1 {
				s, ok := m.fold(x.Args[0], depth+1)
				if name == "strings.ToLower" {
					s = strings.ToLower(s)
				}
				return s, ok
			}
		}
		if kind, ok := decoders[name]; ok && len(x.Args) > 0 {
			arg := x.Args[0]
			if len(x.Args) == 2 && !strings.HasSuffix(name, "String") {
				arg = x.Args[1]
			}
			if s, ok := m.fold(arg, depth+1); ok {
				if d, ok := decodeLit(kind, s); ok {
					return d, true
				}
			}
		}
	}
	return "*", false
}

func (m *Model) sprintf(args []ast.Expr, depth int) (string, bool) {
	format, exact := m.fold(args[0], depth+1)
	if !exact {
		return "*", false
	}
	var b strings.Builder
	ai := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 >= len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			b.WriteByte('%')
			continue
		}
		if ai < len(args) {
			s, ok := m.fold(args[ai], depth+1)
			exact = exact && ok
			b.WriteString(s)
			ai++
		} else {
			b.WriteByte('*')
			exact = false
		}
	}
	return b.String(), exact
}

// byteLit turns []byte{'s', 'h'} or []byte{0x73, 0x68} into a string.
func (m *Model) byteLit(cl *ast.CompositeLit) (string, bool) {
	t := m.Info.TypeOf(cl)
	if t == nil {
		return "", false
	}
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return "", false
	}
	if b, ok := sl.Elem().Underlying().(*types.Basic); !ok || (b.Kind() != types.Byte && b.Kind() != types.Uint8 && b.Kind() != types.Rune && b.Kind() != types.Int32) {
		return "", false
	}
	if len(cl.Elts) < 2 {
		return "", false
	}
	var sb strings.Builder
	for _, el := range cl.Elts {
		tv, ok := m.Info.Types[el]
		if !ok || tv.Value == nil {
			return "", false
		}
		v, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok {
			return "", false
		}
		sb.WriteRune(rune(v))
	}
	return sb.String(), true
}

// Str returns the folded string recorded for a variable.
func (m *Model) Str(obj types.Object) (string, bool) {
	s, ok := m.strs[obj]
	return s, ok
}

// Position is a shorthand for m.Fset.Position.
func (m *Model) Position(p token.Pos) token.Position { return m.Fset.Position(p) }

// Describe renders an expression for messages.
func (m *Model) Describe(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// Short is Callee without the import path directory ("exec.Command").
func Short(callee string) string {
	if i := strings.LastIndex(callee, "/"); i >= 0 {
		return callee[i+1:]
	}
	return callee
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return fmt.Sprintf("%q", s)
}

// paramValues records the folded arguments passed to the package's own
// functions, so that a path built by the caller is classified inside the
// callee; a parameter that receives several values keeps them all as
// candidates.
func (m *Model) paramValues() {
	for _, c := range m.Calls {
		fn := c.Local
		if fn == nil {
			continue
		}
		for i, a := range c.Args {
			if i >= len(fn.Params) || fn.Params[i] == nil {
				break
			}
			p := fn.Params[i]
			for _, v := range m.foldAll(a) {
				if v == "" || v == "*" || len(m.params[p]) >= maxCands {
					continue
				}
				if !slices.Contains(m.params[p], v) {
					m.params[p] = append(m.params[p], v)
				}
			}
		}
	}
	for p, vals := range m.params {
		if _, ok := m.strs[p]; !ok && len(vals) == 1 {
			m.strs[p] = vals[0]
		}
		if len(vals) > 1 {
			m.addCands(p, vals)
		}
	}
}

// FoldAll folds an expression once for every combination of the values
// the variables in it can take (loop variables over literal lists,
// parameters called with several values), at most maxCands results; an
// expression without such variables folds to the single value of Fold.
func (m *Model) FoldAll(e ast.Expr) []string { return m.foldAll(e) }

func (m *Model) foldAll(e ast.Expr) []string {
	// The unknowns with candidates: variables, and indexes into literal
	// lists with a variable index (files[i]).
	var vars []any
	var candLists [][]string
	if len(m.cands) > 0 || len(m.lits) > 0 || len(m.elems) > 0 {
		ast.Inspect(e, func(n ast.Node) bool {
			var key any
			var list []string
			switch x := n.(type) {
			case *ast.Ident:
				if o := m.ObjectOf(x); o != nil && len(m.cands[o]) > 1 {
					key, list = o, m.cands[o]
				}
			case *ast.IndexExpr:
				if list = m.indexCands(x); len(list) > 1 {
					key = x
				}
			}
			if key == nil || slices.Contains(vars, key) {
				return true
			}
			if _, pinned := m.over[key]; !pinned {
				vars = append(vars, key)
				candLists = append(candLists, list)
			}
			return true
		})
	}
	if len(vars) == 0 {
		s, _ := m.Fold(e)
		return []string{s}
	}
	var out []string
	budget := 4 * maxCands // folds, so that repeated results cannot blow up
	var enum func(i int)
	enum = func(i int) {
		if len(out) >= maxCands || budget <= 0 {
			return
		}
		if i == len(vars) {
			budget--
			if s, _ := m.Fold(e); !slices.Contains(out, s) {
				out = append(out, s)
			}
			return
		}
		for _, v := range candLists[i] {
			m.over[vars[i]] = v
			enum(i + 1)
		}
		delete(m.over, vars[i])
	}
	enum(0)
	return out
}

// indexCands returns the constant elements of a literal list indexed by
// a value that is not constant (files[i] in a counted loop).
func (m *Model) indexCands(x *ast.IndexExpr) []string {
	if tv, ok := m.Info.Types[x.Index]; ok && tv.Value != nil {
		return nil
	}
	lit := m.litOf(x.X)
	if lit == nil {
		if o := m.elemsObj(x.X); o != nil {
			return m.elems[o]
		}
		return nil
	}
	var out []string
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if s, ok := m.Fold(el); ok && s != "" && !slices.Contains(out, s) && len(out) < maxCands {
			out = append(out, s)
		}
	}
	return out
}

// indexFold folds an element of a literal list or map selected by a
// constant index or key.
func (m *Model) indexFold(x *ast.IndexExpr, depth int) (string, bool) {
	lit := m.litOf(x.X)
	tv, ok := m.Info.Types[x.Index]
	if lit == nil || !ok || tv.Value == nil {
		return "*", false
	}
	if tv.Value.Kind() == constant.Int {
		i, ok := constant.Int64Val(tv.Value)
		if ok && i >= 0 && int(i) < len(lit.Elts) {
			if _, keyed := lit.Elts[i].(*ast.KeyValueExpr); !keyed {
				return m.fold(lit.Elts[i], depth+1)
			}
		}
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if ktv, ok := m.Info.Types[kv.Key]; ok && ktv.Value != nil && constant.Compare(ktv.Value, token.EQL, tv.Value) {
				return m.fold(kv.Value, depth+1)
			}
		}
	}
	return "*", false
}

// addCands records several values for a variable (bounded); a single
// value is left to strs.
func (m *Model) addCands(o types.Object, vals []string) {
	if len(vals) < 2 {
		return
	}
	for _, v := range vals {
		if v == "" || v == "*" || len(m.cands[o]) >= maxCands {
			continue
		}
		if !slices.Contains(m.cands[o], v) {
			m.cands[o] = append(m.cands[o], v)
		}
	}
}

// litOf returns the composite literal an expression is or names: a
// literal, a variable or a field that was assigned one.
func (m *Model) litOf(e ast.Expr) *ast.CompositeLit {
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return x
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return m.litOf(x.X)
		}
	case *ast.Ident:
		if o := m.ObjectOf(x); o != nil {
			return m.lits[o]
		}
	case *ast.SelectorExpr:
		if o := m.Info.Uses[x.Sel]; o != nil {
			return m.lits[o]
		}
	}
	return nil
}

// listLit is litOf limited to non-empty slice, array and map literals
// (the collections loops and indexes take values from).
func (m *Model) listLit(e ast.Expr) *ast.CompositeLit {
	lit := m.litOf(e)
	if lit == nil || len(lit.Elts) == 0 {
		return nil
	}
	if t := m.Info.TypeOf(lit); t != nil {
		switch t.Underlying().(type) {
		case *types.Slice, *types.Array, *types.Map:
			return lit
		}
	}
	return nil
}

// rangeCands gives the variables of a loop over a literal collection the
// values of its elements: the value (or the key of a map) takes each
// constant element, and the fields of struct elements take their values.
func (m *Model) rangeCands(r *ast.RangeStmt) {
	lit := m.litOf(r.X)
	if lit == nil {
		// strings.Split(".aws/credentials,.netrc", ",") and Fields, and
		// lists of the program's other packages.
		parts := m.splitLit(r.X)
		if o := m.elemsObj(r.X); o != nil {
			parts = m.elems[o]
		}
		if len(parts) > 0 && r.Value != nil {
			if o := m.lvalueObj(r.Value); o != nil {
				if len(parts) == 1 {
					m.strs[o] = parts[0]
				}
				m.addCands(o, parts)
			}
		}
		return
	}
	var keys, vals []string
	add := func(list *[]string, e ast.Expr) {
		if len(*list) >= maxCands {
			return
		}
		if el, ok := ast.Unparen(e).(*ast.CompositeLit); ok {
			m.structCands(el)
			return
		}
		for _, s := range m.foldAll(e) {
			if s != "" && s != "*" && !slices.Contains(*list, s) && len(*list) < maxCands {
				*list = append(*list, s)
			}
		}
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			add(&keys, kv.Key)
			add(&vals, kv.Value)
			continue
		}
		add(&vals, el)
	}
	set := func(l ast.Expr, list []string) {
		if l == nil {
			return
		}
		o := m.lvalueObj(l)
		if o == nil {
			return
		}
		if len(list) == 1 {
			m.strs[o] = list[0]
			return
		}
		m.addCands(o, list)
	}
	if t := m.Info.TypeOf(r.X); t != nil {
		if _, isMap := t.Underlying().(*types.Map); isMap {
			set(r.Key, keys)
		}
	}
	set(r.Value, vals)
}

// elemsObj returns the imported variable or field an expression names
// when its list elements are known.
func (m *Model) elemsObj(e ast.Expr) types.Object {
	if len(m.elems) == 0 {
		return nil
	}
	var o types.Object
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		o = m.ObjectOf(x)
	case *ast.SelectorExpr:
		o = m.Info.Uses[x.Sel]
	}
	if o == nil || len(m.elems[o]) == 0 {
		return nil
	}
	return o
}

// splitLit returns the parts of a constant string split by
// strings.Split, SplitN or Fields.
func (m *Model) splitLit(e ast.Expr) []string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	s, exact := m.Fold(call.Args[0])
	if !exact {
		return nil
	}
	var parts []string
	switch m.staticCallee(call) {
	case "strings.Fields":
		parts = strings.Fields(s)
	case "strings.Split", "strings.SplitN":
		if len(call.Args) < 2 {
			return nil
		}
		sep, ok := m.Fold(call.Args[1])
		if !ok || sep == "" {
			return nil
		}
		parts = strings.Split(s, sep)
	default:
		return nil
	}
	if len(parts) > maxCands {
		parts = parts[:maxCands]
	}
	return parts
}

// structCands gives the fields of a struct literal inside a ranged
// collection the values they are set to, as candidates.
func (m *Model) structCands(cl *ast.CompositeLit) {
	t := m.Info.TypeOf(cl)
	if t == nil {
		return
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, el := range cl.Elts {
		var field types.Object
		val := el
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			field, val = m.Info.Uses[id], kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field == nil {
			continue
		}
		s, _ := m.Fold(val)
		if s == "" || s == "*" || len(m.cands[field]) >= maxCands || slices.Contains(m.cands[field], s) {
			continue
		}
		m.cands[field] = append(m.cands[field], s)
	}
}

// fakeTypeOf names the type of a value built from a package that was not
// loaded: new(dns.Msg), &dns.Client{}, dns.Client{}.
func (m *Model) fakeTypeOf(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return m.fakeTypeOf(x.X)
		}
	case *ast.CompositeLit:
		return m.fakeTypeName(x.Type)
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
			if _, ok := m.ObjectOf(id).(*types.Builtin); ok {
				return m.fakeTypeName(x.Args[0])
			}
		}
	}
	return ""
}

// fakeTypeName names pkg.T when pkg is an import that was not loaded.
func (m *Model) fakeTypeName(e ast.Expr) string {
	if st, ok := e.(*ast.StarExpr); ok {
		e = st.X
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	p, ok := m.pkgOf(sel.X)
	if !ok || m.Info.Uses[sel.Sel] != nil {
		return ""
	}
	return p + "." + sel.Sel.Name
}

// dispatchTypes are standard types whose methods matter, tried as the
// dynamic type of an interface a package declares to hide them
// (type dialer interface{ Dial(string, string) (net.Conn, error) }).
var dispatchTypes = [][2]string{
	{"net", "Dialer"}, {"net/http", "Client"}, {"os/exec", "Cmd"}, {"crypto/tls", "Dialer"}, {"net", "Resolver"},
}

// dispatch resolves a method called through an interface to the
// standard type that implements it, when exactly the known ones do and
// the package imports that type's package.
func (m *Model) dispatch(iface types.Type, method string) string {
	if m.Pkg == nil {
		return ""
	}
	it, ok := iface.Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return ""
	}
	// Interfaces of the standard library (io.Writer, net.Conn) stay as
	// they are: their callers are judged by what flows into them.
	if n, ok := types.Unalias(iface).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg() != m.Pkg {
		return ""
	}
	for _, imp := range m.Pkg.Imports() {
		for _, dt := range dispatchTypes {
			if imp.Path() != dt[0] {
				continue
			}
			obj, _ := imp.Scope().Lookup(dt[1]).(*types.TypeName)
			if obj == nil {
				continue
			}
			if types.Implements(types.NewPointer(obj.Type()), it) {
				return dt[0] + "." + dt[1] + "." + method
			}
		}
	}
	return ""
}
