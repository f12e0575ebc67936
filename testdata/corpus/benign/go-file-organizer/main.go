package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		ext := strings.TrimPrefix(filepath.Ext(e.Name()), ".")
		if ext == "" {
			continue
		}
		os.MkdirAll(filepath.Join(dir, ext), 0o755)
		os.Rename(filepath.Join(dir, e.Name()), filepath.Join(dir, ext, e.Name()))
	}
}
