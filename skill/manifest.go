package skill

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Manifest is SKILL.md split into its YAML front matter and its body.
type Manifest struct {
	// HasFrontMatter is false when SKILL.md does not start with "---".
	HasFrontMatter bool
	// Node is the front matter's mapping node (nil when absent or broken);
	// it keeps key order and line numbers for precise findings.
	Node *yaml.Node
	// Fields is the front matter decoded into plain Go values.
	Fields map[string]any
	// Err is the YAML error, if the front matter did not parse.
	Err error
	// ErrLine is the 1-based line of SKILL.md the error points to, or 0.
	ErrLine int
	// Body is the Markdown after the front matter; BodyLine is the 1-based
	// line of SKILL.md where it starts.
	Body     []byte
	BodyLine int
}

// maxFrontMatter bounds the YAML parsed, so a hostile manifest cannot make
// the YAML decoder spend unbounded time (anchors, deep nesting).
const maxFrontMatter = 64 << 10

// ParseManifest splits and parses SKILL.md. It never fails: problems are
// recorded in Err for the Markdown analyzer to report.
func ParseManifest(data []byte) *Manifest {
	m := &Manifest{Body: data, BodyLine: 1}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return m
	}
	m.HasFrontMatter = true
	line := 2
	var fm []byte
	for len(rest) > 0 {
		l, r, _ := bytes.Cut(rest, []byte("\n"))
		t := bytes.TrimRight(l, " \t\r")
		if string(t) == "---" || string(t) == "..." {
			m.Body, m.BodyLine = r, line+1
			return m.decode(fm)
		}
		fm = append(fm, l...)
		fm = append(fm, '\n')
		rest = r
		line++
	}
	m.Body, m.BodyLine = nil, line
	m.Err = fmt.Errorf("front matter is not closed by a line with ---")
	m.ErrLine = 1
	return m
}

func (m *Manifest) decode(fm []byte) *Manifest {
	if len(fm) > maxFrontMatter {
		m.Err = fmt.Errorf("front matter is %d bytes, over the limit of %d", len(fm), maxFrontMatter)
		m.ErrLine = 1
		return m
	}
	if bytes.Count(fm, []byte("*")) > 1000 || bytes.Count(fm, []byte("&")) > 1000 {
		m.Err = fmt.Errorf("front matter has too many YAML anchors or aliases")
		m.ErrLine = 1
		return m
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		m.Err = err
		m.ErrLine = yamlErrLine(err) + 1
		return m
	}
	if len(doc.Content) == 0 {
		m.Fields = map[string]any{}
		return m
	}
	n := doc.Content[0]
	if n.Kind != yaml.MappingNode {
		m.Err = fmt.Errorf("front matter is a YAML %s, not a mapping of keys", kindName(n.Kind))
		m.ErrLine = n.Line + 1
		return m
	}
	shiftLines(n, 1)
	m.Node = n
	if err := n.Decode(&m.Fields); err != nil {
		m.Err = err
		m.ErrLine = n.Line
	}
	return m
}

// shiftLines makes node lines relative to SKILL.md instead of the front
// matter (which starts after the first "---" line).
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "scalar"
	}
	return "value"
}

func yamlErrLine(err error) int {
	var line int
	if _, e := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); e == nil {
		return line
	}
	return 0
}

// Lookup returns the value node for a top-level key, or nil.
func (m *Manifest) Lookup(key string) (k, v *yaml.Node) {
	if m == nil || m.Node == nil {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Node.Content); i += 2 {
		if m.Node.Content[i].Value == key {
			return m.Node.Content[i], m.Node.Content[i+1]
		}
	}
	return nil, nil
}

// String returns a top-level string field, or "".
func (m *Manifest) String(key string) string {
	_, v := m.Lookup(key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}
