// Package finding holds the vocabulary every other package speaks: a
// [Finding] with its [Severity], [Confidence], [Category] and [Location],
// the [Trace] that leads a reviewer from source to sink, and the
// [Capabilities] a skill exercises.
//
// It has no dependencies beyond the standard library so that every package
// may import it. It makes no decisions: rules, severities and verdicts are
// owned by the rules and scan packages.
package finding
