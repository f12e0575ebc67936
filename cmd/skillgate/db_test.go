package main

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDBCommand runs `db update` against a local server and `db status`
// on the result; nothing leaves the machine.
func TestDBCommand(t *testing.T) {
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, _ := zw.Create("GHSA-x.json")
	w.Write([]byte(`{"id":"GHSA-x","affected":[{"package":{"ecosystem":"PyPI","name":"x"},"versions":["1.0"]}]}`))
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/PyPI/all.zip" {
			http.NotFound(rw, r)
			return
		}
		rw.Write(z.Bytes())
	}))
	defer srv.Close()
	dir := t.TempDir()

	exec := func(args ...string) (string, string, error) {
		cmd := newDBCmd()
		var out, errOut bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&errOut)
		cmd.SetArgs(args)
		err := cmd.ExecuteContext(context.Background())
		return out.String(), errOut.String(), err
	}
	out, _, err := exec("status", "--osv-db", dir)
	if err != nil || !strings.Contains(out, "PyPI  missing") {
		t.Fatalf("status before update: %v\n%s", err, out)
	}
	out, stderr, err := exec("update", "--osv-db", dir, "--url", srv.URL, "--ecosystem", "PyPI")
	if err != nil {
		t.Fatalf("update: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "PyPI  1 records") || !strings.Contains(stderr, "downloading the PyPI database") {
		t.Errorf("update output:\n%s\n%s", out, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "osv-scalibr", "PyPI", "all.zip")); err != nil {
		t.Error(err)
	}
	if _, _, err := exec("update", "--osv-db", dir, "--url", srv.URL, "--ecosystem", "npm"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("a failed download must be an error, got %v", err)
	}
	if out, _, _ := exec("status", "--osv-db", dir); !strings.Contains(out, "PyPI  1 records") || !strings.Contains(out, "npm   missing") {
		t.Errorf("status after a failed update:\n%s", out)
	}
}
