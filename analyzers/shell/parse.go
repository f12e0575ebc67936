package shell

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// maxResume bounds how often parsing resumes after a syntax error; what
// follows the last error is then reported as not analysed.
const maxResume = 32

// maxScript bounds the size of a script the parser is given.
const maxScript = 8 << 20

// Parsed is a script's statements and the syntax errors met on the way.
type Parsed struct {
	stmts []*syntax.Stmt
	errs  []string
	// errLines are the 1-based lines of the errors.
	errLines []int
	// gaveUp is set when parsing stopped before the end of the script.
	gaveUp bool
}

// Parse parses src as shell. It never fails: statements before a syntax
// error are kept, parsing resumes on the line after it, and each error
// is recorded. The variant is chosen from name (.zsh files are zsh),
// bash otherwise, with POSIX tried when bash fails.
func Parse(src []byte, name string) *Parsed {
	if len(src) > maxScript {
		return &Parsed{errs: []string{fmt.Sprintf("script is %d bytes, over the parser limit of %d", len(src), maxScript)}, errLines: []int{1}, gaveUp: true}
	}
	lang := syntax.LangBash
	if strings.HasSuffix(name, ".zsh") {
		lang = syntax.LangZsh
	}
	if base := path.Base(name); base == "Dockerfile" || base == "Containerfile" || strings.HasSuffix(base, ".dockerfile") {
		src = dockerRuns(src)
	}
	p := parseWith(src, lang)
	if len(p.errs) > 0 && lang == syntax.LangBash {
		if q := parseWith(src, syntax.LangPOSIX); len(q.errs) == 0 {
			return q
		}
	}
	return p
}

func parseWith(src []byte, lang syntax.LangVariant) *Parsed {
	out := &Parsed{}
	work := src
	for try := 0; ; try++ {
		parser := syntax.NewParser(syntax.Variant(lang), syntax.KeepComments(false))
		var perr error
		// The sequence is drained rather than left with break: on some
		// inputs (a stray byte after "&") mvdan.cc/sh keeps yielding
		// after an error and panics if the loop has stopped.
		for st, err := range parser.StmtsSeq(bytes.NewReader(work)) {
			if perr != nil {
				continue
			}
			if err != nil {
				perr = err
				continue
			}
			out.stmts = append(out.stmts, st)
		}
		if perr == nil {
			return out
		}
		line := 1
		var pe syntax.ParseError
		var le syntax.LangError
		switch {
		case errors.As(perr, &pe):
			line = int(pe.Pos.Line())
		case errors.As(perr, &le):
			line = int(le.Pos.Line())
		}
		if line < 1 {
			line = 1
		}
		// The statements of the failed one may have been kept up to
		// the line it started on; resume after the error line, but not
		// before the last line already kept.
		out.errs = append(out.errs, perr.Error())
		out.errLines = append(out.errLines, line)
		if try >= maxResume {
			out.gaveUp = true
			return out
		}
		next, ok := blankThrough(src, line)
		if !ok {
			return out
		}
		work = next
		out.stmts = dropAfter(out.stmts, line)
	}
}

// Errs returns the syntax errors met while parsing.
func (p *Parsed) Errs() []string { return p.errs }

// dropAfter removes statements that start after line, since the resumed
// parse will produce them again.
func dropAfter(stmts []*syntax.Stmt, line int) []*syntax.Stmt {
	i := len(stmts)
	for i > 0 && int(stmts[i-1].Pos().Line()) > line {
		i--
	}
	return stmts[:i]
}

// blankThrough returns src with its first n lines emptied (newlines kept,
// so positions stay right), and whether anything follows them.
func blankThrough(src []byte, n int) ([]byte, bool) {
	out := make([]byte, 0, len(src))
	line := 1
	i := 0
	for ; i < len(src) && line <= n; i++ {
		if src[i] == '\n' {
			out = append(out, '\n')
			line++
		}
	}
	if i >= len(src) {
		return nil, false
	}
	out = append(out, src[i:]...)
	return out, true
}

// dockerRuns keeps the shell of a Dockerfile's RUN instructions and blanks
// everything else, so line numbers stay those of the Dockerfile.
func dockerRuns(src []byte) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	var b strings.Builder
	inRun := false
	for _, l := range lines {
		body := strings.TrimRight(l, "\r\n")
		nl := l[len(body):]
		t := strings.TrimSpace(body)
		cont := strings.HasSuffix(t, "\\")
		switch {
		case inRun:
			b.WriteString(body)
		case len(t) > 4 && strings.EqualFold(t[:4], "RUN ") && !strings.HasPrefix(strings.TrimSpace(t[4:]), "["):
			i := strings.Index(strings.ToUpper(body), "RUN ")
			b.WriteString(strings.Repeat(" ", i+4) + body[i+4:])
		default:
			cont = false
		}
		inRun = cont
		b.WriteString(nl)
	}
	return []byte(b.String())
}
