package golang

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// typicalSkill is a single-package skill: an HTTP client with a token,
// a git call, a config file.
func typicalSkill(tb testing.TB) []Source {
	tb.Helper()
	dir := filepath.Join("..", "..", "testdata", "corpus", "benign", "go-weather-client")
	var out []Source
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range ents {
		if filepath.Ext(e.Name()) == ".go" {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, Source{Name: e.Name(), Src: b})
		}
	}
	return out
}

// TestColdWarm measures one cold scan (standard library loaded from
// source) and the warm per-skill time, and holds the warm time to a
// generous bound so regressions show.
func TestColdWarm(t *testing.T) {
	srcs := typicalSkill(t)
	start := time.Now()
	if _, err := Check(context.Background(), srcs, Passes()); err != nil {
		t.Fatal(err)
	}
	cold := time.Since(start)
	const n = 20
	start = time.Now()
	for i := 0; i < n; i++ {
		if _, err := Check(context.Background(), srcs, Passes()); err != nil {
			t.Fatal(err)
		}
	}
	warm := time.Since(start) / n
	t.Logf("cold %v (includes the shared std cache, unless another test loaded it), warm %v per skill", cold, warm)
	if warm > 200*time.Millisecond {
		t.Errorf("warm scan took %v", warm)
	}
}

// BenchmarkWarm is the per-skill time once the standard library is cached.
func BenchmarkWarm(b *testing.B) {
	srcs := typicalSkill(b)
	if _, err := Check(context.Background(), srcs, Passes()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Check(context.Background(), srcs, Passes()); err != nil {
			b.Fatal(err)
		}
	}
}

// programSkill is the multi-package fixture (four packages importing
// each other, one analysed twice for the arguments it receives).
func programSkill(tb testing.TB) []Source {
	tb.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "crosspkg.txtar"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []Source
	for _, f := range ar.Files {
		if filepath.Ext(f.Name) == ".go" {
			out = append(out, Source{Name: f.Name, Src: f.Data, ImportPath: importPath(map[string]string{".": "example.test/crosspkg"}, path.Dir(f.Name))})
		}
	}
	return out
}

// BenchmarkWarmProgram is the per-skill time of a multi-package skill.
func BenchmarkWarmProgram(b *testing.B) {
	srcs := programSkill(b)
	if _, err := Check(context.Background(), srcs, Passes()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Check(context.Background(), srcs, Passes()); err != nil {
			b.Fatal(err)
		}
	}
}
