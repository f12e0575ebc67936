// Package internal_test enforces the architecture: which skillgate
// packages may import which, and which packages may hold powerful
// capabilities (processes, syscalls, the network). See STYLE.md §2.1.
package internal_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "skillgate.dev/skillgate"

// forbidden maps a package prefix to the module packages it must not import.
var forbidden = map[string][]string{
	"finding":   {""},
	"rules":     {"skill", "analyzers", "scan", "report", "signing", "depcheck", "runner", "cmd"},
	"skill":     {"rules", "analyzers", "scan", "report", "signing", "depcheck", "runner", "cmd"},
	"analyzers": {"scan", "report", "signing", "depcheck", "runner", "cmd"},
	"depcheck":  {"scan", "report", "signing", "runner", "cmd"},
	"signing":   {"report", "runner", "cmd", "analyzers"},
	"scan":      {"runner", "report", "cmd"},
	"report":    {"runner", "signing", "depcheck", "analyzers", "cmd"},
	"runner":    {"analyzers", "depcheck", "report", "cmd", "scan"},
}

// powerful maps a standard or x/sys import to the package prefixes allowed
// to use it. Everything else must reach processes, syscalls and the
// network through these packages.
var powerful = map[string][]string{
	"os/exec":  {"runner", "internal/cmd"},
	"net":      {"runner", "depcheck/osv"},
	"net/http": {"runner", "depcheck/osv", "depcheck/online"},
	// skill and digest use O_NOFOLLOW and Stat_t, cmd/skillgate SIGTERM,
	// analysistest mkfifo for fixtures: constants and metadata, no power.
	"syscall":               {"runner", "skill", "signing/digest", "cmd/skillgate", "analyzers/analysistest"},
	"golang.org/x/sys/unix": {"runner"},
	"unsafe":                {"runner"},
	"plugin":                {},
}

func TestLayering(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(gobin, "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, module+"/") {
				dep := strings.TrimPrefix(imp, module+"/")
				for prefix, bad := range forbidden {
					if !under(pkg, prefix) {
						continue
					}
					for _, b := range bad {
						if b == "" || under(dep, b) {
							t.Errorf("%s imports %s (layering: %s must not import %s)", pkg, dep, prefix, orAll(b))
						}
					}
				}
				continue
			}
			if allowed, ok := powerful[imp]; ok && !anyUnder(pkg, allowed) {
				t.Errorf("%s imports %s; only %v may", pkg, imp, allowed)
			}
		}
	}
}

func under(pkg, prefix string) bool {
	return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
}

func anyUnder(pkg string, prefixes []string) bool {
	for _, p := range prefixes {
		if under(pkg, p) {
			return true
		}
	}
	return false
}

func orAll(s string) string {
	if s == "" {
		return "any skillgate package"
	}
	return s
}
