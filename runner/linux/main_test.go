//go:build linux

package linux

import (
	"os"
	"testing"
)

// TestMain makes the test binary the sandbox's PID 1 when re-executed.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == InitArg {
		Init()
	}
	os.Exit(m.Run())
}
