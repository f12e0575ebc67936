// Command genrulesdoc writes docs/rules.md from the embedded rule catalog
// (run through `go generate ./rules`).
package main

import (
	"flag"
	"fmt"
	"os"

	"skillgate.dev/skillgate/rules"
)

func main() {
	out := flag.String("o", "docs/rules.md", "output file")
	flag.Parse()
	cat, err := rules.Load()
	if err != nil {
		fmt.Fprintf(os.Stderr, "genrulesdoc: error: %v\n", err)
		os.Exit(2)
	}
	if err := os.WriteFile(*out, cat.Markdown(), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "genrulesdoc: error: %v\n", err)
		os.Exit(2)
	}
}
