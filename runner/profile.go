package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Defaults applied by [Profile.WithDefaults].
const (
	DefaultTimeout   = 5 * time.Minute
	DefaultMemory    = 512 << 20
	DefaultPids      = 128
	DefaultOutputCap = 16 << 20
	DefaultTmpSize   = 64 << 20
	DefaultFileSize  = 256 << 20
	DefaultNoFile    = 256
)

// SkillMount is where the staged skill appears inside every sandbox.
const SkillMount = "/skill"

// WorkMount is where the optional writable work folder appears.
const WorkMount = "/work"

// ProxyAddr is the address of the CONNECT proxy inside the sandbox's
// network namespace when network capabilities were approved.
const ProxyAddr = "127.0.0.1:3128"

// ErrDegraded means a mandatory protection is missing on this host and
// the profile did not opt into running without it.
var ErrDegraded = errors.New("sandbox would be degraded")

// Profile describes one sandboxed run. It is plain data.
type Profile struct {
	// SkillDir is the gate's staged, verified copy (never the original).
	SkillDir string
	// WorkDir is an optional host folder mounted read-write at /work.
	WorkDir string
	// Command is run inside the sandbox; Command[0] is looked up in the
	// sandbox's PATH when it has no slash.
	Command []string
	// Env holds the approved environment variables (name → value). The
	// sandbox sees only these plus PATH, HOME=/tmp and LANG.
	Env map[string]string
	// Network holds approved "host:port" pairs, served by the proxy.
	Network []string

	Timeout   time.Duration
	Memory    int64 // bytes
	Pids      int
	OutputCap int64 // bytes per stream
	TmpSize   int64
	FileSize  int64 // RLIMIT_FSIZE
	NoFile    int   // RLIMIT_NOFILE

	// AllowDegradedUnsafe runs even when a mandatory layer is missing;
	// the missing layers are printed and recorded in the Result.
	AllowDegradedUnsafe bool
}

// IO carries the streams of a run; it is kept out of Profile so that a
// Profile stays serialisable.
type IO struct {
	Stdin          io.Reader // nil: /dev/null
	Stdout, Stderr io.Writer // capped at Profile.OutputCap each
	Log            io.Writer // runner diagnostics (warnings, proxy decisions)
}

// Result is what a run did and which protections were in force.
type Result struct {
	Backend   string        `json:"backend"`
	ExitCode  int           `json:"exitCode"`
	Signal    string        `json:"signal,omitempty"`
	TimedOut  bool          `json:"timedOut,omitempty"`
	OOMKilled bool          `json:"oomKilled,omitempty"`
	Truncated []string      `json:"outputTruncated,omitempty"` // "stdout", "stderr"
	Duration  time.Duration `json:"duration"`
	// Layers lists the protections in force, e.g. "landlock abi=7".
	Layers []string `json:"layers"`
	// Degraded lists mandatory layers that were missing (only with
	// AllowDegradedUnsafe).
	Degraded []string `json:"degraded,omitempty"`
	// Warnings lists missing optional layers and other loud notes.
	Warnings []string `json:"warnings,omitempty"`
	// Leftover is the number of sandbox processes found alive after the
	// run (always 0 unless something went wrong; reported, not hidden).
	Leftover int `json:"leftover,omitempty"`
}

// Backend runs profiles.
type Backend interface {
	Name() string
	// Probe reports what the host supports for this backend.
	Probe(ctx context.Context) Features
	Run(ctx context.Context, p Profile, stdio IO) (*Result, error)
}

// Features is the result of probing the host.
type Features struct {
	UserNS      bool
	Seccomp     bool
	LandlockABI int    // 0: unavailable
	Cgroup      string // "v2", "v1" or "" (no usable memory+pids controllers)
	Notes       []string
}

// Missing returns the mandatory and optional layers a host lacks.
func (f Features) Missing() (mandatory, optional []string) {
	if !f.UserNS {
		mandatory = append(mandatory, "user namespaces")
	}
	if !f.Seccomp {
		mandatory = append(mandatory, "seccomp")
	}
	if f.LandlockABI <= 0 {
		optional = append(optional, "landlock")
	}
	if f.Cgroup == "" {
		optional = append(optional, "cgroup memory/pids limits")
	}
	return mandatory, optional
}

// WithDefaults fills unset limits.
func (p Profile) WithDefaults() Profile {
	if p.Timeout == 0 {
		p.Timeout = DefaultTimeout
	}
	if p.Memory == 0 {
		p.Memory = DefaultMemory
	}
	if p.Pids == 0 {
		p.Pids = DefaultPids
	}
	if p.OutputCap == 0 {
		p.OutputCap = DefaultOutputCap
	}
	if p.TmpSize == 0 {
		p.TmpSize = DefaultTmpSize
	}
	if p.FileSize == 0 {
		p.FileSize = DefaultFileSize
	}
	if p.NoFile == 0 {
		p.NoFile = DefaultNoFile
	}
	return p
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reservedEnv are set by the runner; a policy cannot override them.
var reservedEnv = map[string]bool{"PATH": true, "HOME": true, "LANG": true,
	"HTTPS_PROXY": true, "HTTP_PROXY": true, "https_proxy": true, "http_proxy": true,
	"LD_PRELOAD": true, "LD_LIBRARY_PATH": true, "LD_AUDIT": true}

// Validate checks the profile before anything touches the kernel. Each
// error names what is wrong.
func (p Profile) Validate() error {
	var errs []error
	if p.SkillDir == "" || !path.IsAbs(p.SkillDir) {
		errs = append(errs, fmt.Errorf("skill dir %q: must be an absolute path", p.SkillDir))
	}
	if p.WorkDir != "" && !path.IsAbs(p.WorkDir) {
		errs = append(errs, fmt.Errorf("work dir %q: must be an absolute path", p.WorkDir))
	}
	if len(p.Command) == 0 || p.Command[0] == "" {
		errs = append(errs, errors.New("command: empty"))
	}
	for k := range p.Env {
		if !envName.MatchString(k) {
			errs = append(errs, fmt.Errorf("env %q: invalid name", k))
		} else if reservedEnv[k] {
			errs = append(errs, fmt.Errorf("env %q: reserved for the runner", k))
		}
	}
	for _, hp := range p.Network {
		if _, _, err := SplitHostPort(hp); err != nil {
			errs = append(errs, fmt.Errorf("network %q: %w", hp, err))
		}
	}
	if p.Timeout < 0 || p.Memory < 0 || p.Pids < 0 || p.OutputCap < 0 || p.TmpSize < 0 || p.FileSize < 0 || p.NoFile < 0 {
		errs = append(errs, errors.New("limits: negative value"))
	}
	if p.Memory > 0 && p.Memory < 8<<20 {
		errs = append(errs, fmt.Errorf("memory %d: below the 8 MiB minimum", p.Memory))
	}
	return errors.Join(errs...)
}

// SplitHostPort parses an approved "host:port": a DNS name (no IP
// literal, no wildcard) and a port 1..65535.
func SplitHostPort(hp string) (string, int, error) {
	host, ps, err := net.SplitHostPort(hp)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(ps)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("invalid port %q", ps)
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "" || net.ParseIP(host) != nil || strings.ContainsAny(host, "*/ ") {
		return "", 0, fmt.Errorf("host %q: must be a DNS name", host)
	}
	return host, port, nil
}
