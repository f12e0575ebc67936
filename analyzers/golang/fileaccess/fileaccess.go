package fileaccess

import (
	"go/ast"
	"path"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
	"skillgate.dev/skillgate/analyzers/knowledge"
)

// Analyzer classifies file access.
var Analyzer = &analysis.Analyzer{
	Name:             "fileaccess",
	Doc:              "report reads of credential stores (SG5001) and wallets (SG5002), writes to persistence targets (SG4001) and agent configuration (SG4002), docker.sock (SG2012)",
	URL:              "https://skillgate.dev/docs/go#fileaccess",
	Requires:         []*analysis.Analyzer{goflow.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf(goflow.Caps(nil)),
}

var writeFlags = []string{"O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC"}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[goflow.Analyzer].(*goflow.Model)
	var caps goflow.Caps
	for _, c := range m.Calls {
		var pathArg ast.Expr
		write := false
		switch {
		case c.Callee == "os.OpenFile" && len(c.Args) >= 2:
			pathArg = c.Args[0]
			flags := m.Describe(c.Args[1])
			for _, w := range writeFlags {
				if strings.Contains(flags, w) {
					write = true
				}
			}
			if s, ok := m.Fold(c.Args[1]); ok && s != "0" {
				write = true
			}
		case goflow.IsFileRead(c.Callee) && len(c.Args) >= 1:
			pathArg = c.Args[0]
		default:
			i, ok := goflow.FileWrite(c.Callee)
			if !ok || i >= len(c.Args) {
				continue
			}
			pathArg, write = c.Args[i], true
		}
		p, _ := m.Fold(pathArg)
		kind := "filesRead"
		if write {
			kind = "filesWritten"
		}
		all := m.FoldAll(pathArg)
		if len(all) > 1 {
			// A loop over a list of paths: every path is a capability.
			for _, v := range all {
				if strings.Trim(v, "*/") != "" {
					caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: kind, Value: v})
				}
			}
		} else if strings.Trim(p, "*/") != "" {
			caps = append(caps, goflow.Capability{Pos: c.Expr.Pos(), Kind: kind, Value: p})
		}
		var t knowledge.Target
		ok := false
		for _, v := range all {
			if t, ok = knowledge.ClassifyPath(v); ok {
				p = v
				break
			}
		}
		if !ok {
			continue
		}
		verb := goflow.Short(c.Callee)
		// As in the other languages: a relative name (the skill's own
		// ".env") and the public halves under ~/.ssh are read silently;
		// sending them anywhere is still judged by the exfil pass.
		strong := strings.HasPrefix(p, "~") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "*/")
		if b := path.Base(p); strings.Contains(p, ".ssh/") && (b == "config" || b == "known_hosts" || strings.HasSuffix(b, ".pub")) {
			strong = false
		}
		if !write && !strong && t.Kind != knowledge.DockerSocket {
			continue
		}
		switch {
		case t.Kind == knowledge.DockerSocket:
			goflow.Report(pass, c.Expr.Pos(), "SG2012", "", nil, "%s opens %s (%s)", verb, p, t.What)
		case !write && (t.Kind == knowledge.Credential || t.Kind == knowledge.SystemSecret):
			goflow.Report(pass, c.Expr.Pos(), "SG5001", "", nil, "reads the credential store %s: %s(%s)", t.What, verb, p)
		case !write && t.Kind == knowledge.BrowserWallet:
			goflow.Report(pass, c.Expr.Pos(), "SG5002", "", nil, "reads %s: %s(%s)", t.What, verb, p)
		case write && t.Kind == knowledge.Persistence:
			goflow.Report(pass, c.Expr.Pos(), "SG4001", "", nil, "writes to %s: %s(%s)", t.What, verb, p)
		case write && (t.Kind == knowledge.AgentConfig || t.Kind == knowledge.OtherSkill):
			goflow.Report(pass, c.Expr.Pos(), "SG4002", "", nil, "writes to %s: %s(%s)", t.What, verb, p)
		}
	}
	// Unix sockets dialed by path: net.Dial("unix", "/var/run/docker.sock").
	for _, c := range m.Calls {
		if (c.Callee == "net.Dial" || c.Callee == "net.DialTimeout") && len(c.Args) >= 2 {
			p, _ := m.Fold(c.Args[1])
			if t, ok := knowledge.ClassifyPath(p); ok && t.Kind == knowledge.DockerSocket {
				goflow.Report(pass, c.Expr.Pos(), "SG2012", "", nil, "%s connects to %s (%s)", goflow.Short(c.Callee), p, t.What)
			}
		}
	}
	return caps, nil
}
