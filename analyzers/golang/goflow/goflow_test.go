package goflow

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// build type-checks src without any real imports (every import is an
// empty package), as the skillgate driver does for unresolved modules.
func build(t *testing.T, src string) (*Model, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "a.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{}}
	conf := types.Config{Error: func(error) {}, Importer: fakes{}}
	pkg, _ := conf.Check("p", fset, []*ast.File{f}, info)
	return Build(fset, []*ast.File{f}, pkg, info), f
}

type fakes struct{}

func (fakes) Import(p string) (*types.Package, error) {
	pkg := types.NewPackage(p, p[len(p)-len(lastElem(p)):])
	pkg.MarkComplete()
	return pkg, nil
}

func lastElem(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}

// TestFold checks path and string folding: home directories, joins,
// concatenation, Sprintf, decoders and byte literals.
func TestFold(t *testing.T) {
	m, f := build(t, `package p

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
)

const dir = ".aws"

func g(name string) {
	home, _ := os.UserHomeDir()
	a := filepath.Join(home, ".ssh", "id_rsa")
	b := os.Getenv("HOME") + "/" + dir + "/credentials"
	c := fmt.Sprintf("%s/.kube/%s", home, "config")
	d, _ := base64.StdEncoding.DecodeString("aWQ=")
	e := string([]byte{0x73, 0x68})
	x := filepath.Join(name, "id_rsa")
	_, _, _, _, _, _ = a, b, c, d, e, x
}
`)
	want := map[string][2]any{
		"a": {"~/.ssh/id_rsa", true}, "b": {"~/.aws/credentials", true}, "c": {"~/.kube/config", true},
		"d": {"id", true}, "e": {"sh", true}, "x": {"*/id_rsa", false},
	}
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) == 0 {
			return true
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		if !ok {
			return true
		}
		w, ok := want[id.Name]
		if !ok {
			return true
		}
		delete(want, id.Name)
		got, exact := m.Fold(as.Rhs[0])
		if got != w[0] || exact != w[1] {
			t.Errorf("%s: Fold = %q, %v; want %q, %v", id.Name, got, exact, w[0], w[1])
		}
		return true
	})
	if len(want) != 0 {
		t.Errorf("not checked: %v", want)
	}
}

// TestTaintAcrossFunctions follows a secret through a parameter, a
// return value, a closure and a channel.
func TestTaintAcrossFunctions(t *testing.T) {
	m, f := build(t, `package p

import "os"

func read() string { return os.Getenv("API_TOKEN") }

func pass(s string) string { return s + "!" }

func g() {
	ch := make(chan string)
	go func() { ch <- pass(read()) }()
	v := <-ch
	_ = v
	w := os.Getenv("HOME")
	_ = w
}
`)
	var v, w types.Object
	for id, o := range m.Info.Defs {
		switch id.Name {
		case "v":
			v = o
		case "w":
			w = o
		}
	}
	_ = f
	tv := m.ObjTaint(v)
	if !tv.Has(SecretEnv) {
		t.Fatalf("v not tainted: %+v", tv)
	}
	if steps := tv.Trace(SecretEnv); len(steps) < 3 {
		t.Errorf("short trace: %+v", steps)
	}
	if m.ObjTaint(w).Has(Sensitive) {
		t.Errorf("HOME is not a secret")
	}
}

// TestFoldAllCandidates checks that loop variables over literal lists
// (local, package-level, in a struct field, map keys) and parameters
// called with several values fold to every value, and that the number
// of candidates is bounded.
func TestFoldAllCandidates(t *testing.T) {
	var big strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&big, "%q, ", fmt.Sprintf("f%d", i))
	}
	m, f := build(t, `package p

import (
	"os"
	"path/filepath"
)

var files = []string{".aws/credentials", ".ssh/id_rsa"}

type conf struct{ dirs []string }

var c = conf{dirs: []string{"a", "b", "c"}}

var many = []string{`+big.String()+`}

func g() {
	home, _ := os.UserHomeDir()
	for _, f := range files {
		for _, d := range c.dirs {
			p1 := filepath.Join(home, d, f)
			_ = p1
		}
	}
	for k := range map[string]int{"x": 1, "y": 2} {
		p2 := "/" + k
		_ = p2
	}
	for _, a := range many {
		for _, b := range many {
			p3 := a + b
			_ = p3
		}
	}
	h(".netrc")
	h(".npmrc")
}

func h(p string) {
	p4 := "~/" + p
	_ = p4
}
`)
	want := map[string]int{"p1": 6, "p2": 2, "p3": 64, "p4": 2}
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 {
			return true
		}
		id, _ := as.Lhs[0].(*ast.Ident)
		if id == nil {
			return true
		}
		if n, ok := want[id.Name]; ok {
			got := m.FoldAll(as.Rhs[0])
			if len(got) != n {
				t.Errorf("%s: FoldAll = %d values %q; want %d", id.Name, len(got), got, n)
			}
			if id.Name == "p1" && !slices.Contains(got, "~/b/.ssh/id_rsa") {
				t.Errorf("p1: %q lacks ~/b/.ssh/id_rsa", got)
			}
			delete(want, id.Name)
		}
		return true
	})
	if len(want) != 0 {
		t.Errorf("not checked: %v", want)
	}
}
