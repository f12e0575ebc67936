// Package scan runs the whole pipeline over a set of paths: discover the
// skills, load each one, run the analyzers and the dependency checks,
// apply the policy (rules on or off, severity overrides), the inline
// suppressions and the baseline, and decide each skill's verdict.
//
// [Run] is the one entry point; cmd/skillgate turns flags into [Options]
// and the [Result] into a report and an exit code. Skills are processed
// by a bounded worker pool, and the result does not depend on the number
// of workers: skills are reported in path order, findings in path, line,
// column and rule order, with no timestamps.
//
// Verdicts follow DESIGN 4.2: block if any unsuppressed finding is high or
// critical, review if any is medium, else pass; a skill whose analysis is
// incomplete never passes.
package scan
