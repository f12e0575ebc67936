package revshell

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

// Analyzer reports reverse and bind shells.
var Analyzer = &analysis.Analyzer{
	Name:             "revshell",
	Doc:              "report network connections wired to a process's stdio (SG2004 reverse shell, SG2005 bind shell)",
	URL:              "https://skillgate.dev/docs/go#revshell",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

var stdio = map[string]bool{"Stdin": true, "Stdout": true, "Stderr": true}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	seen := map[ast.Node]bool{}
	cmds := map[types.Object]bool{}
	report := func(at ast.Node, what string, t goflow.Taint) {
		if seen[at] {
			return
		}
		seen[at] = true
		rule, kind := "SG2004", "reverse shell"
		l := goflow.ConnDial
		if !t.Has(goflow.ConnDial) {
			rule, kind, l = "SG2005", "bind shell", goflow.ConnAccept
		}
		goflow.Report(pass, at.Pos(), rule, "", goflow.With(t, l, goflow.Step{Pos: at.Pos(), Note: what}), "%s: a network connection is wired to %s", kind, what)
	}
	isCmd := func(e ast.Expr) bool {
		t := m.Info.TypeOf(e)
		if t == nil {
			return true
		}
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			_, invalid := t.(*types.Basic)
			return invalid
		}
		return n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "os/exec" && n.Obj().Name() == "Cmd"
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					sel, ok := l.(*ast.SelectorExpr)
					if !ok || !stdio[sel.Sel.Name] || !isCmd(sel.X) || i >= len(n.Rhs) {
						continue
					}
					if t := m.Taint(n.Rhs[i]); t.Has(goflow.Conn) {
						if o := m.Root(sel.X); o != nil {
							if cmds[o] {
								continue
							}
							cmds[o] = true
						}
						report(n, "the process's "+sel.Sel.Name, t)
					}
				}
			case *ast.CompositeLit:
				if t := m.Info.TypeOf(n); t != nil && isCmd(n) && t.String() != "invalid type" {
					for _, el := range n.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						if id, ok := kv.Key.(*ast.Ident); ok && stdio[id.Name] {
							if t := m.Taint(kv.Value); t.Has(goflow.Conn) {
								report(n, "the process's "+id.Name, t)
							}
						}
					}
				}
			}
			return true
		})
	}
	for _, c := range m.Calls {
		switch c.Callee {
		case "os.StartProcess", "syscall.ForkExec", "syscall.StartProcess":
			if len(c.Args) >= 3 {
				if t := m.Taint(c.Args[2]); t.Has(goflow.Conn) {
					report(c.Expr, "the file descriptors of "+goflow.Short(c.Callee), t)
				}
			}
		case "syscall.Dup2", "syscall.Dup3", "golang.org/x/sys/unix.Dup2", "golang.org/x/sys/unix.Dup3":
			if len(c.Args) >= 2 {
				if t := m.Taint(c.Args[0]); t.Has(goflow.Conn) {
					report(c.Expr, "a standard descriptor by "+goflow.Short(c.Callee), t)
				}
			}
		}
	}
	return nil, nil
}
