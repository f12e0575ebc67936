package markdown

import (
	"encoding/json"
	"fmt"
	"strings"
)

// maxJSON5 bounds the JSON5 text parsed from front matter.
const maxJSON5 = 64 << 10

// parseJSON5 parses the lenient JSON5 that OpenClaw accepts in
// metadata.openclaw: comments, trailing commas, unquoted keys and
// single-quoted strings are turned into strict JSON, then decoded.
func parseJSON5(s string) (any, error) {
	if len(s) > maxJSON5 {
		return nil, fmt.Errorf("JSON5 metadata is %d bytes, over the limit of %d", len(s), maxJSON5)
	}
	js, err := json5ToJSON(s)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		return nil, fmt.Errorf("JSON5 metadata: %w", err)
	}
	return v, nil
}

func json5ToJSON(s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s) + 16)
	i := 0
	// pendingComma holds a comma until the next significant character
	// shows it is not trailing.
	pendingComma := false
	flush := func(next byte) {
		if pendingComma && next != '}' && next != ']' {
			b.WriteByte(',')
		}
		pendingComma = false
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return "", fmt.Errorf("JSON5 metadata: unterminated comment")
			}
			i += end + 4
		case c == ',':
			if pendingComma {
				return "", fmt.Errorf("JSON5 metadata: double comma at offset %d", i)
			}
			pendingComma = true
			i++
		case c == '"' || c == '\'':
			flush(c)
			j, str, err := readString(s, i)
			if err != nil {
				return "", err
			}
			q, _ := json.Marshal(str)
			b.Write(q)
			i = j
		case isIdentStart(c):
			flush(c)
			j := i
			for j < len(s) && isIdentPart(s[j]) {
				j++
			}
			word := s[i:j]
			switch word {
			case "true", "false", "null":
				b.WriteString(word)
			case "Infinity", "NaN":
				return "", fmt.Errorf("JSON5 metadata: %s is not supported", word)
			default:
				q, _ := json.Marshal(word)
				b.Write(q)
			}
			i = j
		case c == '+':
			i++
		default:
			flush(c)
			if c == '.' || c >= '0' && c <= '9' || c == '-' {
				j := i
				for j < len(s) && strings.IndexByte("0123456789.eE+-xXabcdefABCDEF", s[j]) >= 0 {
					j++
				}
				num := s[i:j]
				if strings.HasPrefix(num, ".") {
					num = "0" + num
				}
				if strings.HasSuffix(num, ".") {
					num += "0"
				}
				b.WriteString(num)
				i = j
				continue
			}
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

func readString(s string, i int) (int, string, error) {
	q := s[i]
	var b strings.Builder
	i++
	for i < len(s) {
		c := s[i]
		switch {
		case c == q:
			return i + 1, b.String(), nil
		case c == '\\' && i+1 < len(s):
			n := s[i+1]
			switch n {
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
			case '\n':
			case 'u':
				if i+6 <= len(s) {
					var r rune
					if _, err := fmt.Sscanf(s[i+2:i+6], "%04x", &r); err == nil {
						b.WriteRune(r)
						i += 6
						continue
					}
				}
				b.WriteByte('u')
			default:
				b.WriteByte(n)
			}
			i += 2
		case c == '\n':
			return 0, "", fmt.Errorf("JSON5 metadata: newline in string")
		default:
			b.WriteByte(c)
			i++
		}
	}
	return 0, "", fmt.Errorf("JSON5 metadata: unterminated string")
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '-'
}
