package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/scan"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sample is a result exercising every part of a report: verdicts,
// capabilities, traces, suppressions, a dependency finding with a target,
// approval state, a removed skill, and text that needs escaping.
func sample() *scan.Result {
	caps := finding.Summarize([]finding.Capability{
		{Kind: finding.CapNetwork, Value: "api.example.com"},
		{Kind: finding.CapNetwork, Value: "hooks.example.test"},
		{Kind: finding.CapExec, Value: "git"},
		{Kind: finding.CapEnv, Value: "GITHUB_TOKEN"},
		{Kind: finding.CapFilesRead, Value: "~/.aws/credentials"},
	})
	res := &scan.Result{
		SchemaVersion: "1",
		Tool:          scan.Tool{Name: "skillgate", Version: "0.1.0", RulesVersion: "2026.11.1"},
		Skills: []scan.SkillResult{
			{
				Path: "skills/good", Name: "good", Digest: "sha256:1111", Verdict: scan.Pass,
				Capabilities: finding.Summarize(nil), Incomplete: []string{}, Findings: []finding.Finding{},
				Approval: &scan.Approval{State: "approved", Approvers: []string{"alice"}},
			},
			{
				Path: "skills/thief", Name: "thief", Digest: "sha256:2222", Verdict: scan.Block,
				Capabilities: caps, Incomplete: []string{},
				Findings: []finding.Finding{
					{RuleID: "SG3001", Category: finding.Exfiltration, Severity: finding.Critical, Confidence: finding.HighConfidence,
						Message:  "contents of ~/.aws/credentials reach requests.post",
						Location: finding.Location{Path: "scripts/sync.py", StartLine: 12, StartColumn: 5, Snippet: "    requests.post(URL, data=creds)  # <b>"},
						Trace: finding.Trace{
							{Location: finding.Location{Path: "scripts/creds.py", StartLine: 3}, Note: "reads ~/.aws/credentials"},
							{Location: finding.Location{Path: "scripts/sync.py", StartLine: 12}, Note: "posted to https://hooks.example.test/x"},
						},
						Fingerprint: "aaaa"},
					{RuleID: "SG7001", Category: finding.Typosquat, Severity: finding.High, Confidence: finding.HighConfidence,
						Message:    "reqeusts looks like a typo of requests",
						Location:   finding.Location{Path: "requirements.txt", StartLine: 1, Snippet: "reqeusts==2.31.0"},
						Dependency: &finding.Dependency{Ecosystem: "PyPI", Name: "reqeusts", Version: "2.31.0", Manifest: "requirements.txt"},
						Target:     "requests", Fingerprint: "bbbb"},
					{RuleID: "SG2006", Category: finding.DynamicExecution, Severity: finding.Medium, Confidence: finding.MediumConfidence,
						Message: "eval evaluates code | that is not a constant", Location: finding.Location{Path: "x.js", StartLine: 2},
						Fingerprint: "cccc", Suppressed: &finding.Suppression{Kind: "baseline", Reason: "reviewed in SEC-1", Owner: "bob", Expires: "2099-01-01"}},
				},
			},
		},
		Removed: []string{"skills/old"},
		Summary: scan.Summary{Skills: 2, Pass: 1, Block: 1, Suppressed: 1},
	}
	return res
}

func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, sample(), Options{}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "sample."+format)
			if *update {
				os.WriteFile(golden, buf.Bytes(), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update)", err)
			}
			if !bytes.Equal(want, buf.Bytes()) {
				t.Errorf("%s output differs from %s (run go test ./report -update and review the diff)\n--- got ---\n%s", format, golden, buf.String())
			}
		})
	}
}

func TestTextColor(t *testing.T) {
	var plain, color bytes.Buffer
	Text(&plain, sample(), Options{Catalog: nil})
	Text(&color, sample(), Options{Color: true})
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("plain text holds ANSI escapes")
	}
	if !strings.Contains(color.String(), "\x1b[") {
		t.Error("colour text holds no ANSI escapes")
	}
}

// TestSARIFShape checks GitHub code scanning's documented constraints on
// every result: a ruleId that indexes a rule, a level, a physical location
// with a region starting at line ≥ 1, and partial fingerprints.
func TestSARIFShape(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	checkSARIF(t, buf.Bytes())
}

func checkSARIF(t *testing.T, data []byte) {
	t.Helper()
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text string `json:"text"`
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	for i, r := range run.Results {
		switch {
		case r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID:
			t.Errorf("result %d: ruleIndex %d does not point at %s", i, r.RuleIndex, r.RuleID)
		case r.Level != "error" && r.Level != "warning" && r.Level != "note":
			t.Errorf("result %d: level %q", i, r.Level)
		case len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" || r.Locations[0].PhysicalLocation.Region.StartLine < 1:
			t.Errorf("result %d: bad location %+v", i, r.Locations)
		case r.PartialFingerprints["skillgate/v1"] == "":
			t.Errorf("result %d: no partial fingerprint", i)
		case strings.HasPrefix(r.Locations[0].PhysicalLocation.ArtifactLocation.URI, "/"):
			t.Errorf("result %d: absolute URI", i)
		}
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Help.Text == "" {
			t.Errorf("rule %s has no help text", r.ID)
		}
	}
}

// TestSARIFMultitool validates the SARIF with Microsoft's validator when
// it is installed (.ci/run installs it from npm).
func TestSARIFMultitool(t *testing.T) {
	tool := multitool(t)
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	ValidateWithMultitool(t, tool, buf.Bytes())
}

func multitool(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("sarif-multitool"); err == nil {
		return p
	}
	p, _ := filepath.Abs("../.ci/node_modules/.bin/sarif-multitool")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	t.Skip("sarif-multitool not installed (npm ci --prefix .ci installs it; .ci/run does)")
	return ""
}

// ValidateWithMultitool runs `sarif-multitool validate` and fails on any
// error-level result.
func ValidateWithMultitool(t *testing.T, tool string, data []byte) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.sarif")
	out := filepath.Join(dir, "out.sarif")
	os.WriteFile(in, data, 0o644)
	cmd := exec.Command(tool, "validate", "-o", out, in)
	cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sarif-multitool validate: %v\n%s", err, msg)
	}
	res, _ := os.ReadFile(out)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(res, &log); err != nil {
		t.Fatalf("validator output: %v", err)
	}
	for _, r := range log.Runs {
		for _, x := range r.Results {
			if x.Level == "error" || strings.HasPrefix(x.RuleID, "SARIF1") && x.Level != "note" {
				t.Errorf("SARIF validator: %s %s", x.RuleID, x.Message.Text)
			}
		}
	}
}
