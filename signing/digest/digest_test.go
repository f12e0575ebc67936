package digest_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"skillgate.dev/skillgate/signing/digest"
)

type vector struct {
	Name  string `json:"name"`
	Files []struct {
		Path   string `json:"path"`
		Data   string `json:"data"`
		Base64 string `json:"base64"`
		Exec   bool   `json:"exec"`
		Size   int64  `json:"size"`
		SHA256 string `json:"sha256"`
	} `json:"files"`
	Input  string `json:"input"`
	Digest string `json:"digest"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

// TestGoldenVectors checks Sum and Tree against vectors computed by an
// independent implementation (see testdata/README).
func TestGoldenVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			var es []digest.Entry
			dir := t.TempDir()
			for _, f := range v.Files {
				data := []byte(f.Data)
				if f.Base64 != "" {
					data, _ = base64.StdEncoding.DecodeString(f.Base64)
				}
				e := digest.NewEntry(f.Path, data, f.Exec)
				if e.SHA256 != f.SHA256 || e.Size != f.Size {
					t.Fatalf("%s: entry %+v, vector says %d %s", f.Path, e, f.Size, f.SHA256)
				}
				es = append(es, e)
				full := filepath.Join(dir, filepath.FromSlash(f.Path))
				os.MkdirAll(filepath.Dir(full), 0o755)
				mode := os.FileMode(0o644)
				if f.Exec {
					mode = 0o755
				}
				if err := os.WriteFile(full, data, mode); err != nil {
					t.Fatal(err)
				}
				os.Chmod(full, mode)
			}
			got, err := digest.Sum(es)
			if err != nil {
				t.Fatal(err)
			}
			if got != v.Digest {
				t.Errorf("Sum = %s, want %s", got, v.Digest)
			}
			var input strings.Builder
			input.WriteString(digest.Algorithm + "\n")
			tree, err := digest.Tree(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range tree {
				input.WriteString(e.Line())
			}
			if diff := cmp.Diff(v.Input, input.String()); diff != "" {
				t.Errorf("digest input (-want +got):\n%s", diff)
			}
			if got, _ := digest.Sum(tree); got != v.Digest {
				t.Errorf("Sum(Tree) = %s, want %s", got, v.Digest)
			}
		})
	}
}

func TestTreeLeavesOutRootSkillsig(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "SKILL.md"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".skillsig/approvals"), 0o755)
	os.WriteFile(filepath.Join(dir, ".skillsig/approvals/a.sigstore.json"), []byte("{}"), 0o644)
	os.MkdirAll(filepath.Join(dir, "sub/.skillsig"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub/.skillsig/x"), []byte("y"), 0o644)
	es, err := digest.Tree(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range es {
		paths = append(paths, e.Path)
	}
	if diff := cmp.Diff([]string{"SKILL.md", "sub/.skillsig/x"}, paths); diff != "" {
		t.Error(diff)
	}
}

func TestTreeRejects(t *testing.T) {
	cases := []struct {
		name  string
		setup func(dir string) error
		code  string
	}{
		{"symlink-file", func(d string) error { return os.Symlink("SKILL.md", filepath.Join(d, "l")) }, digest.CodeSymlink},
		{"symlink-dir", func(d string) error { return os.Symlink("/etc", filepath.Join(d, "etc")) }, digest.CodeSymlink},
		{"dangling-symlink", func(d string) error { return os.Symlink("/nonexistent", filepath.Join(d, "l")) }, digest.CodeSymlink},
		{"hard-link", func(d string) error { return os.Link(filepath.Join(d, "SKILL.md"), filepath.Join(d, "copy.md")) }, digest.CodeSpecial},
		{"fifo", func(d string) error { return syscall.Mkfifo(filepath.Join(d, "p"), 0o644) }, digest.CodeSpecial},
		{"socket", func(d string) error {
			fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
			if err != nil {
				return err
			}
			defer syscall.Close(fd)
			return syscall.Bind(fd, &syscall.SockaddrUnix{Name: filepath.Join(d, "s")})
		}, digest.CodeSpecial},
		{"setuid", func(d string) error { return os.Chmod(filepath.Join(d, "SKILL.md"), 0o755|os.ModeSetuid) }, digest.CodeSpecial},
		{"setgid", func(d string) error { return os.Chmod(filepath.Join(d, "SKILL.md"), 0o755|os.ModeSetgid) }, digest.CodeSpecial},
		{"nfd-name", func(d string) error { return os.WriteFile(filepath.Join(d, "cafe\u0301.md"), nil, 0o644) }, digest.CodePath},
		{"case-collision", func(d string) error { return os.WriteFile(filepath.Join(d, "skill.md"), nil, 0o644) }, digest.CodePath},
		{"case-collision-dirs", func(d string) error {
			os.MkdirAll(filepath.Join(d, "A"), 0o755)
			os.MkdirAll(filepath.Join(d, "a"), 0o755)
			os.WriteFile(filepath.Join(d, "A/x"), nil, 0o644)
			return os.WriteFile(filepath.Join(d, "a/y"), nil, 0o644)
		}, digest.CodePath},
		{"newline-name", func(d string) error { return os.WriteFile(filepath.Join(d, "a\nb"), nil, 0o644) }, digest.CodePath},
		{"backslash-name", func(d string) error { return os.WriteFile(filepath.Join(d, `a\b`), nil, 0o644) }, digest.CodePath},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "SKILL.md"), []byte("x"), 0o644)
			if err := c.setup(dir); err != nil {
				t.Skip("setup:", err)
			}
			_, err := digest.Tree(dir)
			te, ok := digest.AsTreeError(err)
			if !ok || te.Code != c.code {
				t.Fatalf("Tree error = %v, want %s", err, c.code)
			}
		})
	}
}

func TestValidatePath(t *testing.T) {
	good := []string{"SKILL.md", "scripts/run.sh", ".hidden", "a/.b/c", "caf\u00e9"}
	bad := []string{"", "/abs", "../x", "a/../b", "a/./b", "./a", "a//b", "a/", ".skillsig/x", ".skillsig", "a\\b", "a\nb", "cafe\u0301", ".", ".."}
	for _, p := range good {
		if err := digest.ValidatePath(p); err != nil {
			t.Errorf("ValidatePath(%q) = %v", p, err)
		}
	}
	for _, p := range bad {
		if err := digest.ValidatePath(p); err == nil {
			t.Errorf("ValidatePath(%q) = nil", p)
		}
	}
}

func TestDiff(t *testing.T) {
	a := []digest.Entry{digest.NewEntry("a", []byte("1"), false), digest.NewEntry("b", []byte("2"), false), digest.NewEntry("c", []byte("3"), false), digest.NewEntry("d", []byte("4"), true)}
	b := []digest.Entry{digest.NewEntry("a", []byte("1"), false), digest.NewEntry("b", []byte("x"), false), digest.NewEntry("d", []byte("4"), false), digest.NewEntry("e", []byte("5"), false)}
	want := []digest.Change{{Path: "b", Kind: digest.Modified}, {Path: "c", Kind: digest.Removed}, {Path: "d", Kind: digest.ModeChanged}, {Path: "e", Kind: digest.Added}}
	if diff := cmp.Diff(want, digest.Diff(a, b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func FuzzValidatePath(f *testing.F) {
	for _, s := range []string{"SKILL.md", "../x", "a/b/c", "caf\u00e9", ".skillsig/a", "a\\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if digest.ValidatePath(p) != nil {
			return
		}
		// An accepted path must stay inside the tree and be digestable.
		if strings.HasPrefix(p, "/") || strings.Contains("/"+p+"/", "/../") || strings.ContainsAny(p, "\n\r\\") {
			t.Fatalf("accepted %q", p)
		}
		if _, err := digest.Sum([]digest.Entry{digest.NewEntry(p, nil, false)}); err != nil {
			t.Fatalf("accepted %q but Sum fails: %v", p, err)
		}
	})
}
