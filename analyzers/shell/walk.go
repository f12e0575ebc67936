package shell

import (
	"fmt"
	"path"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

// Markers standing for the skill's root and the running script's folder
// inside resolved paths.
const (
	rootMark = "\x00ROOT"
	dirMark  = "\x00DIR"
)

// maxNest bounds nested command substitutions and blocks.
const maxNest = 64

// walker interprets one shell unit abstractly.
type walker struct {
	pass    *analysis.Pass
	u       *analysis.Unit
	extract bool
	derived []*analysis.Unit

	vars      map[string]value
	assigned  map[string]bool
	downloads map[string]download
	// cloned are folders a repository was cloned into (git clone): any
	// file run from under one is downloaded code.
	cloned map[string]download
	// funcs are the functions the script declares.
	funcs map[string]bool
	// written are the files the script itself writes (redirection, tee,
	// cp …), for "writes a file, then makes it executable" (SG4003).
	written   map[string]finding.Step
	credReads []finding.Step
	netUses   []netUse
	exfil     bool
	nest      int

	classCache map[string]classified

	envNodes    map[finding.Location]syntax.Node
	envReported map[finding.Location]bool
	// tcpFDs are file descriptors opened on /dev/tcp with exec.
	tcpFDs map[string]string

	// planted is set for code the skill writes into a file that runs
	// later (a git hook, ~/.bashrc).
	planted bool

	unrolled   int             // depth of for loops being unrolled
	unrollSeen map[string]bool // findings made inside unrolled loops
}

// For loops over at most maxUnroll constant words are unrolled, at most
// maxUnrollDepth deep.
const (
	maxUnroll      = 8
	maxUnrollDepth = 2
)

type download struct {
	step  finding.Step
	chmod *finding.Step
	// chmodName is the file as the chmod named it.
	chmodName string
	ran       bool
	plain     bool
}

type netUse struct {
	prog string
	step finding.Step
}

// cmdCtx is what a command receives from its statement.
type cmdCtx struct {
	in      flow
	outUsed bool
	// devTCP is the /dev/tcp path a redirection of the statement uses.
	devTCP string
	stmt   *syntax.Stmt
	// pipeProgs are the programs of the pipeline the command is in.
	pipeProgs []string
	// hdoc is a here-document given as the command's input.
	hdoc *syntax.Word
}

func newWalker(p *analysis.Pass, u *analysis.Unit, extract bool) *walker {
	w := &walker{pass: p, u: u, extract: extract, vars: map[string]value{}, assigned: map[string]bool{}, downloads: map[string]download{}, cloned: map[string]download{}, funcs: map[string]bool{}, written: map[string]finding.Step{}, envNodes: map[finding.Location]syntax.Node{}, envReported: map[finding.Location]bool{}, tcpFDs: map[string]string{}}
	for _, st := range u.Origin {
		if strings.HasPrefix(st.Note, plantedNote) {
			w.planted = true
		}
	}
	return w
}

// step makes a trace step at a node.
func (w *walker) step(n syntax.Node, format string, args ...any) finding.Step {
	l, c := pos(n)
	loc := w.u.Position(l, c)
	return finding.Step{Location: loc, Note: fmt.Sprintf(format, args...)}
}

func pos(n syntax.Node) (int, int) {
	if n == nil {
		return 1, 1
	}
	p := n.Pos()
	if !p.IsValid() {
		return 1, 1
	}
	return int(p.Line()), int(p.Col())
}

func (w *walker) report(n syntax.Node, rule string, sev finding.Severity, trace finding.Trace, format string, args ...any) {
	if w.extract {
		return
	}
	l, c := pos(n)
	if w.unrollSeen != nil {
		// One finding per place and rule however many words a loop
		// was unrolled over.
		key := fmt.Sprintf("%d:%d:%s", l, c, rule)
		if w.unrollSeen[key] {
			return
		}
		w.unrollSeen[key] = true
	}
	msg := display(fmt.Sprintf(format, args...))
	if len(trace) == 0 {
		// A one-step finding still says where and what, so that a
		// reviewer reading the trace alone can follow it.
		trace = finding.Trace{w.step(n, "%s", finding.ShortSnippet(w.u.LineText(l), 120))}
	}
	w.pass.ReportUnit(w.u, l, c, finding.Finding{RuleID: rule, Severity: sev, Message: msg, Trace: trace})
}

func (w *walker) capability(n syntax.Node, kind finding.CapabilityKind, v string) {
	if w.extract || v == "" {
		return
	}
	l, c := pos(n)
	w.pass.CapabilityAt(w.u, l, c, kind, display(v))
}

// display replaces the internal path markers for messages.
func display(s string) string {
	s = strings.ReplaceAll(s, rootMark, "$SKILL_DIR")
	return strings.ReplaceAll(s, dirMark, "$(dirname \"$0\")")
}

func (w *walker) stmts(list []*syntax.Stmt) flow {
	var out flow
	for _, st := range list {
		if err := w.pass.Context.Err(); err != nil {
			return out
		}
		out = w.stmt(st, flow{}, false)
	}
	return out
}

// stmt analyses a statement given its input and returns its output.
func (w *walker) stmt(st *syntax.Stmt, in flow, outUsed bool) flow {
	if st == nil {
		return flow{}
	}
	w.nest++
	defer func() { w.nest-- }()
	if w.nest > maxNest {
		return flow{}
	}
	ctx := cmdCtx{in: in, outUsed: outUsed, stmt: st}
	type outRedir struct {
		r *syntax.Redirect
		v value
	}
	var outs []outRedir
	for _, r := range st.Redirs {
		if r.Word == nil && r.Hdoc == nil {
			continue
		}
		var v value
		if r.Word != nil {
			v = w.word(r.Word)
		}
		if strings.Contains(v.s, "/dev/tcp/") || strings.Contains(v.s, "/dev/udp/") {
			ctx.devTCP = v.s
			w.capability(r.Word, finding.CapNetwork, devTCPHost(v.s))
			if r.N != nil {
				w.tcpFDs[r.N.Value] = v.s
			}
		}
		if (r.Op == syntax.DplIn || r.Op == syntax.DplOut) && w.tcpFDs[v.s] != "" {
			ctx.devTCP = w.tcpFDs[v.s]
		}
		switch r.Op {
		case syntax.RdrIn, syntax.RdrInOut:
			ctx.in.merge(v.flow())
			ctx.in.merge(w.readPath(r.Word, v, "input redirection"))
			if r.Op == syntax.RdrInOut {
				outs = append(outs, outRedir{r, v})
			}
		case syntax.WordHdoc:
			ctx.in.merge(v.flow())
		case syntax.Hdoc, syntax.DashHdoc:
			if r.Hdoc != nil {
				ctx.in.merge(w.word(r.Hdoc).flow())
				ctx.hdoc = r.Hdoc
			}
		case syntax.RdrOut, syntax.AppOut, syntax.RdrAll, syntax.AppAll, syntax.RdrClob, syntax.AppClob, syntax.RdrAllClob, syntax.AppAllClob:
			outs = append(outs, outRedir{r, v})
			ctx.outUsed = true
		}
	}
	out := w.command(st.Cmd, ctx)
	if w.extract {
		for _, o := range outs {
			if text, at, ok := w.writtenText(st, ctx); ok {
				w.deriveWritten(o.r.Word, o.v, at, text)
			}
		}
	}
	for _, o := range outs {
		if strings.HasPrefix(o.v.s, "/dev/tcp/") || strings.HasPrefix(o.v.s, "/dev/udp/") {
			if out.t&sensitive != 0 {
				w.exfiltrate(o.r.Word, out, "/dev/tcp connection to "+devTCPHost(o.v.s))
			}
			continue
		}
		if o.v.s == "/dev/null" || o.v.s == "" || strings.HasPrefix(o.v.s, "&") {
			continue
		}
		w.writePath(o.r.Word, o.v, "redirection", out)
		w.envUsed(out, "written to "+display(o.v.s))
		if out.t&tNet != 0 {
			w.noteDownload(o.v, out)
		}
	}
	return out
}

func devTCPHost(s string) string {
	i := strings.Index(s, "/dev/")
	rest := strings.SplitN(s[i+len("/dev/tcp/"):], "/", 2)
	if len(rest) == 2 {
		return rest[0] + ":" + rest[1]
	}
	return rest[0]
}

// noteDownload records that network content was written to a file.
func (w *walker) noteDownload(v value, out flow) {
	d := download{}
	for _, s := range out.steps {
		d.step = s
		break
	}
	d.plain = out.t&tPlain != 0
	w.downloads[fileKey(v.s)] = d
}

func fileKey(s string) string {
	s = strings.Trim(s, `"'`)
	s = strings.TrimPrefix(s, "./")
	return path.Clean(s)
}

func (w *walker) command(c syntax.Command, ctx cmdCtx) flow {
	switch c := c.(type) {
	case *syntax.CallExpr:
		return w.call(c, ctx)
	case *syntax.BinaryCmd:
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			stages := pipeline(c)
			progs := make([]string, 0, len(stages))
			for _, s := range stages {
				progs = append(progs, w.progOf(s))
			}
			w.pipeReverseShell(c, stages, progs)
			if w.extract {
				w.deriveCrontab(stages)
			}
			f := ctx.in
			for i, s := range stages {
				used := i < len(stages)-1 && !w.reducer(stages[i+1]) || i == len(stages)-1 && ctx.outUsed
				sub := cmdCtx{in: f, outUsed: used, stmt: s, pipeProgs: progs}
				f = w.stmtIn(s, sub)
				if w.reducer(s) {
					f.t &^= tEnvDump | tCred | tBrowser
				}
			}
			return f
		}
		w.stmt(c.X, ctx.in, false)
		out := w.stmt(c.Y, ctx.in, ctx.outUsed)
		return out
	case *syntax.Block:
		return w.list(c.Stmts, ctx)
	case *syntax.Subshell:
		return w.list(c.Stmts, ctx)
	case *syntax.IfClause:
		var out flow
		for cl := c; cl != nil; cl = cl.Else {
			w.list(cl.Cond, cmdCtx{})
			out.merge(w.list(cl.Then, ctx))
		}
		return out
	case *syntax.WhileClause:
		w.list(c.Cond, cmdCtx{in: ctx.in})
		return w.list(c.Do, ctx)
	case *syntax.ForClause:
		if wi, ok := c.Loop.(*syntax.WordIter); ok {
			var v value
			v.known = true
			var each []value
			for _, it := range wi.Items {
				iv := w.word(it)
				each = append(each, iv)
				v.add(iv)
			}
			if wi.Name != nil && len(each) > 1 && len(each) <= maxUnroll && w.unrolled < maxUnrollDepth {
				// A loop over a few words (file names) runs
				// once per word, so each path is judged whole.
				w.unrolled++
				outer := w.unrollSeen
				if outer == nil {
					w.unrollSeen = map[string]bool{}
				}
				var out flow
				for _, iv := range each {
					w.vars[wi.Name.Value] = iv
					w.assigned[wi.Name.Value] = true
					out.merge(w.list(c.Do, ctx))
				}
				w.unrolled--
				w.unrollSeen = outer
				return out
			}
			if wi.Name != nil {
				v.known = false
				v.s = "$" + wi.Name.Value
				w.vars[wi.Name.Value] = v
				w.assigned[wi.Name.Value] = true
			}
		}
		return w.list(c.Do, ctx)
	case *syntax.CaseClause:
		w.word(c.Word)
		var out flow
		for _, it := range c.Items {
			out.merge(w.list(it.Stmts, ctx))
		}
		return out
	case *syntax.FuncDecl:
		if c.Name != nil {
			w.funcs[c.Name.Value] = true
		}
		w.forkBomb(c)
		w.stmt(c.Body, flow{}, false)
		return flow{}
	case *syntax.DeclClause:
		return w.decl(c, ctx)
	case *syntax.TimeClause:
		return w.stmt(c.Stmt, ctx.in, ctx.outUsed)
	case *syntax.CoprocClause:
		return w.stmt(c.Stmt, ctx.in, ctx.outUsed)
	case *syntax.TestClause, *syntax.ArithmCmd, *syntax.LetClause:
		syntax.Walk(c, func(n syntax.Node) bool {
			if cs, ok := n.(*syntax.CmdSubst); ok {
				w.cmdSubst(cs)
				return false
			}
			return true
		})
	}
	return flow{}
}

// stmtIn runs a pipeline stage with the pipeline's context.
func (w *walker) stmtIn(st *syntax.Stmt, ctx cmdCtx) flow {
	if len(st.Redirs) == 0 && st.Cmd != nil {
		if _, ok := st.Cmd.(*syntax.CallExpr); ok {
			w.nest++
			defer func() { w.nest-- }()
			return w.command(st.Cmd, ctx)
		}
	}
	return w.stmt(st, ctx.in, ctx.outUsed)
}

func (w *walker) list(stmts []*syntax.Stmt, ctx cmdCtx) flow {
	var out flow
	for i, st := range stmts {
		in := flow{}
		if i == 0 {
			in = ctx.in
		}
		out = w.stmt(st, in, ctx.outUsed && i == len(stmts)-1)
	}
	return out
}

func pipeline(b *syntax.BinaryCmd) []*syntax.Stmt {
	var out []*syntax.Stmt
	var rec func(st *syntax.Stmt)
	rec = func(st *syntax.Stmt) {
		if bc, ok := st.Cmd.(*syntax.BinaryCmd); ok && (bc.Op == syntax.Pipe || bc.Op == syntax.PipeAll) && len(st.Redirs) == 0 {
			rec(bc.X)
			rec(bc.Y)
			return
		}
		out = append(out, st)
	}
	rec(b.X)
	rec(b.Y)
	return out
}

// progOf returns the program a stage runs, prefixes such as sudo removed.
func (w *walker) progOf(st *syntax.Stmt) string {
	ce, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		return ""
	}
	for _, a := range ce.Args {
		s := a.Lit()
		if s == "" {
			return ""
		}
		p := knowledge.Program(s)
		if strings.HasPrefix(p, "-") || prefixCmds[p] || p == "sudo" {
			continue
		}
		return p
	}
	return ""
}

var (
	shells        = map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true, "ash": true, "mksh": true, "fish": true, "csh": true, "tcsh": true, "busybox": true}
	socketClients = map[string]bool{"nc": true, "ncat": true, "netcat": true, "telnet": true, "socat": true, "openssl": true}
	prefixCmds    = map[string]bool{"nohup": true, "time": true, "nice": true, "command": true, "builtin": true, "stdbuf": true, "setsid": true, "timeout": true, "exec": true, "env": true, "caffeinate": true, "ionice": true}
	elevators     = map[string]bool{"sudo": true, "doas": true, "pkexec": true, "su": true, "runas": true}
)

func (w *walker) pipeReverseShell(n *syntax.BinaryCmd, stages []*syntax.Stmt, progs []string) {
	sock, sh := -1, -1
	for i, p := range progs {
		if socketClients[p] && sock < 0 {
			sock = i
		}
		if shells[p] && sh < 0 {
			sh = i
		}
	}
	if sock < 0 || sh < 0 {
		return
	}
	listen := false
	if ce, ok := stages[sock].Cmd.(*syntax.CallExpr); ok {
		var a []string
		for _, x := range ce.Args {
			a = append(a, x.Lit())
		}
		listen = hasOpt(a, "-l", "--listen") || strings.Contains(strings.ToLower(strings.Join(a, " ")), "listen")
	}
	rule, what := "SG2004", "reverse shell"
	if listen {
		rule, what = "SG2005", "bind shell"
	}
	tr := finding.Trace{w.step(stages[sock], "%s connects the network", progs[sock]), w.step(stages[sh], "%s runs what arrives", progs[sh])}
	w.report(n, rule, 0, tr, "%s: %s piped to and from %s", what, progs[sock], progs[sh])
}

// forkBomb reports a function that calls itself more than once in the
// background or through a pipe to itself.
func (w *walker) forkBomb(fd *syntax.FuncDecl) {
	if fd.Name == nil {
		return
	}
	name := fd.Name.Value
	calls, bg := 0, false
	syntax.Walk(fd.Body, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			if n.Background {
				bg = true
			}
		case *syntax.CallExpr:
			if len(n.Args) > 0 && n.Args[0].Lit() == name {
				calls++
			}
		}
		return true
	})
	if calls >= 2 && bg {
		w.report(fd, "SG2015", 0, nil, "fork bomb: %s calls itself twice in the background", name)
	}
}

func (w *walker) decl(c *syntax.DeclClause, ctx cmdCtx) flow {
	variant := ""
	if c.Variant != nil {
		variant = c.Variant.Value
	}
	names := 0
	dump := false
	for _, a := range c.Args {
		if a.Naked && a.Name == nil && a.Value != nil {
			opt := a.Value.Lit()
			if strings.HasPrefix(opt, "-") && strings.ContainsAny(opt, "px") {
				dump = true
			}
			continue
		}
		if a.Name == nil {
			continue
		}
		names++
		if a.Naked {
			if variant == "export" || variant == "readonly" {
				w.assigned[a.Name.Value] = true
			}
			continue
		}
		var v value
		if a.Value != nil {
			v = w.word(a.Value)
		} else {
			v.known = true
		}
		w.vars[a.Name.Value] = v
		w.assigned[a.Name.Value] = true
	}
	if (variant == "export" || variant == "declare" || variant == "typeset") && names == 0 && (dump || variant == "export") {
		return w.envDump(c, ctx, variant+" -p")
	}
	return flow{}
}

func (w *walker) envDump(n syntax.Node, ctx cmdCtx, what string) flow {
	st := w.step(n, "%s lists every environment variable", what)
	w.envNodes[st.Location] = n
	w.capability(n, finding.CapEnv, "*")
	return flow{t: tEnvDump, steps: []finding.Step{st}}
}

// envUsed reports an environment listing whose values end up somewhere:
// a file, a variable, a network send. A listing printed to the terminal
// or reduced to names (cut -d= -f1, wc, grep -c) is not reported.
func (w *walker) envUsed(f flow, how string) {
	if f.t&tEnvDump == 0 {
		return
	}
	for _, st := range f.steps {
		n, ok := w.envNodes[st.Location]
		if !ok || w.envReported[st.Location] {
			continue
		}
		w.envReported[st.Location] = true
		w.report(n, "SG5003", 0, finding.Trace{st, {Location: st.Location, Note: how}}, "%s and the values are %s", strings.TrimSuffix(st.Note, " lists every environment variable")+" reads every environment variable", how)
	}
}

// word evaluates a word abstractly.
func (w *walker) word(wd *syntax.Word) value {
	v := value{known: true}
	if wd == nil {
		return v
	}
	for _, p := range wd.Parts {
		v.add(w.part(p))
	}
	return v
}

var scriptDirVars = map[string]string{"SKILL_DIR": rootMark, "CLAUDE_SKILL_DIR": rootMark, "SKILL_ROOT": rootMark, "CLAUDE_PLUGIN_ROOT": rootMark}

func (w *walker) part(p syntax.WordPart) value {
	switch p := p.(type) {
	case *syntax.Lit:
		return value{s: p.Value, known: true}
	case *syntax.SglQuoted:
		s := p.Value
		if p.Dollar {
			s = unescapeANSI(s)
		}
		return value{s: s, known: true}
	case *syntax.DblQuoted:
		v := value{known: true}
		for _, q := range p.Parts {
			v.add(w.part(q))
		}
		return v
	case *syntax.ParamExp:
		return w.param(p)
	case *syntax.CmdSubst:
		return w.cmdSubst(p)
	case *syntax.ProcSubst:
		w.nest++
		defer func() { w.nest-- }()
		if w.nest > maxNest {
			return value{s: "/dev/fd/63"}
		}
		out := w.list(p.Stmts, cmdCtx{outUsed: true})
		return value{s: "<(…)", t: out.t, steps: out.steps}
	case *syntax.ArithmExp:
		return value{s: "0"}
	case *syntax.ExtGlob:
		return value{s: "*"}
	case *syntax.BraceExp:
		v := value{known: false}
		for _, e := range p.Elems {
			v.add(w.word(e))
		}
		return v
	}
	return value{}
}

var ansiEsc = lazyre.New(`\\x([0-9a-fA-F]{2})|\\([0-7]{3})`)

func unescapeANSI(s string) string {
	return ansiEsc.R().ReplaceAllStringFunc(s, func(m string) string {
		var b int
		if m[1] == 'x' {
			fmt.Sscanf(m[2:], "%x", &b)
		} else {
			fmt.Sscanf(m[1:], "%o", &b)
		}
		return string(rune(b))
	})
}

func (w *walker) param(p *syntax.ParamExp) value {
	if p.Param == nil {
		return value{s: "$?"}
	}
	name := p.Param.Value
	if (name == "BASH_SOURCE" || name == "0") && p.Exp != nil && strings.HasPrefix(p.Exp.Word.Lit(), "/") {
		return value{s: dirMark, known: true}
	}
	if p.Length || p.Excl || p.Repl != nil || p.Slice != nil {
		v, ok := w.vars[name]
		if ok {
			return value{s: "$" + name, t: v.t, steps: v.steps}
		}
		return value{s: "$" + name}
	}
	if v, ok := w.vars[name]; ok {
		return v
	}
	if m, ok := scriptDirVars[name]; ok {
		return value{s: m, known: true}
	}
	v := value{s: "$" + name}
	if isEnvName(name) && !w.assigned[name] {
		w.capability(p, finding.CapEnv, name)
		if knowledge.SecretEnv(name) {
			v.t |= tSecretEnv
			v.steps = []finding.Step{w.step(p, "reads the secret environment variable $%s", name)}
		}
	}
	return v
}

var shellVars = map[string]bool{"HOME": true, "PATH": true, "PWD": true, "OLDPWD": true, "USER": true, "SHELL": true, "TERM": true, "LANG": true, "IFS": true, "RANDOM": true, "LINENO": true, "BASH_SOURCE": true, "SECONDS": true, "UID": true, "EUID": true, "PPID": true, "OSTYPE": true, "HOSTNAME": true, "TMPDIR": true, "BASH_VERSION": true, "FUNCNAME": true, "PIPESTATUS": true, "REPLY": true, "OPTARG": true, "OPTIND": true, "LC_ALL": true, "HOSTTYPE": true, "MACHTYPE": true, "BASHPID": true, "SHLVL": true, "COLUMNS": true, "LINES": true}

func isEnvName(n string) bool {
	if n == "" || shellVars[n] || n[0] >= '0' && n[0] <= '9' {
		return false
	}
	for _, r := range n {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func (w *walker) cmdSubst(cs *syntax.CmdSubst) value {
	if d, ok := w.dirSubst(cs.Stmts); ok {
		return value{s: d, known: true}
	}
	w.nest++
	defer func() { w.nest-- }()
	if w.nest > maxNest {
		return value{s: "$(…)"}
	}
	out := w.list(cs.Stmts, cmdCtx{outUsed: true})
	w.envUsed(flow{t: out.t, steps: out.steps}, "captured in a variable")
	return value{s: "$(…)", t: out.t, steps: out.steps}
}

// dirSubst recognises $(dirname "$0"), $(cd "$(dirname "$0")" && pwd)
// and their BASH_SOURCE and realpath spellings.
func (w *walker) dirSubst(stmts []*syntax.Stmt) (string, bool) {
	if len(stmts) != 1 {
		return "", false
	}
	switch c := stmts[0].Cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) < 2 {
			return "", false
		}
		prog := c.Args[0].Lit()
		last := w.word(c.Args[len(c.Args)-1])
		switch prog {
		case "dirname":
			if strings.HasPrefix(last.s, "$0") || strings.HasPrefix(last.s, "$BASH_SOURCE") {
				return dirMark, true
			}
		case "realpath", "readlink", "cd":
			if last.s == dirMark || last.s == rootMark {
				return last.s, true
			}
		}
	case *syntax.BinaryCmd:
		if c.Op == syntax.AndStmt {
			if d, ok := w.dirSubst([]*syntax.Stmt{c.X}); ok {
				if y, ok := c.Y.Cmd.(*syntax.CallExpr); ok && len(y.Args) >= 1 && y.Args[0].Lit() == "pwd" {
					return d, true
				}
			}
		}
	}
	return "", false
}

// reducer reports whether a pipeline stage keeps only names or counts of
// its input (cut -d= -f1, wc, grep -c, sed 's/=.*//'): an environment
// listing piped through it no longer carries values.
func (w *walker) reducer(st *syntax.Stmt) bool {
	ce, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		return false
	}
	var a []string
	for _, x := range ce.Args {
		a = append(a, x.Lit())
	}
	switch knowledge.Program(a[0]) {
	case "wc":
		return true
	case "grep":
		return hasOpt(a[1:], "-c", "--count", "-q", "--quiet")
	case "cut":
		j := strings.Join(a[1:], " ")
		return (strings.Contains(j, "-d=") || strings.Contains(j, "-d =") || strings.Contains(j, "-d '='")) && (strings.Contains(j, "-f1") || strings.Contains(j, "-f 1")) && !strings.Contains(j, "-f1-") && !strings.Contains(j, "-f 1-")
	case "sed":
		return len(a) == 2 && (a[1] == "s/=.*//" || a[1] == "s/=.*$//")
	}
	return false
}
