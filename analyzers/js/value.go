package js

import (
	"slices"
	"strings"

	"skillgate.dev/skillgate/finding"
)

// srcKind is the kind of sensitive or untrusted data a value carries.
type srcKind int

const (
	srcCredFile  srcKind = iota // contents of a credential store
	srcBrowser                  // browser profile or wallet data
	srcSecretEnv                // one secret environment variable
	srcWholeEnv                 // the whole environment
	srcSysinfo                  // host or user identity
	srcClipboard                // clipboard contents
	srcNetwork                  // data received from the network
	srcDecoded                  // data decoded at run time
)

// source is one origin of taint with the steps that led to it.
type source struct {
	kind srcKind
	what string
	// local is set for a credential path inside the skill (its own .env).
	local bool
	// rawSocket marks data read from a raw TCP socket.
	rawSocket bool
	trace     finding.Trace
}

// role is what an object stands for when it is not plain data.
type role int

const (
	roleNone      role = iota
	roleSocket         // TCP/TLS/UDP/WebSocket connection
	roleServer         // listening server: its connections are bind-shell sockets
	roleChild          // a child process (or one of its stdio streams)
	roleRequest        // an outgoing request object (http.request, superagent, XHR)
	roleMailer         // nodemailer transport
	roleWriteFile      // fs.createWriteStream
	roleAxios          // axios instance
)

// value is the abstract value of an expression.
type value struct {
	str   string
	isStr bool
	// module marks a package's exports (require('x'), import('x')), so
	// import('x').then(m => …) hands the callback the module.
	module bool
	// prefix is the constant start of a string that is not constant as a
	// whole (a URL with a variable path).
	prefix string
	num    float64
	isNum  bool
	// built says how a constant string was assembled ("concatenation",
	// "String.fromCharCode", "base64"...); empty for a literal.
	built string
	// decodedFrom names the encodings removed to obtain str.
	decodedFrom []string
	// q is the qualified API name ("child_process.exec", "eval").
	q string
	// qBuilt records that q was reached through a name assembled at run
	// time, and where.
	qBuilt string
	props  map[string]*value
	elems  []*value
	fn     *function
	taint  []*source
	role   role
	// bind marks a socket accepted by a server (bind shell).
	bind bool
	// host is the endpoint of a request, socket or client instance.
	host string
	// path is the file of a write stream.
	path string
	// ctorStep counts ".constructor" hops (x.constructor.constructor is Function).
	ctorStep int
	// shellDone is set once a socket was reported as a shell's stdio.
	shellDone bool
	// isFile marks Bun.file handles.
	isFile bool
}

var unknown = &value{}

func strVal(s string) *value { return &value{str: s, isStr: true} }

// text returns the constant string, or the known prefix.
func (v *value) text() (string, bool) {
	if v == nil {
		return "", false
	}
	if v.isStr {
		return v.str, true
	}
	if v.isNum {
		return formatNum(v.num), true
	}
	return v.prefix, false
}

func formatNum(f float64) string {
	if f == float64(int64(f)) {
		return itoa(int64(f))
	}
	return strings.TrimRight(strings.TrimRight(sprintf("%f", f), "0"), ".")
}

func addTaint(dst []*source, src ...*source) []*source {
	for _, s := range src {
		if s == nil || slices.Contains(dst, s) {
			continue
		}
		if len(dst) >= 12 {
			break
		}
		dst = append(dst, s)
	}
	return dst
}

// union returns a non-constant value carrying the taint of all vs.
func union(vs ...*value) *value {
	out := &value{}
	for _, v := range vs {
		if v == nil {
			continue
		}
		out.taint = addTaint(out.taint, v.taint...)
	}
	return out
}

// derive is a new value computed from v: it keeps v's taint and role.
func derive(v *value) *value {
	if v == nil {
		return &value{}
	}
	return &value{taint: v.taint, role: v.role, host: v.host, bind: v.bind, path: v.path}
}

func (v *value) has(k srcKind) *source {
	if v == nil {
		return nil
	}
	for _, s := range v.taint {
		if s.kind == k {
			return s
		}
	}
	return nil
}

// allTaint collects taint of v and, shallowly, of its props and elements.
func (v *value) allTaint() []*source {
	if v == nil {
		return nil
	}
	t := slices.Clone(v.taint)
	seen := map[*value]bool{v: true}
	var walk func(*value, int)
	walk = func(x *value, d int) {
		if d > 4 {
			return
		}
		for _, p := range x.props {
			if p != nil && !seen[p] {
				seen[p] = true
				t = addTaint(t, p.taint...)
				walk(p, d+1)
			}
		}
		for _, e := range x.elems {
			if e != nil && !seen[e] {
				seen[e] = true
				t = addTaint(t, e.taint...)
				walk(e, d+1)
			}
		}
	}
	walk(v, 0)
	return t
}

func (v *value) prop(name string) *value {
	if v == nil || v.props == nil {
		return nil
	}
	return v.props[name]
}
