//go:build linux && cgo

package linux

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// cgroup is one sandbox's cgroup: a v2 leaf, or a pair of v1 leaves
// (memory, pids).
type cgroup struct {
	version string
	dirs    []string // v2: [leaf]; v1: [memory leaf, pids leaf]
}

const (
	cgroupRoot = "/sys/fs/cgroup"
	cgroupName = "skillgate"
)

// v2Root returns the cgroup2 mount that has memory and pids enabled for
// children, or "".
func v2Root() string {
	for _, root := range []string{cgroupRoot, filepath.Join(cgroupRoot, "unified")} {
		b, err := os.ReadFile(filepath.Join(root, "cgroup.controllers"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(b))
		if contains(f, "memory") && contains(f, "pids") {
			return root
		}
	}
	return ""
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// probeCgroup says which cgroup version can limit memory and pids here.
func probeCgroup() string {
	if os.Geteuid() != 0 {
		return "" // no delegated subtree support yet: warned, not hidden
	}
	if v2Root() != "" {
		return "v2"
	}
	m, err1 := os.Stat(filepath.Join(cgroupRoot, "memory", "memory.limit_in_bytes"))
	p, err2 := os.Stat(filepath.Join(cgroupRoot, "pids", "cgroup.procs"))
	if err1 == nil && err2 == nil && m.Mode().IsRegular() && p.Mode().IsRegular() {
		return "v1"
	}
	return ""
}

func writeFile(p, v string) error {
	if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
		return fmt.Errorf("cgroup: %w", err)
	}
	return nil
}

// newCgroup creates the sandbox's cgroup with its limits.
func newCgroup(version, id string, memory int64, pids int) (*cgroup, error) {
	switch version {
	case "v2":
		root := v2Root()
		parent := filepath.Join(root, cgroupName)
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, err
		}
		if err := writeFile(filepath.Join(parent, "cgroup.subtree_control"), "+memory +pids"); err != nil {
			return nil, err
		}
		leaf := filepath.Join(parent, id)
		if err := os.Mkdir(leaf, 0o755); err != nil {
			return nil, err
		}
		cg := &cgroup{version: "v2", dirs: []string{leaf}}
		for f, v := range map[string]string{"memory.max": strconv.FormatInt(memory, 10), "memory.swap.max": "0", "pids.max": strconv.Itoa(pids)} {
			if err := writeFile(filepath.Join(leaf, f), v); err != nil && f != "memory.swap.max" {
				cg.remove()
				return nil, err
			}
		}
		return cg, nil
	case "v1":
		mem := filepath.Join(cgroupRoot, "memory", cgroupName, id)
		pid := filepath.Join(cgroupRoot, "pids", cgroupName, id)
		cg := &cgroup{version: "v1"}
		for _, d := range []string{mem, pid} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				cg.remove()
				return nil, err
			}
			cg.dirs = append(cg.dirs, d)
		}
		if err := writeFile(filepath.Join(mem, "memory.limit_in_bytes"), strconv.FormatInt(memory, 10)); err != nil {
			cg.remove()
			return nil, err
		}
		// No swap either, when the kernel accounts it.
		if _, err := os.Stat(filepath.Join(mem, "memory.memsw.limit_in_bytes")); err == nil {
			writeFile(filepath.Join(mem, "memory.memsw.limit_in_bytes"), strconv.FormatInt(memory, 10))
		}
		writeFile(filepath.Join(mem, "memory.swappiness"), "0")
		if err := writeFile(filepath.Join(pid, "pids.max"), strconv.Itoa(pids)); err != nil {
			cg.remove()
			return nil, err
		}
		return cg, nil
	}
	return nil, fmt.Errorf("cgroup: unknown version %q", version)
}

// taskFiles opens each v1 leaf's "tasks" file for PID 1, which joins by
// writing "0" (itself) while it is single-threaded: that avoids the
// kernel's global threadgroup lock a cgroup.procs write by the host
// takes, whose RCU grace period costs up to ~10 ms per run.
func (cg *cgroup) taskFiles() ([]*os.File, error) {
	var fs []*os.File
	for _, d := range cg.dirs {
		f, err := os.OpenFile(filepath.Join(d, "tasks"), os.O_WRONLY, 0)
		if err != nil {
			for _, f := range fs {
				f.Close()
			}
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// procs counts the processes still in the cgroup.
func (cg *cgroup) procs() int {
	n := 0
	for _, d := range cg.dirs {
		b, err := os.ReadFile(filepath.Join(d, "cgroup.procs"))
		if err == nil {
			n = max(n, len(bytes.Fields(b)))
		}
	}
	return n
}

// oomKilled reports whether the memory limit killed something.
func (cg *cgroup) oomKilled() bool {
	var file string
	switch cg.version {
	case "v2":
		file = filepath.Join(cg.dirs[0], "memory.events")
	case "v1":
		file = filepath.Join(cg.dirs[0], "memory.oom_control")
	}
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), " ")
		if k == "oom_kill" && v != "0" {
			return true
		}
	}
	return false
}

// drain waits for the cgroup to empty (the kernel kills the pid namespace
// when PID 1 exits) and returns the number still alive after the wait.
func (cg *cgroup) drain(d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		n := cg.procs()
		if n == 0 || time.Now().After(deadline) {
			return n
		}
		time.Sleep(200 * time.Microsecond)
	}
}

func (cg *cgroup) remove() error {
	var errs []error
	for _, d := range cg.dirs {
		if err := os.Remove(d); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
