// Package decode undoes the encodings that payloads hide behind —
// base64, hex, ascii85, zlib/gzip/deflate, rot13 and XOR with a literal
// key — within strict output limits, so analyzers can scan what a skill
// would decode and run. Every function is pure and bounded: a
// decompression bomb yields an error-free "too large" refusal, never an
// allocation beyond MaxOutput.
package decode

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/base64"
	"encoding/hex"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxOutput bounds the bytes any one decoding produces.
const MaxOutput = 4 << 20

// MaxLayers bounds how many encodings Peel removes.
const MaxLayers = 6

// Base64 decodes standard or URL-safe base64, padded or not, ignoring
// whitespace. It reports false for anything that is not base64.
func Base64(s string) ([]byte, bool) {
	s = strings.Join(strings.Fields(s), "")
	if len(s) < 4 || len(s)/4*3 > MaxOutput {
		return nil, false
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}

// Hex decodes a hex string, allowing "\x" or "0x" prefixes per byte and
// separators (spaces, commas, colons).
func Hex(s string) ([]byte, bool) {
	r := strings.NewReplacer(`\x`, "", "0x", "", "0X", "", " ", "", ",", "", ":", "", "\n", "", "\t", "")
	s = r.Replace(s)
	if len(s) < 2 || len(s)%2 != 0 || len(s)/2 > MaxOutput {
		return nil, false
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, false
	}
	return b, true
}

// Ascii85 decodes Adobe ascii85 with or without <~ ~> delimiters.
func Ascii85(s string) ([]byte, bool) {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<~"), "~>")
	if len(s) < 5 || len(s) > MaxOutput {
		return nil, false
	}
	dst := make([]byte, 4*len(s))
	n, _, err := ascii85.Decode(dst, []byte(s), true)
	if err != nil || n == 0 {
		return nil, false
	}
	return dst[:n], true
}

// Inflate decompresses zlib, gzip or raw deflate data. It refuses output
// beyond MaxOutput.
func Inflate(b []byte) ([]byte, bool) {
	var r io.Reader
	switch {
	case len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b:
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, false
		}
		r = zr
	case len(b) >= 2 && b[0]&0x0f == 8 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0:
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, false
		}
		r = zr
	default:
		r = flate.NewReader(bytes.NewReader(b))
	}
	out, err := io.ReadAll(io.LimitReader(r, MaxOutput+1))
	if err != nil && err != io.ErrUnexpectedEOF || len(out) == 0 || len(out) > MaxOutput {
		return nil, false
	}
	return out, true
}

// Rot13 rotates ASCII letters by 13.
func Rot13(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return 'a' + (r-'a'+13)%26
		case r >= 'A' && r <= 'Z':
			return 'A' + (r-'A'+13)%26
		}
		return r
	}, s)
}

// XOR applies a repeating key.
func XOR(data, key []byte) []byte {
	if len(key) == 0 {
		return bytes.Clone(data)
	}
	out := make([]byte, len(data))
	for i, c := range data {
		out[i] = c ^ key[i%len(key)]
	}
	return out
}

// Printable reports whether b is mostly printable UTF-8 text, the test
// for "this decoding produced something meaningful".
func Printable(b []byte) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	bad := 0
	for _, r := range string(b) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f || r == utf8.RuneError {
			bad++
		}
	}
	return bad*50 <= len(b)
}

// Peel removes encoding layers from b as long as a layer decodes
// (inflate, then base64, then hex), and returns the innermost content
// with the names of the layers removed, outermost first.
func Peel(b []byte) ([]byte, []string) {
	var layers []string
	for len(layers) < MaxLayers {
		if out, ok := Inflate(b); ok && !bytes.Equal(out, b) && len(b) >= 8 {
			b, layers = out, append(layers, "zlib")
			continue
		}
		s := strings.TrimSpace(string(b))
		// Hex first: every hex string is also valid base64, but a base64
		// string of 16 or more characters is almost never all hex digits.
		if len(s) >= 16 && hexAlphabet(s) {
			if out, ok := Hex(s); ok {
				b, layers = out, append(layers, "hex")
				continue
			}
		}
		if len(s) >= 16 && base64Alphabet(s) {
			if out, ok := Base64(s); ok {
				b, layers = out, append(layers, "base64")
				continue
			}
		}
		break
	}
	return b, layers
}

func base64Alphabet(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' || c == '-' || c == '_' || c == '\n' || c == '\r') {
			return false
		}
	}
	return true
}

func hexAlphabet(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
