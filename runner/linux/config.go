//go:build linux && cgo

package linux

import (
	"encoding/binary"
	"fmt"
	"strings"

	"golang.org/x/net/bpf"
)

// initConfig is what the host hands PID 1 (init_linux.c) over fdConfig.
// It is encoded as records — a tag byte, a little-endian uint32 length,
// the payload — which C can read without a JSON parser.
type initConfig struct {
	Command []string
	Env     []string
	Dir     string
	Work    bool
	// MountFDs: fdSkill/fdWork are detached mount trees (open_tree) made
	// by the host; otherwise SkillPath/WorkPath are bind-mounted by path
	// (unprivileged runner, whose uid owns them).
	MountFDs  bool
	SkillPath string
	WorkPath  string
	Proxy     bool
	UID, GID  int
	TmpSize   int64
	Rlimits   []rlimit
	// CgroupFDs are PID 1's descriptors of cgroup v1 "tasks" files it
	// writes "0" to, joining before anything else.
	CgroupFDs []int
	// Seccomp is the filter program. NoSeccomp must be set, on a degraded
	// run the operator allowed, for PID 1 to accept a plan without one.
	Seccomp   []bpf.RawInstruction
	NoSeccomp bool
	// Landlock: PID 1 adds Rules to the ruleset at fdLandlock and
	// enforces it with LandlockFlags.
	Landlock      bool
	LandlockFlags uint32
	Rules         []pathRule
}

type rlimit struct {
	Resource int
	Value    uint64
}

// pathRule allows Access beneath Path; an Optional path may be missing.
type pathRule struct {
	Access   uint64
	Path     string
	Optional bool
}

// Flag bits of the 'f' record (SG_F_* in init_linux.c).
const (
	flagWork     = 1
	flagMountFDs = 2
	flagProxy    = 4
	flagLandlock = 8
	// flagNoSeccomp: no seccomp program, on purpose (a degraded run the
	// operator allowed); without it PID 1 refuses a plan that lacks one.
	flagNoSeccomp = 16
)

// encode renders c as records; strings must not hold NUL bytes.
func (c *initConfig) encode() ([]byte, error) {
	var b []byte
	rec := func(tag byte, payload []byte) {
		b = append(b, tag)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
		b = append(b, payload...)
	}
	var bad error
	str := func(tag byte, s string) {
		if strings.IndexByte(s, 0) >= 0 {
			bad = fmt.Errorf("sandbox config: %q holds a NUL byte", s)
		}
		rec(tag, append([]byte(s), 0))
	}
	for _, a := range c.Command {
		str('a', a)
	}
	for _, e := range c.Env {
		str('e', e)
	}
	str('d', c.Dir)
	str('t', fmt.Sprintf("size=%d,mode=1777,nr_inodes=16384", c.TmpSize))
	if c.SkillPath != "" {
		str('s', c.SkillPath)
	}
	if c.WorkPath != "" {
		str('w', c.WorkPath)
	}
	var flags uint32
	for _, f := range []struct {
		on  bool
		bit uint32
	}{{c.Work, flagWork}, {c.MountFDs, flagMountFDs}, {c.Proxy, flagProxy}, {c.Landlock, flagLandlock}, {c.NoSeccomp, flagNoSeccomp}} {
		if f.on {
			flags |= f.bit
		}
	}
	f := binary.LittleEndian.AppendUint32(nil, flags)
	f = binary.LittleEndian.AppendUint32(f, uint32(c.UID))
	f = binary.LittleEndian.AppendUint32(f, uint32(c.GID))
	rec('f', binary.LittleEndian.AppendUint32(f, c.LandlockFlags))
	for _, fd := range c.CgroupFDs {
		rec('c', binary.LittleEndian.AppendUint32(nil, uint32(fd)))
	}
	for _, r := range c.Rlimits {
		p := binary.LittleEndian.AppendUint32(nil, uint32(r.Resource))
		rec('r', binary.LittleEndian.AppendUint64(p, r.Value))
	}
	for _, r := range c.Rules {
		tag := byte('p')
		if r.Optional {
			tag = 'P'
		}
		if strings.IndexByte(r.Path, 0) >= 0 {
			bad = fmt.Errorf("sandbox config: %q holds a NUL byte", r.Path)
		}
		p := binary.LittleEndian.AppendUint64(nil, r.Access)
		rec(tag, append(append(p, r.Path...), 0))
	}
	if c.Seccomp != nil {
		var p []byte
		for _, in := range c.Seccomp { // struct sock_filter
			p = binary.LittleEndian.AppendUint16(p, in.Op)
			p = append(p, in.Jt, in.Jf)
			p = binary.LittleEndian.AppendUint32(p, in.K)
		}
		rec('F', p)
	}
	return b, bad
}

// initReport is what PID 1 tells the host before it starts the workload:
// one line per layer in force ("L"), warning ("W") or error ("E").
type initReport struct {
	Layers   []string
	Warnings []string
	Error    string
}

func parseReport(data []byte) initReport {
	var r initReport
	for _, line := range strings.Split(string(data), "\n") {
		kind, msg, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		switch kind {
		case "L":
			r.Layers = append(r.Layers, msg)
		case "W":
			r.Warnings = append(r.Warnings, msg)
		case "E":
			if r.Error == "" {
				r.Error = msg
			}
		}
	}
	return r
}

// Fixed descriptors in PID 1 (SG_FD_* in init_linux.c); cgroup "tasks"
// files follow from fdCgroup.
const (
	fdConfig   = 3
	fdSkill    = 4
	fdReport   = 5
	fdWork     = 6
	fdProxy    = 7
	fdLandlock = 8
	fdCgroup   = 9
)
