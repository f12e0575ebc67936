// Package analysis defines the interface between skillgate's analyzers
// and the code that runs them, in the shape of golang.org/x/tools'
// go/analysis.
//
// An [Analyzer] is a plain value: a name, a doc string, the rule IDs it
// may report, the languages it reads and a Run function that receives a
// [Pass]. Analysis happens in two phases over [Unit]s — pieces of code
// with a language, a path and a position. Files are units; the Extract
// phase adds the code inside them (shell in SKILL.md code fences and
// `!`cmd` lines, decoded payloads) and marks bundled files that something
// runs (`sh notes.txt` makes notes.txt a shell unit whatever its
// extension). The Run phase then hands every analyzer the units in its
// languages, once per skill, so analyzers can follow flows across files.
// Findings in derived units point at the place in the real file and carry
// the chain that led there in their trace.
//
// [Run] recovers panics and turns them, like undeclared rule IDs, into
// SG8103 findings: a failing analyzer never makes a skill pass silently.
package analysis
