// Package initeffect defines an Analyzer for side effects that run when a
// package is loaded, before main decides anything (SG2009): network use
// or process execution in init functions and package-level initializers
// (`var _ = beacon()`), followed through the package's own functions,
// closures and goroutines started there.
package initeffect
