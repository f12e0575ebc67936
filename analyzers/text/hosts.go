package text

import (
	"bytes"
	"net/netip"
	"strings"
)

// hostRef is a host name or IP address found in text, with whatever
// surrounds it that says how it is used: a URL scheme, a port, a path.
type hostRef struct {
	off    int    // offset of the reference (the scheme when there is one)
	scheme string // lower case, "" when none
	host   string // lower case
	port   string
	path   string
	ip     bool // host is an IPv4 literal
	quoted bool // the host alone is a quoted string literal
	// bare is set for a host token with nothing around it.
	bare bool
}

// url returns the reference as "scheme://host:port/path".
func (h hostRef) url() string {
	var b strings.Builder
	if h.scheme != "" {
		b.WriteString(h.scheme + "://")
	}
	b.WriteString(h.host)
	if h.port != "" {
		b.WriteString(":" + h.port)
	}
	b.WriteString(h.path)
	return b.String()
}

func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// dottedDigits reports whether b holds only digits and dots, the only
// tokens worth parsing as an IPv4 address.
func dottedDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) && c != '.' {
			return false
		}
	}
	return true
}

func ipv4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isSchemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

// pathEnd reports whether c ends a URL path in running text or code.
func pathEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '"', '\'', '`', '<', '>', ')', ']', '}', '|', '\\', '^', ',', ';':
		return true
	}
	return c < 0x20 || c == 0x7f
}

// scanTokens calls fn for every maximal run of [A-Za-z0-9_.-] that
// contains a dot, found by jumping from dot to dot (a memchr-speed scan).
func scanTokens(src []byte, fn func(start, end int)) {
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '.')
		if j < 0 {
			return
		}
		d := i + j
		start, end := d, d+1
		for start > 0 && isTokenByte(src[start-1]) {
			start--
		}
		for end < len(src) && isTokenByte(src[end]) {
			end++
		}
		fn(start, end)
		i = end + 1
	}
}

// hostOf interprets the token src[start:end] as a host reference, or
// reports false when it is not one (a file name, a version, a sentence).
func hostOf(src []byte, start, end int) (hostRef, bool) {
	for start < end && (src[start] == '.' || src[start] == '-' || src[start] == '_') {
		start++
	}
	for end > start && (src[end-1] == '.' || src[end-1] == '-' || src[end-1] == '_') {
		end--
	}
	raw := src[start:end]
	if bytes.IndexByte(raw, '.') < 0 || bytes.IndexByte(raw, '_') >= 0 || bytes.Contains(raw, []byte("..")) {
		return hostRef{}, false
	}
	// Cheap rejections before any allocation: a path component, an
	// e-mail address, or a name whose last label is no top-level domain.
	if start > 0 && (src[start-1] == '/' || src[start-1] == '\\' || src[start-1] == '@') && (start < 3 || string(src[start-3:start]) != "://") && !bytes.HasSuffix(src[:start], []byte("/dev/tcp/")) && !bytes.HasSuffix(src[:start], []byte("/dev/udp/")) {
		if src[start-1] != '@' || bytes.LastIndex(src[max(0, start-256):start], []byte("://")) < 0 {
			return hostRef{}, false
		}
	}
	if last := raw[bytes.LastIndexByte(raw, '.')+1:]; len(last) == 0 || isDigit(last[0]) && !isDigit(last[len(last)-1]) || !isDigit(last[0]) && (len(last) < 2 || !isLetter(last[0])) {
		return hostRef{}, false
	}
	tok := string(raw)
	h := hostRef{off: start, host: strings.ToLower(tok)}
	if dottedDigits(raw) && ipv4(tok) {
		h.ip = true
	} else {
		// A name: the last label must look like a top-level domain.
		tld := tok[strings.LastIndexByte(tok, '.')+1:]
		if len(tld) < 2 || strings.IndexFunc(tld, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) >= 0 {
			return hostRef{}, false
		}
	}
	// Scheme: "scheme://" right before, possibly with "user:pass@".
	s := start
	if s > 0 && src[s-1] == '@' {
		k := s - 1
		for k > 0 && !pathEnd(src[k-1]) && src[k-1] != '/' {
			k--
		}
		s = k
	}
	if s >= 3 && string(src[s-3:s]) == "://" {
		k := s - 3
		for k > 0 && isSchemeByte(src[k-1]) {
			k--
		}
		if k < s-3 {
			h.scheme = strings.ToLower(string(src[k : s-3]))
			h.off = k
		}
	}
	// Port, then path.
	e := end
	if e+1 < len(src) && src[e] == ':' && src[e+1] >= '0' && src[e+1] <= '9' {
		k := e + 1
		for k < len(src) && k-e <= 6 && src[k] >= '0' && src[k] <= '9' {
			k++
		}
		if k-e-1 <= 5 && (k == len(src) || !isTokenByte(src[k]) || src[k] == '.') {
			h.port = string(src[e+1 : k])
			e = k
		}
	}
	if e < len(src) && (src[e] == '/' || src[e] == '?') {
		k := e
		for k < len(src) && !pathEnd(src[k]) {
			k++
		}
		h.path = string(src[e:k])
	}
	// Bash's /dev/tcp/HOST/PORT is a socket.
	for _, dev := range []string{"/dev/tcp/", "/dev/udp/"} {
		if h.scheme == "" && start >= len(dev) && string(src[start-len(dev):start]) == dev {
			h.scheme, h.off = dev[5:8], start-len(dev)
			if end+1 < len(src) && src[end] == '/' {
				k := end + 1
				for k < len(src) && k-end <= 6 && src[k] >= '0' && src[k] <= '9' {
					k++
				}
				h.port, h.path = string(src[end+1:k]), ""
			}
			return h, true
		}
	}
	if h.scheme == "" && start > 0 && (src[start-1] == '/' || src[start-1] == '\\' || src[start-1] == '@') {
		return hostRef{}, false // a path component or an e-mail address, not a host
	}
	if h.scheme == "" && h.port == "" {
		q := func(c byte) bool { return c == '"' || c == '\'' || c == '`' }
		h.quoted = start > 0 && end < len(src) && q(src[start-1]) && src[end] == src[start-1]
		h.bare = h.path == "" && !h.quoted
	}
	return h, true
}
