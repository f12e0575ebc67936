package exfil

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
	"skillgate.dev/skillgate/analyzers/knowledge"
)

// Analyzer reports sensitive flows.
var Analyzer = &analysis.Analyzer{
	Name:             "exfil",
	Doc:              "report sensitive data reaching the network (SG3001, SG3004), network data executed (SG2007) and downloaded files run (SG2002)",
	URL:              "https://skillgate.dev/docs/go#exfil",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

type checker struct {
	pass *analysis.Pass
	m    *goflow.Model
	seen map[string]bool
}

func run(pass *analysis.Pass) (any, error) {
	ck := &checker{pass: pass, m: pass.ResultOf[goflow.Analyzer].(*goflow.Model), seen: map[string]bool{}}
	ck.network()
	ck.execs()
	return nil, nil
}

func (ck *checker) report(pos token.Pos, rule string, t goflow.Taint, l goflow.Label, sink string) {
	key := fmt.Sprintf("%d/%s", pos, rule)
	if ck.seen[key] {
		return
	}
	ck.seen[key] = true
	first := t.First(l)
	msg := fmt.Sprintf("%s reaches %s", first, sink)
	if rule == "SG2002" {
		msg = fmt.Sprintf("%s is written to a file that is run (%s)", first, sink)
	}
	goflow.Report(ck.pass, pos, rule, "", goflow.With(t, first, goflow.Step{Pos: pos, Note: sink}), "%s", msg)
}

// sensitive returns the sensitive labels of t that count at a sink
// whose destination is dest: a lone secret variable sent to a constant
// ordinary host is how an API client authenticates.
func sensitive(t goflow.Taint, dest string) goflow.Label {
	l := t.Bits & goflow.Sensitive
	if l == goflow.SecretEnv && dest != "" && dest != "*" {
		if k, _ := knowledge.ClassifyHost(dest); k == knowledge.Ordinary {
			return 0
		}
	}
	return l
}

var writeMethods = []string{"Write", "Send", "Encode", "Print"}

func (ck *checker) network() {
	m := ck.m
	for _, c := range m.Calls {
		if nc, ok := goflow.LookupNet(c.Callee); ok {
			dest := ""
			if nc.Dest >= 0 && nc.Dest < len(c.Args) {
				dest = m.Host(c.Args[nc.Dest])
			} else if nc.Body == 0 && len(c.Args) > 0 {
				if u, ok := m.RequestDest(c.Args[0]); ok {
					dest = m.Host(u)
				} else {
					dest = "*"
				}
			}
			if nc.Kind == goflow.NetLookup {
				// What leaks is the queried name, whatever the server.
				dest = "*"
			}
			var t goflow.Taint
			for _, a := range c.Args {
				mergeInto(&t, m.Taint(a))
			}
			if c.Recv != nil && nc.Kind == goflow.NetLookup {
				// conn.WriteMsg(msg) and resolvers built around the data.
				mergeInto(&t, m.Taint(c.Recv))
			}
			if nc.Kind == goflow.NetRequest || nc.Kind == goflow.NetListen {
				continue // the request is judged where it is sent
			}
			l := sensitive(t, dest)
			if nc.Kind == goflow.NetLookup && l == goflow.SysInfo && nc.Dest >= 0 && nc.Dest < len(c.Args) {
				// Resolving the machine's own name (its FQDN) is not a
				// beacon; the name inside a constant zone is.
				if s, _ := m.Fold(c.Args[nc.Dest]); s == "*" {
					l = 0
				}
			}
			if l != 0 {
				rule := "SG3001"
				sink := fmt.Sprintf("the network via %s (%s)", goflow.Short(c.Callee), dest)
				if nc.Kind == goflow.NetLookup {
					rule, sink = "SG3004", fmt.Sprintf("a DNS query via %s", goflow.Short(c.Callee))
				}
				ck.report(c.Expr.Pos(), rule, t, l, sink)
			}
			continue
		}
		// Writes to a connection, also through an interface value.
		if c.Recv != nil && c.Local == nil {
			meth := c.Callee[strings.LastIndex(c.Callee, ".")+1:]
			if hasPrefix(meth, writeMethods) && m.Taint(c.Recv).Has(goflow.Conn) {
				var t goflow.Taint
				for _, a := range c.Args {
					mergeInto(&t, m.Taint(a))
				}
				if l := t.Bits & goflow.Sensitive; l != 0 {
					ck.report(c.Expr.Pos(), "SG3001", t, l, "a network connection via "+m.Describe(c.Expr.Fun))
				}
			}
		}
		switch c.Callee {
		case "io.Copy", "io.CopyN", "io.CopyBuffer", "io.WriteString", "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln":
			if len(c.Args) > 1 && m.Taint(c.Args[0]).Has(goflow.Conn) {
				var t goflow.Taint
				for _, a := range c.Args[1:] {
					mergeInto(&t, m.Taint(a))
				}
				if l := t.Bits & goflow.Sensitive; l != 0 {
					ck.report(c.Expr.Pos(), "SG3001", t, l, "a network connection via "+goflow.Short(c.Callee))
				}
			}
		}
	}
}

func hasPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func mergeInto(dst *goflow.Taint, src goflow.Taint) {
	for i := 0; i < 8; i++ {
		l := goflow.Label(1 << i)
		if src.Has(l) && !dst.Has(l) {
			dst.Bits |= l
			dst.Steps[i] = src.Steps[i]
		}
	}
}

// downloads finds files written from network content.
func (ck *checker) downloads() map[string]goflow.Taint {
	m := ck.m
	out := map[string]goflow.Taint{}
	add := func(key string, t goflow.Taint, pos token.Pos, note string) {
		if key == "" || !t.Has(goflow.NetData) {
			return
		}
		if _, ok := out[key]; ok {
			return
		}
		var st goflow.Taint
		st.Bits = goflow.NetData
		steps := append(append([]goflow.Step(nil), t.Trace(goflow.NetData)...), goflow.Step{Pos: pos, Note: note})
		st.Steps[4] = steps
		out[key] = st
	}
	for _, c := range m.Calls {
		switch {
		case (c.Callee == "os.WriteFile" || c.Callee == "io/ioutil.WriteFile") && len(c.Args) >= 2:
			p, _ := m.Fold(c.Args[0])
			add(m.Key(c.Args[0]), m.Taint(c.Args[1]), c.Expr.Pos(), "written to "+p)
		case (c.Callee == "io.Copy" || c.Callee == "io.CopyN" || c.Callee == "io.CopyBuffer") && len(c.Args) >= 2:
			if o := m.Root(c.Args[0]); o != nil {
				if pe, ok := m.FileOf(o); ok {
					p, _ := m.Fold(pe)
					add(m.Key(pe), m.Taint(c.Args[1]), c.Expr.Pos(), "written to "+p)
				}
			}
		case c.Recv != nil && (strings.HasSuffix(c.Callee, ".Write") || strings.HasSuffix(c.Callee, ".ReadFrom") || strings.HasSuffix(c.Callee, ".WriteString")) && len(c.Args) == 1:
			if o := m.Root(c.Recv); o != nil {
				if pe, ok := m.FileOf(o); ok {
					p, _ := m.Fold(pe)
					add(m.Key(pe), m.Taint(c.Args[0]), c.Expr.Pos(), "written to "+p)
				}
			}
		}
	}
	return out
}

func (ck *checker) execs() {
	m := ck.m
	dl := ck.downloads()
	for _, c := range m.Calls {
		idx, ok := goflow.LookupExec(c.Callee)
		if !ok || idx >= len(c.Args) {
			continue
		}
		name := goflow.Short(c.Callee)
		if t, ok := dl[m.Key(c.Args[idx])]; ok {
			ck.report(c.Expr.Pos(), "SG2002", t, goflow.NetData, "the downloaded file is run by "+name)
			continue
		}
		var t goflow.Taint
		for _, a := range c.Args[idx:] {
			mergeInto(&t, m.Taint(a))
		}
		if t.Has(goflow.NetData) && !t.Has(goflow.Conn) {
			ck.report(c.Expr.Pos(), "SG2007", t, goflow.NetData, "process execution via "+name)
		}
		// A network client run with sensitive arguments.
		prog, _ := m.Fold(c.Args[idx])
		if knowledge.NetworkClients[knowledge.Program(prog)] {
			if l := t.Bits & goflow.Sensitive; l != 0 {
				ck.report(c.Expr.Pos(), "SG3001", t, l, "the network via "+knowledge.Program(prog))
			}
		}
	}
	// Network content fed to a process's stdin.
	for _, f := range ck.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for i, l := range as.Lhs {
				sel, ok := l.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Stdin" || i >= len(as.Rhs) {
					continue
				}
				if t := m.Taint(as.Rhs[i]); t.Has(goflow.NetData) && !t.Has(goflow.Conn) {
					ck.report(as.Pos(), "SG2007", t, goflow.NetData, "a process's standard input")
				}
			}
			return true
		})
	}
}
