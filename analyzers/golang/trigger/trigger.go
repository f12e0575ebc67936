package trigger

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
	"skillgate.dev/skillgate/analyzers/golang/initeffect"
)

// Analyzer reports trigger-guarded network or process use.
var Analyzer = &analysis.Analyzer{
	Name:             "trigger",
	Doc:              "report network use or process execution guarded by a time, host, random, CI or sandbox condition (SG2008)",
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

// ciEnv are variables CI services and sandboxes set: code that behaves
// differently when they are present hides from automated review (the
// same list the Python analyzer uses, plus container markers).
var ciEnv = map[string]bool{
	"CI": true, "GITHUB_ACTIONS": true, "GITLAB_CI": true, "JENKINS_URL": true, "JENKINS_HOME": true,
	"BUILD_ID": true, "BUILD_NUMBER": true, "TRAVIS": true, "CIRCLECI": true, "BUILDKITE": true,
	"TEAMCITY_VERSION": true, "TF_BUILD": true, "CODEBUILD_BUILD_ID": true, "BITBUCKET_BUILD_NUMBER": true,
	"DRONE": true, "RUNNER_OS": true, "GITHUB_RUN_ID": true, "CONTINUOUS_INTEGRATION": true,
	"KUBERNETES_SERVICE_HOST": true, "container": true,
}

// sandboxFiles are files whose presence tells a container or sandbox.
var sandboxFiles = map[string]bool{
	"/.dockerenv": true, "/run/.containerenv": true, "/proc/1/cgroup": true, "/proc/self/cgroup": true,
	"/.containerenv": true, "/proc/vz": true, "/sys/hypervisor/uuid": true,
}

type checker struct {
	pass *analysis.Pass
	m    *goflow.Model
	// envVars are variables holding the result of a CI or sandbox check;
	// envFuncs are the package's functions that make one and return a
	// result (func inSandbox() bool).
	envVars  map[types.Object]string
	envFuncs map[*goflow.Func]string
}

func run(pass *analysis.Pass) (any, error) {
	ck := &checker{pass: pass, m: pass.ResultOf[goflow.Analyzer].(*goflow.Model), envVars: map[types.Object]string{}, envFuncs: map[*goflow.Func]string{}}
	ck.markEnvVars()
	ck.markEnvFuncs()
	// Statements that follow an if statement in its block: code after
	// `if os.Getenv("CI") != "" { return }` only runs outside CI.
	rest := map[ast.Stmt][]ast.Stmt{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			var list []ast.Stmt
			switch n := n.(type) {
			case *ast.BlockStmt:
				list = n.List
			case *ast.CaseClause:
				list = n.Body
			case *ast.CommClause:
				list = n.Body
			}
			for i, s := range list {
				switch s.(type) {
				case *ast.IfStmt, *ast.SwitchStmt:
					rest[s] = list[i+1:]
				}
			}
			return true
		})
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IfStmt:
				ck.check(n, []ast.Node{n.Cond, n.Init}, n.Cond.Pos(), []ast.Stmt{n.Body}, rest[n])
			case *ast.SwitchStmt:
				// switch os.Getenv("CI") { case "": ... } and
				// switch { case os.Getenv("CI") == "": ... }
				cond := []ast.Node{n.Init, n.Tag}
				var bodies []ast.Stmt
				for _, cc := range n.Body.List {
					if cc, ok := cc.(*ast.CaseClause); ok {
						for _, e := range cc.List {
							cond = append(cond, e)
						}
						bodies = append(bodies, &ast.BlockStmt{List: cc.Body})
					}
				}
				ck.check(n, cond, n.Pos(), bodies, rest[n])
			}
			return true
		})
	}
	return nil, nil
}

// envTrigger names the CI or sandbox check a call makes, if any.
func (ck *checker) envTrigger(call *ast.CallExpr) string {
	c := ck.m.CallOf[call]
	if c == nil || len(c.Args) == 0 {
		return ""
	}
	switch c.Callee {
	case "os.Getenv", "os.LookupEnv", "syscall.Getenv":
		if v, ok := ck.m.Fold(c.Args[0]); ok && ciEnv[v] {
			return "the CI or sandbox variable " + v
		}
	case "os.Stat", "os.Lstat", "os.ReadFile", "os.Open", "io/ioutil.ReadFile", "syscall.Access", "golang.org/x/sys/unix.Access":
		if v, ok := ck.m.Fold(c.Args[0]); ok && sandboxFiles[v] {
			return "the presence of " + v
		}
	}
	return ""
}

// markEnvVars records variables assigned from a CI or sandbox check.
func (ck *checker) markEnvVars() {
	mark := func(lhs []ast.Expr, rhs []ast.Expr) {
		trig := ""
		for _, r := range rhs {
			ast.Inspect(r, func(x ast.Node) bool {
				if call, ok := x.(*ast.CallExpr); ok && trig == "" {
					trig = ck.envTrigger(call)
				}
				return trig == ""
			})
		}
		if trig == "" {
			return
		}
		for _, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
				if o := ck.m.ObjectOf(id); o != nil {
					ck.envVars[o] = trig
				}
			}
		}
	}
	for _, f := range ck.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				mark(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				mark(lhs, n.Values)
			}
			return true
		})
	}
}

// markEnvFuncs records functions with results whose body makes a CI or
// sandbox check (directly or through another such function).
func (ck *checker) markEnvFuncs() {
	for changed := true; changed; {
		changed = false
		for _, fn := range ck.m.Funcs {
			if ck.envFuncs[fn] != "" {
				continue
			}
			ft, ok := fn.Node.(*ast.FuncDecl)
			if !ok || ft.Type.Results == nil || len(ft.Type.Results.List) == 0 {
				continue
			}
			for _, c := range fn.Calls {
				t := ck.envTrigger(c.Expr)
				if t == "" && c.Local != nil {
					t = ck.envFuncs[c.Local]
				}
				if t != "" {
					ck.envFuncs[fn] = t
					changed = true
					break
				}
			}
		}
	}
}

// check judges one conditional statement: its condition parts, where
// the condition is, the guarded bodies and the statements after it.
func (ck *checker) check(stmt ast.Stmt, cond []ast.Node, condPos token.Pos, bodies []ast.Stmt, after []ast.Stmt) {
	m := ck.m
	trig, env := "", false
	for _, cn := range cond {
		if cn == nil || reflect.ValueOf(cn).IsNil() {
			continue
		}
		ast.Inspect(cn, func(x ast.Node) bool {
			if call, ok := x.(*ast.CallExpr); ok && trig == "" {
				if c := m.CallOf[call]; c != nil && triggers[c.Callee] != "" {
					trig = triggers[c.Callee]
				} else if t := ck.envTrigger(call); t != "" {
					trig, env = t, true
				} else if c != nil && c.Local != nil && ck.envFuncs[c.Local] != "" {
					trig, env = ck.envFuncs[c.Local]+" (in "+c.Local.Name+")", true
				}
			}
			if id, ok := x.(*ast.Ident); ok && trig == "" {
				o := m.ObjectOf(id)
				if t := ck.envVars[o]; t != "" {
					trig, env = t, true
				} else if o != nil && (strings.Contains(strings.ToLower(o.Type().String()), "time.time") || o.Type().String() == "*os/user.User") {
					// A variable that holds the clock, host or user.
					trig = "a value derived from the clock or user"
				}
			}
			return true
		})
	}
	if trig == "" {
		return
	}
	eff, first := ck.effects(bodies)
	if first == nil && env {
		// An early exit in CI or a sandbox guards what follows.
		for _, b := range bodies {
			if blk, ok := b.(*ast.BlockStmt); ok && terminates(m, blk) {
				eff, first = ck.effects(after)
				break
			}
		}
	}
	if first == nil {
		return
	}
	goflow.Report(ck.pass, stmt.Pos(), "SG2008", "", []goflow.Step{{Pos: condPos, Note: "condition on " + trig}, {Pos: first.Expr.Pos(), Note: goflow.Short(first.Callee)}}, "%s only runs when a condition on %s holds", initeffect.Describe(eff), trig)
}

func (ck *checker) effects(stmts []ast.Stmt) (goflow.Effect, *goflow.Call) {
	var eff goflow.Effect
	var first *goflow.Call
	for _, s := range stmts {
		ast.Inspect(s, func(x ast.Node) bool {
			if call, ok := x.(*ast.CallExpr); ok {
				if c := ck.m.CallOf[call]; c != nil {
					if e := ck.m.Effects(c); e != 0 {
						eff |= e
						if first == nil {
							first = c
						}
					}
				}
			}
			return true
		})
	}
	return eff, first
}

// terminates reports whether a block ends by leaving the function or
// the program.
func terminates(m *goflow.Model, b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if c := m.CallOf[call]; c != nil {
				switch c.Callee {
				case "os.Exit", "panic", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "syscall.Exit":
					return true
				}
			}
		}
	}
	return false
}
