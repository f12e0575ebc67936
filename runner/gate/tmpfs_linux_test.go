package gate

import (
	"syscall"
	"testing"
)

func TestScratchDirIsMemoryBacked(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir()) // a disk folder here: passed over
	d := ScratchDir()
	if d == "" {
		t.Skip("no writable tmpfs on this host: the system temp folder is used")
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(d, &st); err != nil || st.Type != tmpfsMagic {
		t.Errorf("ScratchDir() = %q, not a tmpfs", d)
	}
	t.Setenv("XDG_RUNTIME_DIR", d)
	if got := ScratchDir(); got != d {
		t.Errorf("XDG_RUNTIME_DIR on tmpfs: got %q, want %q", got, d)
	}
}
