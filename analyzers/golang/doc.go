// Package golang runs skillgate's Go passes (the go/analysis analyzers in
// the subpackages) over the Go code of a skill without ever running the
// go command, compiling or fetching anything.
//
// The driver groups a skill's Go units into packages (one per directory
// and package name; the import path is the module path of the nearest
// go.mod plus the directory), parses every file — build tags are ignored, since
// the attacker controls them, and _test.go files are included — and
// type-checks with go/types. The standard library is type-checked from
// GOROOT/src by a source importer that never consults go.mod, GOFLAGS or
// GOTOOLCHAIN and is shared (and cached) by every scan in the process;
// an import of another package of the same skill resolves to that
// package, type-checked first (dependency order; an import cycle is cut
// where it closes and the import left over is treated as below); every
// other import is an empty, complete fake package, and calls into it are
// resolved by import path and selector.
//
// The packages of a skill are one program for the flow analysis: each is
// analysed with the goflow summaries (labels of results, effects) of the
// skill's packages it imports, and a package whose parameters receive
// labelled arguments from its importers is analysed once more with them,
// so a secret read in internal/creds, encoded in main and looked up in
// internal/beacon is one trace. Type errors are expected and
// collected; a file that does not parse is reported (SG8102) and the rest
// is still analysed. Passes run in dependency order with RunDespiteErrors
// semantics.
//
// [Analyzer] is the bridge into skillgate's analyzer framework: it
// converts the passes' diagnostics (whose messages start with the rule
// ID) into findings with traces, and their results into capabilities.
package golang
