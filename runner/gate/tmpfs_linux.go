package gate

import (
	"os"
	"syscall"
)

const tmpfsMagic = 0x01021994

// ScratchDir is where a run's throw-away stage root goes: a memory-backed
// folder ($XDG_RUNTIME_DIR, else /dev/shm) when there is one, because
// staging and removing a skill there costs a fraction of a disk
// filesystem's metadata writes; otherwise "" (the system temp folder).
func ScratchDir() string {
	for _, d := range []string{os.Getenv("XDG_RUNTIME_DIR"), "/dev/shm"} {
		var st syscall.Statfs_t
		if d != "" && syscall.Statfs(d, &st) == nil && st.Type == tmpfsMagic && syscall.Access(d, 2|1) == nil {
			return d
		}
	}
	return ""
}
