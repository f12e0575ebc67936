package trigger

import (
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
	"skillgate.dev/skillgate/analyzers/golang/initeffect"
)

// Analyzer reports trigger-guarded network or process use.
var Analyzer = &analysis.Analyzer{
	Name:             "trigger",
	Doc:              "report network use or process execution guarded by a time, host or random condition (SG2008)",
	URL:              "https://skillgate.dev/docs/go#trigger",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

var triggers = map[string]string{
	"time.Now": "the current time", "time.Since": "the elapsed time", "time.Until": "the time left",
	"time.Date": "a date", "time.Time.After": "a date", "time.Time.Before": "a date",
	"time.Time.Weekday": "the weekday", "time.Time.Hour": "the hour", "time.Time.Day": "the day",
	"time.Time.Month": "the month", "time.Time.Year": "the year", "time.Time.YearDay": "the day of the year",
	"time.Time.Unix": "the current time", "os.Hostname": "the host name", "os/user.Current": "the user",
	"math/rand.Intn": "a random number", "math/rand.Int": "a random number", "math/rand.Float64": "a random number",
	"math/rand/v2.IntN": "a random number", "math/rand/v2.N": "a random number",
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			ifs, ok := n.(*ast.IfStmt)
			if !ok {
				return true
			}
			trig := ""
			cond := []ast.Node{ifs.Cond}
			if ifs.Init != nil {
				cond = append(cond, ifs.Init)
			}
			for _, cn := range cond {
				ast.Inspect(cn, func(x ast.Node) bool {
					if call, ok := x.(*ast.CallExpr); ok {
						if c := m.CallOf[call]; c != nil && triggers[c.Callee] != "" && trig == "" {
							trig = triggers[c.Callee]
						}
					}
					if id, ok := x.(*ast.Ident); ok && trig == "" {
						// A variable that holds the clock, host or user.
						if o := m.ObjectOf(id); o != nil && (strings.Contains(strings.ToLower(o.Type().String()), "time.time") || o.Type().String() == "*os/user.User") {
							trig = "a value derived from the clock or user"
						}
					}
					return true
				})
			}
			if trig == "" {
				return true
			}
			var eff goflow.Effect
			var first *goflow.Call
			ast.Inspect(ifs.Body, func(x ast.Node) bool {
				if call, ok := x.(*ast.CallExpr); ok {
					if c := m.CallOf[call]; c != nil {
						if e := m.Effects(c); e != 0 {
							eff |= e
							if first == nil {
								first = c
							}
						}
					}
				}
				return true
			})
			if first == nil {
				return true
			}
			goflow.Report(pass, ifs.Pos(), "SG2008", "", []goflow.Step{{Pos: ifs.Cond.Pos(), Note: "condition on " + trig}, {Pos: first.Expr.Pos(), Note: goflow.Short(first.Callee)}}, "%s only runs when a condition on %s holds", initeffect.Describe(eff), trig)
			return true
		})
	}
	return nil, nil
}
