//go:build linux && cgo

package linux

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"skillgate.dev/skillgate/runner"
	"skillgate.dev/skillgate/runner/gate"
	"skillgate.dev/skillgate/signing/digest"
)

// TestTOCTOU changes the source after verification — new bytes, then the
// whole folder swapped for a symlink to an evil one — and checks that the
// sandbox still sees exactly the verified bytes.
func TestTOCTOU(t *testing.T) {
	needSandbox(t)
	for _, swap := range []string{"rewrite", "symlink-swap"} {
		t.Run(swap, func(t *testing.T) {
			tmp := t.TempDir()
			src := filepath.Join(tmp, "skills", "toctou")
			os.MkdirAll(src, 0o755)
			os.WriteFile(filepath.Join(src, "SKILL.md"), []byte("---\nname: toctou\n---\n"), 0o644)
			os.WriteFile(filepath.Join(src, "run.sh"), []byte("echo verified bytes\n"), 0o755)
			evil := filepath.Join(tmp, "evil")
			os.Mkdir(evil, 0o755)
			os.WriteFile(filepath.Join(evil, "SKILL.md"), []byte("---\nname: toctou\n---\n"), 0o644)
			os.WriteFile(filepath.Join(evil, "run.sh"), []byte("echo EVIL\n"), 0o755)

			var verified string
			v := gate.VerifierFunc(func(ctx context.Context, name, dir string, entries []digest.Entry) (*gate.Approval, error) {
				sum, err := digest.Sum(entries)
				if err != nil {
					return nil, err
				}
				verified = sum
				// The attacker strikes between verification and mount.
				switch swap {
				case "rewrite":
					os.WriteFile(filepath.Join(src, "run.sh"), []byte("echo EVIL\n"), 0o755)
					os.WriteFile(filepath.Join(src, "extra.sh"), []byte("echo EVIL\n"), 0o755)
				case "symlink-swap":
					os.Rename(src, src+".old")
					os.Symlink(evil, src)
				}
				return &gate.Approval{Name: name, Digest: sum}, nil
			})
			vd, err := gate.StageAndVerify(context.Background(), src, filepath.Join(tmp, "stage"), v)
			if err != nil {
				t.Fatal(err)
			}
			defer gate.Remove(vd.Dir)
			var out bytes.Buffer
			res, err := (&Backend{}).Run(context.Background(), runner.Profile{SkillDir: vd.Dir,
				Command: []string{"/bin/sh", "-c", "sh /skill/run.sh; ls /skill; sha256sum /skill/run.sh"}},
				runner.IO{Stdout: &out, Stderr: &out})
			if err != nil || res.ExitCode != 0 {
				t.Fatalf("run: %v %+v\n%s", err, res, out.String())
			}
			want := "verified bytes\nSKILL.md\nrun.sh\n"
			if got := out.String(); !bytes.HasPrefix([]byte(got), []byte(want)) || bytes.Contains([]byte(got), []byte("EVIL")) || bytes.Contains([]byte(got), []byte("extra")) {
				t.Errorf("sandbox saw:\n%s\nwant prefix:\n%s", got, want)
			}
			again, err := gate.Stage(context.Background(), vd.Dir, filepath.Join(tmp, "again"), gate.Limits{})
			if err != nil || again.Digest != verified {
				t.Errorf("mounted tree %v differs from the verified %s (%v)", again, verified, err)
			}
		})
	}
}
