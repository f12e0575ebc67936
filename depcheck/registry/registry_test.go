package registry

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		eco, name string
		known     bool
		popular   bool
	}{
		{PyPI, "requests", true, true},
		{PyPI, "Requests", true, true},
		{PyPI, "python_dateutil", true, true},
		{PyPI, "Python.Dateutil", true, true},
		{PyPI, "fastapi-auth-helper-pro", false, false},
		{PyPI, "0", true, false}, // the first name of the list
		{NPM, "lodash", true, true},
		{NPM, "@types/node", true, true},
		{NPM, "crossenv", true, false},
		{NPM, "express-rate-guard-pro", false, false},
		{Go, "github.com/spf13/cobra", true, true},
		{Go, "github.com/spf13/cobar", false, false},
	} {
		info, err := Lookup(tc.eco, tc.name)
		if err != nil {
			t.Fatal(err)
		}
		if info.Known != tc.known || info.Popular(tc.eco) != tc.popular {
			t.Errorf("%s %s: known=%v popular=%v, want %v %v (%+v)", tc.eco, tc.name, info.Known, info.Popular(tc.eco), tc.known, tc.popular, info)
		}
	}
}

func TestEveryBlockBoundary(t *testing.T) {
	b, err := PyPIBlocked()
	if err != nil {
		t.Fatal(err)
	}
	for i, first := range b.firsts {
		if _, ok, err := b.Find(first); !ok || err != nil {
			t.Fatalf("block %d: first name %q not found (%v)", i, first, err)
		}
	}
}

func TestKnownMalicious(t *testing.T) {
	got := func(eco, name, v string) int { return len(KnownMalicious(eco, name, v)) }
	if got(NPM, "flatmap-stream", "") != 1 || got(NPM, "crossenv", "1.0.0") == 0 {
		t.Error("whole-package entries must match any version")
	}
	if got(NPM, "event-stream", "3.3.6") != 1 || got(NPM, "event-stream", "4.0.1") != 0 || got(NPM, "event-stream", "") != 0 {
		t.Error("release entries must match only their versions")
	}
	if got(PyPI, "JeIlyfish", "") != 1 || got(PyPI, "jellyfish", "") != 0 {
		t.Error("PyPI names are compared normalised")
	}
}

func TestSources(t *testing.T) {
	s := Sources()
	for _, eco := range []string{PyPI, NPM, Go} {
		if s[eco].Date == "" || s[eco].Count == 0 {
			t.Errorf("%s: %+v", eco, s[eco])
		}
	}
}

func TestDecodeListRejectsGarbage(t *testing.T) {
	if _, err := DecodeList([]byte("not gzip")); err == nil {
		t.Error("garbage decoded")
	}
	if _, err := NewBlocked([]byte("x"), nil); err == nil {
		t.Error("garbage index decoded")
	}
}

func TestNormalize(t *testing.T) {
	got := []string{NormalizePyPI("Foo__Bar.baz"), NormalizePyPI("a-_-b"), NormalizeNPM(" Lodash ")}
	if d := cmp.Diff([]string{"foo-bar-baz", "a-b", "lodash"}, got); d != "" {
		t.Error(d)
	}
}
