package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// Exit codes (DESIGN 4.1).
const (
	exitOK     = 0
	exitFailed = 1
	exitError  = 2
)

// exitErr carries an exit code and optional hints out of a command.
// Failed checks (a blocking verdict, a verification failure) use code 1
// and may have an empty message when the report already said it all.
type exitErr struct {
	code  int
	msg   string
	hints []string
}

func (e *exitErr) Error() string { return e.msg }

// usageErr is a usage mistake: exit 2 with hints.
func usageErr(msg string, hints ...string) error {
	return &exitErr{code: exitError, msg: msg, hints: hints}
}

// failErr is a failed check: exit 1.
func failErr(msg string, hints ...string) error {
	return &exitErr{code: exitFailed, msg: msg, hints: hints}
}

// printErr prints err in the house style and returns its exit code.
func printErr(stderr io.Writer, err error) int {
	var e *exitErr
	if errors.As(err, &e) {
		if e.msg != "" {
			fmt.Fprintf(stderr, "skillgate: error: %s\n", e.msg)
		}
		for _, h := range e.hints {
			fmt.Fprintf(stderr, "skillgate: hint: %s\n", h)
		}
		return e.code
	}
	fmt.Fprintf(stderr, "skillgate: error: %v\n", err)
	return exitError
}

func warningf(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "skillgate: warning: "+format+"\n", args...)
}

// isTerminal reports whether f is a terminal and we are not in CI.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd())) && os.Getenv("CI") == "" && os.Getenv("NO_COLOR") == ""
}
