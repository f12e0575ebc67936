package skill

import (
	"archive/tar"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseManifest holds ParseManifest to its contract: it never fails
// or panics, and the line numbers it reports lie inside the input.
func FuzzParseManifest(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "manifest", "*.md"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\nname: x\ndescription: y\n---\nbody\n"))
	f.Add([]byte("---\na: &a [*a, *a]\n---\n"))
	f.Add([]byte("---\n- list\n---\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\nname: x\r\n...\r\n"))
	f.Add([]byte("---\nname: [unclosed\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := ParseManifest(data)
		if m == nil {
			t.Fatal("nil manifest")
		}
		lines := strings.Count(string(data), "\n") + 2
		if m.BodyLine < 1 || m.BodyLine > lines || m.ErrLine < 0 || m.ErrLine > lines {
			t.Fatalf("lines out of range: body %d, err %d, input %d lines", m.BodyLine, m.ErrLine, lines)
		}
		if m.Node != nil && m.Err == nil && m.Fields == nil {
			t.Fatal("parsed front matter without fields")
		}
		_ = m.String("name")
	})
}

// FuzzArchive feeds arbitrary bytes to the archive reader as a file of a
// skill. Whatever the bytes, members stay inside the archive's name
// space, the limits hold and nothing panics.
func FuzzArchive(f *testing.F) {
	t := &testing.T{}
	f.Add(zipBytes(t, map[string][]byte{"a.sh": []byte("id\n"), "d/b.py": []byte("print(1)\n")}))
	f.Add(zipBytes(t, map[string][]byte{"inner.zip": zipBytes(t, map[string][]byte{"x": []byte("y")})}))
	f.Add(tarGz(t, []*tar.Header{{Name: "../up.sh", Mode: 0o755, Size: 3, Typeflag: tar.TypeReg}}, [][]byte{[]byte("id\n")}))
	f.Add(gz(t, []byte("#!/bin/sh\nid\n")))
	f.Add(gz(t, make([]byte, 1<<16)))
	f.Add([]byte("BZh91AY&SY"))
	lim := Limits{MaxFiles: 64, MaxFileSize: 1 << 16, MaxTotalSize: 1 << 20, MaxDepth: 8, MaxArchiveDepth: 2, MaxArchiveSize: 1 << 18}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &Skill{Limits: lim}
		l := &loader{ctx: context.Background(), s: s, lim: lim, names: map[string]string{}}
		l.add(&File{Path: "a.bin", Mode: 0o644, Size: int64(len(data)), Data: data})
		l.expandArchives()
		s.finish()
		var total int64
		for _, m := range s.Files {
			if m.Container == "" {
				continue
			}
			total += int64(len(m.Data))
			if int64(len(m.Data)) > lim.MaxFileSize {
				t.Fatalf("member %s is %d bytes, over the limit", m.Path, len(m.Data))
			}
			name := m.Path[strings.LastIndexByte(m.Path, '!')+1:]
			if strings.HasPrefix(name, "/") || name == ".." || strings.HasPrefix(name, "../") || strings.Contains(name, "/../") {
				t.Fatalf("member name %q escapes its archive", m.Path)
			}
		}
		if total > lim.MaxTotalSize || len(s.Files) > lim.MaxFiles+1 {
			t.Fatalf("%d files and %d bytes loaded, over the limits", len(s.Files), total)
		}
	})
}
