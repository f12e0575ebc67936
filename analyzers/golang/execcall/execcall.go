package execcall

import (
	"go/ast"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
	"skillgate.dev/skillgate/analyzers/knowledge"
)

// Analyzer records process execution and reports dynamic commands.
var Analyzer = &analysis.Analyzer{
	Name:             "execcall",
	Doc:              "record process execution; report commands built at run time (SG2017), sudo (SG2010) and miners (SG2014)",
	URL:              "https://skillgate.dev/docs/go#execcall",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf(goflow.Caps(nil)),
}

// flowLabels are judged by the flow passes (decoded, exfil), not here.
const flowLabels = goflow.NetData | goflow.Decoded | goflow.Conn

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	var caps goflow.Caps
	for _, c := range m.Calls {
		idx, ok := goflow.LookupExec(c.Callee)
		if !ok || idx >= len(c.Args) {
			continue
		}
		via := ""
		if c.Via != "" {
			via = " (via " + c.Via + ")"
		}
		progExpr := c.Args[idx]
		args := c.Args[idx+1:]
		if c.Callee == "syscall.Exec" || c.Callee == "syscall.ForkExec" || c.Callee == "os.StartProcess" || c.Callee == "syscall.StartProcess" || c.Callee == "golang.org/x/sys/unix.Exec" {
			args = argvElems(c.Args[idx+1])
			if len(args) > 0 {
				args = args[1:]
			}
		}
		prog, exact := m.Fold(progExpr)
		name := knowledge.Program(prog)
		value := name
		if !exact {
			value = "*"
		}
		script, dyn := -1, false
		if exact && knowledge.Interpreter(name) {
			for i, a := range args {
				s, _ := m.Fold(a)
				if s == "-c" || s == "/c" || s == "-e" || s == "--eval" || s == "-Command" {
					script = i + 1
					value = name + " " + s
					break
				}
			}
			if script >= 0 && script < len(args) {
				if _, ok := m.Fold(args[script]); !ok {
					dyn = true
				}
			}
		}
		caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: "exec", Value: value})
		taint := m.Taint(progExpr)
		for _, a := range args {
			t := m.Taint(a)
			taint.Bits |= t.Bits
		}
		switch {
		case !exact && !taint.Has(flowLabels):
			goflow.Report(pass, c.Expr.Pos(), "SG2017", "", nil, "runs a command built at run time: program %s%s", m.Describe(progExpr), via)
		case dyn && !taint.Has(flowLabels):
			goflow.Report(pass, c.Expr.Pos(), "SG2017", "", nil, "runs a command built at run time: %s script %s%s", value, m.Describe(args[script]), via)
		}
		if exact && (name == "sudo" || name == "su" || name == "doas" || name == "pkexec") {
			goflow.Report(pass, c.Expr.Pos(), "SG2010", "", nil, "runs %s to gain elevated privileges%s", name, via)
		}
		if exact && knowledge.Miner(name) {
			goflow.Report(pass, c.Expr.Pos(), "SG2014", "", nil, "runs the cryptocurrency miner %s%s", name, via)
		}
	}
	return caps, nil
}

// argvElems returns the elements of an argv slice literal.
func argvElems(e ast.Expr) []ast.Expr {
	if cl, ok := ast.Unparen(e).(*ast.CompositeLit); ok {
		return cl.Elts
	}
	return nil
}
