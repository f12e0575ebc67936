package python

import (
	"fmt"
	"slices"
	"strings"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

func isSecretEnv(name string) bool { return knowledge.SecretEnv(name) }

// part is one piece of what a network call sends.
type part struct {
	name string
	v    *value
}

func (ev *evaluator) report(u *unitCtx, n *node, rule string, f finding.Finding) {
	f.RuleID = rule
	line, col := 1, 1
	if n != nil {
		line, col = n.line, n.col
	}
	if ev.unrollSeen != nil {
		// One finding per place and rule however many names a loop
		// was unrolled over.
		key := fmt.Sprintf("%p:%d:%d:%s", u, line, col, rule)
		if ev.unrollSeen[key] {
			return
		}
		ev.unrollSeen[key] = true
	}
	ev.pass.ReportUnit(u.u, line, col, f)
}

// sinkEvent notes an exec or network action for trigger and import-time
// checks.
func (ev *evaluator) sinkEvent(n *node, what string) {
	u := ev.fr.u
	ev.sinks++
	ev.lastSink = what
	if ev.guard != "" {
		ev.report(u, n, "SG2008", finding.Finding{
			Message: fmt.Sprintf("%s only runs when %s", what, ev.guard),
			Trace:   finding.Trace{ev.guardLoc, u.step(n, "%s", what)},
		})
		ev.guard = ""
	}
	if m := ev.modTop; m != nil && m.topAction == "" && ev.topStmt != nil {
		m.topAction = what
		m.topLine, m.topCol = ev.topStmt.line, ev.topStmt.col
		m.topU = m.u
	}
}

func (ev *evaluator) netCap(n *node, h *value) {
	u := ev.fr.u
	host := "*"
	if h != nil {
		if hs := hostOf(h); hs != "" {
			host = hs
		}
	}
	ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapNetwork, host)
}

// hostOf extracts a constant host from a URL or host template.
func hostOf(v *value) string {
	if v == nil || v.k != vStr {
		return ""
	}
	s := v.s
	p := prefix(s)
	if !v.exact {
		i := strings.Index(p, "://")
		if i < 0 {
			return ""
		}
		rest := p[i+3:]
		if !strings.ContainsAny(rest, "/?#:") {
			return ""
		}
	}
	return knowledge.Host(p)
}

func (ev *evaluator) httpCall(n *node, verb string, a *args) *value {
	var url *value
	idx := 0
	if verb == "request" || verb == "stream" {
		idx = 1
		if m, ok := a.get(0, "method").str(); ok {
			verb = strings.ToLower(m)
		}
	}
	url = a.get(idx, "url")
	parts := []part{}
	for i, name := range []string{"params", "data", "json"} {
		_ = i
		if v := a.kw[name]; v != nil {
			parts = append(parts, part{name, v})
		}
	}
	if verb == "post" || verb == "put" || verb == "patch" {
		if v := a.get(idx+1, ""); v != nil && a.kw["data"] == nil {
			parts = append(parts, part{"data", v})
		}
	}
	for _, name := range []string{"headers", "auth", "cookies", "files", "content", "fields", "body"} {
		if v := a.kw[name]; v != nil {
			parts = append(parts, part{name, v})
		}
	}
	if v := a.kw["**"]; v != nil {
		parts = append(parts, part{"data", v})
	}
	ev.escapeDumps(a, false)
	return ev.netSend(n, "an HTTP "+strings.ToUpper(verb), url, parts)
}

// netSend is the network sink: it records the capability and reports
// sensitive data among what is sent. It returns the response.
func (ev *evaluator) netSend(n *node, what string, url *value, parts []part) *value {
	u := ev.fr.u
	ev.netCap(n, url)
	ev.sinkEvent(n, what)
	host := hostOf(url)
	kind, _ := knowledge.ClassifyHost(prefix(url.tmpl()))
	if host == "" {
		kind = knowledge.Ordinary
	}
	dest := host
	if dest == "" {
		dest = "a host not known statically"
		if url != nil && url.t.has(srcConfigEnv) != nil {
			dest = "a host configured by " + url.t.has(srcConfigEnv).what
		}
	}
	if kind != knowledge.Ordinary {
		dest += " (" + string(kind) + ")"
	}
	all := append([]part{{"url", url}}, parts...)
	var secretNames []string
	type hit struct {
		src  *source
		part string
	}
	var hits []hit
	for _, p := range all {
		if p.v == nil {
			continue
		}
		for _, s := range p.v.deepTaint() {
			switch s.kind {
			case srcSecretEnv:
				if !contains(secretNames, s.what) {
					secretNames = append(secretNames, s.what)
				}
			case srcNetwork, srcDecoded, srcConfigEnv:
				continue
			}
			hits = append(hits, hit{s, p.name})
		}
	}
	// A secret sent to the literal host of an ordinary API (or to a host
	// the operator configured) authenticates; to anything else, or many
	// of them at once, it leaks.
	configured := host == "" && url != nil && url.t.has(srcConfigEnv) != nil
	authOK := (host != "" && kind == knowledge.Ordinary || configured) && len(secretNames) <= 2
	reported := false
	for _, h := range hits {
		if reported {
			break
		}
		sev := finding.Critical
		switch h.src.kind {
		case srcSecretEnv:
			if authOK {
				continue
			}
			if host == "" {
				// A token sent where the code does not say: a leak risk
				// to review, not proof of theft.
				sev = finding.Medium
			}
		case srcSysInfo:
			if kind == knowledge.Ordinary {
				sev = finding.Medium
			}
		}
		rule := "SG3001"
		sinkDesc := fmt.Sprintf("%s to %s (%s)", what, dest, h.part)
		tr := append(append(finding.Trace(nil), h.src.trace...), u.step(n, "sent in %s to %s", what, dest))
		ev.report(u, n, rule, finding.Finding{Severity: sev, Message: fmt.Sprintf("%s reaches %s", h.src.describe(), sinkDesc), Trace: tr})
		reported = true
	}
	resp := &value{k: vObj, s: "response", t: netTaint(u, n, url)}
	return resp
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// dns is the DNS-name sink: data placed into a looked-up name.
func (ev *evaluator) dns(n *node, name *value) {
	u := ev.fr.u
	if name == nil {
		return
	}
	ev.netCap(n, name)
	ev.sinkEvent(n, "a DNS lookup")
	// The bare host name looked up locally is not exfiltration; data
	// prefixed to a constant domain is.
	suffix := name.s
	if i := strings.LastIndex(suffix, hole); i >= 0 {
		suffix = suffix[i+1:]
	}
	if !(name.k == vStr && !name.exact && strings.Contains(suffix, ".")) {
		return
	}
	for _, s := range name.deepTaint() {
		if s.kind == srcNetwork || s.kind == srcConfigEnv {
			continue
		}
		tr := append(append(finding.Trace(nil), s.trace...), u.step(n, "looks up a name built from it under %s", strings.TrimPrefix(suffix, ".")))
		ev.report(u, n, "SG3004", finding.Finding{Message: fmt.Sprintf("data is encoded into a DNS lookup: %s", s.describe()), Trace: tr})
		return
	}
}

// exec is the process-execution sink.
func (ev *evaluator) exec(q string, a *args, n *node) *value {
	u := ev.fr.u
	cmd := a.get(0, "args")
	if q == "subprocess.exec_args" || strings.HasPrefix(q, "os.exec") || strings.HasPrefix(q, "os.spawn") || strings.HasPrefix(q, "os.posix_spawn") {
		rest := a.pos
		if strings.HasPrefix(q, "os.spawn") && len(rest) > 0 {
			rest = rest[1:]
		}
		if (strings.HasSuffix(q, "v") || strings.HasSuffix(q, "ve") || strings.HasSuffix(q, "vp") || strings.HasSuffix(q, "vpe")) && len(rest) >= 2 && rest[1].k == vList {
			cmd = &value{k: vList, items: append([]*value{rest[0]}, rest[1].items[min(1, len(rest[1].items)):]...)}
		} else {
			cmd = &value{k: vList, items: rest}
		}
	}
	shell := q == "os.system" || q == "os.popen" || q == "subprocess.getoutput" || q == "subprocess.getstatusoutput"
	if v := a.kw["shell"]; v != nil && v.k == vInt && v.n != 0 {
		shell = true
	}
	if cmd == nil {
		cmd = unknown
	}
	ev.escapeDumps(a, true)
	if q == "pty.spawn" && cmd.k == vStr {
		cmd = &value{k: vList, items: []*value{cmd}}
	}
	var prog string
	var words []string
	constant := false
	switch {
	case cmd.k == vList:
		if len(cmd.items) > 0 {
			if s, ok := cmd.items[0].str(); ok {
				prog = s
				constant = true
			}
		}
		for _, it := range cmd.items {
			words = append(words, it.tmpl())
		}
	case cmd.k == vStr:
		if cmd.exact {
			constant = true
		}
		words = strings.Fields(cmd.s)
		if len(words) > 0 && !strings.Contains(words[0], hole) {
			prog = words[0]
		}
		if !shell && len(words) > 0 {
			constant = !strings.Contains(words[0], hole)
		}
	}
	progName := knowledge.Program(prog)
	capv := progName
	if capv == "" {
		capv = "*"
	}
	ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapExec, capv)
	ev.sinkEvent(n, "running "+capv)
	t := cmd.deepTaint()
	for _, k := range []string{"input", "stdin"} {
		if v := a.kw[k]; v != nil {
			t = t.union(v.deepTaint())
		}
	}
	joined := strings.ReplaceAll(strings.Join(words, " "), hole, "…")

	// Reverse and bind shells.
	sockIO := false
	listen := false
	for _, k := range []string{"stdin", "stdout", "stderr"} {
		if v := a.kw[k]; v != nil && v.sock != nil {
			sockIO = true
			listen = v.sock.listening
		}
	}
	if sockIO || ev.dup2 != nil {
		rule, kind := "SG2004", "reverse shell"
		if sockIO && listen || !sockIO && ev.dup2Listen {
			rule, kind = "SG2005", "bind shell"
		}
		var tr finding.Trace
		if ev.dup2 != nil && !sockIO {
			tr = append(tr, *ev.dup2)
		}
		tr = append(tr, u.step(n, "runs %s with the socket as its input/output", capv))
		ev.report(u, n, rule, finding.Finding{Message: fmt.Sprintf("%s: %s wired to a network socket", kind, capv), Trace: tr})
		return unknown
	}
	// A constant shell line that pipes a download into an interpreter
	// ("curl … | sh") runs network content just the same.
	if script := shellScript(cmd, shell); script != "" {
		if from, to := knowledge.PipeToInterpreter(script); from != "" {
			ev.report(u, n, "SG2007", finding.Finding{Message: fmt.Sprintf("content received from the network reaches process execution (%s | %s)", from, to),
				Trace: finding.Trace{u.step(n, "runs the shell line %q", finding.ShortSnippet(script, 100))}})
		}
	}
	if s := t.has(srcNetwork); s != nil {
		ev.report(u, n, "SG2007", finding.Finding{Message: "content received from the network reaches process execution (" + capv + ")", Trace: append(append(finding.Trace(nil), s.trace...), u.step(n, "runs it"))})
	} else if s := t.has(srcDecoded); s != nil {
		ev.report(u, n, "SG2003", finding.Finding{Message: "decoded data is executed by " + capv, Trace: append(append(finding.Trace(nil), s.trace...), u.step(n, "runs it: %s", finding.ShortSnippet(joined, 80)))})
		if cmd.technique != "" && cmd.technique != "base64" && cmd.technique != "hex" && cmd.technique != "zlib" {
			ev.report(u, n, "SG6002", finding.Finding{Message: "the command is built from " + cmd.technique})
		}
	} else if !constant && (shell || cmd.k != vList) {
		ev.report(u, n, "SG2017", finding.Finding{Message: "runs a command built at run time: " + finding.ShortSnippet(joined, 80)})
	} else if cmd.k == vList && prog == "" {
		ev.report(u, n, "SG2017", finding.Finding{Message: "runs a program chosen at run time"})
	} else if cmd.technique != "" && cmd.folded && constant {
		ev.report(u, n, "SG6002", finding.Finding{Message: "the command is built from " + cmd.technique})
	}
	// Exfiltration through a network client's arguments.
	if knowledge.NetworkClients[progName] {
		for _, s := range t {
			if s.kind == srcCred || s.kind == srcBrowser || s.kind == srcEnvAll || s.kind == srcSecretEnv {
				ev.report(u, n, "SG3001", finding.Finding{Message: fmt.Sprintf("%s reaches %s", s.describe(), progName), Trace: append(append(finding.Trace(nil), s.trace...), u.step(n, "passed to %s", progName))})
				break
			}
		}
	}
	// Pool URLs are the text layer's; the program is ours.
	if knowledge.Miner(progName) {
		ev.report(u, n, "SG2014", finding.Finding{Message: "cryptocurrency mining: runs " + finding.ShortSnippet(joined, 80)})
	}
	var out taint // what the process prints, when that is sensitive
	switch progName {
	case "sudo", "su", "doas", "pkexec":
		ev.report(u, n, "SG2010", finding.Finding{Message: "runs " + progName + " to gain root"})
	case "crontab":
		// crontab - (or a file) installs a crontab; -l lists, -e edits.
		if !slices.ContainsFunc(words[1:], func(w string) bool { return w == "-l" || w == "-r" || w == "-e" }) {
			ev.report(u, n, "SG4001", finding.Finding{Message: "writes to crontab: installs a crontab"})
		}
	case "systemctl", "launchctl":
		for _, w := range words[1:] {
			if w == "enable" || w == "link" || w == "load" || w == "bootstrap" || w == "submit" {
				ev.report(u, n, "SG4001", finding.Finding{Message: "writes to a " + map[string]string{"systemctl": "systemd unit", "launchctl": "launchd agent"}[progName] + ": " + progName + " " + w})
				break
			}
		}
	case "pbpaste", "xclip", "xsel", "wl-paste":
		if progName == "pbpaste" || progName == "wl-paste" || strings.Contains(joined, "-o") || strings.Contains(joined, "-out") {
			ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapClipboard, "read")
			ev.report(u, n, "SG5005", finding.Finding{Message: "reads the clipboard"})
			out = taint{{kind: srcBrowser, what: "clipboard", trace: finding.Trace{u.step(n, "reads the clipboard")}}}
		}
	case "chmod":
		for _, w := range words[1:] {
			if _, ok := ev.downloaded[strings.ReplaceAll(w, hole, "*")]; ok {
				ev.chmod(n, strv(w), nil)
			}
		}
	}
	// A command that prints a stored secret: what it prints is one.
	if argv := strings.Fields(strings.ReplaceAll(joined, hole, "*")); len(argv) > 0 {
		argv[0] = progName
		if what, ok := knowledge.CredentialCommand(argv); ok {
			ev.report(u, n, "SG5001", finding.Finding{Severity: finding.Medium, Message: "reads " + what})
			out = taint{{kind: srcCred, what: what, trace: finding.Trace{u.step(n, "prints %s", what)}}}
		}
	}
	// Running a downloaded file.
	for i, w := range words {
		if i > 1 {
			break
		}
		key := strings.ReplaceAll(w, hole, "*")
		if tr, ok := ev.downloaded[key]; ok && progName != "chmod" {
			ev.report(u, n, "SG2002", finding.Finding{Message: "a downloaded file is run: " + key, Trace: append(append(finding.Trace(nil), tr...), u.step(n, "runs %s", key))})
		}
	}
	return &value{k: vObj, s: "process", t: out}
}

// dynamic is the dynamic-code sink (eval, exec, compile, unsafe
// deserialisation, __import__ of a computed name).
func (ev *evaluator) dynamic(n *node, construct string, arg *value) {
	u := ev.fr.u
	ev.pass.CapabilityAt(u.u, n.line, n.col, finding.CapDynamicCode, strings.Fields(construct)[0])
	if arg == nil {
		arg = unknown
	}
	t := arg.deepTaint()
	code, exact := arg.str()
	isCode := construct == "eval" || construct == "exec" || construct == "compile" || construct == "execfile"
	switch {
	case t.has(srcNetwork) != nil:
		s := t.has(srcNetwork)
		ev.sinkEvent(n, construct+" of downloaded code")
		ev.report(u, n, "SG2007", finding.Finding{Message: "content received from the network reaches " + construct, Trace: append(append(finding.Trace(nil), s.trace...), u.step(n, "runs it with %s", construct))})
	case t.has(srcDecoded) != nil:
		s := t.has(srcDecoded)
		ev.sinkEvent(n, construct+" of decoded code")
		ev.report(u, n, "SG2003", finding.Finding{Message: "decoded data is executed by " + construct, Trace: append(append(finding.Trace(nil), s.trace...), u.step(n, "runs it with %s", construct))})
	case exact && isCode:
		if arg.technique != "" && arg.folded {
			ev.report(u, n, "SG6002", finding.Finding{Message: fmt.Sprintf("the code given to %s is built from %s", construct, arg.technique)})
		}
	case !exact:
		ev.report(u, n, "SG2006", finding.Finding{Message: construct + " evaluates code that is not a constant"})
	default:
		if !isCode {
			ev.report(u, n, "SG2006", finding.Finding{Message: construct + " evaluates code that is not a constant"})
		}
	}
	if exact && isCode {
		ev.nested(n, code, arg)
	}
}

// nested analyses code handed to exec/eval as Python, in the current
// scope, as a virtual unit anchored at the call.
func (ev *evaluator) nested(n *node, code string, arg *value) {
	u := ev.fr.u
	if u.u.Depth >= maxUnitDepth+1 || len(code) == 0 || len(code) > 1<<20 {
		return
	}
	p, err := ev.parser.parse(ev.ctx, []byte(code))
	if err != nil || p.errLine != 0 && arg.decoded == "" {
		if err == nil && p.errLine != 0 {
			return
		}
		return
	}
	how := "the code passed to exec/eval"
	if arg.decoded != "" {
		how = "code decoded from " + arg.decoded
	}
	pos := u.loc(n)
	ev.nestedAt[code] = true
	vu := &analysis.Unit{
		Path: u.u.Path, Lang: "python", Src: []byte(code), Line: pos.StartLine, Col: pos.StartColumn,
		File: u.u.File, Virtual: true, Depth: u.u.Depth + 1,
		Origin: append(append(finding.Trace(nil), u.u.Origin...), finding.Step{Location: pos, Note: "analyses " + how}),
	}
	if u.u.Virtual {
		vu.Origin = u.u.Origin
	}
	nu := &unitCtx{u: vu, p: p, mod: u.mod}
	saved := ev.fr.u
	ev.fr.u = nu
	if p.errLine != 0 {
		ev.report(nu, &node{line: p.errLine, col: 1}, "SG8102", finding.Finding{Message: "decoded Python has a " + p.errWhat + "; analysed on what parsed"})
	}
	ev.block(p.root)
	ev.fr.u = saved
}

// shellScript returns the shell code a call runs: the command string
// with shell=True, or the argument of "sh -c".
func shellScript(cmd *value, shell bool) string {
	if cmd == nil {
		return ""
	}
	if cmd.k == vStr && shell {
		return cmd.tmpl()
	}
	if cmd.k == vList && len(cmd.items) >= 3 {
		prog, _ := cmd.items[0].str()
		flag, _ := cmd.items[1].str()
		if knowledge.Interpreter(prog) && strings.HasSuffix(flag, "c") && strings.HasPrefix(flag, "-") {
			return cmd.items[2].tmpl()
		}
	}
	return ""
}
