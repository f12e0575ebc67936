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

var (
	mu  sync.Mutex
	all []*RE
)

// New returns a lazily compiled expression. Every expression is also
// registered, so that [CheckAll] can compile them in a test.
func New(expr string) *RE {
	l := &RE{expr: expr}
	mu.Lock()
	all = append(all, l)
	mu.Unlock()
	return l
}

// CheckAll compiles every registered expression and returns the first
// that does not compile, so that a bad pattern fails a test, not a scan.
func CheckAll() (int, error) {
	mu.Lock()
	defer mu.Unlock()
	for _, l := range all {
		if _, err := regexp.Compile(l.expr); err != nil {
			return len(all), err
		}
	}
	return len(all), nil
}

// R returns the compiled expression.
func (l *RE) R() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}
