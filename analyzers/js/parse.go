package js

import (
	"fmt"
	"path"
	"strings"
	"sync"

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

// parsers holds one tree-sitter parser per grammar for one Run, with
// the grammar's kind and field names cached so that conversion makes as
// few cgo calls per node as possible.
type parsers struct {
	p      [3]*ts.Parser
	kinds  [3][]string
	named  [3][]bool
	fields [3][]string
}

func (ps *parsers) close() {
	for _, p := range ps.p {
		if p != nil {
			p.Close()
		}
	}
}

// grammarTables are a grammar's kind and field names, read once per
// process (they are static data of the grammar).
type grammarTables struct {
	lang   *ts.Language
	kinds  []string
	named  []bool
	fields []string
}

var (
	tablesOnce [3]sync.Once
	tables     [3]*grammarTables
)

func tablesFor(g grammar) *grammarTables {
	tablesOnce[g].Do(func() {
		var l *ts.Language
		switch g {
		case gJS:
			l = ts.NewLanguage(tsjs.Language())
		case gTS:
			l = ts.NewLanguage(tsts.LanguageTypescript())
		case gTSX:
			l = ts.NewLanguage(tsts.LanguageTSX())
		}
		t := &grammarTables{lang: l}
		n := int(l.NodeKindCount())
		t.kinds = make([]string, n)
		t.named = make([]bool, n)
		for i := 0; i < n; i++ {
			t.kinds[i] = l.NodeKindForId(uint16(i))
			t.named[i] = l.NodeKindIsNamed(uint16(i))
		}
		nf := int(l.FieldCount())
		t.fields = make([]string, nf+1)
		for i := 1; i <= nf; i++ {
			t.fields[i] = l.FieldNameForId(uint16(i))
		}
		tables[g] = t
	})
	return tables[g]
}

func (ps *parsers) get(g grammar) (*ts.Parser, error) {
	if ps.p[g] != nil {
		return ps.p[g], nil
	}
	useLibcAllocator()
	t := tablesFor(g)
	p := ts.NewParser()
	if err := p.SetLanguage(t.lang); err != nil {
		p.Close()
		return nil, fmt.Errorf("set %s grammar: %w", g, err)
	}
	ps.p[g] = p
	ps.kinds[g], ps.named[g], ps.fields[g] = t.kinds, t.named, t.fields
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

// conv is the state of one tree conversion.
type conv struct {
	ps        *parsers
	g         grammar
	c         *ts.TreeCursor
	res       *parseResult
	lines     []uint32 // byte offset of each line start
	checkErrs bool
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
	cv := &conv{ps: ps, g: g, c: c, res: &parseResult{}, lines: []uint32{0}}
	for i, b := range src {
		if b == '\n' {
			cv.lines = append(cv.lines, uint32(i+1))
		}
	}
	root := c.Node()
	cv.checkErrs = root.HasError()
	cv.res.root = cv.convert(root, 0)
	return cv.res, nil
}

// rowCol maps a byte offset to a 0-based row and byte column.
func (cv *conv) rowCol(off uint32) (uint32, uint32) {
	lo, hi := 0, len(cv.lines)
	for lo+1 < hi {
		m := (lo + hi) / 2
		if cv.lines[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return uint32(lo), off - cv.lines[lo]
}

func (cv *conv) convert(tn *ts.Node, depth int) *node {
	cv.res.nNodes++
	id := tn.KindId()
	kind := ""
	if int(id) < len(cv.ps.kinds[cv.g]) {
		kind = cv.ps.kinds[cv.g][id]
	}
	n := &node{kind: kind, start: uint32(tn.StartByte()), end: uint32(tn.EndByte())}
	n.row, n.col = cv.rowCol(n.start)
	if cv.checkErrs {
		if tn.IsError() {
			n.kind = "ERROR"
			cv.res.errs = append(cv.res.errs, parseErr{n.row, n.col, "syntax error"})
		} else if tn.IsMissing() {
			cv.res.errs = append(cv.res.errs, parseErr{n.row, n.col, "missing " + kind})
		}
	}
	c := cv.c
	if !c.GotoFirstChild() {
		return n
	}
	if depth >= maxNesting {
		cv.res.errs = append(cv.res.errs, parseErr{n.row, n.col, fmt.Sprintf("nesting deeper than %d levels", maxNesting)})
		c.GotoParent()
		return n
	}
	for {
		ch := c.Node()
		fid := c.FieldId()
		cid := ch.KindId()
		named := int(cid) < len(cv.ps.named[cv.g]) && cv.ps.named[cv.g][cid] || cid == 0xFFFF
		if named || fid != 0 || cv.checkErrs && ch.IsMissing() {
			k := cv.convert(ch, depth+1)
			if int(fid) < len(cv.ps.fields[cv.g]) {
				k.field = cv.ps.fields[cv.g][fid]
			}
			n.kids = append(n.kids, k)
		}
		if !c.GotoNextSibling() {
			break
		}
	}
	c.GotoParent()
	return n
}
