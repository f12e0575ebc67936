package golang

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// stdImporter type-checks standard-library packages from GOROOT/src. It
// is safe for concurrent use and caches every package for the life of
// the process. It uses go/build only to judge build constraints on bytes
// it has read itself (go/build never invokes the go command when its
// file-system hooks are set).
type stdImporter struct {
	ctxt build.Context
	fset *token.FileSet
	mu   sync.Mutex
	pkgs map[string]*stdEntry
	// resolved maps (importing dir, path) to the entry it resolved to,
	// so that warm imports skip go/build.
	resolved map[[2]string]*stdEntry
}

type stdEntry struct {
	done chan struct{}
	pkg  *types.Package
	err  error
}

var (
	stdOnce   sync.Once
	stdShared *stdImporter
)

// goroot returns the standard library's location: $GOROOT, else the
// toolchain this binary was built with.
func goroot() string {
	if r := os.Getenv("GOROOT"); r != "" {
		return r
	}
	return build.Default.GOROOT
}

// sharedStd returns the process-wide standard-library importer.
func sharedStd() *stdImporter {
	stdOnce.Do(func() { stdShared = newStd() })
	return stdShared
}

// newStd returns an empty standard-library importer.
func newStd() *stdImporter {
	{
		ctxt := build.Default
		ctxt.GOROOT = goroot()
		ctxt.GOPATH = ""
		ctxt.CgoEnabled = false
		ctxt.Dir = ""
		// Any file-system hook makes go/build skip `go list`.
		ctxt.OpenFile = func(p string) (io.ReadCloser, error) { return os.Open(p) }
		ctxt.ReadDir = func(dir string) ([]os.FileInfo, error) {
			ents, err := os.ReadDir(dir)
			if err != nil {
				return nil, err
			}
			infos := make([]os.FileInfo, 0, len(ents))
			for _, e := range ents {
				if fi, err := e.Info(); err == nil {
					infos = append(infos, fi)
				}
			}
			return infos, nil
		}
		return &stdImporter{ctxt: ctxt, fset: token.NewFileSet(), pkgs: map[string]*stdEntry{}, resolved: map[[2]string]*stdEntry{}}
	}
}

// isStd reports whether an import path names a standard-library package
// (no dot in its first element).
func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return p != "" && !strings.Contains(first, ".") && p != "C"
}

// Import type-checks a standard package (or returns it from the cache).
func (s *stdImporter) Import(p string) (*types.Package, error) {
	return s.ImportFrom(p, "", 0)
}

// ImportFrom implements types.ImporterFrom; dir resolves vendored paths
// inside GOROOT.
func (s *stdImporter) ImportFrom(p, dir string, _ types.ImportMode) (*types.Package, error) {
	if p == "unsafe" {
		return types.Unsafe, nil
	}
	if s.ctxt.GOROOT == "" {
		return nil, fmt.Errorf("no GOROOT for %s", p)
	}
	rkey := [2]string{dir, p}
	s.mu.Lock()
	if e := s.resolved[rkey]; e != nil {
		s.mu.Unlock()
		<-e.done
		return e.pkg, e.err
	}
	s.mu.Unlock()
	pkg, err := s.importFrom(p, dir)
	if err != nil {
		// Remember failures too, so that a missing package costs once.
		e := &stdEntry{done: make(chan struct{}), err: err}
		close(e.done)
		s.mu.Lock()
		s.resolved[rkey] = e
		s.mu.Unlock()
	}
	return pkg, err
}

func (s *stdImporter) importFrom(p, dir string) (*types.Package, error) {
	key, pdir, ok := s.locate(p)
	if !ok {
		return nil, fmt.Errorf("%s is not a standard package", p)
	}
	s.mu.Lock()
	e := s.pkgs[key]
	if e != nil {
		s.resolved[[2]string{dir, p}] = e
		s.mu.Unlock()
		<-e.done
		return e.pkg, e.err
	}
	e = &stdEntry{done: make(chan struct{})}
	s.pkgs[key] = e
	s.resolved[[2]string{dir, p}] = e
	s.mu.Unlock()
	e.pkg, e.err = s.check(key, pdir)
	close(e.done)
	return e.pkg, e.err
}

// locate finds a standard package's directory: GOROOT/src/<path>, else
// the standard library's vendor tree (golang.org/x/net/... imported by
// net/http). Only the standard library imports through here, so the
// vendor tree is the only one that applies.
func (s *stdImporter) locate(p string) (key, dir string, ok bool) {
	src := filepath.Join(s.ctxt.GOROOT, "src")
	if fi, err := os.Stat(filepath.Join(src, p)); err == nil && fi.IsDir() && isStd(p) {
		return p, filepath.Join(src, p), true
	}
	if fi, err := os.Stat(filepath.Join(src, "vendor", p)); err == nil && fi.IsDir() {
		return "vendor/" + p, filepath.Join(src, "vendor", p), true
	}
	return "", "", false
}

// sources reads the package's Go files that build for the target (tests
// and cgo files excluded), reading each file once: go/build judges the
// build constraints from the bytes already read.
func (s *stdImporter) sources(dir string) ([]string, [][]byte, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	var datas [][]byte
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, nil, err
		}
		ctxt := s.ctxt
		ctxt.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
		if ok, err := ctxt.MatchFile(dir, n); err != nil || !ok {
			continue
		}
		names = append(names, n)
		datas = append(datas, data)
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("no Go files in %s", dir)
	}
	return names, datas, nil
}

func (s *stdImporter) check(path, dir string) (*types.Package, error) {
	names, datas, err := s.sources(dir)
	if err != nil {
		return nil, err
	}
	files := make([]*ast.File, len(names))
	errs := make([]error, len(names))
	imports := map[string]bool{}
	for i, name := range names {
		files[i], errs[i] = parser.ParseFile(s.fset, filepath.Join(dir, name), datas[i], parser.SkipObjectResolution)
		if files[i] != nil {
			for _, imp := range files[i].Imports {
				imports[strings.Trim(imp.Path.Value, "\"`")] = true
			}
		}
	}
	// Load the dependencies in parallel first; the checker then finds
	// them in the cache.
	var wg sync.WaitGroup
	for imp := range imports {
		if imp == "C" || imp == "unsafe" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = s.ImportFrom(imp, dir, 0)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", names[i], err)
		}
	}
	conf := types.Config{
		Importer:                 importerFunc(func(p string) (*types.Package, error) { return s.ImportFrom(p, dir, 0) }),
		IgnoreFuncBodies:         true,
		FakeImportC:              true,
		DisableUnusedImportCheck: true,
		Error:                    func(error) {},
		Sizes:                    types.SizesFor("gc", s.ctxt.GOARCH),
		GoVersion:                "",
	}
	pkg, err := conf.Check(path, s.fset, files, nil)
	if pkg == nil {
		return nil, err
	}
	// Type errors in std (e.g. compiler intrinsics) leave a usable package.
	pkg.MarkComplete()
	return pkg, nil
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(p string) (*types.Package, error) { return f(p) }

// fakeName guesses the package name of an import path that was not
// loaded: the last element without a major-version suffix or a
// "go-"/"-go" decoration.
func fakeName(p string) string {
	elems := strings.Split(p, "/")
	n := elems[len(elems)-1]
	if len(elems) > 1 && len(n) >= 2 && n[0] == 'v' && strings.Trim(n[1:], "0123456789") == "" {
		n = elems[len(elems)-2]
	}
	if i := strings.Index(n, ".v"); i > 0 {
		n = n[:i]
	}
	n = strings.TrimPrefix(n, "go-")
	n = strings.TrimSuffix(n, "-go")
	n = strings.TrimSuffix(n, ".go")
	n = strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return -1
		}
		return r
	}, n)
	if n == "" || !token.IsIdentifier(n) {
		return "pkg"
	}
	return n
}
