package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
)

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		os.Exit(1)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, in, "", "  "); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	out.WriteTo(os.Stdout)
}
