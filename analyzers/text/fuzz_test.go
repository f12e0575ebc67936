package text

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/analyzers/decode"
)

// seed adds the files of every fixture as seeds.
func seed(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range txtar.Parse(data).Files {
			f.Add(m.Data)
		}
	}
}

// FuzzBlobs holds the blob finder and decoder to their bounds: blobs lie
// inside the input, in order and without overlap, and decoding never
// yields more than decode.MaxOutput.
func FuzzBlobs(f *testing.F) {
	seed(f)
	f.Add([]byte(`x = "\x41\x42"` + "\n<~87cURD]i,\"Ebo80~>"))
	f.Fuzz(func(t *testing.T, src []byte) {
		prev := 0
		for _, b := range findBlobs(src) {
			if b.off < prev || b.end <= b.off || b.end > len(src) {
				t.Fatalf("blob [%d,%d) out of order or bounds (prev end %d, len %d)", b.off, b.end, prev, len(src))
			}
			prev = b.end
			if d, ok := decodeBlob(b); ok && len(d.data) > decode.MaxOutput {
				t.Fatalf("decoded %d bytes", len(d.data))
			}
		}
	})
}

// FuzzScan runs the host, secret and padding scanners over arbitrary
// text: offsets stay in bounds and nothing panics.
func FuzzScan(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		li := newLineIndex(src)
		scanTokens(src, func(start, end int) {
			if start < 0 || end > len(src) || start >= end {
				t.Fatalf("token [%d,%d) out of bounds", start, end)
			}
			if h, ok := hostOf(src, start, end); ok {
				if h.off < 0 || h.off >= end {
					t.Fatalf("host offset %d after token end %d", h.off, end)
				}
				line, col := li.pos(h.off)
				if line < 1 || line > len(li) || col < 1 {
					t.Fatalf("position %d:%d", line, col)
				}
				_ = h.url()
			}
		})
		for _, s := range findSecrets(src) {
			if s.off < 0 || s.end > len(src) || s.off >= s.end {
				t.Fatalf("secret [%d,%d) out of bounds", s.off, s.end)
			}
		}
		if out := printableStrings(src); len(out) > 2*len(src) {
			t.Fatalf("strings of %d bytes gave %d bytes", len(src), len(out))
		}
		for n := 1; n <= len(li); n++ {
			l := li.line(src, n)
			_ = blank(l)
			_ = leadingShove(l)
		}
	})
}
