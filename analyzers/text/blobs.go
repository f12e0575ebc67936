package text

import (
	"bytes"
	"encoding/json"
	"strings"

	"skillgate.dev/skillgate/analyzers/decode"
	"skillgate.dev/skillgate/skill"
)

// Blob sizes worth decoding: shorter runs are identifiers and hashes.
const (
	minBase64 = 64
	minHex    = 64
	minEscHex = 32 // bytes written as \xNN
)

// blob is an encoded run found in text.
type blob struct {
	off, end int    // byte range in the source
	encoding string // "base64", "hex", "ascii85"
	text     string // the encoded characters, line breaks removed
}

// Byte-class tables for the blob scan.
var b64Table, hexTable = byteTables()

func byteTables() (b64, hex [256]bool) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		b64[c] = b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/' || b == '=' || b == '-' || b == '_'
		hex[c] = b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
	}
	return b64, hex
}

// findBlobs returns the long encoded runs in src in order: base64 (also
// wrapped over several lines, as base64(1) writes it), hex, \x escapes
// and <~ascii85~>.
func findBlobs(src []byte) []blob {
	var out []blob
	for i := 0; i < len(src); {
		if !b64Table[src[i]] {
			if src[i] == '\\' && i+1 < len(src) && src[i+1] == 'x' {
				if b, ok := escapedHex(src, i); ok {
					out = append(out, b)
					i = b.end
					continue
				}
			}
			if src[i] == '<' && i+1 < len(src) && src[i+1] == '~' {
				if b, ok := ascii85Blob(src, i); ok {
					out = append(out, b)
					i = b.end
					continue
				}
			}
			i++
			continue
		}
		j := i
		for j < len(src) && b64Table[src[j]] {
			j++
		}
		if j-i < minBase64 && !(j-i >= 16 && wrapped(src, j)) {
			i = j
			continue
		}
		run := src[i:j]
		var parts [][]byte
		parts = append(parts, run)
		end := j
		// Wrapped base64: the run ends a line and the next lines are
		// nothing but base64 of the same width (the last one shorter).
		for width := len(run); width >= 16 && wrapped(src, end); {
			k := end
			for k < len(src) && (src[k] == '\r' || src[k] == '\n') {
				k++
			}
			ind := k
			for ind < len(src) && (src[ind] == ' ' || src[ind] == '\t') {
				ind++
			}
			e := ind
			for e < len(src) && b64Table[src[e]] {
				e++
			}
			if e == ind || e < len(src) && src[e] != '\n' && src[e] != '\r' && src[e] != '"' && src[e] != '\'' {
				break
			}
			parts = append(parts, src[ind:e])
			end = e
			if e-ind != width {
				break
			}
		}
		text := string(bytes.Join(parts, nil))
		if len(text) < minBase64 {
			i = j
			continue
		}
		enc := "base64"
		if allHex(text) {
			enc = "hex"
		}
		out = append(out, blob{off: i, end: end, encoding: enc, text: text})
		i = end
	}
	return out
}

// wrapped reports whether the base64 run ending at j ends its line and
// the next line starts with more base64.
func wrapped(src []byte, j int) bool {
	if j >= len(src) || src[j] != '\n' && src[j] != '\r' {
		return false
	}
	k := j
	for k < len(src) && (src[k] == '\r' || src[k] == '\n') && k-j < 2 {
		k++
	}
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	n := 0
	for k+n < len(src) && b64Table[src[k+n]] {
		n++
	}
	return n >= 16
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !hexTable[s[i]] {
			return false
		}
	}
	return len(s)%2 == 0
}

func escapedHex(src []byte, i int) (blob, bool) {
	j := i
	var b strings.Builder
	for j+3 < len(src)+0 && src[j] == '\\' && src[j+1] == 'x' && hexTable[src[j+2]] && hexTable[src[j+3]] {
		b.Write(src[j+2 : j+4])
		j += 4
	}
	if b.Len()/2 < minEscHex {
		return blob{}, false
	}
	return blob{off: i, end: j, encoding: "hex", text: b.String()}, true
}

func ascii85Blob(src []byte, i int) (blob, bool) {
	j := bytes.Index(src[i+2:min(len(src), i+2+decode.MaxOutput)], []byte("~>"))
	if j < 40 {
		return blob{}, false
	}
	return blob{off: i, end: i + 2 + j + 2, encoding: "ascii85", text: string(src[i : i+2+j+2])}, true
}

// decoded is what a blob turned out to hold.
type decoded struct {
	data   []byte
	layers []string // encodings removed, outermost first
	what   string   // "shell code", "a URL", "an ELF executable", … or "" for nothing notable
	lang   string   // the language of a derived unit, "" for none
}

// decodeBlob decodes one blob and peels further layers (compression,
// nested base64). It reports false when the blob does not decode.
func decodeBlob(b blob) (decoded, bool) {
	var data []byte
	var ok bool
	switch b.encoding {
	case "base64":
		data, ok = decode.Base64(b.text)
	case "hex":
		data, ok = decode.Hex(b.text)
		if !ok {
			data, ok = decode.Base64(b.text)
			b.encoding = "base64"
		}
	case "ascii85":
		data, ok = decode.Ascii85(b.text)
	}
	if !ok || len(data) == 0 {
		return decoded{}, false
	}
	inner, layers := decode.Peel(data)
	d := decoded{data: inner, layers: append([]string{b.encoding}, layers...)}
	d.what, d.lang = classifyDecoded(inner, len(layers) > 0 && layers[len(layers)-1] == "zlib")
	return d, true
}

// classifyDecoded says what decoded bytes are. Code gets a language so
// that it can be analysed as a derived unit; plain prose gets "text".
// Images, fonts, certificates, hashes and JSON (a JWT's claims) are not
// notable.
func classifyDecoded(data []byte, compressed bool) (what, lang string) {
	if kind, format := skill.Sniff(data); kind != "" {
		switch kind {
		case skill.Executable, skill.Bytecode:
			return format, ""
		case skill.Archive:
			return "compressed data (" + format + ")", ""
		}
		return "", ""
	}
	if !decode.Printable(data) {
		if compressed {
			return "compressed data", ""
		}
		return "", ""
	}
	t := strings.TrimSpace(string(data))
	if l := skill.ShebangLang([]byte(t)); l != "" {
		return l + " code", l
	}
	if json.Valid([]byte(t)) {
		return "", "json"
	}
	if strings.IndexAny(t, " \t\n") < 0 && looksURL(t) {
		return "a URL", "text"
	}
	if l := guessLang(t); l != "" {
		return langName(l) + " code", l
	}
	if compressed {
		return "compressed text", "text"
	}
	return "", "text"
}

func langName(l string) string {
	switch l {
	case "javascript":
		return "JavaScript"
	case "python":
		return "Python"
	}
	return l
}

func looksURL(t string) bool {
	i := strings.Index(t, "://")
	if i <= 0 || i > 16 {
		return false
	}
	for j := 0; j < i; j++ {
		if !isSchemeByte(t[j]) {
			return false
		}
	}
	return i+3 < len(t)
}

// langHints are fragments typical of each language; a decoded text is
// taken as code in the language whose hints it matches most (at least
// two, or one strong hint).
var langHints = map[string]struct{ strong, weak []string }{
	"shell": {
		strong: []string{"| sh", "|sh", "| bash", "|bash", "/bin/sh", "/bin/bash", "/dev/tcp/", "bash -i", "nc -e", "chmod +x", "base64 -d", "curl ", "wget ", "rm -rf"},
		weak:   []string{"echo ", "export ", "&&", "$(", "${", " > /", "2>&1", "mkdir ", "; then", "fi\n", "done"},
	},
	"python": {
		strong: []string{"import os", "import socket", "import subprocess", "__import__(", "os.system(", "subprocess.", "exec(", "from base64 import", "import urllib"},
		weak:   []string{"import ", "def ", "print(", "open(", "self.", "lambda ", "elif ", "None", "True"},
	},
	"javascript": {
		strong: []string{"require(", "child_process", "process.env", "new Function(", "eval(", "module.exports", "=> {", "fetch("},
		weak:   []string{"const ", "let ", "var ", "function ", "=>", "console.log", "async ", "await ", "===", "});"},
	},
}

// guessLang picks the most likely language of decoded text, or "".
func guessLang(t string) string {
	best, bestScore := "", 0
	for _, l := range []string{"shell", "python", "javascript"} {
		h := langHints[l]
		score := 0
		for _, s := range h.strong {
			if strings.Contains(t, s) {
				score += 2
			}
		}
		for _, s := range h.weak {
			if strings.Contains(t, s) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = l, score
		}
	}
	if bestScore < 2 {
		return ""
	}
	return best
}
