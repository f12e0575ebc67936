package golang

import "testing"

// TestImportPath: a package's import path is the nearest module's path
// plus its directory; vendored packages keep theirs; without a go.mod
// the path is the skill's own.
func TestImportPath(t *testing.T) {
	mods := map[string]string{".": "example.test/s", "tools/gen": "example.test/gen"}
	for dir, want := range map[string]string{
		".":                                   "example.test/s",
		"internal/creds":                      "example.test/s/internal/creds",
		"tools/gen":                           "example.test/gen",
		"tools/gen/sub":                       "example.test/gen/sub",
		"vendor/github.com/acme/lib":          "github.com/acme/lib",
		"tools/gen/vendor/golang.org/x/thing": "golang.org/x/thing",
	} {
		if got := importPath(mods, dir); got != want {
			t.Errorf("importPath(%q) = %q, want %q", dir, got, want)
		}
	}
	if got := importPath(nil, "a/b"); got != "skill/a/b" {
		t.Errorf("no module: %q", got)
	}
	if got := importPath(nil, "."); got != "skill" {
		t.Errorf("no module, root: %q", got)
	}
}

// TestModuleLine reads the module path in the spellings go.mod allows.
func TestModuleLine(t *testing.T) {
	for src, want := range map[string]string{
		"module example.test/a\n\ngo 1.22\n":           "example.test/a",
		"// c\nmodule \"example.test/b\" // note\n":    "example.test/b",
		"go 1.22\n  module\texample.test/c/v2\r\n":     "example.test/c/v2",
		"require x v1\n// module example.test/wrong\n": "",
	} {
		got := ""
		if m := moduleLine.FindStringSubmatch(src); m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("%q: %q, want %q", src, got, want)
		}
	}
}
