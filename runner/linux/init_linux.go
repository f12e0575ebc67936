//go:build linux && cgo

package linux

// The sandbox's PID 1 is init_linux.c, an ELF constructor compiled in by
// this import; this file plans what it enforces.

// #cgo CFLAGS: -O2 -Wall
import "C"

import (
	"fmt"
	"os"

	"github.com/landlock-lsm/go-landlock/landlock"
	llsys "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/sys/unix"
)

// landlockConfigs indexes go-landlock's configs by ABI; we use the highest
// one both the kernel and this list know, without best-effort.
var landlockConfigs = []landlock.Config{landlock.V1, landlock.V1, landlock.V2, landlock.V3, landlock.V4, landlock.V5, landlock.V6, landlock.V7}

// Rights of go-landlock's RODirs, RWDirs and RWFiles.
const (
	accessRead      = llsys.AccessFSExecute | llsys.AccessFSReadFile | llsys.AccessFSReadDir
	accessReadWrite = accessRead | llsys.AccessFSWriteFile | llsys.AccessFSRemoveDir | llsys.AccessFSRemoveFile |
		llsys.AccessFSMakeChar | llsys.AccessFSMakeDir | llsys.AccessFSMakeReg | llsys.AccessFSMakeSock |
		llsys.AccessFSMakeFifo | llsys.AccessFSMakeBlock | llsys.AccessFSMakeSym | llsys.AccessFSTruncate
	accessFile = llsys.AccessFSExecute | llsys.AccessFSWriteFile | llsys.AccessFSTruncate | llsys.AccessFSReadFile
)

// landlockPlan is the ruleset for the kernel's ABI: go-landlock creates it
// on the host with the handled rights (and the proxy's TCP port); PID 1
// adds the path rules, whose files exist only in the sandbox's root.
type landlockPlan struct {
	ruleset *os.File
	flags   uint32
	rules   []pathRule
	desc    string
}

func newLandlockPlan(abi int, work, proxy bool) (*landlockPlan, error) {
	use := min(abi, len(landlockConfigs)-1)
	cfg := landlockConfigs[use]
	var netRules []landlock.Rule
	if proxy && use >= 4 {
		netRules = append(netRules, landlock.ConnectTCP(3128))
	}
	fd, flags, err := cfg.NewRulesetFD(netRules...)
	if err != nil {
		return nil, fmt.Errorf("landlock ruleset: %w", err)
	}
	handled := uint64(cfg.HandledAccessFS)
	pl := &landlockPlan{ruleset: os.NewFile(uintptr(fd), "landlock-ruleset"), flags: flags}
	add := func(access uint64, optional bool, paths ...string) {
		for _, p := range paths {
			pl.rules = append(pl.rules, pathRule{Access: access & handled, Path: p, Optional: optional})
		}
	}
	add(accessRead, false, "/usr", "/etc", "/skill", "/proc")
	add(accessRead, true, "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
	add(llsys.AccessFSReadDir, false, "/", "/dev")
	add(accessReadWrite, false, "/tmp")
	add(accessReadWrite&accessFile, false, "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")
	if work {
		add(accessReadWrite, false, "/work")
	}
	pl.desc = fmt.Sprintf("landlock abi=%d (kernel %d) %s", use, abi, cfg.String())
	return pl, nil
}

// rlimitsFor lists PID 1's resource limits, inherited by the workload.
func rlimitsFor(noFile int, fileSize, as int64, nproc int, cpu uint64) ([]rlimit, string) {
	rl := []rlimit{
		{unix.RLIMIT_CORE, 0}, {unix.RLIMIT_NOFILE, uint64(noFile)}, {unix.RLIMIT_FSIZE, uint64(fileSize)},
		{unix.RLIMIT_NPROC, uint64(nproc)}, {unix.RLIMIT_AS, uint64(as)},
		{unix.RLIMIT_MEMLOCK, 0}, {unix.RLIMIT_MSGQUEUE, 0}, {unix.RLIMIT_CPU, cpu},
	}
	return rl, fmt.Sprintf("rlimits nproc=%d nofile=%d fsize=%d as=%d cpu=%ds core=0", nproc, noFile, fileSize, as, cpu)
}
