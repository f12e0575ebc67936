package shell

import (
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

// writtenText returns the text a statement writes to its output: a
// here-document given to cat (or any filter), or the arguments of echo
// and printf. at is the word the text starts at.
func (w *walker) writtenText(st *syntax.Stmt, ctx cmdCtx) (string, *syntax.Word, bool) {
	ce, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		return "", nil, false
	}
	if ctx.hdoc != nil {
		v := w.word(ctx.hdoc)
		return v.s, ctx.hdoc, v.s != ""
	}
	name := w.word(ce.Args[0]).s
	if name != "echo" && name != "printf" || len(ce.Args) < 2 {
		return "", nil, false
	}
	var words []string
	for _, a := range ce.Args[1:] {
		words = append(words, w.word(a).s)
	}
	if name == "echo" {
		for len(words) > 0 && (words[0] == "-e" || words[0] == "-n" || words[0] == "-ne" || words[0] == "-en") {
			words = words[1:]
		}
		return strings.Join(words, " "), ce.Args[len(ce.Args)-len(words)], len(words) > 0
	}
	return printfText(words), ce.Args[1], true
}

// printfText renders a printf format with its %s arguments and the
// common escapes.
func printfText(words []string) string {
	f, rest := words[0], words[1:]
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '\\' && i+1 < len(f):
			i++
			switch f[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(f[i])
			}
		case c == '%' && i+1 < len(f):
			i++
			switch f[i] {
			case '%':
				b.WriteByte('%')
			case 's', 'b', 'd':
				if len(rest) > 0 {
					b.WriteString(rest[0])
					rest = rest[1:]
				}
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// runsLater reports whether a file written at p is code that runs later
// on its own: a git hook, a shell startup file, an init script.
func runsLater(p string) bool {
	t, ok := knowledge.ClassifyWrite(p)
	if !ok || t.Kind != knowledge.Persistence {
		return false
	}
	n := knowledge.NormalizePath(p)
	switch {
	case strings.Contains(n, ".git/hooks/") || strings.HasPrefix(path.Base(path.Dir(n)), "hooks"):
		return true
	case strings.Contains(n, "profile.d/") || strings.HasSuffix(n, "rc.local") || strings.Contains(n, "init.d/"):
		return true
	}
	switch path.Base(n) {
	case ".bashrc", ".bash_profile", ".bash_login", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".kshrc", ".xinitrc", ".xprofile":
		return true
	}
	return cronFormat(n) != cronNone || strings.HasSuffix(n, ".service")
}

// Cron file formats: a crontab (schedule, command), a system crontab
// (schedule, user, command), or none.
const (
	cronNone = iota
	cronUser
	cronSystem
)

func cronFormat(n string) int {
	switch {
	case n == "/etc/crontab" || strings.Contains(n, "/cron.d/"):
		return cronSystem
	case strings.Contains(n, "/var/spool/cron/"):
		return cronUser
	}
	return cronNone
}

// laterCode turns the text of a file that runs later into the shell it
// runs: crontab lines lose their schedule, systemd units keep their Exec*
// command lines; hooks, rc files and cron.daily scripts are scripts.
func laterCode(p, text string) string {
	n := knowledge.NormalizePath(p)
	if f := cronFormat(n); f != cronNone {
		return cronCommands(text, f == cronSystem)
	}
	if strings.HasSuffix(n, ".service") {
		return unitCommands(text)
	}
	return text
}

// cronCommands keeps the command of each crontab entry, one per line
// (blank lines where the rest was), so line numbers still match.
func cronCommands(text string, userField bool) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		f := strings.Fields(l)
		skip := 5
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#") || strings.Contains(f[0], "=") && !strings.HasPrefix(f[0], "@"):
			lines[i] = "" // comment or VAR=value
			continue
		case strings.HasPrefix(f[0], "@"): // @reboot, @hourly …
			skip = 1
		}
		if userField {
			skip++
		}
		if len(f) <= skip {
			lines[i] = ""
			continue
		}
		rest := l
		for k := 0; k < skip; k++ {
			rest = strings.TrimLeft(rest, " \t")
			rest = rest[len(f[k]):]
		}
		lines[i] = strings.TrimSpace(rest)
	}
	return strings.Join(lines, "\n")
}

// unitCommands keeps a systemd unit's Exec* command lines (without their
// -@+!: prefixes), one per line, so line numbers still match.
func unitCommands(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		k, v, ok := strings.Cut(strings.TrimSpace(l), "=")
		if !ok || !strings.HasPrefix(strings.TrimSpace(k), "Exec") {
			lines[i] = ""
			continue
		}
		lines[i] = strings.TrimLeft(strings.TrimSpace(v), "-@+!:")
	}
	return strings.Join(lines, "\n")
}

// deriveWritten turns code a script writes into a file that runs later
// (a git hook, ~/.bashrc) into a unit of the language its shebang names,
// so what that code does is analysed too.
func (w *walker) deriveWritten(at *syntax.Word, target value, text *syntax.Word, code string) {
	if at == nil || text == nil || strings.TrimSpace(code) == "" || len(w.derived) >= maxDerived {
		return
	}
	p := display(target.s)
	if !runsLater(p) {
		return
	}
	later := laterCode(p, code)
	if strings.TrimSpace(later) == "" {
		return
	}
	w.deriveCode(at, text, later, p, later == code)
}

// deriveCode adds code (written at text, into where, by the statement at
// at) as a unit of the language its shebang names. verbatim says the code
// is the written text itself, not commands taken out of it.
func (w *walker) deriveCode(at, text *syntax.Word, code, where string, verbatim bool) {
	p := where
	lang := "shell"
	if first, _, _ := strings.Cut(code, "\n"); strings.HasPrefix(first, "#!") {
		switch l := langOf(knowledge.Program(shebangProg(first))); l {
		case "python", "javascript":
			lang = l
		}
	}
	u := w.u
	l, c := pos(text)
	nu := &analysis.Unit{Path: u.Path, Lang: lang, Src: []byte(code), File: u.File, Virtual: true, Label: "the code it runs"}
	if u.Virtual {
		nu.Line, nu.Col = u.Line, u.Col
	} else {
		nu.Line, nu.Col = u.Line+l-1, c
		if _, ok := text.Parts[0].(*syntax.Lit); ok && len(text.Parts) == 1 && verbatim {
			// A quoted here-document body is the file's text byte for
			// byte: findings point into it.
			nu.Virtual = false
		}
	}
	wl, _ := pos(at)
	nu.Origin = append(append(finding.Trace{}, u.Origin...), w.step(at, plantedNote+"%s by %s:%d", p, u.Path, u.Line+wl-1))
	w.derived = append(w.derived, nu)
}

// shebangProg returns the program a #! line runs (through env).
func shebangProg(line string) string {
	f := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(f) == 0 {
		return ""
	}
	if path.Base(f[0]) == "env" {
		for _, x := range f[1:] {
			if !strings.HasPrefix(x, "-") {
				return x
			}
		}
		return ""
	}
	return f[0]
}

// plantedNote starts the origin step of code written to a file that
// runs later.
const plantedNote = "written to "

// maxDerived bounds the units one script derives from the code it writes.
const maxDerived = 64

// deriveCrontab analyses the entries a pipeline installs with `crontab -`
// (`echo "* * * * * cmd" | crontab -`, `(crontab -l; echo …) | crontab -`)
// as the shell they run.
func (w *walker) deriveCrontab(stages []*syntax.Stmt) {
	if len(stages) < 2 || len(w.derived) >= maxDerived {
		return
	}
	last := stages[len(stages)-1]
	ce, ok := last.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 || w.word(ce.Args[0]).s != "crontab" {
		return
	}
	for _, a := range ce.Args[1:] {
		if s := w.word(a).s; s != "-" && s != "" {
			return // crontab -l, -r, or a file
		}
	}
	var stmts []*syntax.Stmt
	switch c := stages[len(stages)-2].Cmd.(type) {
	case *syntax.Subshell:
		stmts = c.Stmts
	case *syntax.Block:
		stmts = c.Stmts
	default:
		stmts = []*syntax.Stmt{stages[len(stages)-2]}
	}
	for _, st := range stmts {
		var ctx cmdCtx
		for _, r := range st.Redirs {
			if (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) && r.Hdoc != nil {
				ctx.hdoc = r.Hdoc
			}
		}
		text, at, ok := w.writtenText(st, ctx)
		if !ok {
			continue
		}
		if code := cronCommands(text, false); strings.TrimSpace(code) != "" {
			w.deriveCode(ce.Args[0], at, code, "the crontab", false)
		}
	}
}

// gitExecKeys are git settings whose value is a command git runs later
// (aliases and credential helpers only when they start with "!").
var gitExecKeys = map[string]bool{
	"core.sshcommand": true, "core.pager": true, "core.editor": true, "core.fsmonitor": true,
	"core.askpass": true, "sequence.editor": true, "diff.external": true, "gpg.program": true,
}

// gitConfig reports `git config KEY VALUE` that makes git run a command
// later (persistence: every later git call in that repository, or every
// repository with --global) and analyses the command as shell.
func (w *walker) gitConfig(cmd arg, rest []arg) {
	pos := positional(rest)
	if len(pos) >= 2 && pos[0].v.s == "clone" {
		w.gitClone(pos[1:])
		return
	}
	if len(pos) < 3 || pos[0].v.s != "config" {
		return
	}
	key, val := strings.ToLower(pos[1].v.s), pos[2]
	code := val.v.s
	switch {
	case gitExecKeys[key], strings.HasPrefix(key, "filter.") && (strings.HasSuffix(key, ".clean") || strings.HasSuffix(key, ".smudge") || strings.HasSuffix(key, ".process")),
		strings.HasPrefix(key, "merge.") && strings.HasSuffix(key, ".driver"):
	case (strings.HasPrefix(key, "alias.") || strings.HasPrefix(key, "credential.") && strings.HasSuffix(key, "helper")) && strings.HasPrefix(code, "!"):
		code = code[1:]
	default:
		return
	}
	if !plainGitTool(code) {
		w.report(cmd.w, "SG4001", 0, nil, "writes to git configuration: %s runs a command on later git calls", key)
		w.capability(cmd.w, finding.CapFilesWritten, "git config "+key)
	}
	if w.extract && strings.TrimSpace(code) != "" && len(w.derived) < maxDerived {
		w.deriveCode(cmd.w, val.w, code, "git config "+key, false)
	}
}

// plainGitTool reports a value that only names an ordinary editor, pager
// or ssh with options (core.pager cat, core.editor "code --wait"): set by
// setup scripts, not a planted command.
func plainGitTool(v string) bool {
	if strings.ContainsAny(v, "|;&$`<>(){}\\'\"\n") {
		return false
	}
	f := strings.Fields(v)
	if len(f) == 0 {
		return true
	}
	switch path.Base(f[0]) {
	case "cat", "less", "more", "most", "vim", "vi", "nvim", "nano", "emacs", "emacsclient", "code", "subl", "mate", "delta", "diff-so-fancy", "true", "ssh", "gpg", "gpg2":
		for _, a := range f[1:] {
			if !strings.HasPrefix(a, "-") {
				return false
			}
		}
		return true
	}
	return false
}

// gitClone records the folder a repository is cloned into, so that a
// script run from it later counts as downloaded code (SG2002).
func (w *walker) gitClone(pos []arg) {
	// The repository is the first argument that is a URL (option values
	// such as --depth 1 come before it); the folder, the next one.
	i := slices.IndexFunc(pos, func(a arg) bool {
		return strings.Contains(a.v.s, "://") || strings.HasPrefix(a.v.s, "git@")
	})
	if i < 0 {
		return // a local repository
	}
	url := pos[i]
	dst := strings.TrimSuffix(path.Base(strings.TrimRight(url.v.s, "/")), ".git")
	if i+1 < len(pos) && pos[i+1].v.s != "" {
		dst = pos[i+1].v.s
	}
	if dst == "" || dst == "." || dst == "/" {
		return
	}
	w.cloned[fileKey(dst)] = download{step: w.step(url.w, "clones %s into %s", display(url.v.s), display(dst)), plain: strings.HasPrefix(url.v.s, "http://")}
}
