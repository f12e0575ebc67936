// Package dyncode defines an Analyzer for code that escapes what a
// reviewer can read in Go source: plugin.Open loading native code
// (SG2006), `//go:linkname` pulls of runtime internals, cgo (`import "C"`
// and `#cgo` directives) and unsafe pointer conversions in skill code
// (SG2300), and process or network calls made through reflection
// (SG6002).
package dyncode
