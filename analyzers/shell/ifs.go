package shell

import (
	"mvdan.cc/sh/v3/syntax"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/internal/lazyre"
)

// ifsRef matches $IFS and ${IFS} in a command's text.
var ifsRef = lazyre.New(`\$\{IFS\}|\$IFS\b`)

// ifsGlued finds commands that use $IFS as a word separator inside a
// word (curl${IFS}-s${IFS}https://…|bash): the shell splits the word on
// it, so the command is not what its text shows. It returns, per such
// command, the first glued word and the command's text with each $IFS
// read as a space.
func ifsGlued(src []byte, stmts []*syntax.Stmt) (at []*syntax.Word, text []string) {
	for _, st := range stmts {
		var first *syntax.Word
		syntax.Walk(st, func(n syntax.Node) bool {
			ce, ok := n.(*syntax.CallExpr)
			if !ok || first != nil {
				return first == nil
			}
			for _, w := range ce.Args {
				if len(w.Parts) < 2 {
					continue
				}
				for _, p := range w.Parts {
					if pe, ok := p.(*syntax.ParamExp); ok && pe.Param != nil && pe.Param.Value == "IFS" && pe.Exp == nil && pe.Repl == nil {
						first = w
						return false
					}
				}
			}
			return true
		})
		// The whole statement (the pipeline the word is in) is re-read.
		start, end := st.Pos().Offset(), st.End().Offset()
		if first != nil && int(end) <= len(src) && start < end {
			at = append(at, first)
			text = append(text, ifsRef.R().ReplaceAllString(string(src[start:end]), " "))
		}
	}
	return at, text
}

// deriveIFS hands each such command, $IFS read as spaces, to the shell
// analysis as a unit of its own.
func (w *walker) deriveIFS(stmts []*syntax.Stmt) {
	at, text := ifsGlued(w.u.Src, stmts)
	for i, word := range at {
		if len(w.derived) >= maxDerived {
			return
		}
		u := w.u
		l, c := pos(word)
		nu := &analysis.Unit{Path: u.Path, Lang: "shell", Src: []byte(text[i]), File: u.File, Virtual: true,
			Executed: u.Executed, Label: "the command with $IFS read as spaces", Line: u.Line, Col: u.Col}
		if !u.Virtual {
			nu.Line, nu.Col = u.Line+l-1, c
		}
		nu.Origin = append(append(finding.Trace{}, u.Origin...), w.step(word, "$IFS splits this word into a command"))
		w.derived = append(w.derived, nu)
	}
}

// reportIFS reports each command that hides its words behind $IFS.
func (w *walker) reportIFS(stmts []*syntax.Stmt) {
	at, text := ifsGlued(w.u.Src, stmts)
	for i, word := range at {
		w.report(word, "SG6002", 0, nil, "uses $IFS as a word separator to hide the command: %s", finding.ShortSnippet(text[i], 80))
	}
}
