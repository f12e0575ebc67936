package depcheck

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/depcheck/online"
	"skillgate.dev/skillgate/finding"
)

type fakeLookup map[string]online.Meta

func (f fakeLookup) Lookup(_ context.Context, eco, name string) (online.Meta, error) {
	if name == "flaky-registry-pkg" || name == "github.com/flaky-org/mod" {
		return online.Meta{}, errors.New("connection reset")
	}
	return f[eco+" "+name], nil
}

// TestOnline: names the offline lists do not hold are confirmed missing,
// or found with their age; a failed look-up leaves the offline finding.
func TestOnline(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	reg := fakeLookup{
		"npm quux-helper-newish":           {Exists: true, Created: now.AddDate(0, 0, -12)},
		"npm quux-helper-oldish":           {Exists: true, Created: now.AddDate(-4, 0, 0)},
		"PyPI fastapi-auth-helper-pro":     {Exists: true, Created: now.AddDate(0, 0, -40)},
		"npm quux-helper-nodate":           {Exists: true},
		"npm quux-helper-gone-xyz":         {Exists: false},
		"PyPI definitely-invented-pkg-xyz": {Exists: false},
		"Go github.com/rare-org/thing":     {Exists: true, Created: now.AddDate(-3, 0, 0)},
		"Go github.com/new-org/fresh":      {Exists: true, Created: now.AddDate(0, 0, -5)},
	}
	fx := analysistest.LoadArchive(t, mustTxtar(`-- SKILL.md --
---
name: online
description: x
---
`+"```bash\nnpm install quux-helper-gone-xyz@1.0.0\n```"+`
-- package.json --
{"dependencies": {"quux-helper-newish": "1.0.0", "quux-helper-oldish": "1.0.0", "quux-helper-nodate": "1.0.0", "flaky-registry-pkg": "1.0.0"}}
-- requirements.txt --
fastapi-auth-helper-pro==1.0
definitely-invented-pkg-xyz==0.1
-- go.mod --
module example.test/skill

go 1.22

require (
	github.com/rare-org/thing v1.0.0
	github.com/invented-org/nothing v0.1.0
	corp.internal/lib v1.0.0
	github.com/new-org/fresh v0.1.0
	example.test/replaced v1.0.0
	github.com/flaky-org/mod v1.0.0
)

replace example.test/replaced => ./local
`))
	check := func(opts Options) map[string]finding.Finding {
		opts.OSVDir = t.TempDir()
		res, err := Check(context.Background(), fx.Skill(t), opts)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]finding.Finding{}
		for _, f := range res.Findings {
			if f.RuleID == RuleUnknown {
				got[f.Dependency.Name] = f
			}
		}
		return got
	}
	offline := check(Options{})
	online := check(Options{Online: true, Registry: reg, Now: func() time.Time { return now }})
	for _, tc := range []struct {
		name string
		sev  finding.Severity
		msg  string
	}{
		{"quux-helper-gone-xyz", finding.Critical, "does not exist on npm (checked online)"}, // installed at run time
		{"definitely-invented-pkg-xyz", finding.High, "does not exist on PyPI (checked online)"},
		{"quux-helper-newish", finding.Medium, "new package on npm: first published 2026-11-13 (12 days ago"},
		{"fastapi-auth-helper-pro", finding.Medium, "new package on PyPI: first published 2026-10-16 (40 days ago"},
		{"quux-helper-oldish", finding.Low, "exists on npm since 2022-11-25"},
		{"quux-helper-nodate", finding.Medium, "first publication date is unknown"},
		{"github.com/invented-org/nothing", finding.High, "does not exist on the Go module proxy (checked online)"},
		{"corp.internal/lib", finding.Medium, "is not on the public Go module proxy (checked online): private, or invented"},
		{"github.com/new-org/fresh", finding.Medium, "is a new Go module: first published 2026-11-20 (5 days ago"},
		{"github.com/flaky-org/mod", finding.Low, "could not be checked online (connection reset)"},
	} {
		f, ok := online[tc.name]
		if !ok {
			t.Errorf("%s: no SG7002 online (offline: %v)", tc.name, offline[tc.name])
			continue
		}
		if f.Severity != tc.sev || !strings.Contains(f.Message, tc.msg) {
			t.Errorf("%s: %v %q, want %v and %q", tc.name, f.Severity, f.Message, tc.sev, tc.msg)
		}
	}
	// Fail closed: the look-up failed, the offline judgement stands.
	off, on := offline["flaky-registry-pkg"], online["flaky-registry-pkg"]
	if off.Severity == 0 || on.Severity != off.Severity || !strings.Contains(on.Message, "online check failed: connection reset") {
		t.Errorf("failed look-up: offline %v %q, online %v %q", off.Severity, off.Message, on.Severity, on.Message)
	}
	// Old and replaced Go modules are not findings; offline, Go names are
	// not judged at all.
	for _, name := range []string{"github.com/rare-org/thing", "example.test/replaced"} {
		if f, ok := online[name]; ok {
			t.Errorf("%s: unexpected %v %q", name, f.Severity, f.Message)
		}
	}
	if f, ok := offline["github.com/invented-org/nothing"]; ok {
		t.Errorf("offline Go finding: %q", f.Message)
	}
	// Offline, nothing says "checked online".
	for name, f := range offline {
		if strings.Contains(f.Message, "online") {
			t.Errorf("%s: offline finding mentions online: %q", name, f.Message)
		}
	}
}
