package golang

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// FuzzCheck feeds arbitrary source to the driver: whatever the input, it
// must not panic and must not fail (parse errors become SG8102).
func FuzzCheck(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(corpusRoot, "*", "go-*", "*.go"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("package main\nfunc f( {"))
	f.Add([]byte("package main\nimport \"C\"\n//go:linkname x y\nfunc x()\n"))
	// Load the standard library once per worker before fuzzing, so that
	// the first input is not mistaken for a hang.
	if _, err := Check(context.Background(), []Source{{Name: "w.go", Src: []byte("package w\nimport (_ \"net/http\"; _ \"os/exec\")\n")}}, Passes()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := Check(context.Background(), []Source{{Name: "f.go", Src: src}}, Passes()); err != nil {
			t.Fatal(err)
		}
	})
}

// TestConcurrent scans skills in parallel over the shared standard
// library cache (run with -race).
func TestConcurrent(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(corpusRoot, "*", "go-*"))
	var wg sync.WaitGroup
	for _, dir := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var srcs []Source
			files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
			for _, p := range files {
				b, _ := os.ReadFile(p)
				srcs = append(srcs, Source{Name: filepath.Base(p), Src: b})
			}
			if _, err := Check(context.Background(), srcs, Passes()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

// FuzzCheckProgram feeds two packages of one program that may import
// each other (in cycles, with errors): the driver must not panic or fail.
func FuzzCheckProgram(f *testing.F) {
	f.Add([]byte("package a\n\nimport \"m.test/b\"\n\nfunc A() string { return b.B() }\n"), []byte("package b\n\nimport (\"os\"; \"m.test/a\")\n\nfunc B() string { return a.A() + os.Getenv(\"AWS_SECRET_ACCESS_KEY\") }\n"))
	f.Add([]byte("package a\n\nimport (\"net\"; \"m.test/b\")\n\nfunc main() { for _, x := range b.L { net.LookupHost(x) } }\n"), []byte("package b\n\nvar L = []string{\"a\", \"b\"}\n"))
	f.Add([]byte("package a\nfunc f( {"), []byte("package a\n"))
	if _, err := Check(context.Background(), []Source{{Name: "w.go", Src: []byte("package w\nimport (_ \"net/http\"; _ \"os/exec\")\n")}}, Passes()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		srcs := []Source{{Name: "a/a.go", ImportPath: "m.test/a", Src: a}, {Name: "b/b.go", ImportPath: "m.test/b", Src: b}}
		if _, err := Check(context.Background(), srcs, Passes()); err != nil {
			t.Fatal(err)
		}
	})
}
