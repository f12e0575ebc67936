// Package goflow is the shared model the skillgate Go passes build on:
// it resolves every call of a package to the function it reaches (through
// renamed and dot imports, function variables and fields, method values,
// closures, reflection, interfaces the package declares over standard
// types, and calls into packages that could not be loaded, by import
// path and selector), folds constant strings and paths
// (filepath.Join(os.UserHomeDir(), ".ssh") becomes "~/.ssh"; a loop
// variable over a literal list, a struct field of one or a constant split
// with strings.Split, and a parameter called with several values, fold to
// each of their values, at most 64), and runs a
// flow-insensitive taint analysis across the functions, closures,
// goroutines and files of the package: which values hold secrets, network
// data, network connections or data decoded from literals, and how they
// got there (a trace: sources, encodings, calls). [BuildWith] and
// [Model.Summaries] / [Model.OutArgs] connect the models of the packages
// of one program.
//
// The other passes in analyzers/golang Require this one and judge the
// model; goflow itself reports nothing.
package goflow
