package js

import (
	"fmt"
	"path"
	"strings"

	ts "github.com/tree-sitter/go-tree-sitter"
	tsjs "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	tsts "github.com/tree-sitter/tree-sitter-typescript/bindings/go"
)

// maxNesting bounds the depth of the Go-side syntax tree; deeper subtrees
// are cut and the unit is reported as incompletely analysed.
const maxNesting = 1500

// grammar identifies one of the three tree-sitter grammars.
type grammar int

const (
	gJS grammar = iota
	gTS
	gTSX
)

func (g grammar) String() string { return [...]string{"JavaScript", "TypeScript", "TSX"}[g] }

// grammarFor chooses the grammar by file extension first (a .tsx file is
// TSX whatever its unit language), then by the unit language.
func grammarFor(p, lang string) grammar {
	switch strings.ToLower(path.Ext(p)) {
	case ".tsx":
		return gTSX
	case ".ts", ".mts", ".cts":
		return gTS
	case ".js", ".mjs", ".cjs", ".jsx":
		if lang == "typescript" {
			return gTS
		}
		return gJS
	}
	if lang == "typescript" {
		return gTS
	}
	return gJS
}

// node is a Go copy of a tree-sitter node: analysis walks Go memory, not
// cgo handles, and the C tree is freed right after conversion.
type node struct {
	kind     string
	field    string
	start    uint32
	end      uint32
	row, col uint32
	kids     []*node
}

func (n *node) text(src []byte) string {
	if n == nil || int(n.end) > len(src) || n.start > n.end {
		return ""
	}
	return string(src[n.start:n.end])
}

// child returns the first child with the given field name.
func (n *node) child(field string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.field == field {
			return k
		}
	}
	return nil
}

// named returns the children that are not operator tokens.
func (n *node) first() *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.kind != "comment" {
			return k
		}
	}
	return nil
}

// parsers holds one tree-sitter parser per grammar for one Run.
type parsers struct {
	p     [3]*ts.Parser
	lang  [3]*ts.Language
	kinds [3][]string
}

func (ps *parsers) close() {
	for _, p := range ps.p {
		if p != nil {
			p.Close()
		}
	}
}

func (ps *parsers) get(g grammar) (*ts.Parser, error) {
	if ps.p[g] != nil {
		return ps.p[g], nil
	}
	var l *ts.Language
	switch g {
	case gJS:
		l = ts.NewLanguage(tsjs.Language())
	case gTS:
		l = ts.NewLanguage(tsts.LanguageTypescript())
	case gTSX:
		l = ts.NewLanguage(tsts.LanguageTSX())
	}
	p := ts.NewParser()
	if err := p.SetLanguage(l); err != nil {
		p.Close()
		return nil, fmt.Errorf("set %s grammar: %w", g, err)
	}
	ps.p[g], ps.lang[g] = p, l
	n := int(l.NodeKindCount())
	ps.kinds[g] = make([]string, n)
	for i := 0; i < n; i++ {
		ps.kinds[g][i] = l.NodeKindForId(uint16(i))
	}
	return p, nil
}

// parseResult is a converted tree and what went wrong while parsing.
type parseResult struct {
	root *node
	// errs are the positions (0-based row, col) of ERROR and MISSING
	// nodes, and a note when the tree was cut.
	errs   []parseErr
	nNodes int
}

type parseErr struct {
	row, col uint32
	what     string
}

// parse parses src with grammar g and converts the tree to Go nodes.
func (ps *parsers) parse(g grammar, src []byte) (*parseResult, error) {
	p, err := ps.get(g)
	if err != nil {
		return nil, err
	}
	tree := p.Parse(src, nil)
	if tree == nil {
		return nil, fmt.Errorf("%s parser returned no tree", g)
	}
	defer tree.Close()
	c := tree.Walk()
	defer c.Close()
	res := &parseResult{}
	res.root = ps.convert(g, c, res, 0)
	return res, nil
}

func (ps *parsers) convert(g grammar, c *ts.TreeCursor, res *parseResult, depth int) *node {
	tn := c.Node()
	res.nNodes++
	sp := tn.StartPosition()
	id := tn.KindId()
	kind := ""
	if int(id) < len(ps.kinds[g]) {
		kind = ps.kinds[g][id]
	}
	n := &node{kind: kind, start: uint32(tn.StartByte()), end: uint32(tn.EndByte()), row: uint32(sp.Row), col: uint32(sp.Column)}
	if tn.IsError() {
		n.kind = "ERROR"
		res.errs = append(res.errs, parseErr{n.row, n.col, "syntax error"})
	} else if tn.IsMissing() {
		res.errs = append(res.errs, parseErr{n.row, n.col, "missing " + kind})
	}
	if !c.GotoFirstChild() {
		return n
	}
	if depth >= maxNesting {
		res.errs = append(res.errs, parseErr{n.row, n.col, fmt.Sprintf("nesting deeper than %d levels", maxNesting)})
		c.GotoParent()
		return n
	}
	for {
		ch := c.Node()
		field := ""
		if c.FieldId() != 0 {
			field = c.FieldName()
		}
		if ch.IsNamed() || field != "" || ch.IsMissing() {
			k := ps.convert(g, c, res, depth+1)
			k.field = field
			n.kids = append(n.kids, k)
		}
		if !c.GotoNextSibling() {
			break
		}
	}
	c.GotoParent()
	return n
}
