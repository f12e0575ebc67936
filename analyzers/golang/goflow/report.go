package goflow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"skillgate.dev/skillgate/analyzers/knowledge"

	"golang.org/x/tools/go/analysis"
)

// Report reports a diagnostic at pos whose message starts with the rule
// ID; trace steps become related information (source first, then the
// hops, then the sink). category may carry a severity override
// ("severity=low") for the skillgate bridge.
func Report(pass *analysis.Pass, pos token.Pos, rule, category string, trace []Step, format string, args ...any) {
	d := analysis.Diagnostic{Pos: pos, Category: category, Message: rule + ": " + fmt.Sprintf(format, args...)}
	for _, s := range trace {
		if s.Pos.IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.Pos, Message: s.Note})
		}
	}
	pass.Report(d)
}

// With returns the steps of t's first label in l followed by a final step.
func With(t Taint, l Label, last Step) []Step {
	steps := append([]Step(nil), t.Trace(l)...)
	return append(steps, last)
}

// Key identifies a path or program expression: its folded value when
// constant, else the variable it is rooted in.
func (m *Model) Key(e ast.Expr) string {
	if s, exact := m.Fold(e); exact {
		return "s:" + s
	}
	if o := m.Root(e); o != nil {
		return fmt.Sprintf("o:%p", o)
	}
	return ""
}

// RequestDest returns the URL expression a request variable was built
// with (http.NewRequest), following the request expression to its
// variable.
func (m *Model) RequestDest(req ast.Expr) (ast.Expr, bool) {
	o := m.Root(req)
	if o == nil {
		return nil, false
	}
	e, ok := m.reqDest[o]
	return e, ok
}

// CalleeObj returns the function object of a resolved static callee, if
// type checking found one.
func (m *Model) CalleeObj(c *Call) *types.Func {
	switch f := ast.Unparen(c.Expr.Fun).(type) {
	case *ast.Ident:
		fn, _ := m.Info.Uses[f].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		fn, _ := m.Info.Uses[f.Sel].(*types.Func)
		return fn
	}
	return nil
}

// Host folds a URL or address argument to its host ("api.example.com",
// "203.0.113.7:4444" keeps the port of a bare address), or "*" when the
// host is not constant.
func (m *Model) Host(e ast.Expr) string {
	s, _ := m.Fold(e)
	if s == "" || strings.HasPrefix(s, "*") {
		return "*"
	}
	if i := strings.Index(s, "://"); i >= 0 {
		// "https://api.example.com" + path: the host is known when the
		// unknown part starts after it.
		if j := strings.IndexByte(s[i+3:], '*'); j > 0 && !strings.ContainsAny(s[i+3:i+3+j], "/?#") {
			s = s[:i+3+j]
		}
		h := knowledge.Host(s)
		if h == "" || strings.Contains(h, "*") {
			return "*"
		}
		return h
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if strings.Contains(s, "*") {
		return "*"
	}
	return strings.ToLower(s)
}

// PkgPath returns the import path when id names an imported package.
func (m *Model) PkgPath(id *ast.Ident) (string, bool) { return m.pkgOf(id) }
