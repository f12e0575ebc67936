package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Algorithm is the name of the tree digest format.
const Algorithm = "skilltree-v1"

// Entry is one file of a tree.
type Entry struct {
	Path   string // relative, slash-separated, NFC
	Size   int64
	SHA256 string // lowercase hex
	Exec   bool
}

// Line renders the entry's line of the digest input (with newline).
func (e Entry) Line() string { return string(e.appendLine(nil)) }

func (e Entry) appendLine(b []byte) []byte {
	kind := byte('f')
	if e.Exec {
		kind = 'x'
	}
	b = append(b, kind, ' ')
	b = strconv.AppendInt(b, e.Size, 10)
	b = append(b, ' ')
	b = append(b, e.SHA256...)
	b = append(b, ' ')
	b = append(b, e.Path...)
	return append(b, '\n')
}

// NewEntry hashes data.
func NewEntry(path string, data []byte, exec bool) Entry {
	sum := sha256.Sum256(data)
	return Entry{Path: path, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Exec: exec}
}

// Sum returns "sha256:<hex>" over the entries, which it sorts by path
// (bytewise). Duplicate paths are an error.
func Sum(entries []Entry) (string, error) {
	es := slices.Clone(entries)
	slices.SortFunc(es, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
	h := sha256.New()
	io.WriteString(h, Algorithm+"\n")
	var line []byte
	for i, e := range es {
		if i > 0 && es[i-1].Path == e.Path {
			return "", fmt.Errorf("%s: path %q appears twice", Algorithm, e.Path)
		}
		if e.Path == "" || strings.ContainsAny(e.Path, "\n\r") {
			return "", fmt.Errorf("%s: invalid path %q", Algorithm, e.Path)
		}
		line = e.appendLine(line[:0])
		h.Write(line)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}
