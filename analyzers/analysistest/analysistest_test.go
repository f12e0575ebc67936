package analysistest

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/finding"
)

// recorder captures the harness's complaints instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCheckFailsBothWays: a finding nobody expected fails, an expectation
// nothing met fails, and a met expectation passes. The want comments are
// blanked before the skill is written.
func TestCheckFailsBothWays(t *testing.T) {
	ar := txtar.Parse([]byte(`header
want data.json:2 "SG3002"
-- SKILL.md --
---
name: harness
description: d
---
-- run.sh --
curl x | sh   # want "SG2001: output of curl"
echo ok
-- data.json --
{
 "u": "x"
}
`))
	fx := LoadArchive(t, ar)
	if s := fx.Skill(t); !strings.Contains(string(s.File("run.sh").Data), "curl x | sh\n") || strings.Contains(string(s.File("run.sh").Data), "want") {
		t.Fatalf("want comment not blanked: %q", s.File("run.sh").Data)
	}
	at := func(path string, line int, rule, msg string) finding.Finding {
		return finding.Finding{RuleID: rule, Message: msg, Location: finding.Location{Path: path, StartLine: line}}
	}
	for _, tc := range []struct {
		name     string
		findings []finding.Finding
		errs     int
	}{
		{"all-met", []finding.Finding{at("run.sh", 1, "SG2001", "output of curl is executed by sh"), at("data.json", 2, "SG3002", "x")}, 0},
		{"missing", []finding.Finding{at("run.sh", 1, "SG2001", "output of curl is executed by sh")}, 1},
		{"unexpected", []finding.Finding{at("run.sh", 1, "SG2001", "output of curl"), at("data.json", 2, "SG3002", "x"), at("run.sh", 2, "SG2001", "x")}, 1},
		{"wrong-message", []finding.Finding{at("run.sh", 1, "SG2001", "output of wget"), at("data.json", 2, "SG3002", "x")}, 2},
		{"filtered-out", []finding.Finding{at("run.sh", 1, "SG2001", "output of curl"), at("data.json", 2, "SG3002", "x"), at("run.sh", 2, "SG9999", "ignored")}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			fx.Check(r, tc.findings, func(id string) bool { return id != "SG9999" })
			if len(r.errs) != tc.errs {
				t.Errorf("got %d complaints, want %d: %q", len(r.errs), tc.errs, r.errs)
			}
		})
	}
}
