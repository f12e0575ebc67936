package python

import (
	"strings"

	"skillgate.dev/skillgate/finding"
)

// hole marks an unknown piece inside a partially known string template.
const hole = "\x00"

// maxStr bounds folded strings.
const maxStr = 256 << 10

type vkind uint8

const (
	vUnknown vkind = iota
	vStr           // s is the text (exact) or a template with holes
	vInt
	vList  // list, tuple or set: items
	vDict  // keys/items
	vSym   // an imported module or function: s is its qualified name
	vFunc  // a function of the skill
	vClass // a class of the skill
	vObj   // an object: s is its type ("requests.Session", "socket", "path", "file", an instance)
	vNone
)

// srcKind is what a tainted value came from.
type srcKind uint8

const (
	srcCred      srcKind = iota + 1 // credential or sensitive file contents
	srcBrowser                      // browser profile or wallet data
	srcSecretEnv                    // one secret environment variable
	srcEnvAll                       // the whole environment
	srcSysInfo                      // host name, user name, MAC address
	srcNetwork                      // a network response
	srcDecoded                      // data decoded from an encoding
	srcConfigEnv                    // a non-secret environment variable (configuration)
)

// source is one origin of tainted data with the steps it took.
type source struct {
	kind  srcKind
	what  string
	trace finding.Trace
}

func (s *source) describe() string {
	switch s.kind {
	case srcCred:
		return "contents of " + s.what
	case srcBrowser:
		return "browser or wallet data (" + s.what + ")"
	case srcSecretEnv:
		return "the secret environment variable " + s.what
	case srcEnvAll:
		return "the whole environment"
	case srcSysInfo:
		return "system information (" + s.what + ")"
	case srcNetwork:
		return "content received from " + s.what
	case srcDecoded:
		return s.what + "-decoded data"
	case srcConfigEnv:
		return "the environment variable " + s.what
	}
	return s.what
}

// taint is a small set of sources.
type taint []*source

const maxSources = 8
const maxSteps = 10

func (t taint) union(o taint) taint {
	if len(o) == 0 {
		return t
	}
	if len(t) == 0 {
		return o
	}
	out := make(taint, len(t), len(t)+len(o))
	copy(out, t)
	for _, s := range o {
		dup := false
		for _, x := range out {
			if x.kind == s.kind && x.what == s.what {
				dup = true
				break
			}
		}
		if !dup && len(out) < maxSources {
			out = append(out, s)
		}
	}
	return out
}

// step returns the taint with one more step appended to every source.
func (t taint) step(st finding.Step) taint {
	if len(t) == 0 {
		return nil
	}
	out := make(taint, len(t))
	for i, s := range t {
		ns := *s
		if len(s.trace) < maxSteps {
			ns.trace = append(append(finding.Trace(nil), s.trace...), st)
		}
		out[i] = &ns
	}
	return out
}

func (t taint) has(k srcKind) *source {
	for _, s := range t {
		if s.kind == k {
			return s
		}
	}
	return nil
}

// value is an abstract Python value.
type value struct {
	k       vkind
	s       string
	exact   bool // for vStr: s has no holes
	isBytes bool
	n       int64
	items   []*value
	keys    []*value
	fn      *function
	cls     *class
	recv    *value // for bound methods (vSym "type.method")
	t       taint

	// folded is set on strings built from more than one piece;
	// technique names the obfuscation ("chr() sequence") when notable.
	folded    bool
	technique string
	// decoded names the encoding layers a constant was decoded from.
	decoded string

	// Object state.
	attrs map[string]*value
	path  *value // file and path objects: the path
	host  string // sockets, sessions, connections: the peer
	sock  *sockState
	trig  string // a trigger check this value carries ("the date")
	// pol is the polarity of a comparison on a trigger: +1 when the
	// condition holds for one target value (== , in), -1 when it holds
	// for everything but it (!=, not in), 0 when not a comparison.
	pol  int8
	dump *dumpSite
	mode string
}

type sockState struct {
	connected, listening bool
	host                 string
	line, col            int
}

// dumpSite is where the whole environment was copied; it is reported
// only when the copy escapes into something other than a child's env.
type dumpSite struct {
	loc      finding.Location
	u        *unitCtx
	line     int
	col      int
	escaped  bool
	reported bool
}

var unknown = &value{k: vUnknown}

func unk(t taint) *value {
	if len(t) == 0 {
		return unknown
	}
	return &value{k: vUnknown, t: t}
}

func strv(s string) *value { return &value{k: vStr, s: s, exact: true} }

func sym(q string) *value { return &value{k: vSym, s: q} }

func intv(n int64) *value { return &value{k: vInt, n: n} }

// str returns the exact string value, if known.
func (v *value) str() (string, bool) {
	if v != nil && v.k == vStr && v.exact {
		return v.s, true
	}
	return "", false
}

// tmpl returns the string template of v ("" + hole when unknown).
func (v *value) tmpl() string {
	switch {
	case v == nil:
		return hole
	case v.k == vStr:
		return v.s
	case v.k == vInt:
		return itoa(v.n)
	case v.k == vObj && v.s == "path" && v.path != nil:
		return v.path.tmpl()
	}
	return hole
}

func (v *value) taint() taint {
	if v == nil {
		return nil
	}
	return v.t
}

// deepTaint collects taint of v and its items (bounded).
func (v *value) deepTaint() taint {
	return v.deep(0)
}

func (v *value) deep(d int) taint {
	if v == nil || d > 4 {
		return nil
	}
	t := v.t
	// Containers fold their items' taint into t when built; looking
	// at a bounded prefix keeps this cheap for huge constant lists.
	for i, it := range v.items {
		if i >= 32 {
			break
		}
		t = t.union(it.deep(d + 1))
	}
	for i, it := range v.keys {
		if i >= 32 {
			break
		}
		t = t.union(it.deep(d + 1))
	}
	if v.path != nil {
		t = t.union(v.path.t)
	}
	if v.k == vObj && v.attrs != nil && d < 2 {
		for _, a := range v.attrs {
			t = t.union(a.deep(d + 2))
		}
	}
	return t
}

func withTaint(v *value, t taint) *value {
	if len(t) == 0 {
		return v
	}
	nv := *v
	nv.t = v.t.union(t)
	return &nv
}

func itoa(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	var b [24]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// concat joins string templates.
func concat(vs ...*value) *value {
	var b strings.Builder
	exact := true
	var t taint
	isBytes := false
	tech := ""
	for _, v := range vs {
		s := v.tmpl()
		if v == nil || v.k != vStr || !v.exact {
			if !(v != nil && v.k == vInt) {
				exact = false
			}
		}
		if v != nil && v.k == vStr && !v.exact {
			exact = false
		}
		if v != nil {
			t = t.union(v.t)
			isBytes = isBytes || v.isBytes
			if v.technique != "" {
				tech = v.technique
			}
		}
		if b.Len()+len(s) > maxStr {
			exact = false
			b.WriteString(hole)
			break
		}
		b.WriteString(s)
	}
	return &value{k: vStr, s: b.String(), exact: exact, t: t, isBytes: isBytes, folded: len(vs) > 1, technique: tech}
}

// prefix returns the known start of a string template.
func prefix(s string) string {
	if i := strings.Index(s, hole); i >= 0 {
		return s[:i]
	}
	return s
}

// retaint returns v with its taint replaced by t (the same sources with
// one more step); t wins over the items' older copies in deepTaint.
func retaint(v *value, t taint) *value {
	nv := *v
	nv.t = t
	return &nv
}
