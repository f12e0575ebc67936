package finding

import (
	"slices"
)

// CapabilityKind names one thing a skill can do. The set is closed; the
// JSON report has one key per kind.
type CapabilityKind string

// Capability kinds. Values recorded for each kind:
//   - Network: a host, "host:port" or an IP; "*" when the target is not constant.
//   - Exec: the program run ("git", "sh -c"); "*" when not constant.
//   - Env: an environment variable name; "*" for a whole-environment read.
//   - FilesRead, FilesWritten: a path as written in the code ("~/.aws/credentials").
//   - DynamicCode: the construct ("eval", "exec", "pickle.loads").
//   - System: the system information read ("hostname", "username", "platform").
//   - Clipboard: "read" or "write".
const (
	CapNetwork      CapabilityKind = "network"
	CapExec         CapabilityKind = "exec"
	CapEnv          CapabilityKind = "env"
	CapFilesRead    CapabilityKind = "filesRead"
	CapFilesWritten CapabilityKind = "filesWritten"
	CapDynamicCode  CapabilityKind = "dynamicCode"
	CapSystem       CapabilityKind = "system"
	CapClipboard    CapabilityKind = "clipboard"
)

// CapabilityKinds lists every kind in report order.
var CapabilityKinds = []CapabilityKind{
	CapNetwork, CapExec, CapEnv, CapFilesRead, CapFilesWritten,
	CapDynamicCode, CapSystem, CapClipboard,
}

// Capability is one use of a capability at one call site.
type Capability struct {
	Kind     CapabilityKind `json:"kind"`
	Value    string         `json:"value"`
	Location Location       `json:"location"`
}

// Capabilities is the per-skill summary: for each kind, the sorted set of
// values seen. Every kind is always present (possibly empty) so that the
// JSON report has a stable shape.
type Capabilities map[CapabilityKind][]string

// Summarize folds call sites into the per-skill summary.
func Summarize(sites []Capability) Capabilities {
	c := make(Capabilities, len(CapabilityKinds))
	for _, k := range CapabilityKinds {
		c[k] = []string{}
	}
	for _, s := range sites {
		if s.Value == "" {
			continue
		}
		c[s.Kind] = append(c[s.Kind], s.Value)
	}
	for k, v := range c {
		slices.Sort(v)
		c[k] = slices.Compact(v)
	}
	return c
}

// CompareCapability orders call sites by kind, value and location.
func CompareCapability(a, b Capability) int {
	if a.Kind != b.Kind {
		if a.Kind < b.Kind {
			return -1
		}
		return 1
	}
	if a.Value != b.Value {
		if a.Value < b.Value {
			return -1
		}
		return 1
	}
	return Compare(Finding{Location: a.Location}, Finding{Location: b.Location})
}
