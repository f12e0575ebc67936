package netcall

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

// Analyzer records network capabilities.
var Analyzer = &analysis.Analyzer{
	Name:             "netcall",
	Doc:              "record network calls and their destinations as capabilities",
	URL:              "https://skillgate.dev/docs/go#netcall",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf(goflow.Caps(nil)),
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	var caps goflow.Caps
	for _, c := range m.Calls {
		nc, ok := goflow.LookupNet(c.Callee)
		if !ok {
			continue
		}
		dest := ""
		if nc.Dest >= 0 && nc.Dest < len(c.Args) {
			dest = m.Host(c.Args[nc.Dest])
		} else if nc.Body == 0 && len(c.Args) > 0 {
			// Client.Do(req): the destination is the request's URL.
			if u, ok := m.RequestDest(c.Args[0]); ok {
				dest = m.Host(u)
			}
		}
		if dest == "" {
			dest = "*"
		}
		caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: "network", Value: dest})
	}
	return caps, nil
}
