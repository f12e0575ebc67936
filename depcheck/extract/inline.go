package extract

import (
	"context"
	"fmt"
	"path"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// Inline finds package installs run by the skill itself: shell scripts,
// code blocks in Markdown, and command strings or argument lists in Python
// and JavaScript (subprocess, os.system, child_process). Shell is parsed
// with mvdan.cc/sh; Python and JavaScript are read line by line for string
// literals, which is enough for install commands and never runs anything.
type Inline struct{}

// Name implements [Extractor].
func (Inline) Name() string { return "inline-install" }

// Match implements [Extractor].
func (Inline) Match(f *skill.File) bool {
	switch f.Lang {
	case "shell", "markdown", "python", "javascript", "typescript":
		return f.IsText()
	}
	return false
}

// Extract implements [Extractor].
func (Inline) Extract(ctx context.Context, in Input) (*Output, error) {
	out := &Output{}
	f := newText(in.File)
	switch in.File.Lang {
	case "shell":
		scanShell(f, string(in.File.Data), 0, out)
	case "markdown":
		scanMarkdown(f, out)
	default:
		scanLiterals(f, string(in.File.Data), 0, out)
	}
	return out, nil
}

var (
	fenceRE      = lazyre.New("^ {0,3}(```+|~~~+)\\s*([A-Za-z0-9_+-]*)")
	codeSpanRE   = lazyre.New("`([^`\n]+)`")
	promptRE     = lazyre.New(`(?m)^(\s*)(\$|>|PS>|%) `)
	strLiteralRE = lazyre.New(`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|` + "`([^`\\\\\n$]*)`")
	cmdSepRE     = lazyre.New(`&&|\|\||;|\|`)
	majorRE      = lazyre.New(`^v\d+$`)
	execCallRE   = lazyre.New(`\b(subprocess|os\.system|os\.popen|popen|Popen|check_call|check_output|call|run|exec|execSync|execFile|execFileSync|spawn|spawnSync|system|shell|execa|\$)\s*\(|\$\x60|\bsh\x60`)
	installHint  = lazyre.New(`\b(pip3?(\.\d+)?|pipx|uv|npm|npx|yarn|pnpm|bun|bunx|go)\b`)
)

// scanMarkdown reads fenced code blocks (shell, or Python/JS by their info
// string) and inline code spans outside them.
func scanMarkdown(f *text, out *Output) {
	lines := strings.Split(string(f.f.Data), "\n")
	for i := 0; i < len(lines); i++ {
		m := fenceRE.R().FindStringSubmatch(lines[i])
		if m == nil {
			for _, c := range codeSpanRE.R().FindAllStringSubmatch(lines[i], -1) {
				if installHint.R().MatchString(c[1]) {
					scanWordsLine(f, c[1], i+1, out)
				}
			}
			continue
		}
		fence, lang := m[1], strings.ToLower(m[2])
		start := i + 1
		j := start
		for j < len(lines) && !strings.HasPrefix(strings.TrimLeft(lines[j], " "), fence[:3]) {
			j++
		}
		body := strings.Join(lines[start:min(j, len(lines))], "\n")
		switch lang {
		case "python", "py", "python3", "javascript", "js", "typescript", "ts", "node", "jsx", "tsx", "mjs":
			scanLiterals(f, body, start, out)
		case "json", "yaml", "yml", "toml", "xml", "html", "css", "go", "text", "txt", "markdown", "md", "diff":
		default:
			scanShell(f, promptRE.R().ReplaceAllString(body, "$1"), start, out)
		}
		i = j
	}
}

// scanShell parses text as shell and inspects every simple command; when
// the text does not parse, it falls back to reading line by line.
func scanShell(f *text, text string, offset int, out *Output) {
	file, err := syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), f.f.Path)
	if err != nil {
		for i, line := range strings.Split(text, "\n") {
			if installHint.R().MatchString(line) {
				scanWordsLine(f, line, offset+i+1, out)
			}
		}
		return
	}
	syntax.Walk(file, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		words := make([]string, 0, len(call.Args))
		for _, w := range call.Args {
			words = append(words, wordString(w))
		}
		installCommand(f, words, offset+int(call.Args[0].Pos().Line()), out)
		return true
	})
}

// wordString returns a word's literal text, keeping quoted literals and
// leaving "$…" for expansions.
func wordString(w *syntax.Word) string {
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					b.WriteString(l.Value)
				} else {
					b.WriteString("$…")
				}
			}
		default:
			b.WriteString("$…")
		}
	}
	return b.String()
}

func scanWordsLine(f *text, line string, lineNo int, out *Output) {
	line = promptRE.R().ReplaceAllString(line, "$1")
	for _, part := range cmdSepRE.R().Split(line, -1) {
		words := strings.Fields(part)
		for i, w := range words {
			words[i] = strings.Trim(w, `"'`)
		}
		installCommand(f, words, lineNo, out)
	}
}

// scanLiterals reads Python or JavaScript: on each line that calls
// something that runs a command and mentions a package manager, a string
// literal holding a whole command is parsed as
// shell; otherwise the line's literals are read as an argument list.
func scanLiterals(f *text, text string, offset int, out *Output) {
	for i, line := range strings.Split(text, "\n") {
		if !installHint.R().MatchString(line) || !execCallRE.R().MatchString(line) {
			continue
		}
		var lits []string
		whole := false
		for _, m := range strLiteralRE.R().FindAllStringSubmatch(line, -1) {
			s := m[1] + m[2] + m[3]
			if strings.Contains(s, " ") && installHint.R().MatchString(s) {
				scanWordsLine(f, s, offset+i+1, out)
				whole = true
			}
			lits = append(lits, s)
		}
		if !whole && len(lits) > 0 {
			if strings.Contains(line, "sys.executable") || strings.Contains(line, "process.execPath") {
				lits = append([]string{"python"}, lits...)
			}
			installCommand(f, lits, offset+i+1, out)
		}
	}
}

var wrappers = map[string]bool{"sudo": true, "doas": true, "env": true, "exec": true, "time": true, "nohup": true, "command": true, "xargs": true, "!": true}

var pyRE = lazyre.New(`^python(\d(\.\d+)?)?$|^py$`)

// installCommand inspects one command's words for a package install.
func installCommand(f *text, words []string, line int, out *Output) {
	k := 0
	for k < len(words) && (wrappers[path.Base(words[k])] || strings.HasPrefix(words[k], "-") || strings.Contains(words[k], "=") && !strings.Contains(words[k], " ")) {
		k++
	}
	if k >= len(words) {
		return
	}
	cmd := path.Base(words[k])
	args := words[k+1:]
	l := f.loc(line)
	sub := func() (string, []string) {
		for i, a := range args {
			if !strings.HasPrefix(a, "-") {
				return a, args[i+1:]
			}
		}
		return "", nil
	}
	switch {
	case pyRE.R().MatchString(cmd):
		if len(args) >= 3 && args[0] == "-m" && (args[1] == "pip" || args[1] == "pip3") {
			pipArgs(args[2:], l, out, "pip")
		} else if len(args) >= 3 && args[0] == "-m" && args[1] == "uv" && args[2] == "pip" {
			pipArgs(args[3:], l, out, "uv pip")
		}
	case cmd == "pip" || cmd == "pip3" || strings.HasPrefix(cmd, "pip3."):
		pipArgs(args, l, out, cmd)
	case cmd == "uv":
		s, rest := sub()
		switch s {
		case "pip":
			pipArgs(rest, l, out, "uv pip")
		case "add":
			pkgArgs(PyPI, "uv add", rest, l, out, false)
		case "tool":
			if len(rest) > 0 && (rest[0] == "install" || rest[0] == "run") {
				pkgArgs(PyPI, "uv tool", rest[1:], l, out, rest[0] == "run")
			}
		}
	case cmd == "uvx":
		pkgArgs(PyPI, "uvx", args, l, out, true)
	case cmd == "pipx":
		if s, rest := sub(); s == "install" || s == "run" || s == "inject" {
			pkgArgs(PyPI, "pipx "+s, rest, l, out, s != "install")
		}
	case cmd == "npm":
		if s, rest := sub(); s == "i" || s == "install" || s == "add" || s == "isntall" || s == "exec" {
			pkgArgs(NPM, "npm "+s, rest, l, out, s == "exec")
		}
	case cmd == "npx" || cmd == "bunx":
		pkgArgs(NPM, cmd, args, l, out, true)
	case cmd == "yarn":
		s, rest := sub()
		if s == "global" && len(rest) > 0 {
			s, rest = rest[0], rest[1:]
		}
		if s == "add" || s == "dlx" {
			pkgArgs(NPM, "yarn "+s, rest, l, out, s == "dlx")
		}
	case cmd == "pnpm" || cmd == "bun":
		if s, rest := sub(); s == "add" || s == "i" || s == "install" || s == "dlx" || s == "x" {
			pkgArgs(NPM, cmd+" "+s, rest, l, out, s == "dlx" || s == "x")
		}
	case cmd == "go":
		if s, rest := sub(); s == "install" || s == "get" || s == "run" {
			pkgArgs(Go, "go "+s, rest, l, out, s == "run")
		}
	}
}

// option flags that take a value, per tool family.
var valueOpts = map[string]bool{
	"-r": true, "--requirement": true, "-c": true, "--constraint": true, "-t": true, "--target": true,
	"--prefix": true, "--root": true, "--platform": true, "--python-version": true, "--implementation": true,
	"--abi": true, "--trusted-host": true, "--src": true, "-p": true, "--package": true, "--python": true,
	"-w": true, "--workspace": true, "--tag": true, "--cache": true, "--from": true, "--with": true,
	"-C": true, "--dir": true, "--filter": true, "-tags": true, "-modfile": true,
}

var registryOpts = map[string]bool{
	"-i": true, "--index-url": true, "--extra-index-url": true, "-f": true, "--find-links": true,
	"--registry": true, "--index": true, "--default-index": true,
}

func pipArgs(args []string, l finding.Location, out *Output, tool string) {
	if len(args) == 0 || (args[0] != "install" && args[0] != "download" && args[0] != "sync") {
		return
	}
	pkgArgs(PyPI, tool+" "+args[0], args[1:], l, out, false)
}

// pkgArgs reads package arguments. When runsFirst is set (npx, pipx run,
// go run) only the first package-like argument is a package; the rest are
// the program's arguments.
func pkgArgs(eco, tool string, args []string, l finding.Location, out *Output, runsFirst bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if runsFirst {
				return
			}
			continue
		}
		if strings.HasPrefix(a, "-") {
			opt, val, hasVal := strings.Cut(a, "=")
			if registryOpts[opt] {
				if !hasVal && i+1 < len(args) {
					i++
					val = args[i]
				}
				out.Issues = append(out.Issues, Issue{RuleID: "SG7006", Location: l,
					Message: fmt.Sprintf("%s %s %s installs packages from outside the default registry", tool, opt, val)})
				continue
			}
			if (opt == "-p" || opt == "--package") && runsFirst && !hasVal && i+1 < len(args) {
				i++
				addInline(eco, tool, args[i], l, out)
				continue
			}
			if valueOpts[opt] && !hasVal {
				i++
			}
			continue
		}
		if strings.Contains(a, "$…") || a == "." || a == "" {
			if runsFirst {
				return
			}
			continue
		}
		addInline(eco, tool, a, l, out)
		if runsFirst {
			return
		}
	}
}

var goVersionRE = lazyre.New(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+incompatible)?$`)

func addInline(eco, tool, a string, l finding.Location, out *Output) {
	var d Dependency
	switch eco {
	case PyPI:
		var ok bool
		if d, ok = pep508(a, l); !ok {
			return
		}
		if d.URL == "" && (strings.HasSuffix(a, ".whl") || strings.HasSuffix(a, ".tar.gz") || strings.HasPrefix(a, "/")) {
			d.URL = a
		}
	case NPM:
		d = npmSpec(a, l)
	case Go:
		p, v, _ := strings.Cut(a, "@")
		if strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/") || !strings.Contains(p, ".") {
			return
		}
		d = Dependency{Ecosystem: Go, Name: goModulePath(p), Version: v, Pinned: goVersionRE.R().MatchString(v), Location: l}
	}
	d.Ecosystem, d.Source = eco, SourceInline
	d.Kind = tool
	out.Deps = append(out.Deps, d)
}

// npmSpec reads an install argument: name, name@version, @scope/name@v,
// or a URL/git/path source.
func npmSpec(a string, l finding.Location) Dependency {
	if npmURLRE.R().MatchString(a) && !strings.HasPrefix(a, "@") {
		return Dependency{Ecosystem: NPM, Name: a, URL: a, Location: l}
	}
	name, v := splitNameVersion(a)
	return npmDep(name, v, l)
}

// goModulePath trims a package path to its module path for the common
// hosts (host/owner/repo, golang.org/x/name).
func goModulePath(p string) string {
	parts := strings.Split(p, "/")
	switch parts[0] {
	case "github.com", "gitlab.com", "bitbucket.org", "golang.org", "codeberg.org":
		if len(parts) > 3 && !majorRE.R().MatchString(parts[3]) {
			return strings.Join(parts[:3], "/")
		}
		if len(parts) > 4 {
			return strings.Join(parts[:4], "/")
		}
	}
	return p
}
