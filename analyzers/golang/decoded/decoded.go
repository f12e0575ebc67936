package decoded

import (
	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

// Analyzer reports decoded literals reaching exec or the network.
var Analyzer = &analysis.Analyzer{
	Name:             "decoded",
	Doc:              "report data decoded from literals that is executed (SG2003) or used as a network destination (SG6002)",
	URL:              "https://skillgate.dev/docs/go#decoded",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	for _, c := range m.Calls {
		if idx, ok := goflow.LookupExec(c.Callee); ok && idx < len(c.Args) {
			var t goflow.Taint
			for _, a := range c.Args[idx:] {
				at := m.Taint(a)
				if at.Has(goflow.Decoded) && !t.Has(goflow.Decoded) {
					t = at
				}
			}
			if t.Has(goflow.Decoded) {
				goflow.Report(pass, c.Expr.Pos(), "SG2003", "", goflow.With(t, goflow.Decoded, goflow.Step{Pos: c.Expr.Pos(), Note: "executed by " + goflow.Short(c.Callee)}), "decoded data is executed by %s", goflow.Short(c.Callee))
			}
			continue
		}
		if nc, ok := goflow.LookupNet(c.Callee); ok && nc.Dest >= 0 && nc.Dest < len(c.Args) {
			if t := m.Taint(c.Args[nc.Dest]); t.Has(goflow.Decoded) {
				goflow.Report(pass, c.Expr.Pos(), "SG6002", "", goflow.With(t, goflow.Decoded, goflow.Step{Pos: c.Expr.Pos(), Note: "used as the destination of " + goflow.Short(c.Callee)}), "the network destination of %s is hidden in an encoded literal (%s)", goflow.Short(c.Callee), m.Host(c.Args[nc.Dest]))
			}
		}
	}
	return nil, nil
}
