package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/scan"
)

// Formats lists the supported formats.
var Formats = []string{"text", "json", "sarif", "markdown", "html"}

// Options tune the human formats.
type Options struct {
	// Color enables ANSI colours in text output.
	Color bool
	// Catalog supplies rule titles and help (default: the embedded one).
	Catalog *rules.Catalog
	// Base is the folder skill paths are relative to; SARIF uses it to make
	// artifact locations relative to the repository root.
	Base string
}

// Write renders res in the named format.
func Write(w io.Writer, format string, res *scan.Result, opts Options) error {
	opts = opts.withDefaults()
	switch format {
	case "json":
		return JSON(w, res)
	case "text", "":
		return Text(w, res, opts)
	case "sarif":
		return SARIF(w, res, opts)
	case "markdown", "md":
		return Markdown(w, res, opts)
	case "html":
		return HTML(w, res, opts)
	}
	return fmt.Errorf("unknown format %q (want one of %v)", format, Formats)
}

// Valid reports whether format is supported.
func Valid(format string) bool { return slices.Contains(Formats, format) || format == "md" }

// JSON writes the report of DESIGN 4.2, indented, with a final newline.
func JSON(w io.Writer, res *scan.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}

func (o Options) withDefaults() Options {
	if o.Catalog == nil {
		o.Catalog = rules.MustLoad()
	}
	return o
}
