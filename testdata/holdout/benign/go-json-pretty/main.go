package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	min := flag.Bool("min", false, "minify")
	flag.Parse()
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var out bytes.Buffer
	if *min {
		err = json.Compact(&out, in)
	} else {
		err = json.Indent(&out, in, "", "  ")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "invalid JSON:", err)
		os.Exit(1)
	}
	out.WriteByte('\n')
	os.Stdout.Write(out.Bytes())
}
