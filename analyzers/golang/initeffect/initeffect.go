package initeffect

import (
	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

// Analyzer reports load-time side effects.
var Analyzer = &analysis.Analyzer{
	Name:             "initeffect",
	Doc:              "report network use or process execution in init functions and package-level initializers (SG2009)",
	URL:              "https://skillgate.dev/docs/go#initeffect",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	for _, c := range m.Calls {
		if !c.Init || c.Func != nil && !c.Func.Init {
			continue
		}
		e := m.Effects(c)
		if e == 0 {
			continue
		}
		what := Describe(e)
		where := "in init"
		if c.Func == nil {
			where = "in a package-level initializer"
		}
		via := ""
		if c.Local != nil {
			via = " (through " + c.Local.Name + ")"
		}
		if c.Go {
			via += " in a goroutine"
		}
		goflow.Report(pass, c.Expr.Pos(), "SG2009", "", []goflow.Step{{Pos: c.Expr.Pos(), Note: goflow.Short(c.Callee) + " " + where}}, "%s%s runs when the package is loaded (%s)", what, via, where)
	}
	return nil, nil
}

// Describe names an effect set.
func Describe(e goflow.Effect) string {
	switch {
	case e&goflow.EffNetwork != 0 && e&goflow.EffExec != 0:
		return "network use and process execution"
	case e&goflow.EffNetwork != 0:
		return "network use"
	default:
		return "process execution"
	}
}
