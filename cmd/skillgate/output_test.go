package main

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteOutputSpecialFiles: --output to a device or FIFO writes in
// place; it must never replace the node with a regular file (renaming a
// temporary file over /dev/null did exactly that). The FIFO stands in for
// /dev/null so that a regression cannot damage the test machine.
func TestWriteOutputSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan []byte)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- data
	}()
	if err := writeOutput(nil, fifo, []byte("report\n")); err != nil {
		t.Fatal(err)
	}
	if data := <-got; !bytes.Equal(data, []byte("report\n")) {
		t.Errorf("fifo got %q", data)
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
	// A regular file is replaced atomically and keeps no temporary files.
	reg := filepath.Join(dir, "r.json")
	os.WriteFile(reg, []byte("old"), 0o644)
	if err := writeOutput(nil, reg, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(reg); string(data) != "new" {
		t.Errorf("regular file holds %q", data)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("leftover files: %v", ents)
	}
	if err := writeOutput(nil, dir, []byte("x")); err == nil {
		t.Error("writing a report over a folder succeeded")
	}
}
