package python_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/analyzers/python"
	"skillgate.dev/skillgate/finding"
)

func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("../../rules/testdata/*-python*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	local, _ := filepath.Glob("testdata/*.txtar")
	files = append(files, local...)
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if strings.Contains(f, "skillmd") {
				// Python in SKILL.md and in `python -c` is extracted by the
				// Markdown and shell analyzers: the scan package's
				// TestRuleFixtures runs this one with every analyzer.
				t.Skip("needs the markdown and shell analyzers; run by scan.TestRuleFixtures")
			}
			analysistest.Run(t, f, python.Analyzer)
		})
	}
}

// TestCrossFileTrace checks that the exfiltration found across two
// modules carries every step: the read in util.py, the return, the call
// in main.py and the send.
func TestCrossFileTrace(t *testing.T) {
	res := analysistest.Run(t, "../../rules/testdata/SG3001-python-crossfile.txtar", python.Analyzer)
	var got []string
	for _, f := range res.Findings {
		if f.RuleID != "SG3001" {
			continue
		}
		for _, s := range f.Trace {
			got = append(got, s.Location.String()+" "+s.Note)
		}
	}
	want := []string{
		"scripts/util.py:5:10 reads ~/.aws/credentials",
		"scripts/util.py:6:9 returned by read_creds()",
		"scripts/main.py:8:5 passed to send()",
		"scripts/main.py:5:5 sent in an HTTP POST to collect.example",
	}
	if len(got) != len(want) {
		t.Fatalf("trace = %q, want %d steps", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("step %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
}

// TestCapabilities checks the per-skill capability summary of a skill
// that does a bit of everything.
func TestCapabilities(t *testing.T) {
	res := analysistest.Run(t, "testdata/capabilities.txtar", python.Analyzer)
	got := finding.Summarize(res.Capabilities)
	want := finding.Capabilities{
		finding.CapNetwork:      {"api.github.com", "db.example.net", "smtp.example.org"},
		finding.CapExec:         {"ffmpeg", "git"},
		finding.CapEnv:          {"GITHUB_TOKEN", "SMTP_HOST"},
		finding.CapFilesRead:    {"data/input.csv"},
		finding.CapFilesWritten: {"out/report.json"},
		finding.CapDynamicCode:  {},
		finding.CapSystem:       {"hostname", "platform"},
		finding.CapClipboard:    {"write"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("capabilities (-want +got):\n%s", diff)
	}
}
