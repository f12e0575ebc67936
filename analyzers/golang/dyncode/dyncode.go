package dyncode

import (
	"go/ast"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

// Analyzer reports dynamic and low-level code.
var Analyzer = &analysis.Analyzer{
	Name:             "dyncode",
	Doc:              "report plugin loading (SG2006), linkname/cgo/unsafe escapes (SG2300) and calls hidden behind reflection (SG6002)",
	URL:              "https://skillgate.dev/docs/go#dyncode",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf(goflow.Caps(nil)),
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	var caps goflow.Caps
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//go:linkname ") {
					goflow.Report(pass, c.Pos(), "SG2300", "severity=high", nil, "//go:linkname binds to an unexported symbol of another package (%s)", strings.TrimSpace(strings.TrimPrefix(c.Text, "//go:linkname")))
					caps = append(caps, goflow.Capability{Pos: c.Pos(), Kind: "dynamicCode", Value: "go:linkname"})
				}
			}
		}
		for _, imp := range f.Imports {
			switch strings.Trim(imp.Path.Value, "`\"") {
			case "C":
				what := "cgo: the file links C code"
				if doc := importDoc(f, imp); strings.Contains(doc, "#cgo") {
					what = "cgo with #cgo directives: the file compiles and links C code with its own flags"
				}
				goflow.Report(pass, imp.Pos(), "SG2300", "severity=high", nil, "%s", what)
				caps = append(caps, goflow.Capability{Pos: imp.Pos(), Kind: "dynamicCode", Value: "cgo"})
			}
		}
	}
	for _, c := range m.Calls {
		switch c.Callee {
		case "plugin.Open":
			arg := ""
			if len(c.Args) > 0 {
				arg = m.Describe(c.Args[0])
			}
			goflow.Report(pass, c.Expr.Pos(), "SG2006", "", nil, "plugin.Open(%s) evaluates code that is not a constant: it loads native code at run time", arg)
			caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: "dynamicCode", Value: "plugin.Open"})
			continue
		}
		if c.Via == "reflection" && m.Effects(c) != 0 || c.Via == "reflection" && isExec(c.Callee) {
			goflow.Report(pass, c.Expr.Pos(), "SG6002", "", nil, "calls %s through reflection, hiding what is called", goflow.Short(c.Callee))
			caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: "dynamicCode", Value: "reflect.Call"})
		}
	}
	// unsafe.Pointer conversions (not unsafe.Sizeof and friends).
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Pointer" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok {
				if path, ok := m.PkgPath(id); ok && path == "unsafe" {
					goflow.Report(pass, call.Pos(), "SG2300", "severity=low", nil, "unsafe.Pointer conversion bypasses Go's memory safety")
					caps = append(caps, goflow.Capability{Pos: call.Pos(), Kind: "dynamicCode", Value: "unsafe.Pointer"})
				}
			}
			return true
		})
	}
	return caps, nil
}

func isExec(callee string) bool {
	_, ok := goflow.LookupExec(callee)
	return ok
}

// importDoc returns the preamble of an import: the spec's comment or,
// for `import "C"` on its own, the declaration's.
func importDoc(f *ast.File, imp *ast.ImportSpec) string {
	if imp.Doc != nil {
		return imp.Doc.Text()
	}
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Doc != nil {
			for _, s := range gd.Specs {
				if s == imp {
					return gd.Doc.Text()
				}
			}
		}
	}
	return ""
}
