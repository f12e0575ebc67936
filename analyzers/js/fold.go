package js

import (
	"fmt"
	"net/url"
	"regexp"
	"skillgate.dev/skillgate/internal/lazyre"
	"strconv"
	"strings"
	"unicode/utf8"

	"skillgate.dev/skillgate/analyzers/decode"
)

// maxConst bounds the length of constant strings the folder builds, so a
// `'a'.repeat(1e9)` cannot exhaust memory.
const maxConst = 1 << 20

func itoa(i int64) string               { return strconv.FormatInt(i, 10) }
func sprintf(f string, a ...any) string { return fmt.Sprintf(f, a...) }
func clip(s string) string              { return clipN(s, maxConst) }
func clipN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// unescapeJS turns the body of a JS string literal into its value and
// reports whether it used escapes that spell letters (an obfuscation
// hint: "\x65\x76\x61\x6c").
func unescapeJS(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, false
	}
	var b strings.Builder
	letters := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0':
			b.WriteByte(0)
		case '\n':
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case 'x':
			if i+2 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
					b.WriteRune(rune(v))
					letters = letters || isAlnum(rune(v))
					i += 2
					continue
				}
			}
			b.WriteByte('x')
		case 'u':
			if i+1 < len(s) && s[i+1] == '{' {
				if j := strings.IndexByte(s[i:], '}'); j > 0 {
					if v, err := strconv.ParseUint(s[i+2:i+j], 16, 32); err == nil && v <= utf8.MaxRune {
						b.WriteRune(rune(v))
						letters = letters || isAlnum(rune(v))
						i += j
						continue
					}
				}
			} else if i+4 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					b.WriteRune(rune(v))
					letters = letters || isAlnum(rune(v))
					i += 4
					continue
				}
			}
			b.WriteByte('u')
		default:
			b.WriteByte(e)
		}
	}
	return b.String(), letters
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

// decodeConst decodes a constant string with a Node/browser encoding
// name; ok is false when the input is not valid in that encoding.
func decodeConst(s, enc string) (string, bool) {
	switch strings.ToLower(enc) {
	case "base64", "base64url":
		b, ok := decode.Base64(s)
		return string(b), ok
	case "hex":
		b, ok := decode.Hex(s)
		return string(b), ok
	}
	return s, false
}

// codeLike tells whether decoded text reads like code or a command worth
// analysing (rather than an image or random bytes).
var codeLikeRE = lazyre.New(`require\s*\(|child_process|\beval\s*\(|\bexec(Sync)?\s*\(|\bspawn\s*\(|https?://|\bfetch\s*\(|\bfunction\b|=>|process\.|\bimport\b|/bin/(ba)?sh|\bcurl\b|\bwget\b|Function\s*\(`)

func codeLike(s string) bool {
	return len(s) >= 6 && decode.Printable([]byte(s)) && codeLikeRE.R().MatchString(s)
}

// percentDecode undoes %XX escapes (unescape, decodeURIComponent).
func percentDecode(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, false
	}
	out, err := url.PathUnescape(s)
	if err != nil {
		return s, false
	}
	return out, out != s
}

// jsRegexp converts a JS regex literal (/pat/flags) into a Go regexp
// where the syntax is shared; it returns nil otherwise.
func jsRegexp(lit string) (*regexp.Regexp, bool) {
	if len(lit) < 2 || lit[0] != '/' {
		return nil, false
	}
	end := strings.LastIndexByte(lit, '/')
	if end <= 0 {
		return nil, false
	}
	pat, flags := lit[1:end], lit[end+1:]
	if strings.Contains(flags, "i") {
		pat = "(?i)" + pat
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, false
	}
	return re, strings.Contains(flags, "g")
}

// dangerousNames are API names whose assembly from pieces is reported.
var dangerousNames = map[string]bool{
	"eval": true, "Function": true, "require": true, "import": true, "child_process": true,
	"exec": true, "execSync": true, "spawn": true, "spawnSync": true, "execFile": true,
	"execFileSync": true, "fork": true, "vm": true, "runInThisContext": true, "runInNewContext": true,
	"net": true, "http": true, "https": true, "dns": true, "fs": true, "readFileSync": true,
	"writeFileSync": true, "fetch": true, "process": true, "env": true, "mainModule": true,
	"constructor": true, "setTimeout": true, "setInterval": true, "os": true, "Buffer": true,
	"atob": true, "WebSocket": true, "homedir": true, "hostname": true, "request": true,
}

// isDangerousName reports names (with or without a node: prefix) whose
// construction from pieces hides what is called.
func isDangerousName(s string) bool {
	return dangerousNames[strings.TrimPrefix(s, "node:")]
}
