package js

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/internal/lazyre"
)

var (
	shellRevRE = lazyre.New(`/dev/(tcp|udp)/|\bnc(at)?\b[^|;&]*\s-[a-z]*e\s|mkfifo[^;]*\bnc\b|\bsocat\b[^;]*exec:|\bbash -i\b[^;]*>&`)
	envAssign  = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*=\S*$`)
)

// firstWord returns the program of a shell command line.
func firstWord(s string) string {
	for _, w := range strings.Fields(s) {
		if envAssign.R().MatchString(w) || w == "sudo" || w == "exec" || w == "nohup" || w == "env" {
			continue
		}
		return strings.Trim(w, `"'`)
	}
	return ""
}

// execCall models a process start. shell says the command is a shell
// command line; argv, when set, is the argument array.
func (a *az) execCall(fr *frame, c *callSite, q string, shell bool, cmd, argv *value) *value {
	cmdS, cmdConst := cmd.text()
	full := cmdS
	argsConst := true
	var argStrs []string
	if argv != nil {
		for _, e := range argv.elems {
			s, ok := e.text()
			argStrs = append(argStrs, s)
			full += " " + s
			argsConst = argsConst && ok
		}
		if argv.elems == nil && len(argv.taint) > 0 {
			argsConst = false
		}
	}
	prog := ""
	if shell {
		prog = firstWord(cmdS)
		if !cmdConst && !strings.Contains(cmdS, " ") {
			prog = ""
		}
	} else if cmdConst {
		prog = cmdS
	}
	progName := "*"
	if prog != "" {
		progName = knowledge.Program(prog)
	}
	a.capAt(fr, c.n, finding.CapExec, progName)

	// What the process runs is the program, a shell command line, or the
	// code given to an interpreter; plain arguments of a fixed program
	// (git clone <url from an API>) are data, not code.
	taint := cmd.allTaint()
	if argv != nil && (shell || !cmdConst || knowledge.Interpreter(prog)) {
		taint = addTaint(taint, argv.allTaint()...)
	}
	var viaFile []*source
	keys := make([]string, 0, len(a.written))
	for k := range a.written {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "" && k != "." && strings.Contains(full, k) {
			viaFile = addTaint(viaFile, a.written[k]...)
		}
	}
	what := "runs " + finding.ShortSnippet(full, 60)
	if prog == "" {
		what = "runs a command (" + q + ")"
	}
	sinkStep := a.step(fr, c.n, what)
	reported := false
	for _, s := range append(slices.Clone(taint), viaFile...) {
		file := slices.Contains(viaFile, s) && !slices.Contains(taint, s)
		switch {
		case s.kind == srcNetwork && s.rawSocket:
			a.report(fr, c.n, finding.Finding{RuleID: "SG2004", Message: "reverse shell: commands read from a socket are run by " + q, Trace: append(slices.Clone(s.trace), sinkStep)})
		case s.kind == srcNetwork && file:
			a.report(fr, c.n, finding.Finding{RuleID: "SG2002", Message: "a downloaded file is made executable or run: " + finding.ShortSnippet(full, 60), Trace: append(slices.Clone(s.trace), sinkStep)})
		case s.kind == srcNetwork:
			a.report(fr, c.n, finding.Finding{RuleID: "SG2007", Message: "content received from the network reaches " + q, Trace: append(slices.Clone(s.trace), sinkStep)})
		case s.kind == srcDecoded:
			a.report(fr, c.n, finding.Finding{RuleID: "SG2003", Message: "decoded data is executed: " + s.what + " reaches " + q, Trace: append(slices.Clone(s.trace), sinkStep)})
		default:
			continue
		}
		reported = true
		break
	}
	if !reported {
		switch {
		case shell && !cmdConst:
			sev := finding.Medium
			if prog != "" && !knowledge.Interpreter(prog) {
				sev = finding.Low
			}
			a.report(fr, c.n, finding.Finding{RuleID: "SG2017", Severity: sev, Message: "runs a command built at run time: " + q + "(" + finding.ShortSnippet(c.argNode(0).text(fr.mod.src), 60) + ")"})
		case !shell && !cmdConst:
			a.report(fr, c.n, finding.Finding{RuleID: "SG2017", Message: "runs a program whose name is computed at run time: " + q})
		case !shell && !argsConst && knowledge.Interpreter(prog):
			for _, s := range argStrs {
				if s == "-c" || s == "-e" || s == "--eval" || s == "/c" || s == "-Command" {
					a.report(fr, c.n, finding.Finding{RuleID: "SG2017", Message: "runs a command built at run time: " + prog + " " + s + " with a computed script"})
					break
				}
			}
		}
	}
	// A constant shell command line is handed to the shell analyzer as a
	// derived unit (see extract); judge only what it cannot see.
	literalShell := shell && cmdConst && len(c.argN) > 0 && constLiteral(c.argN[0]) && !c.tagged
	if c.tagged && cmdConst {
		literalShell = true
	}
	if literalShell {
	} else if knowledge.Miner(progName) || strings.Contains(full, "stratum+") {
		a.report(fr, c.n, finding.Finding{RuleID: "SG2014", Message: "cryptocurrency mining: runs " + finding.ShortSnippet(full, 80)})
	}
	// A command line built from constants (joined pieces) that pipes a
	// download into an interpreter runs network content just the same;
	// literal ones go to the shell analyzer.
	if !literalShell && shell && cmdConst && !reported {
		if from, to := knowledge.PipeToInterpreter(full); from != "" {
			a.report(fr, c.n, finding.Finding{RuleID: "SG2007", Message: fmt.Sprintf("content received from the network reaches %s (%s | %s)", q, from, to),
				Trace: finding.Trace{a.step(fr, c.n, "runs the shell line "+strconv.Quote(finding.ShortSnippet(full, 100)))}})
		}
	}
	if !literalShell && shellRevRE.R().MatchString(full) {
		a.report(fr, c.n, finding.Finding{RuleID: "SG2004", Message: "reverse shell: " + finding.ShortSnippet(full, 80)})
	}
	// Inline code handed to node: analyse it too.
	if (progName == "node" || progName == "nodejs") && argsConst {
		for i, s := range argStrs {
			if (s == "-e" || s == "--eval" || s == "-p") && i+1 < len(argStrs) {
				a.analyzeCode(fr, c.n, argStrs[i+1], "code passed to node -e")
			}
		}
	}
	// stdio wired to a socket: spawn('/bin/sh', [], {stdio: [s, s, s]}).
	for _, o := range []*value{c.arg(1), c.arg(2)} {
		if st := o.prop("stdio"); st != nil {
			for _, e := range st.elems {
				if e.role == roleSocket {
					rule, kind := "SG2004", "reverse shell"
					if e.bind {
						rule, kind = "SG2005", "bind shell"
					}
					a.report(fr, c.n, finding.Finding{RuleID: rule, Message: kind + ": the stdio of " + progName + " is a network socket"})
					break
				}
			}
		}
	}
	child := &value{role: roleChild, host: progName}
	// A command that prints a stored secret (gh auth token, the keychain):
	// its output is a credential.
	if argv := strings.Fields(full); len(argv) > 0 {
		argv[0] = progName
		if what, ok := knowledge.CredentialCommand(argv); ok {
			if !literalShell { // a literal line is the shell analyzer's to report
				a.report(fr, c.n, finding.Finding{RuleID: "SG5001", Severity: finding.Medium, Message: "reads " + what})
			}
			child.taint = addTaint(child.taint, &source{kind: srcCredFile, what: what, trace: finding.Trace{a.step(fr, c.n, "prints "+what)}})
		}
	}
	if f := c.lastFn(); f != nil {
		a.invokeDetached(fr, f, []*value{{}, {}, {}}, c.n)
	}
	return child
}

// dynCall models eval, Function, vm and string timers.
func (a *az) dynCall(fr *frame, c *callSite, construct string, code *value) *value {
	a.capAt(fr, c.n, finding.CapDynamicCode, construct)
	sinkStep := a.step(fr, c.n, "passes it to "+construct)
	switch {
	case code.has(srcNetwork) != nil:
		s := code.has(srcNetwork)
		a.report(fr, c.n, finding.Finding{RuleID: "SG2007", Message: "content received from the network reaches " + construct, Trace: append(slices.Clone(s.trace), sinkStep)})
	case code.has(srcDecoded) != nil:
		s := code.has(srcDecoded)
		a.report(fr, c.n, finding.Finding{RuleID: "SG2003", Message: "decoded data is executed: " + s.what + " reaches " + construct, Trace: append(slices.Clone(s.trace), sinkStep)})
		if code.isStr {
			a.analyzeCode(fr, c.n, code.str, s.what+" run by "+construct)
		}
	case code.isStr:
		a.analyzeCode(fr, c.n, code.str, "code run by "+construct)
	case code.fn != nil:
		a.invoke(fr, code.fn, nil, nil, c.n)
	default:
		a.report(fr, c.n, finding.Finding{RuleID: "SG2006", Message: construct + " evaluates code that is not a constant"})
	}
	return &value{}
}

// netSend checks what an outgoing request carries.
func (a *az) netSend(fr *frame, n *node, api string, urlV *value, parts []part) {
	urlText, _ := urlV.text()
	hk, host := knowledge.ClassifyHost(urlText)
	literal := host != ""
	dest := "a computed address"
	if literal {
		dest = host
		if hk != knowledge.Ordinary {
			dest += " (" + string(hk) + ")"
		}
	}
	type hit struct {
		s     *source
		where string
		sev   finding.Severity
		rule  string
	}
	var hits []hit
	seen := map[*source]bool{}
	for _, p := range parts {
		if p.v == nil {
			continue
		}
		for _, s := range p.v.allTaint() {
			if s.kind == srcNetwork || s.kind == srcDecoded || seen[s] {
				continue
			}
			h := hit{s: s, where: p.where, sev: finding.Critical, rule: "SG3001"}
			switch {
			case p.where == "DNS name":
				h.rule = "SG3004"
			case s.kind == srcSecretEnv || s.kind == srcCredFile && s.local:
				if p.where == "URL" && !literal && urlText == "" {
					continue // the secret is the endpoint itself (a configured webhook URL)
				}
				if literal && hk == knowledge.Ordinary {
					continue // authentication to the API the skill calls
				}
				if !literal {
					if p.where == "headers" {
						continue
					}
					h.sev = finding.Medium
				}
			case s.kind == srcSysinfo:
				if literal && hk == knowledge.Ordinary {
					h.sev = finding.High
				}
			}
			seen[s] = true
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		return
	}
	for _, rule := range []string{"SG3001", "SG3004"} {
		var tr finding.Trace
		var whats []string
		sev := finding.SeverityUnset
		for _, h := range hits {
			if h.rule != rule {
				continue
			}
			if len(whats) < 3 {
				whats = append(whats, h.s.what+" ("+h.where+")")
				tr = append(tr, h.s.trace...)
			}
			sev = max(sev, h.sev)
		}
		if len(whats) == 0 {
			continue
		}
		tr = append(tr, a.step(fr, n, "sends it with "+api+" to "+dest))
		if rule == "SG3004" {
			a.report(fr, n, finding.Finding{RuleID: rule, Message: "data is encoded into a DNS lookup: " + strings.Join(whats, ", "), Trace: tr})
			continue
		}
		a.report(fr, n, finding.Finding{RuleID: rule, Severity: sev, Message: strings.Join(whats, ", ") + " reaches " + api + " to " + dest, Trace: tr})
	}
	for _, g := range fr.guards {
		if g.ci {
			a.report(fr, n, finding.Finding{RuleID: "SG2008", Message: api + " only runs when " + g.desc + " passes", Trace: finding.Trace{g.step, a.step(fr, n, "sends data")}})
			break
		}
	}
}

func homeRooted(p string) bool {
	n := knowledge.NormalizePath(p)
	return strings.HasPrefix(n, "~") || strings.HasPrefix(n, "/")
}

// readFile models a file read; the value is the file's contents.
func (a *az) readFile(fr *frame, c *callSite, q string, p *value) *value {
	ps, ok := p.text()
	shown := ps
	if !ok {
		shown = ps + "*"
	}
	a.capAt(fr, c.n, finding.CapFilesRead, shown)
	out := &value{}
	if ps == "" {
		out.taint = p.taint
		return out
	}
	t, hit := knowledge.ClassifyPath(ps)
	if !hit {
		return out
	}
	var kind srcKind
	var rule string
	switch t.Kind {
	case knowledge.Credential, knowledge.SystemSecret:
		kind, rule = srcCredFile, "SG5001"
	case knowledge.BrowserWallet:
		kind, rule = srcBrowser, "SG5002"
	default:
		return out
	}
	local := !homeRooted(ps)
	s := &source{kind: kind, what: t.What + " (" + shown + ")", local: local, trace: finding.Trace{a.step(fr, c.n, "reads "+shown)}}
	out.taint = []*source{s}
	f := finding.Finding{RuleID: rule, Message: "reads the credential store " + t.What + " (" + shown + ")"}
	if rule == "SG5002" {
		f.Message = "reads " + t.What + " (" + shown + ")"
	}
	if local {
		f.Severity = finding.Low
		f.Message += " in the skill's own folder"
	}
	a.report(fr, c.n, f)
	return out
}

func execMode(m *value) bool {
	if m == nil {
		return false
	}
	if p := m.prop("mode"); p != nil {
		m = p
	}
	if m.isNum {
		return int64(m.num)&0o111 != 0
	}
	if m.isStr {
		return octalExec.R().MatchString(m.str) || strings.Contains(m.str, "+x")
	}
	return false
}

// writeFile models a file write.
func (a *az) writeFile(fr *frame, c *callSite, q string, p, data, mode *value) {
	ps, ok := p.text()
	shown := ps
	if !ok {
		shown = ps + "*"
	}
	n := c.argNode(0)
	if len(c.argN) == 0 {
		n = c.n
	}
	a.capAt(fr, c.n, finding.CapFilesWritten, shown)
	if ps != "" {
		if t, hit := knowledge.ClassifyWrite(ps); hit {
			switch t.Kind {
			case knowledge.Persistence:
				a.report(fr, c.n, finding.Finding{RuleID: "SG4001", Message: "writes to " + t.What + " (" + shown + ")"})
			case knowledge.AgentConfig, knowledge.OtherSkill:
				a.report(fr, c.n, finding.Finding{RuleID: "SG4002", Message: "writes to " + t.What + " (" + shown + ")"})
			}
		}
	}
	_ = n
	var keep []*source
	for _, s := range data.allTaint() {
		if s.kind == srcNetwork || s.kind == srcDecoded {
			keep = addTaint(keep, s)
		}
	}
	if len(keep) > 0 && ps != "" {
		a.written[ps] = addTaint(a.written[ps], keep...)
	}
	if execMode(mode) {
		if s := data.has(srcNetwork); s != nil {
			a.report(fr, c.n, finding.Finding{RuleID: "SG2002", Message: "a downloaded file is made executable or run: written to " + shown + " with an executable mode",
				Trace: append(slices.Clone(s.trace), a.step(fr, c.n, "writes it as an executable"))})
		}
	}
}

func (a *az) chmod(fr *frame, c *callSite, p, mode *value) {
	ps, _ := p.text()
	if !execMode(mode) || ps == "" {
		return
	}
	for _, s := range a.written[ps] {
		if s.kind == srcNetwork {
			a.report(fr, c.n, finding.Finding{RuleID: "SG2002", Message: "a downloaded file is made executable or run: chmod of " + ps,
				Trace: append(slices.Clone(s.trace), a.step(fr, c.n, "makes it executable"))})
			return
		}
	}
}
