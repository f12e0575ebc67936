//go:build linux && cgo

package linux

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// runInit starts this test binary as a sandbox PID 1 (its C constructor
// takes over) in new user and pid namespaces only, feeds it config and
// returns its exit code and report.
func runInit(t *testing.T, config []byte) (int, string) {
	t.Helper()
	cfgR, cfgW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	repR, repW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], InitArg)
	cmd.ExtraFiles = []*os.File{cfgR, nil, repW}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWPID,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Geteuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getegid(), Size: 1}},
	}
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot create user and pid namespaces here: %v", err)
	}
	cfgR.Close()
	repW.Close()
	cfgW.Write(config)
	cfgW.Close()
	rep, _ := io.ReadAll(repR)
	err = cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), string(rep)
}

// TestInitRefusesBadConfig: a PID 1 that cannot read its whole
// configuration builds nothing and runs nothing.
func TestInitRefusesBadConfig(t *testing.T) {
	base := initConfig{Command: []string{"/bin/true"}, Dir: "/", SkillPath: "/nonexistent", UID: 1000, GID: 1000, NoSeccomp: true}
	good := mustEncode(t, &base)
	withUID0, noSeccomp := base, base
	withUID0.UID = 0
	noSeccomp.NoSeccomp = false
	for name, tc := range map[string]struct {
		config []byte
		want   string
	}{
		"empty":            {nil, "command, folder or /tmp options missing"},
		"truncated header": {good[:3], "truncated record header"},
		"truncated record": {good[:len(good)-1], "truncated record"},
		"unknown tag":      {append([]byte{'Z', 0, 0, 0, 0}, good...), "unknown record Z"},
		"unterminated":     {append([]byte{'a', 2, 0, 0, 0, 'x', 'y'}, good...), "record a is not a string"},
		"inner NUL":        {append([]byte{'a', 3, 0, 0, 0, 'x', 0, 0}, good...), "record a is not a string"},
		"odd seccomp":      {append([]byte{'F', 3, 0, 0, 0, 1, 2, 3}, good...), "bad seccomp program"},
		"short flags":      {append([]byte{'f', 1, 0, 0, 0, 1}, good...), "bad flags record"},
		"no skill":         {mustEncode(t, &initConfig{Command: []string{"/bin/true"}, Dir: "/", UID: 1000, GID: 1000, NoSeccomp: true}), "no skill"},
		"no flags":         {dropRecords(good, 'f'), "no flags record"},
		"uid 0":            {mustEncode(t, &withUID0), "the workload may not run as uid or gid 0"},
		"no seccomp":       {mustEncode(t, &noSeccomp), "no seccomp program"},
	} {
		t.Run(name, func(t *testing.T) {
			code, rep := runInit(t, tc.config)
			if code != exitSetup || !strings.Contains(rep, "E parse config: "+tc.want) {
				t.Errorf("exit %d, report %q; want %d and %q", code, rep, exitSetup, tc.want)
			}
			if strings.Contains(rep, "\nL ") || strings.HasPrefix(rep, "L ") {
				t.Errorf("a layer was reported for a refused config: %q", rep)
			}
		})
	}
}

// dropRecords removes every record with the tag.
func dropRecords(b []byte, tag byte) []byte {
	var out []byte
	for len(b) >= 5 {
		n := 5 + int(binary.LittleEndian.Uint32(b[1:5]))
		if b[0] != tag {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

func mustEncode(t *testing.T, c *initConfig) []byte {
	t.Helper()
	b, err := c.encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInitOnlyAsPID1: re-executed outside a new pid namespace, the init
// refuses to do anything.
func TestInitOnlyAsPID1(t *testing.T) {
	repR, repW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], InitArg)
	cmd.ExtraFiles = []*os.File{nil, nil, repW}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	repW.Close()
	rep, _ := io.ReadAll(repR)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitSetup || !strings.Contains(string(rep), "E init: not PID 1") {
		t.Errorf("exit %d, report %q", code, rep)
	}
}

func TestEncodeRejectsNUL(t *testing.T) {
	for _, c := range []*initConfig{
		{Command: []string{"/bin/sh", "-c", "a\x00b"}, Dir: "/"},
		{Command: []string{"/bin/true"}, Env: []string{"A=\x00"}, Dir: "/"},
		{Command: []string{"/bin/true"}, Dir: "/", Rules: []pathRule{{Access: 1, Path: "/us\x00r"}}},
	} {
		if _, err := c.encode(); err == nil {
			t.Errorf("%+v: NUL byte accepted", c)
		}
	}
}
