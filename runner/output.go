package runner

import (
	"errors"
	"io"
	"os/exec"
	"sync"
	"syscall"
)

// CapWriter passes at most Limit bytes to its sink, then discards the rest
// and calls OnExceed once (backends use it to kill the sandbox). Memory
// stays bounded: nothing is buffered here, so a multi-gigabyte flood costs
// the runner nothing.
type CapWriter struct {
	mu       sync.Mutex
	w        io.Writer
	limit, n int64
	exceeded bool
	// OnExceed, when set, runs in its own goroutine the first time the
	// limit is reached.
	OnExceed func()
}

// NewCapWriter caps w (nil: discard) at limit bytes.
func NewCapWriter(w io.Writer, limit int64) *CapWriter {
	if w == nil {
		w = io.Discard
	}
	return &CapWriter{w: w, limit: limit}
}

// Write never fails: a failing or full sink must not stall the sandbox.
func (c *CapWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.exceeded {
		return len(p), nil
	}
	if room := c.limit - c.n; int64(len(p)) > room {
		if room > 0 {
			c.w.Write(p[:room])
			c.n += room
		}
		c.exceeded = true
		if c.OnExceed != nil {
			go c.OnExceed()
		}
		return len(p), nil
	}
	c.n += int64(len(p))
	c.w.Write(p)
	return len(p), nil
}

// Exceeded reports whether output was cut.
func (c *CapWriter) Exceeded() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.exceeded
}

// SetExit fills res's exit code and signal from the error of waiting for
// the sandbox's first process. Errors other than an exit status are
// returned.
func SetExit(res *Result, werr error) error {
	var ee *exec.ExitError
	switch {
	case werr == nil:
	case errors.As(werr, &ee):
		ws := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			res.Signal = ws.Signal().String()
			res.ExitCode = 128 + int(ws.Signal())
		} else {
			res.ExitCode = ws.ExitStatus()
		}
	default:
		return werr
	}
	return nil
}
