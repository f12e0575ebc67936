package gate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"skillgate.dev/skillgate/signing/digest"
)

func writeSkill(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		mode := os.FileMode(0o644)
		if strings.HasSuffix(p, ".sh") {
			mode = 0o755
		}
		if err := os.WriteFile(full, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStageHashesWhatItCopies(t *testing.T) {
	src := filepath.Join(t.TempDir(), "s")
	writeSkill(t, src, map[string]string{"SKILL.md": "---\nname: s\n---\n", "scripts/run.sh": "echo hi\n",
		".skillsig/approvals/k.sigstore.json": "{}"})
	dst := filepath.Join(t.TempDir(), "stage")
	st, err := Stage(context.Background(), src, dst, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer Remove(dst)
	want := []digest.Entry{
		digest.NewEntry("SKILL.md", []byte("---\nname: s\n---\n"), false),
		digest.NewEntry("scripts/run.sh", []byte("echo hi\n"), true),
	}
	wantSum, _ := digest.Sum(want)
	if st.Digest != wantSum || len(st.Entries) != 2 {
		t.Errorf("digest %s entries %v, want %s", st.Digest, st.Entries, wantSum)
	}
	for p, mode := range map[string]os.FileMode{"SKILL.md": 0o444, "scripts/run.sh": 0o555, "scripts": 0o555 | os.ModeDir, ".": 0o555 | os.ModeDir} {
		fi, err := os.Lstat(filepath.Join(dst, p))
		if err != nil || fi.Mode() != mode {
			t.Errorf("%s: mode %v, want %v (%v)", p, fi.Mode(), mode, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dst, ".skillsig/approvals/k.sigstore.json")); err != nil {
		t.Errorf(".skillsig not copied for the verifier: %v", err)
	}
}

func TestStageRejects(t *testing.T) {
	cases := map[string]struct {
		setup func(t *testing.T, src string)
		code  string
	}{
		"symlink":     {func(t *testing.T, src string) { os.Symlink("/etc/passwd", filepath.Join(src, "link")) }, CodeTreeSymlink},
		"dir-symlink": {func(t *testing.T, src string) { os.Symlink("/etc", filepath.Join(src, "etc")) }, CodeTreeSymlink},
		"hardlink": {func(t *testing.T, src string) {
			os.WriteFile(filepath.Join(t.TempDir(), "x"), nil, 0o644)
			os.Link(filepath.Join(src, "SKILL.md"), filepath.Join(src, "again.md"))
		}, CodeTreeSpecial},
		"fifo":   {func(t *testing.T, src string) { syscall.Mkfifo(filepath.Join(src, "fifo"), 0o644) }, CodeTreeSpecial},
		"setuid": {func(t *testing.T, src string) { os.Chmod(filepath.Join(src, "SKILL.md"), 0o4755|os.ModeSetuid) }, CodeTreeSpecial},
		"case-collision": {func(t *testing.T, src string) {
			os.WriteFile(filepath.Join(src, "skill.md"), nil, 0o644)
		}, CodeTreePath},
		"not-nfc": {func(t *testing.T, src string) { os.WriteFile(filepath.Join(src, "cafe\u0301.md"), nil, 0o644) }, CodeTreePath},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if runtime.GOOS != "linux" && name == "fifo" {
				t.Skip("mkfifo")
			}
			src := filepath.Join(t.TempDir(), "s")
			writeSkill(t, src, map[string]string{"SKILL.md": "x"})
			c.setup(t, src)
			dst := filepath.Join(t.TempDir(), "stage")
			_, err := Stage(context.Background(), src, dst, Limits{})
			if Code(err) != c.code {
				t.Fatalf("want %s, got %v", c.code, err)
			}
			if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("partial stage left behind")
			}
			if _, err := os.Stat(filepath.Join(src, "SKILL.md")); err != nil {
				t.Errorf("source touched: %v", err)
			}
		})
	}
	t.Run("root-symlink", func(t *testing.T) {
		real := filepath.Join(t.TempDir(), "s")
		writeSkill(t, real, map[string]string{"SKILL.md": "x"})
		link := filepath.Join(t.TempDir(), "link")
		os.Symlink(real, link)
		if _, err := Stage(context.Background(), link, filepath.Join(t.TempDir(), "st"), Limits{}); Code(err) != CodeTreeSymlink {
			t.Fatalf("want E_TREE_SYMLINK, got %v", err)
		}
	})
	t.Run("limits", func(t *testing.T) {
		src := filepath.Join(t.TempDir(), "s")
		writeSkill(t, src, map[string]string{"SKILL.md": strings.Repeat("x", 2000)})
		if _, err := Stage(context.Background(), src, filepath.Join(t.TempDir(), "st"), Limits{MaxFiles: 10, MaxBytes: 1000, MaxDepth: 4}); Code(err) != CodeTreeLimit {
			t.Fatalf("want E_TREE_LIMIT, got %v", err)
		}
	})
}

// fakeVerifier approves skills whose SKILL.md says "approved".
func fakeVerifier() Verifier {
	return VerifierFunc(func(ctx context.Context, name, dir string, entries []digest.Entry) (*Approval, error) {
		b, err := os.ReadFile(filepath.Join(dir, "SKILL.md"))
		if err != nil || !strings.Contains(string(b), "approved") {
			return nil, &Error{Code: "E_NO_APPROVAL", Err: errors.New("no approval")}
		}
		sum, err := digest.Sum(entries)
		return &Approval{Name: name, Digest: sum, Network: []string{"api.example.com:443"}}, err
	})
}

func TestDir(t *testing.T) {
	skills := t.TempDir()
	writeSkill(t, filepath.Join(skills, "good"), map[string]string{"SKILL.md": "approved"})
	writeSkill(t, filepath.Join(skills, "unsigned"), map[string]string{"SKILL.md": "nope"})
	writeSkill(t, filepath.Join(skills, "Bad_Name"), map[string]string{"SKILL.md": "approved"})
	writeSkill(t, filepath.Join(skills, "linky"), map[string]string{"SKILL.md": "approved"})
	os.Symlink("/etc/passwd", filepath.Join(skills, "linky", "passwd"))
	os.Symlink(filepath.Join(skills, "good"), filepath.Join(skills, "alias"))
	stage := filepath.Join(t.TempDir(), "stage")
	for round := 0; round < 2; round++ { // a second run replaces the stage
		rep, err := Dir(context.Background(), DirOptions{Skills: skills, Stage: stage, Verifier: fakeVerifier()})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Mounts) != 1 || rep.Mounts[0].Name != "good" || rep.Mounts[0].Target != "/home/node/.claude/skills/good" ||
			rep.Mounts[0].Source != filepath.Join(stage, "good") || !rep.Mounts[0].ReadOnly {
			t.Fatalf("mounts: %+v", rep.Mounts)
		}
		codes := map[string]string{}
		for _, r := range rep.Refused {
			codes[r.Name] = r.Code
		}
		want := map[string]string{"alias": CodeTreeSymlink, "linky": CodeTreeSymlink, "unsigned": "E_NO_APPROVAL", "Bad_Name": CodeTreePath}
		for k, v := range want {
			if codes[k] != v {
				t.Errorf("refused %s: %q, want %q (all: %v)", k, codes[k], v, codes)
			}
		}
		args := strings.Join(rep.DockerArgs(), " ")
		if args != "-v "+filepath.Join(stage, "good")+":/home/node/.claude/skills/good:ro" {
			t.Errorf("docker args %q", args)
		}
	}
	// Refused skills are never deleted; nothing of them is staged.
	for _, n := range []string{"unsigned", "linky", "Bad_Name"} {
		if _, err := os.Stat(filepath.Join(skills, n, "SKILL.md")); err != nil {
			t.Errorf("%s deleted: %v", n, err)
		}
	}
	ents, _ := os.ReadDir(stage)
	if len(ents) != 1 {
		t.Errorf("stage holds %d entries, want only good", len(ents))
	}
	if fi, _ := os.Stat(stage); fi.Mode().Perm() != 0o700 {
		t.Errorf("stage root mode %v", fi.Mode())
	}
}

func TestStageAndVerifyDigestMismatch(t *testing.T) {
	src := filepath.Join(t.TempDir(), "s")
	writeSkill(t, src, map[string]string{"SKILL.md": "approved"})
	liar := VerifierFunc(func(ctx context.Context, name, dir string, entries []digest.Entry) (*Approval, error) {
		return &Approval{Name: name, Digest: "sha256:00"}, nil
	})
	stage := t.TempDir()
	if _, err := StageAndVerify(context.Background(), src, stage, liar); Code(err) != "E_TREE_MISMATCH" {
		t.Fatalf("want E_TREE_MISMATCH, got %v", err)
	}
	if ents, _ := os.ReadDir(stage); len(ents) != 0 {
		t.Errorf("refused stage left behind: %v", ents)
	}
}

func TestMountAllowlist(t *testing.T) {
	blocked, err := ParseMountAllowlist(strings.NewReader(`{"allowedRoots":[{"path":"~/projects","allowReadWrite":true}],"blockedPatterns":["password","  "],"nonMainReadOnly":true}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(blocked) != len(DefaultBlockedPatterns)+1 || blocked[len(blocked)-1] != "password" {
		t.Errorf("patterns: %v", blocked)
	}
	if _, err := ParseMountAllowlist(strings.NewReader(`{"blockedPatterns": "x"}`)); err == nil {
		t.Errorf("invalid allowlist accepted")
	}
	home := t.TempDir()
	for _, d := range []string{"work", ".ssh", "my-credentials", "passwords", "proj/.env.d"} {
		os.MkdirAll(filepath.Join(home, d), 0o755)
	}
	os.Symlink(filepath.Join(home, ".ssh"), filepath.Join(home, "innocent"))
	if _, err := CheckExtraMount(filepath.Join(home, "work"), blocked); err != nil {
		t.Errorf("work refused: %v", err)
	}
	for _, d := range []string{".ssh", "my-credentials", "passwords", "proj/.env.d", "innocent"} {
		if _, err := CheckExtraMount(filepath.Join(home, d), blocked); Code(err) != "E_MOUNT_BLOCKED" {
			t.Errorf("%s: want E_MOUNT_BLOCKED, got %v", d, err)
		}
	}
	pats, err := LoadMountAllowlist(filepath.Join(home, "missing.json"))
	if err != nil || len(pats) != len(DefaultBlockedPatterns) {
		t.Errorf("missing file: %v %v", pats, err)
	}
}

func TestNormalizeHostPort(t *testing.T) {
	for in, want := range map[string]string{"api.example.com": "api.example.com:443", "api.example.com:8443": "api.example.com:8443",
		"https://api.example.com/v1": "api.example.com:443", "http://h.example.com": "h.example.com:80"} {
		if got := NormalizeHostPort(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func FuzzParseMountAllowlist(f *testing.F) {
	f.Add([]byte(`{"blockedPatterns":["a",".ssh"]}`))
	f.Add([]byte(`{"allowedRoots":[{"path":"/x"}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pats, err := ParseMountAllowlist(strings.NewReader(string(data)))
		if err == nil && len(pats) < len(DefaultBlockedPatterns) {
			t.Fatalf("defaults dropped: %v", pats)
		}
	})
}
