package envread

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

// Analyzer records environment reads.
var Analyzer = &analysis.Analyzer{
	Name:             "envread",
	Doc:              "record environment reads; report whole-environment dumps (SG5003)",
	URL:              "https://skillgate.dev/docs/go#envread",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf(goflow.Caps(nil)),
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	var caps goflow.Caps
	for _, c := range m.Calls {
		switch c.Callee {
		case "os.Getenv", "os.LookupEnv", "syscall.Getenv":
			name := "*"
			if len(c.Args) == 1 {
				if s, ok := m.Fold(c.Args[0]); ok {
					name = s
				}
			}
			caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: "env", Value: name})
		case "os.Environ", "syscall.Environ":
			caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: "env", Value: "*"})
			goflow.Report(pass, c.Expr.Pos(), "SG5003", "", nil, "reads every environment variable (%s)", goflow.Short(c.Callee))
		case "os.Hostname", "os/user.Current":
			caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: "system", Value: map[string]string{"os.Hostname": "hostname", "os/user.Current": "username"}[c.Callee]})
		}
	}
	return caps, nil
}
