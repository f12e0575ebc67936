package text

import (
	"bytes"
	"sort"
)

// lineIndex maps byte offsets to 1-based lines and columns. It is built
// with one memchr-speed pass, so a file of 100,000 blank lines costs one
// slice of offsets, not 100,000 string splits.
type lineIndex []int // offset of the first byte of each line

func newLineIndex(src []byte) lineIndex {
	li := make(lineIndex, 1, bytes.Count(src, []byte{'\n'})+1)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return li
		}
		off += i + 1
		li = append(li, off)
	}
}

// pos returns the 1-based line and byte column of off.
func (li lineIndex) pos(off int) (line, col int) {
	n := sort.Search(len(li), func(i int) bool { return li[i] > off })
	return n, off - li[n-1] + 1
}

// line returns the bytes of line n (1-based) without its newline.
func (li lineIndex) line(src []byte, n int) []byte {
	if n < 1 || n > len(li) {
		return nil
	}
	start, end := li[n-1], len(src)
	if n < len(li) {
		end = li[n] - 1
	}
	return bytes.TrimSuffix(src[start:end], []byte{'\r'})
}

// lineSet is a set of 1-based line ranges (inclusive).
type lineSet [][2]int

func (s lineSet) has(n int) bool {
	for _, r := range s {
		if n >= r[0] && n <= r[1] {
			return true
		}
	}
	return false
}
