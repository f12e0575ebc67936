// Package lazyre compiles a regular expression on first use instead of
// at program start. Analyzer packages hold dozens of large expressions;
// compiling them eagerly made every skillgate process — including the
// sandbox's PID 1, which never scans — pay for all of them. A bad pattern
// still fails loudly: the first use panics, and every package's tests use
// its expressions.
package lazyre

import (
	"regexp"
	"sync"
)

// RE is a regular expression compiled on first use; it is safe for
// concurrent use.
type RE struct {
	once sync.Once
	expr string
	re   *regexp.Regexp
}

// New returns a lazily compiled expression.
func New(expr string) *RE { return &RE{expr: expr} }

// R returns the compiled expression.
func (l *RE) R() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}
