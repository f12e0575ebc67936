package js

import (
	"strings"
	"sync"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
)

// parsed carries a unit's parse from the Extract phase to the Run phase,
// so that each unit is parsed once. Run removes what it takes.
var parsed sync.Map // *analysis.Unit -> *parseResult

// extract derives shell units from constant command lines handed to a
// shell (execSync('curl … | sh'), spawn('sh', ['-c', '…']), zx's $`…`),
// so the shell analyzer judges them like any other shell code.
func extract(pass *analysis.Pass) ([]*analysis.Unit, error) {
	ps := &parsers{}
	defer ps.close()
	var out []*analysis.Unit
	for _, u := range pass.Units {
		if err := pass.Context.Err(); err != nil {
			return out, err
		}
		res, g, err := parseUnit(ps, u)
		if err != nil {
			return out, err
		}
		parsed.Store(u, &cachedParse{res: res, g: g})
		walkNodes(res.root, func(n *node) {
			if n.kind != "call_expression" {
				return
			}
			if lit, how := shellLiteral(n, u.Src); lit != nil {
				out = append(out, shellUnit(u, n, lit, how))
			}
		})
	}
	return out, nil
}

type cachedParse struct {
	res *parseResult
	g   grammar
}

// parseUnit parses a unit with the grammar its path and language call for;
// an embedded block that fails to parse is retried with the neighbouring
// grammar (TSX in a "ts" block, TypeScript in a "js" block).
func parseUnit(ps *parsers, u *analysis.Unit) (*parseResult, grammar, error) {
	g := grammarFor(u.Path, u.Lang)
	if u.Depth > 0 {
		g = gJS
		if u.Lang == "typescript" {
			g = gTS
		}
	}
	res, err := ps.parse(g, u.Src)
	if err != nil {
		return nil, g, err
	}
	if len(res.errs) > 0 && u.Depth > 0 {
		alt := gTSX
		if g == gJS {
			alt = gTS
		}
		if r2, err := ps.parse(alt, u.Src); err == nil && len(r2.errs) < len(res.errs) {
			return r2, alt, nil
		}
	}
	return res, g, nil
}

func walkNodes(n *node, fn func(*node)) {
	if n == nil {
		return
	}
	fn(n)
	for _, k := range n.kids {
		walkNodes(k, fn)
	}
}

var execNames = map[string]bool{"exec": true, "execSync": true, "execaCommand": true, "execaCommandSync": true, "command": true, "commandSync": true}
var spawnNames = map[string]bool{"spawn": true, "spawnSync": true, "execFile": true, "execFileSync": true, "execa": true, "execaSync": true}
var shellNames = map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "/bin/sh": true, "/bin/bash": true, "/usr/bin/bash": true, "/bin/zsh": true}

// shellLiteral returns the string literal of a call that a shell runs.
func shellLiteral(n *node, src []byte) (*node, string) {
	fn := n.child("function")
	args := n.child("arguments")
	if fn == nil || args == nil {
		return nil, ""
	}
	name := fn.text(src)
	if fn.kind == "member_expression" {
		name = fn.child("property").text(src)
	}
	if args.kind == "template_string" {
		if name == "$" && constLiteral(args) {
			return args, "a zx/execa $`…` template"
		}
		return nil, ""
	}
	var list []*node
	for _, k := range args.kids {
		if k.kind != "comment" {
			list = append(list, k)
		}
	}
	if len(list) == 0 {
		return nil, ""
	}
	switch {
	case execNames[name]:
		if constLiteral(list[0]) {
			return list[0], name
		}
	case spawnNames[name] && len(list) >= 2 && constLiteral(list[0]) && list[1].kind == "array":
		prog := strings.Trim(list[0].text(src), "'\"`")
		if !shellNames[prog] {
			return nil, ""
		}
		el := list[1].kids
		for i := 0; i+1 < len(el); i++ {
			if constLiteral(el[i]) && strings.Trim(el[i].text(src), "'\"`") == "-c" && constLiteral(el[i+1]) {
				return el[i+1], name + "('" + prog + "', ['-c', …])"
			}
		}
	}
	return nil, ""
}

// constLiteral reports a string literal or a template without
// substitutions.
func constLiteral(n *node) bool {
	if n.kind == "string" {
		return true
	}
	if n.kind == "template_string" {
		for _, k := range n.kids {
			if k.kind == "template_substitution" {
				return false
			}
		}
		return true
	}
	return false
}

// shellUnit makes the derived shell unit for a literal. A literal
// without escapes maps byte for byte onto the file; one with escapes is
// virtual and anchored at the literal.
func shellUnit(u *analysis.Unit, call, lit *node, how string) *analysis.Unit {
	raw := lit.text(u.Src)
	body := raw
	if len(raw) >= 2 {
		body = raw[1 : len(raw)-1]
	}
	val, _ := unescapeJS(body)
	nu := &analysis.Unit{Path: u.Path, Lang: "shell", Src: []byte(val), File: u.File, Virtual: u.Virtual}
	line, col := int(lit.row)+1, int(lit.col)+2
	if u.Virtual {
		nu.Line, nu.Col = u.Line, u.Col
	} else {
		loc := u.Position(line, col)
		nu.Line, nu.Col = loc.StartLine, loc.StartColumn
		if strings.Contains(body, `\`) || strings.Contains(body, "\n") && lit.kind == "string" {
			nu.Virtual = true
		}
	}
	cl, cc := int(call.row)+1, int(call.col)+1
	loc := u.Position(cl, cc)
	loc.Snippet = finding.ShortSnippet(strings.TrimSpace(u.LineText(cl)), 120)
	nu.Origin = append(append(finding.Trace{}, u.Origin...), finding.Step{Location: loc, Note: how + " runs this string as shell"})
	return nu
}
