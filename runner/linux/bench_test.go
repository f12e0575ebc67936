//go:build linux && cgo

package linux

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"skillgate.dev/skillgate/runner"
)

// BenchmarkStartToExit runs /bin/true in the native sandbox; with
// BWRAP_CMD set (scripts/bench-run.sh does) it also runs bubblewrap in
// the same benchmark for comparison.
func BenchmarkStartToExit(b *testing.B) {
	if m, _ := probe().Missing(); len(m) > 0 {
		b.Skipf("native sandbox unavailable: missing %v", m)
	}
	dir := b.TempDir()
	os.WriteFile(dir+"/SKILL.md", []byte("---\nname: bench\n---\n"), 0o444)
	b.Run("sandbox", func(b *testing.B) {
		for b.Loop() {
			res, err := (&Backend{}).Run(context.Background(), runner.Profile{SkillDir: dir, Command: []string{"/bin/true"}}, runner.IO{})
			if err != nil || res.ExitCode != 0 {
				b.Fatal(err, res)
			}
		}
	})
	if c := os.Getenv("BWRAP_CMD"); c != "" {
		args := strings.Fields(c)
		b.Run("bwrap", func(b *testing.B) {
			for b.Loop() {
				if err := exec.Command(args[0], args[1:]...).Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
