package shell

import (
	"path"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// arg is an evaluated argument with its word.
type arg struct {
	w *syntax.Word
	v value
	// auth marks a value given as a credential option (curl -H, -u).
	auth bool
	// file marks a value naming a file to upload (wget --post-file).
	file bool
}

var builtins = map[string]bool{"echo": true, "printf": true, "cd": true, "set": true, "export": true, "test": true, "[": true, "[[": true, "read": true, "local": true, "true": true, "false": true, "exit": true, "return": true, "shift": true, "unset": true, "trap": true, "wait": true, "break": true, "continue": true, ":": true, "pwd": true, "shopt": true, "type": true, "hash": true, "getopts": true, "declare": true, "let": true, "alias": true, "umask": true, "ulimit": true, "eval": true, "source": true, ".": true, "exec": true}

var (
	setuidMode   = lazyre.New(`^(?:[ugoa]*[+=][rwxXt]*s[rwxXst]*|0?[2467][0-7]{3})$`)
	execMode     = lazyre.New(`^(?:[ugoa]*\+[rwXst]*x[rwxXst]*|0?[0-7]?[0-7]*[1357][0-7]*|[0-7]*[1357][0-7]{2}|[0-7]*[0-7][1357][0-7])$`)
	hexEscapes   = lazyre.New(`(\\x[0-9a-fA-F]{2}){4,}|(\\[0-7]{3}){4,}`)
	rot13Range   = lazyre.New(`(?i)n-za-m`)
	quarantineRE = lazyre.New(`(?i)com\.apple\.quarantine`)
)

// call analyses a simple command.
func (w *walker) call(ce *syntax.CallExpr, ctx cmdCtx) flow {
	for _, a := range ce.Assigns {
		if a.Name == nil {
			continue
		}
		var v value
		if a.Value != nil {
			v = w.word(a.Value)
		} else if a.Array != nil {
			v.known = false
			for _, e := range a.Array.Elems {
				if e.Value != nil {
					v.add(w.word(e.Value))
				}
			}
		} else {
			v.known = true
		}
		if len(ce.Args) == 0 {
			if a.Append {
				old := w.vars[a.Name.Value]
				old.add(v)
				v = old
			}
			w.vars[a.Name.Value] = v
			w.assigned[a.Name.Value] = true
		}
	}
	if len(ce.Args) == 0 {
		return flow{}
	}
	args := make([]arg, 0, len(ce.Args))
	for _, wd := range ce.Args {
		args = append(args, arg{w: wd, v: w.word(wd)})
	}
	return w.run(ce, args, ctx)
}

// run dispatches on the program, peeling prefixes such as sudo and nohup.
func (w *walker) run(ce *syntax.CallExpr, args []arg, ctx cmdCtx) flow {
	for len(args) > 0 {
		name := knowledge.Program(args[0].v.s)
		if elevators[name] {
			var sev finding.Severity
			if len(args) > 1 && pkgManagers[knowledge.Program(args[len(args)-1].v.s)] || len(args) > 2 && pkgManagers[knowledge.Program(firstNonOpt(args[1:]))] {
				// Installing a system package is a documented setup
				// step more often than an attack: review, not block.
				sev = finding.Medium
			}
			w.report(args[0].w, "SG2010", sev, nil, "runs %s to gain root", name)
			w.capability(args[0].w, finding.CapExec, name)
			rest := args[1:]
			if name == "su" {
				for i, a := range rest {
					if a.v.s == "-c" && i+1 < len(rest) {
						return w.codeArg("sh", args[0].w, rest[i+1], ctx)
					}
				}
				return ctx.in
			}
			for len(rest) > 0 && strings.HasPrefix(rest[0].v.s, "-") {
				o := rest[0].v.s
				rest = rest[1:]
				if (o == "-u" || o == "-g" || o == "-C" || o == "-p" || o == "-U") && len(rest) > 0 {
					rest = rest[1:]
				}
			}
			args = rest
			continue
		}
		if prefixCmds[name] {
			rest := args[1:]
			for len(rest) > 0 {
				s := rest[0].v.s
				switch {
				case strings.HasPrefix(s, "-"):
					rest = rest[1:]
					if (name == "nice" && s == "-n" || name == "timeout" && (s == "-s" || s == "-k") || name == "ionice" && (s == "-c" || s == "-n")) && len(rest) > 0 {
						rest = rest[1:]
					}
					continue
				case name == "env" && strings.Contains(s, "=") && !strings.HasPrefix(s, "="):
					rest = rest[1:]
					continue
				case name == "timeout" && len(s) > 0 && s[0] >= '0' && s[0] <= '9':
					rest = rest[1:]
					continue
				}
				break
			}
			if len(rest) == 0 {
				switch name {
				case "env":
					return w.envDump(args[0].w, ctx, "env")
				}
				return ctx.in
			}
			if name == "exec" && ctx.devTCP != "" && shells[knowledge.Program(rest[0].v.s)] {
				w.report(args[0].w, "SG2004", 0, nil, "reverse shell: %s is connected to %s", knowledge.Program(rest[0].v.s), display(ctx.devTCP))
				return flow{}
			}
			args = rest
			continue
		}
		break
	}
	if len(args) == 0 {
		return ctx.in
	}
	cmd := args[0]
	name := knowledge.Program(cmd.v.s)
	rest := args[1:]
	strs := make([]string, len(rest))
	for i, a := range rest {
		strs[i] = a.v.s
	}
	if !builtins[name] && name != "" && !w.funcs[cmd.v.s] {
		if cmd.v.known {
			w.capability(cmd.w, finding.CapExec, name)
		} else {
			w.capability(cmd.w, finding.CapExec, "*")
		}
	}
	if what, ok := knowledge.CredentialCommand(append([]string{name}, strs...)); ok {
		st := w.step(cmd.w, "prints %s", what)
		// Medium: a login check reads a token too; sending it anywhere
		// is SG3001 through the taint.
		w.report(cmd.w, "SG5001", finding.Medium, nil, "reads %s", what)
		w.credReads = append(w.credReads, st)
		return flow{t: tCred, steps: []finding.Step{st}}
	}
	if knowledge.Miner(cmd.v.s) {
		w.report(cmd.w, "SG2014", 0, nil, "cryptocurrency mining: runs the miner %s", name)
	}

	if !cmd.v.known && ctx.devTCP != "" {
		w.report(cmd.w, "SG2004", 0, nil, "reverse shell: commands read from %s are run and their output sent back", display(ctx.devTCP))
		return flow{}
	}
	// A path as the program: a bundled script, or a downloaded file.
	if strings.Contains(cmd.v.s, "/") || !cmd.v.known {
		w.runsFile(cmd, "", ctx)
	}

	switch {
	case shells[name] || knowledge.Interpreter(name) && name != "source" && name != "." && name != "eval":
		return w.interpreter(name, cmd, rest, ctx)
	case name == "source" || name == ".":
		if len(rest) > 0 {
			w.scriptArg(name, cmd, rest[0], "shell", ctx)
		}
		return flow{}
	case name == "eval":
		return w.evalCmd(cmd, rest, ctx)
	}

	out := ctx.in
	switch name {
	case "curl", "wget", "http", "https", "xh", "aria2c", "axel", "lwp-download", "fetch":
		return w.fetch(name, cmd, rest, ctx)
	case "nc", "ncat", "netcat", "telnet", "socat":
		w.socket(name, cmd, rest, ctx)
		return flow{}
	case "scp", "rsync", "sftp", "ftp", "smbclient":
		w.copyRemote(name, cmd, rest, ctx)
		return flow{}
	case "dig", "nslookup", "host", "drill", "resolvectl":
		w.dns(name, cmd, rest, ctx)
		return flow{}
	case "chmod":
		w.chmod(cmd, rest)
		return flow{}
	case "xattr":
		if hasOpt(strs, "-c", "-cr", "-rc") || (hasOpt(strs, "-d", "-dr", "-rd") && quarantineRE.R().MatchString(strings.Join(strs, " "))) {
			w.report(cmd.w, "SG2013", 0, nil, "removes the macOS quarantine attribute")
		}
		return flow{}
	case "crontab":
		if !hasOpt(strs, "-l", "-r", "-e") {
			tr := finding.Trace{}
			if ctx.in.t != 0 {
				tr = append(tr, ctx.in.steps...)
			}
			w.report(cmd.w, "SG4001", 0, tr, "writes to crontab: installs a crontab")
			w.capability(cmd.w, finding.CapFilesWritten, "crontab")
		}
		return flow{}
	case "systemctl":
		if len(strs) > 0 && (contains(strs, "enable") || contains(strs, "link")) {
			w.report(cmd.w, "SG4001", 0, nil, "writes to a systemd unit: enables a service at boot (systemctl enable)")
		}
		return flow{}
	case "launchctl":
		if contains(strs, "load") || contains(strs, "bootstrap") || contains(strs, "submit") {
			w.report(cmd.w, "SG4001", 0, nil, "writes to a launchd agent: loads it with launchctl")
		}
		return flow{}
	case "cp", "mv", "install", "ln", "rsync_local":
		files := positional(rest)
		if len(files) >= 2 {
			for _, a := range files[:len(files)-1] {
				out.merge(w.readPath(a.w, a.v, name))
			}
			dst := files[len(files)-1]
			w.writePath(dst.w, dst.v, name, out)
			for _, a := range files[:len(files)-1] {
				if d, ok := w.downloads[fileKey(a.v.s)]; ok {
					if name == "mv" {
						delete(w.downloads, fileKey(a.v.s))
					} else {
						// The copy is reported if run; its source's
						// chmod is reported once, on the source.
						d.chmod = nil
					}
					w.downloads[fileKey(dst.v.s)] = d
				}
			}
		}
		return flow{}
	case "tee":
		if w.extract && ctx.hdoc != nil {
			if v := w.word(ctx.hdoc); v.s != "" {
				for _, a := range positional(rest) {
					w.deriveWritten(a.w, a.v, ctx.hdoc, v.s)
				}
			}
		}
		for _, a := range positional(rest) {
			w.writePath(a.w, a.v, "tee", ctx.in)
			if ctx.in.t&tNet != 0 {
				w.noteDownload(a.v, ctx.in)
			}
		}
		return ctx.in
	case "sed", "perl_i":
		if hasOpt(strs, "-i") || anyPrefix(strs, "-i") || anyPrefix(strs, "--in-place") {
			files := positional(rest)
			if len(files) > 1 {
				for _, a := range files[1:] {
					w.writePath(a.w, a.v, "sed -i", flow{})
				}
			}
			return flow{}
		}
	case "dd":
		for _, a := range rest {
			if f, ok := strings.CutPrefix(a.v.s, "of="); ok {
				w.writePath(a.w, value{s: f, known: a.v.known}, "dd", ctx.in)
			}
			if f, ok := strings.CutPrefix(a.v.s, "if="); ok {
				out.merge(w.readPath(a.w, value{s: f, known: a.v.known}, "dd"))
			}
		}
		return out
	case "env", "printenv":
		if len(positional(rest)) == 0 {
			return w.envDump(cmd.w, ctx, name)
		}
		return flow{}
	case "set", "compgen":
		if len(rest) == 0 || name == "compgen" && hasOpt(strs, "-v", "-e") {
			return w.envDump(cmd.w, ctx, name)
		}
		return flow{}
	case "uname":
		// uname -m/-s/-r name the platform (arch-specific downloads);
		// -a and -n include the host name.
		if hasOpt(strs, "-a", "-n", "--all", "--nodename") {
			return flow{t: tSystem, steps: []finding.Step{w.step(cmd.w, "reads system identity (uname)")}}
		}
		return flow{}
	case "whoami", "hostname", "id", "logname", "hostnamectl", "ifconfig", "systeminfo":
		return flow{t: tSystem, steps: []finding.Step{w.step(cmd.w, "reads system identity (%s)", name)}}
	case "ip":
		if contains(strs, "a") || contains(strs, "addr") || contains(strs, "address") {
			return flow{t: tSystem, steps: []finding.Step{w.step(cmd.w, "reads network addresses (ip addr)")}}
		}
	case "base64", "base32", "basenc", "uudecode", "b64decode":
		if hasOpt(strs, "-d", "--decode", "-D") || name == "uudecode" || name == "b64decode" {
			out.t |= tDecoded
			out.steps = appendSteps(out.steps, w.step(cmd.w, "decodes %s", name))
		} else {
			return w.encode(name, cmd, rest, out)
		}
	case "xxd":
		if hasOpt(strs, "-r") {
			out.t |= tDecoded
			out.steps = appendSteps(out.steps, w.step(cmd.w, "decodes hex (xxd -r)"))
		} else {
			return w.encode(name, cmd, rest, out)
		}
	case "od", "hexdump", "hd":
		return w.encode(name, cmd, rest, out)
	case "fold", "cut", "split":
		if out.t&(sensitive|tSecretEnv) != 0 {
			out.steps = appendSteps(out.steps, w.step(cmd.w, "splits it into chunks (%s)", name))
		}
	case "read", "mapfile", "readarray":
		w.readVars(name, rest, ctx.in, cmd)
		return flow{}
	case "openssl":
		if contains(strs, "s_client") {
			w.socket(name, cmd, rest, ctx)
			return flow{}
		}
		if (contains(strs, "base64") || contains(strs, "enc")) && hasOpt(strs, "-d") {
			out.t |= tDecoded
			out.steps = appendSteps(out.steps, w.step(cmd.w, "decodes with openssl"))
		}
	case "tr":
		if rot13Range.R().MatchString(strings.Join(strs, " ")) {
			out.t |= tDecoded
			out.steps = appendSteps(out.steps, w.step(cmd.w, "decodes rot13 (tr)"))
		}
	case "rev":
		if ctx.in.t != 0 {
			out.t |= tDecoded
		}
	case "echo", "printf":
		for _, a := range rest {
			out.merge(a.v.flow())
			if hexEscapes.R().MatchString(a.v.s) {
				out.t |= tDecoded
				out.steps = appendSteps(out.steps, w.step(a.w, "builds text from escape sequences"))
			}
		}
		return out
	case "git":
		w.gitConfig(cmd, rest)
		return out
	case "mkfifo", "rm", "mkdir", "touch", "chown", "test", "[", "[[", "ls", "stat", "ssh-keygen", "ssh-add", "file", "wc":
		return out
	case "ssh":
		for _, a := range positional(rest) {
			out.merge(a.v.flow())
		}
		w.netUses = append(w.netUses, netUse{"ssh", w.step(cmd.w, "runs ssh")})
		return flow{}
	}
	// The script's own function: its body is judged where it is written
	// (a path handed to it is not read by the call itself).
	if w.funcs[cmd.v.s] {
		return out
	}
	// Any other command: credential paths among its arguments are reads,
	// and its input passes through to its output.
	for _, a := range positional(rest) {
		out.merge(w.readPath(a.w, a.v, name))
	}
	if name == "cat" || name == "head" || name == "tail" || name == "strings" || name == "tar" || name == "zip" || name == "gzip" {
		return out
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func anyPrefix(list []string, p string) bool {
	for _, x := range list {
		if strings.HasPrefix(x, p) {
			return true
		}
	}
	return false
}

// positional returns the arguments that are not options.
func positional(args []arg) []arg {
	var out []arg
	dd := false
	for _, a := range args {
		if !dd && a.v.s == "--" {
			dd = true
			continue
		}
		if !dd && strings.HasPrefix(a.v.s, "-") && a.v.s != "-" {
			continue
		}
		out = append(out, a)
	}
	return out
}

// interpreter handles sh/bash/python/node/… invocations.
func (w *walker) interpreter(name string, cmd arg, rest []arg, ctx cmdCtx) flow {
	codeOpts := map[string]bool{"-c": true}
	switch {
	case strings.HasPrefix(name, "node") || name == "nodejs" || name == "bun":
		codeOpts = map[string]bool{"-e": true, "--eval": true, "-p": true, "--print": true}
	case strings.HasPrefix(name, "perl") || strings.HasPrefix(name, "ruby"):
		codeOpts = map[string]bool{"-e": true, "-E": true}
	case strings.HasPrefix(name, "php"):
		codeOpts = map[string]bool{"-r": true}
	case name == "osascript":
		codeOpts = map[string]bool{"-e": true}
	case name == "pwsh" || name == "powershell":
		codeOpts = map[string]bool{"-c": true, "-command": true, "-Command": true}
		for i, a := range rest {
			if l := strings.ToLower(a.v.s); (l == "-enc" || l == "-encodedcommand" || l == "-e" || l == "-ec") && i+1 < len(rest) {
				w.report(a.w, "SG2003", 0, nil, "decoded data is executed: %s runs a base64-encoded command", name)
				return flow{}
			}
		}
	case name == "deno":
		if len(rest) > 0 && rest[0].v.s == "eval" && len(rest) > 1 {
			return w.codeArg(name, cmd.w, rest[1], ctx)
		}
	}
	interactive := false
	var progArgs []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		s := a.v.s
		if codeOpts[s] && i+1 < len(rest) {
			n := len(w.derived)
			f := w.codeArg(name, cmd.w, rest[i+1], ctx)
			if len(w.derived) > n && langOf(name) == "python" {
				// python -c CODE ARG…: the arguments are sys.argv[1:].
				for _, x := range rest[i+2:] {
					w.derived[n].Args = append(w.derived[n].Args, display(x.v.s))
				}
			}
			return f
		}
		if strings.HasPrefix(s, "-") && len(s) > 1 {
			if s == "-i" {
				interactive = true
			}
			// Clustered shell options ending in c: bash -ec 'cmd'.
			if shells[name] && !strings.HasPrefix(s, "--") && strings.HasSuffix(s, "c") && isLetters(s[1:]) && i+1 < len(rest) {
				return w.codeArg(name, cmd.w, rest[i+1], ctx)
			}
			if (name == "python" || strings.HasPrefix(name, "python")) && s == "-m" {
				return ctx.in
			}
			if shells[name] && (s == "-o" || s == "+o") {
				i++
			}
			continue
		}
		if s == "-" {
			for _, x := range rest[i+1:] {
				progArgs = append(progArgs, display(x.v.s))
			}
			break
		}
		w.scriptArg(name, cmd, a, langOf(name), ctx)
		return flow{}
	}
	if ctx.devTCP != "" && shells[name] {
		w.report(cmd.w, "SG2004", 0, nil, "reverse shell: %s is connected to %s", name, display(ctx.devTCP))
		return flow{}
	}
	_ = interactive
	// The interpreter reads its program from standard input.
	if w.execSink(cmd.w, name, ctx.in, "reads its program from its input") {
		return flow{}
	}
	if ctx.hdoc != nil && len(ctx.hdoc.Parts) > 0 {
		if v := w.word(ctx.hdoc); v.known && w.extract {
			if lang := langOf(name); lang != "" {
				w.derive(arg{w: ctx.hdoc, v: v}, lang, name+" <<here-document")
				w.derived[len(w.derived)-1].Args = progArgs
			}
		}
	}
	return flow{}
}

func langOf(interp string) string {
	switch {
	case shells[interp]:
		return "shell"
	case strings.HasPrefix(interp, "python") || strings.HasPrefix(interp, "pypy"):
		return "python"
	case strings.HasPrefix(interp, "node") || interp == "deno" || interp == "bun":
		return "javascript"
	}
	return ""
}

// execSink reports tainted content reaching an interpreter.
func (w *walker) execSink(n syntax.Node, name string, f flow, how string) bool {
	reported := false
	sink := w.step(n, "%s %s", name, how)
	if f.t&tNet != 0 {
		from := firstNote(f.steps, "downloads", "fetches")
		w.report(n, "SG2001", 0, append(append(finding.Trace{}, f.steps...), sink), "output of %s is executed by %s", from, name)
		if f.t&tPlain != 0 {
			w.report(n, "SG3006", 0, append(append(finding.Trace{}, f.steps...), sink), "fetches code over unencrypted HTTP and runs it with %s", name)
		}
		reported = true
	}
	if f.t&tDecoded != 0 {
		w.report(n, "SG2003", 0, append(append(finding.Trace{}, f.steps...), sink), "decoded data is executed by %s", name)
		reported = true
	}
	return reported
}

func firstNote(steps []finding.Step, prefixes ...string) string {
	for _, s := range steps {
		for _, p := range prefixes {
			if strings.HasPrefix(s.Note, p) {
				return strings.TrimPrefix(strings.TrimPrefix(s.Note, p), " ")
			}
		}
	}
	if len(steps) > 0 {
		return steps[0].Note
	}
	return "a download"
}

// codeArg handles code given as a string (sh -c, python -c, eval).
func (w *walker) codeArg(name string, at *syntax.Word, code arg, ctx cmdCtx) flow {
	if w.execSink(code.w, name, code.v.flow(), "runs it as code") {
		return flow{}
	}
	lang := langOf(name)
	if code.v.known {
		if w.extract && lang != "" {
			w.derive(code, lang, name)
		}
		return flow{}
	}
	if lang == "shell" {
		w.report(code.w, "SG2017", 0, code.v.steps, "runs a command built at run time: %s -c %s", name, finding.ShortSnippet(code.v.s, 60))
	} else {
		w.report(code.w, "SG2006", 0, code.v.steps, "%s evaluates code that is not a constant", name)
	}
	w.capability(code.w, finding.CapDynamicCode, name+" -c")
	return flow{}
}

func (w *walker) evalCmd(cmd arg, rest []arg, ctx cmdCtx) flow {
	if len(rest) == 0 {
		return flow{}
	}
	v := value{known: true}
	for i, a := range rest {
		if i > 0 {
			v.s += " "
		}
		v.add(a.v)
	}
	if w.execSink(cmd.w, "eval", v.flow(), "evaluates it") {
		return flow{}
	}
	if len(rest) == 1 && envSetupSubst(rest[0].w) {
		return flow{}
	}
	if v.known {
		if w.extract {
			w.derive(arg{w: rest[0].w, v: v}, "shell", "eval")
		}
		return flow{}
	}
	w.report(cmd.w, "SG2006", 0, v.steps, "eval evaluates code that is not a constant: %s", finding.ShortSnippet(v.s, 60))
	w.capability(cmd.w, finding.CapDynamicCode, "eval")
	return flow{}
}

// derive turns a constant code string into a unit of its own.
func (w *walker) derive(code arg, lang, how string) {
	l, c := pos(code.w)
	u := w.u
	quoted := false
	if len(code.w.Parts) == 1 {
		switch code.w.Parts[0].(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			quoted = true
		}
	}
	col := c
	if quoted {
		col++
	}
	nu := &analysis.Unit{Path: u.Path, Lang: lang, Src: []byte(code.v.s), File: u.File, Virtual: u.Virtual}
	if u.Virtual {
		nu.Line, nu.Col = u.Line, u.Col
	} else {
		nu.Line = u.Line + l - 1
		nu.Col = col
		if l == 1 && u.Col > 1 {
			nu.Col = col + u.Col - 1
		}
		// Double-quoted strings with escapes no longer match the file
		// byte for byte: anchor findings at the string.
		if _, ok := code.w.Parts[0].(*syntax.DblQuoted); ok && len(code.w.Parts) == 1 && strings.Contains(code.w.Lit(), `\`) {
			nu.Virtual = true
		}
	}
	nu.Origin = append(append(finding.Trace{}, u.Origin...), w.step(code.w, "%s runs this string as %s", how, lang))
	w.derived = append(w.derived, nu)
}

// scriptArg handles a script file given to an interpreter or source.
func (w *walker) scriptArg(name string, cmd, a arg, lang string, ctx cmdCtx) {
	if a.v.t&(tNet|tDecoded) != 0 {
		w.execSink(a.w, name, a.v.flow(), "runs it")
		return
	}
	w.runsFile(a, lang, ctx)
}

// runsFile handles a file that is run: a downloaded one is reported, a
// bundled one marked executed.
func (w *walker) runsFile(a arg, lang string, ctx cmdCtx) {
	key := fileKey(a.v.s)
	if _, ok := w.downloads[key]; !ok {
		best := ""
		for dir := range w.cloned {
			if strings.HasPrefix(key, dir+"/") && len(dir) > len(best) {
				best = dir
			}
		}
		if best != "" {
			w.downloads[key] = w.cloned[best] // a file of a cloned repository
		}
	}
	if d, ok := w.downloads[key]; ok && !d.ran {
		d.ran = true
		w.downloads[key] = d
		tr := finding.Trace{d.step}
		if d.chmod != nil {
			tr = append(tr, *d.chmod)
		}
		tr = append(tr, w.step(a.w, "runs %s", display(a.v.s)))
		w.report(a.w, "SG2002", 0, tr, "a downloaded file is run: %s", display(a.v.s))
		if d.plain {
			w.report(a.w, "SG3006", 0, tr, "runs %s, fetched over unencrypted HTTP", display(a.v.s))
		}
		return
	}
	if !w.extract {
		return
	}
	rel, ok := w.resolve(a.v)
	if !ok {
		return
	}
	f := w.pass.Skill.File(rel)
	if f == nil {
		return
	}
	if lang == "" {
		lang = f.Lang
		if dataLang[f.Lang] {
			lang = "shell"
		}
		if skill.UnanalysedLanguage(f) != "" {
			lang = "" // Ruby, Perl …: reported as unanalysed code, never parsed as shell
		}
	}
	how := "runs"
	if lang != "" {
		how = "runs it as " + lang
	}
	w.pass.MarkExecuted(rel, lang, w.step(a.w, "%s %s", how, rel))
}

var dataLang = map[string]bool{"text": true, "markdown": true, "json": true, "yaml": true, "toml": true, "html": true, "requirements": true}

// resolve maps a path as written in a script to a path in the skill.
func (w *walker) resolve(v value) (string, bool) {
	p := v.s
	if !v.known && !strings.HasPrefix(p, rootMark) && !strings.HasPrefix(p, dirMark) {
		return "", false
	}
	dir := path.Dir(w.u.Path)
	if w.u.File != nil && w.u.File.Container != "" {
		return "", false
	}
	var cands []string
	switch {
	case strings.HasPrefix(p, rootMark):
		cands = []string{strings.TrimPrefix(strings.TrimPrefix(p, rootMark), "/")}
	case strings.HasPrefix(p, dirMark):
		cands = []string{path.Join(dir, strings.TrimPrefix(strings.TrimPrefix(p, dirMark), "/"))}
	case strings.HasPrefix(p, "/") || strings.Contains(p, "$") || strings.HasPrefix(p, "~"):
		return "", false
	default:
		cands = []string{p, path.Join(dir, p)}
	}
	for _, c := range cands {
		c = path.Clean(c)
		if c == "." || strings.HasPrefix(c, "../") || c == ".." {
			continue
		}
		if w.pass.Skill.File(c) != nil {
			return c, true
		}
	}
	return "", false
}

// envSetupTools print shell code for the current shell by design; eval
// of their output is the documented way to use them.
var envSetupTools = map[string]bool{"ssh-agent": true, "brew": true, "pyenv": true, "rbenv": true, "nodenv": true, "direnv": true, "conda": true, "starship": true, "zoxide": true, "fnm": true, "mise": true, "rtx": true, "opam": true, "dircolors": true, "gpg-agent": true, "keychain": true, "jenv": true, "goenv": true, "luarocks": true, "thefuck": true, "atuin": true}

// envSetupSubst reports whether a word is exactly $(tool …) for one of
// envSetupTools.
func envSetupSubst(wd *syntax.Word) bool {
	if wd == nil || len(wd.Parts) != 1 {
		return false
	}
	part := wd.Parts[0]
	if dq, ok := part.(*syntax.DblQuoted); ok && len(dq.Parts) == 1 {
		part = dq.Parts[0]
	}
	cs, ok := part.(*syntax.CmdSubst)
	if !ok || len(cs.Stmts) != 1 {
		return false
	}
	ce, ok := cs.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		return false
	}
	return envSetupTools[knowledge.Program(ce.Args[0].Lit())]
}

var pkgManagers = map[string]bool{"apt": true, "apt-get": true, "dnf": true, "yum": true, "pacman": true, "apk": true, "zypper": true, "snap": true, "port": true}

func firstNonOpt(args []arg) string {
	for _, a := range args {
		if !strings.HasPrefix(a.v.s, "-") {
			return a.v.s
		}
	}
	return ""
}

// encode is an encoder (base64, base32, xxd, od) reading its input or
// file arguments: the data keeps its taint and the trace says how it
// was encoded.
func (w *walker) encode(name string, cmd arg, rest []arg, in flow) flow {
	out := in
	for _, a := range positional(rest) {
		out.merge(w.readPath(a.w, a.v, name))
	}
	if out.t&(sensitive|tSecretEnv) != 0 {
		out.steps = appendSteps(out.steps, w.step(cmd.w, "encodes it (%s)", name))
	}
	return out
}

var identRE = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// readVars models the read builtin: the variables it names receive its
// input, one line or field at a time.
func (w *walker) readVars(name string, rest []arg, in flow, cmd arg) {
	valued := map[string]bool{"-d": true, "-n": true, "-N": true, "-p": true, "-t": true, "-u": true, "-i": true, "-C": true, "-c": true, "-O": true, "-s": true}
	var names []string
	for i := 0; i < len(rest); i++ {
		s := rest[i].v.s
		switch {
		case s == "-a" && i+1 < len(rest):
			names = append(names, rest[i+1].v.s)
			i++
		case strings.HasPrefix(s, "-"):
			if valued[s] && (name != "read" || s != "-s") {
				i++
			}
		default:
			names = append(names, s)
		}
	}
	if len(names) == 0 && name == "read" {
		names = []string{"REPLY"}
	}
	if len(names) == 0 && name != "read" {
		names = []string{"MAPFILE"}
	}
	for _, n := range names {
		if !identRE.R().MatchString(n) {
			continue
		}
		v := value{s: "$" + n, t: in.t, steps: in.steps}
		if in.t != 0 {
			v.steps = appendSteps(append([]finding.Step(nil), in.steps...), w.step(cmd.w, "reads it into $%s", n))
		}
		w.vars[n] = v
		w.assigned[n] = true
	}
}
