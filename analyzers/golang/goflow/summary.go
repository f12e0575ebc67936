package goflow

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Summary is what a function of one package of a program means to the
// packages that call it: the labels its results carry (with their
// trace) and what it does when it runs. The skillgate driver analyses a
// skill's packages in dependency order and hands each the summaries of
// the packages it imports, so that a secret read in internal/creds and
// sent from main is one flow.
type Summary struct {
	Ret     Taint
	Effects Effect
}

// Imports is what a package learns from the other packages of its
// program.
type Imports struct {
	// Funcs returns the summary of a function of an imported package of
	// the program, or nil.
	Funcs func(*types.Func) *Summary
	// Params are the labels the package's parameters receive from the
	// packages importing it.
	Params map[types.Object]Taint
	// Vals are the folded values of imported package-level variables and
	// fields (see [Model.Values]).
	Vals map[types.Object]Value
}

// Value is what a package-level variable or a field of another package
// holds: a folded string, or the constant elements of a literal list.
type Value struct {
	Str   string
	Elems []string
}

// BuildWith is Build for a package of a program, with what it imports.
func BuildWith(fset *token.FileSet, files []*ast.File, pkg *types.Package, info *types.Info, imp Imports) *Model {
	m := newModel(fset, files, pkg, info)
	m.ext = imp.Funcs
	m.in = imp.Params
	for o, v := range imp.Vals {
		if v.Str != "" {
			m.strs[o] = v.Str
		}
		if len(v.Elems) > 0 {
			m.elems[o] = v.Elems
		}
	}
	return m.build()
}

// Values returns the folded values of the package's package-level
// variables and of fields set to literal lists, for the packages that
// import it.
func (m *Model) Values() map[types.Object]Value {
	out := map[types.Object]Value{}
	for o, lit := range m.lits {
		if o.Pkg() != m.Pkg || !(o.Parent() == m.Pkg.Scope() || isField(o)) {
			continue
		}
		var elems []string
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if s, ok := m.Fold(el); ok && s != "" && len(elems) < maxCands {
				elems = append(elems, s)
			}
		}
		if len(elems) > 0 {
			out[o] = Value{Elems: elems}
		}
	}
	if m.Pkg != nil {
		for o, s := range m.strs {
			if o.Pkg() == m.Pkg && o.Parent() == m.Pkg.Scope() {
				if _, isVar := o.(*types.Var); isVar {
					v := out[o]
					v.Str = s
					out[o] = v
				}
			}
		}
	}
	return out
}

func isField(o types.Object) bool {
	v, ok := o.(*types.Var)
	return ok && v.IsField()
}

// Add merges o's labels into t.
func (t *Taint) Add(o Taint) { t.merge(o, nil) }

// OutArgs returns the labels of the arguments (and receivers) this
// package passes to functions of the packages for which into is true,
// keyed by the callee's parameter, each with a hop naming the call.
func (m *Model) OutArgs(into func(*types.Package) bool) map[types.Object]Taint {
	out := map[types.Object]Taint{}
	add := func(p types.Object, t Taint, hop *Step) {
		if p == nil || t.Bits == 0 {
			return
		}
		cur := out[p]
		for i := 0; i < numLabels; i++ {
			l := Label(1 << i)
			if t.Has(l) && !cur.Has(l) {
				var one Taint
				one.Bits, one.Steps[i] = l, t.Steps[i]
				cur.merge(one, hop)
			}
		}
		out[p] = cur
	}
	for _, c := range m.Calls {
		if c.Local != nil {
			continue
		}
		fn := m.CalleeObj(c)
		if fn == nil || fn.Pkg() == nil || fn.Pkg() == m.Pkg || !into(fn.Pkg()) {
			continue
		}
		fn = fn.Origin()
		sig, ok := fn.Type().(*types.Signature)
		if !ok {
			continue
		}
		hop := &Step{c.Expr.Pos(), "passed to " + FuncName(fn)}
		if n := sig.Params().Len(); n > 0 {
			for i, a := range c.Args {
				pi := min(i, n-1)
				add(sig.Params().At(pi), m.Taint(a), hop)
			}
		}
		if sig.Recv() != nil && c.Recv != nil {
			add(sig.Recv(), m.Taint(c.Recv), hop)
		}
	}
	return out
}

// Summaries returns the summaries of the package's exported functions
// and methods that carry labels or have effects.
func (m *Model) Summaries() map[*types.Func]*Summary {
	out := map[*types.Func]*Summary{}
	for obj, fn := range m.declOf {
		if !obj.Exported() {
			continue
		}
		s := &Summary{Ret: fn.ret, Effects: m.effects[fn]}
		if s.Ret.Bits != 0 || s.Effects != 0 {
			out[obj] = s
		}
	}
	return out
}

// extOf returns the summary of a call into another package of the
// program, if any.
func (m *Model) extOf(c *Call) *Summary {
	if m.ext == nil || c == nil || c.Local != nil {
		return nil
	}
	fn := m.CalleeObj(c)
	if fn == nil || fn.Pkg() == m.Pkg {
		return nil
	}
	return m.ext(fn.Origin())
}
