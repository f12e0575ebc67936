package python

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// maxNodes bounds the syntax tree kept for one unit; larger units are
// analysed on their first maxNodes nodes and reported as incomplete.
const maxNodes = 2_000_000

// node is a syntax node copied out of tree-sitter's C tree.
type node struct {
	kind  string
	field string // field name in the parent, "" if none
	named bool
	start int // byte offsets into the unit's source
	end   int
	line  int // 1-based
	col   int // 1-based, in bytes
	kids  []*node
}

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

// namedKids returns the named children (comments excluded).
func (n *node) namedKids() []*node {
	if n == nil {
		return nil
	}
	out := make([]*node, 0, len(n.kids))
	for _, k := range n.kids {
		if k.named && k.kind != "comment" {
			out = append(out, k)
		}
	}
	return out
}

func (n *node) text(src []byte) string {
	if n == nil || n.start > n.end || n.end > len(src) {
		return ""
	}
	return string(src[n.start:n.end])
}

// parsed is one parsed unit.
type parsed struct {
	root     *node
	src      []byte
	errLine  int    // first line with a syntax error, 0 if none
	errWhat  string // "syntax error" or "missing token"
	nodes    int
	overflow bool
}

// parser wraps one tree-sitter parser, reused for every unit of a Run.
type parser struct {
	p *sitter.Parser
}

var pyLang = sitter.NewLanguage(tspython.Language())

func newParser() (*parser, error) {
	p := sitter.NewParser()
	if err := p.SetLanguage(pyLang); err != nil {
		p.Close()
		return nil, fmt.Errorf("load python grammar: %w", err)
	}
	return &parser{p: p}, nil
}

func (p *parser) close() { p.p.Close() }

// parse parses src and copies the tree into Go memory; the C tree is
// closed before parse returns.
func (p *parser) parse(ctx context.Context, src []byte) (*parsed, error) {
	tree := p.p.Parse(src, nil)
	if tree == nil {
		return nil, fmt.Errorf("parse python: %w", context.Cause(ctx))
	}
	defer tree.Close()
	out := &parsed{src: src}
	c := tree.Walk()
	defer c.Close()
	out.root = out.copy(c)
	return out, nil
}

// grammar tables, built once: node kinds, namedness and field names by
// id, so that converting a node costs few cgo calls.
var (
	tablesOnce sync.Once
	kindNames  []string
	kindNamed  []bool
	fieldNames []string
)

func tables() {
	tablesOnce.Do(func() {
		n := pyLang.NodeKindCount()
		kindNames = make([]string, n)
		kindNamed = make([]bool, n)
		for i := uint32(0); i < n; i++ {
			kindNames[i] = pyLang.NodeKindForId(uint16(i))
			kindNamed[i] = pyLang.NodeKindIsNamed(uint16(i))
		}
		f := pyLang.FieldCount()
		fieldNames = make([]string, f+1)
		for i := uint32(1); i <= f; i++ {
			fieldNames[i] = pyLang.FieldNameForId(uint16(i))
		}
	})
}

// copy converts the subtree at the cursor, iteratively via the cursor so
// that deeply nested input cannot overflow the Go stack.
func (ps *parsed) copy(c *sitter.TreeCursor) *node {
	tables()
	root0 := c.Node()
	hasErr := root0.HasError()
	// Line starts, for positions computed from byte offsets.
	lines := []int{0}
	for i, b := range ps.src {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	pos := func(off int) (int, int) {
		lo, hi := 0, len(lines)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if lines[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo + 1, off - lines[lo] + 1
	}
	mk := func() *node {
		n := c.Node()
		id := n.KindId()
		kind, named := "", false
		if int(id) < len(kindNames) {
			kind, named = kindNames[id], kindNamed[id]
		} else {
			kind, named = n.Kind(), n.IsNamed()
		}
		field := ""
		if fid := c.FieldId(); int(fid) < len(fieldNames) {
			field = fieldNames[fid]
		}
		start, end := n.ByteRange()
		nd := &node{kind: kind, field: field, named: named, start: int(start), end: int(end)}
		nd.line, nd.col = pos(nd.start)
		ps.nodes++
		if hasErr && ps.errLine == 0 {
			if kind == "ERROR" {
				ps.errLine, ps.errWhat = nd.line, "syntax error"
			} else if n.IsMissing() {
				ps.errLine, ps.errWhat = nd.line, "missing "+n.Kind()
			}
		}
		return nd
	}
	root := mk()
	stack := []*node{root}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		if ps.nodes < maxNodes && c.GotoFirstChild() {
			k := mk()
			top.kids = append(top.kids, k)
			stack = append(stack, k)
			continue
		}
		if ps.nodes >= maxNodes {
			ps.overflow = true
		}
		for {
			if len(stack) == 1 {
				return root
			}
			if c.GotoNextSibling() {
				stack = stack[:len(stack)-1]
				parent := stack[len(stack)-1]
				k := mk()
				parent.kids = append(parent.kids, k)
				stack = append(stack, k)
				break
			}
			c.GotoParent()
			stack = stack[:len(stack)-1]
		}
	}
	return root
}

// stringLit decodes a string node (not an f-string's interpolations) into
// its value; isBytes reports a b” literal. parts calls interp for every
// interpolation of an f-string, in order, and splices its result.
func stringLit(n *node, src []byte, interp func(*node) (string, bool)) (val string, isBytes, exact bool) {
	var startTok, endTok *node
	for _, k := range n.kids {
		switch k.kind {
		case "string_start":
			startTok = k
		case "string_end":
			endTok = k
		}
	}
	if startTok == nil || endTok == nil || startTok.end > endTok.start {
		return "", false, false
	}
	prefix := strings.ToLower(strings.TrimRight(startTok.text(src), `"'`))
	raw := strings.Contains(prefix, "r")
	isBytes = strings.Contains(prefix, "b")
	isF := strings.Contains(prefix, "f")
	var b strings.Builder
	exact = true
	pos := startTok.end
	lit := func(s string) {
		if isF {
			s = strings.ReplaceAll(strings.ReplaceAll(s, "{{", "{"), "}}", "}")
		}
		if raw {
			b.WriteString(s)
		} else {
			b.WriteString(unescape(s, isBytes))
		}
	}
	var walk func(k *node)
	walk = func(k *node) {
		if k.kind == "interpolation" {
			lit(string(src[pos:k.start]))
			pos = k.end
			if interp != nil {
				s, ok := interp(k)
				b.WriteString(s)
				if !ok {
					exact = false
				}
			} else {
				exact = false
			}
			return
		}
		for _, kk := range k.kids {
			walk(kk)
		}
	}
	for _, k := range n.kids {
		if k != startTok && k != endTok {
			walk(k)
		}
	}
	if pos <= endTok.start {
		lit(string(src[pos:endTok.start]))
	}
	return b.String(), isBytes, exact
}

// unescape applies Python backslash escapes.
func unescape(s string, isBytes bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case '\n':
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 16)
			writeCode(&b, rune(v), isBytes)
			i = j - 1
		case 'x':
			if i+2 < len(s)+0 && i+3 <= len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
					writeCode(&b, rune(v), isBytes)
					i += 2
					continue
				}
			}
			b.WriteString(`\x`)
		case 'u', 'U':
			w := 4
			if e == 'U' {
				w = 8
			}
			if !isBytes && i+w < len(s)+0 && i+1+w <= len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+1+w], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					b.WriteRune(rune(v))
					i += w
					continue
				}
			}
			b.WriteByte('\\')
			b.WriteByte(e)
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'f':
			b.WriteByte(12)
		case 'v':
			b.WriteByte(11)
		case '\\', '\'', '"':
			b.WriteByte(e)
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}

func writeCode(b *strings.Builder, v rune, isBytes bool) {
	if isBytes {
		b.WriteByte(byte(v))
		return
	}
	b.WriteRune(v)
}
