package text_test

import (
	"context"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/text"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
)

// TestSeverityOnEvidence checks that a service URL in code keeps the
// rule's severity while one mentioned in prose is medium, and that hosts
// code talks to become capabilities.
func TestSeverityOnEvidence(t *testing.T) {
	res := analysistest.Run(t, "testdata/hosts.txtar", text.Analyzer)
	want := map[string]finding.Severity{
		"SKILL.md:7":        finding.Medium,
		"SKILL.md:12":       finding.Medium,
		"scripts/send.py:3": finding.High,
		"scripts/run.sh:2":  finding.High,
	}
	for _, f := range res.Findings {
		key := f.Location.Path + ":" + itoa(f.Location.StartLine)
		if sev, ok := want[key]; ok {
			if f.Severity != sev {
				t.Errorf("%s: %s has severity %s, want %s", key, f.RuleID, f.Severity, sev)
			}
			delete(want, key)
		}
	}
	for k := range want {
		t.Errorf("%s: no finding", k)
	}
	caps := finding.Summarize(res.Capabilities)[finding.CapNetwork]
	for _, h := range []string{"api.github.com", "hooks.slack.com", "203.0.113.7", "pool.example.net"} {
		if !contains(caps, h) {
			t.Errorf("network capabilities %v lack %s", caps, h)
		}
	}
	for _, h := range []string{"docs.example.com", "100.64.12.9", "203.0.113.9", "127.0.0.1"} {
		if contains(caps, h) {
			t.Errorf("network capabilities %v hold %s, which only prose mentions", caps, h)
		}
	}
}

// TestSecretRedacted checks that the report does not repeat the secret.
func TestSecretRedacted(t *testing.T) {
	fx := analysistest.Load(t, "testdata/secrets.txtar")
	res, err := analysis.Run(context.Background(), fx.Skill(t), rules.MustLoad(), []*analysis.Analyzer{text.Analyzer})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range res.Findings {
		if f.RuleID != "SG5004" || f.Location.Path != "config.py" {
			continue
		}
		n++
		if strings.Contains(f.Location.Snippet, "pfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0Rlg") || !strings.Contains(f.Location.Snippet, "********") {
			t.Errorf("%s: snippet not redacted: %q", f.Location, f.Location.Snippet)
		}
	}
	if n == 0 {
		t.Fatal("no secrets found")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
