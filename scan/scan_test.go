package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
)

// marker reports a finding for every line holding "MARK-<rule>", so tests
// control exactly what is found and where.
var marker = &analysis.Analyzer{
	Name:  "marker",
	Doc:   "test analyzer",
	Rules: []string{"SG2001", "SG2006", "SG5003", "SG8102"},
	Langs: []string{"*"},
	Run: func(p *analysis.Pass) error {
		for _, u := range p.Units {
			for i, line := range strings.Split(string(u.Src), "\n") {
				if j := strings.Index(line, "MARK-"); j >= 0 {
					id := line[j+5 : j+11]
					p.ReportAt(u, i+1, j+1, id, "marked %s", id)
				}
			}
		}
		return nil
	},
}

func writeSkill(t *testing.T, root, name string, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(root, name)
	if _, ok := files["SKILL.md"]; !ok {
		files["SKILL.md"] = fmt.Sprintf("---\nname: %s\ndescription: test skill\n---\n", name)
	}
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runMarker(t *testing.T, root string, mod func(*Options)) *Result {
	t.Helper()
	opts := Options{Paths: []string{root}, Base: root, Analyzers: []*analysis.Analyzer{marker}, Jobs: 2}
	if mod != nil {
		mod(&opts)
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func verdicts(res *Result) map[string]Verdict {
	out := map[string]Verdict{}
	for _, s := range res.Skills {
		out[s.Path] = s.Verdict
	}
	return out
}

func TestVerdicts(t *testing.T) {
	root := t.TempDir()
	writeSkill(t, root, "clean", map[string]string{"run.sh": "echo hi\n"})
	writeSkill(t, root, "critical", map[string]string{"run.sh": "x # MARK-SG2001\n"})
	writeSkill(t, root, "medium", map[string]string{"run.sh": "x # MARK-SG2006\n"})
	writeSkill(t, root, "incomplete", map[string]string{"run.sh": "x # MARK-SG8102\n"})
	res := runMarker(t, root, nil)
	want := map[string]Verdict{"clean": Pass, "critical": Block, "medium": Review, "incomplete": Review}
	if diff := cmp.Diff(want, verdicts(res)); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Summary{Skills: 4, Pass: 1, Review: 2, Block: 1}, res.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	for _, s := range res.Skills {
		if s.Path == "incomplete" && len(s.Incomplete) != 1 {
			t.Errorf("incomplete skill lists %q, want one entry", s.Incomplete)
		}
	}
}

// TestJobsDeterministic checks that the report is byte-identical for any
// number of workers.
func TestJobsDeterministic(t *testing.T) {
	root := t.TempDir()
	for i := range 12 {
		writeSkill(t, root, fmt.Sprintf("s%02d", i), map[string]string{
			"a.sh":     strings.Repeat("echo\n", i) + "x # MARK-SG2006\n",
			"b/c.py":   "y = 1  # MARK-SG5003\n",
			"d/e/f.md": "MARK-SG2001\n",
		})
	}
	var first []byte
	for _, jobs := range []int{1, 2, 3, 8} {
		res := runMarker(t, root, func(o *Options) { o.Jobs = jobs })
		got, _ := json.Marshal(res)
		if first == nil {
			first = got
			continue
		}
		if !bytes.Equal(first, got) {
			t.Fatalf("--jobs %d changed the report", jobs)
		}
	}
}

func TestPolicy(t *testing.T) {
	root := t.TempDir()
	writeSkill(t, root, "a", map[string]string{"run.sh": "x # MARK-SG2001\ny # MARK-SG2006\nz # MARK-SG5003\n"})
	pol := filepath.Join(root, "policy.yaml")
	os.WriteFile(pol, []byte(`apiVersion: skillgate.dev/v1
kind: ScanPolicy
rules:
  disable: [SG2006]
  severity: {SG2001: low}
ignore:
  - rule: SG5003
    paths: ["run.sh"]
    reason: reads PATH only
    owner: alice
    expires: 2099-01-01
`), 0o644)
	p, err := LoadPolicy(pol)
	if err != nil {
		t.Fatal(err)
	}
	res := runMarker(t, root, func(o *Options) { o.Policy = p; o.Paths = []string{filepath.Join(root, "a")} })
	s := res.Skills[0]
	var got []string
	for _, f := range s.Findings {
		sup := ""
		if f.Suppressed != nil {
			sup = " suppressed:" + f.Suppressed.Kind
		}
		got = append(got, fmt.Sprintf("%s %s%s", f.RuleID, f.Severity, sup))
	}
	want := []string{"SG2001 low", "SG5003 medium suppressed:policy"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if s.Verdict != Pass {
		t.Errorf("verdict %s, want pass", s.Verdict)
	}

	// An expired ignore entry stops suppressing and is reported.
	p.Ignore[0].Expires = "2020-01-01"
	res = runMarker(t, root, func(o *Options) { o.Policy = p; o.Paths = []string{filepath.Join(root, "a")} })
	if res.Skills[0].Verdict != Review {
		t.Errorf("expired ignore: verdict %s, want review", res.Skills[0].Verdict)
	}
	if !hasRule(res.Skills[0].Findings, "SG8301", "expired") {
		t.Errorf("expired ignore entry not reported: %v", res.Skills[0].Findings)
	}
}

func TestPolicyErrors(t *testing.T) {
	for name, body := range map[string]string{
		"unknown-key":    "rules:\n  disabled: [SG2001]\n",
		"bad-kind":       "kind: TrustPolicy\n",
		"bad-apiversion": "apiVersion: v9\n",
	} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "p.yaml")
			os.WriteFile(f, []byte(body), 0o644)
			if _, err := LoadPolicy(f); err == nil {
				t.Error("policy loaded, want an error")
			}
		})
	}
	root := t.TempDir()
	writeSkill(t, root, "a", map[string]string{})
	for name, p := range map[string]*Policy{
		"unknown-rule": {Ignore: []PolicyIgnore{{Rule: "SG0001", Reason: "x"}}},
		"no-reason":    {Ignore: []PolicyIgnore{{Rule: "SG2001"}}},
		"bad-date":     {Ignore: []PolicyIgnore{{Rule: "SG2001", Reason: "x", Expires: "soon"}}},
		"bad-fail-on":  {FailOn: "sometimes"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Run(context.Background(), Options{Paths: []string{root}, Analyzers: []*analysis.Analyzer{marker}, Policy: p})
			if err == nil {
				t.Error("scan ran, want a policy error")
			}
		})
	}
}

func hasRule(fs []finding.Finding, id, msg string) bool {
	for _, f := range fs {
		if f.RuleID == id && strings.Contains(f.Message, msg) {
			return true
		}
	}
	return false
}

func TestInlineSuppression(t *testing.T) {
	root := t.TempDir()
	writeSkill(t, root, "a", map[string]string{"run.sh": strings.Join([]string{
		"x # MARK-SG2006 skillgate:ignore SG2006 -- builds a jq filter from a constant table",
		"# skillgate:ignore SG5003 -- prints the environment in debug mode only",
		"y # MARK-SG5003",
		"z # MARK-SG2006 skillgate:ignore SG2006",
		"w # MARK-SG2001 skillgate:ignore SG2001 -- trust me",
		"v # MARK-SG2006 skillgate:ignore SG2001 -- wrong rule",
	}, "\n") + "\n"})
	res := runMarker(t, root, nil)
	var got []string
	for _, f := range res.Skills[0].Findings {
		s := fmt.Sprintf("%d %s", f.Location.StartLine, f.RuleID)
		if f.Suppressed != nil {
			s += " suppressed"
		}
		got = append(got, s)
	}
	want := []string{
		"1 SG2006 suppressed",
		"3 SG5003 suppressed",
		"4 SG8301", // no reason
		"4 SG2006",
		"5 SG8301", // critical cannot be suppressed inline
		"5 SG2001",
		"6 SG2006",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if res.Skills[0].Verdict != Block {
		t.Errorf("verdict %s, want block", res.Skills[0].Verdict)
	}
}

func TestBaseline(t *testing.T) {
	root := t.TempDir()
	dir := writeSkill(t, root, "a", map[string]string{"run.sh": "x # MARK-SG2001\ny # MARK-SG2006\n"})
	res := runMarker(t, root, nil)
	b := BaselineFrom(res, nil, "reviewed in SEC-42", "alice", "2099-01-01")
	if len(b.Entries) != 2 {
		t.Fatalf("baseline has %d entries, want 2", len(b.Entries))
	}
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "baseline.yaml")
	os.WriteFile(file, data, 0o644)
	loaded, err := LoadBaseline(file)
	if err != nil {
		t.Fatal(err)
	}
	res = runMarker(t, root, func(o *Options) { o.Baseline = loaded })
	if v := res.Skills[0].Verdict; v != Pass {
		t.Errorf("with baseline: verdict %s, want pass", v)
	}
	if res.Summary.Suppressed != 2 {
		t.Errorf("suppressed %d, want 2", res.Summary.Suppressed)
	}

	// Inserting lines above keeps fingerprints (no line numbers in them).
	os.WriteFile(filepath.Join(dir, "run.sh"), []byte("echo first\n\nx # MARK-SG2001\ny # MARK-SG2006\n"), 0o644)
	res = runMarker(t, root, func(o *Options) { o.Baseline = loaded })
	if v := res.Skills[0].Verdict; v != Pass {
		t.Errorf("after moving lines: verdict %s, want pass", v)
	}

	// Expired entries stop suppressing and are reported.
	for i := range loaded.Entries {
		loaded.Entries[i].Expires = "2001-01-01"
	}
	res = runMarker(t, root, func(o *Options) { o.Baseline = loaded })
	if v := res.Skills[0].Verdict; v != Block {
		t.Errorf("expired baseline: verdict %s, want block", v)
	}
	if !hasRule(res.Skills[0].Findings, "SG8301", "expired") {
		t.Error("expired entry not reported")
	}

	// A changed line no longer matches: the finding counts, the stale
	// entry is reported.
	for i := range loaded.Entries {
		loaded.Entries[i].Expires = ""
	}
	os.WriteFile(filepath.Join(dir, "run.sh"), []byte("x2 # MARK-SG2001\ny # MARK-SG2006\n"), 0o644)
	res = runMarker(t, root, func(o *Options) {
		o.Baseline = loaded
		o.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	})
	if v := res.Skills[0].Verdict; v != Block {
		t.Errorf("changed code: verdict %s, want block", v)
	}
	if !hasRule(res.Skills[0].Findings, "SG8301", "matches no finding") {
		t.Error("stale entry not reported")
	}

	// Update keeps the reviewed entry for the unchanged finding and adds
	// the new one with the new reason.
	upd := BaselineFrom(res, loaded, "second review", "bob", "")
	var reasons []string
	for _, e := range upd.Entries {
		if e.Rule != "SG8301" {
			reasons = append(reasons, e.Rule+":"+e.Reason)
		}
	}
	if diff := cmp.Diff([]string{"SG2001:second review", "SG2006:reviewed in SEC-42"}, reasons); diff != "" {
		t.Errorf("updated baseline (-want +got):\n%s", diff)
	}
}

func TestLoadBaselineErrors(t *testing.T) {
	for name, body := range map[string]string{
		"no-reason":      "entries:\n- {rule: SG2001, path: a.sh, fingerprint: x}\n",
		"no-fingerprint": "entries:\n- {rule: SG2001, path: a.sh, reason: r}\n",
		"bad-expiry":     "entries:\n- {rule: SG2001, path: a.sh, fingerprint: x, reason: r, expires: tomorrow}\n",
		"unknown-key":    "entries:\n- {rule: SG2001, path: a.sh, fingerprint: x, reason: r, line: 3}\n",
	} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "b.yaml")
			os.WriteFile(f, []byte(body), 0o644)
			if _, err := LoadBaseline(f); err == nil {
				t.Error("loaded, want an error")
			}
		})
	}
}

func TestDiscoverErrors(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "README.md"), []byte("x"), 0o644)
	_, err := Run(context.Background(), Options{Paths: []string{root}, Analyzers: []*analysis.Analyzer{marker}})
	if err == nil || !strings.Contains(err.Error(), "no SKILL.md") {
		t.Errorf("err = %v, want no SKILL.md", err)
	}
	_, err = Run(context.Background(), Options{Paths: []string{filepath.Join(root, "missing")}, Analyzers: []*analysis.Analyzer{marker}})
	if err == nil {
		t.Error("missing path: no error")
	}
}

// TestAnalyzerPanic checks that a crashing analyzer is a finding that
// blocks, never a silent pass or a crash of the scan.
func TestAnalyzerPanic(t *testing.T) {
	root := t.TempDir()
	writeSkill(t, root, "a", map[string]string{"run.sh": "echo\n"})
	boom := &analysis.Analyzer{Name: "boom", Doc: "panics", Langs: []string{"shell"}, Run: func(*analysis.Pass) error { panic("kaboom") }}
	res, err := Run(context.Background(), Options{Paths: []string{root}, Base: root, Analyzers: []*analysis.Analyzer{boom}})
	if err != nil {
		t.Fatal(err)
	}
	if !hasRule(res.Skills[0].Findings, "SG8103", "kaboom") || res.Skills[0].Verdict != Block {
		t.Errorf("panic not reported as a blocking SG8103: %+v", res.Skills[0])
	}
}

// TestSkillTimeout: an analyzer that never finishes makes the skill block
// with SG8103 instead of hanging the scan.
func TestSkillTimeout(t *testing.T) {
	root := t.TempDir()
	writeSkill(t, root, "a", map[string]string{"run.sh": "echo\n"})
	stuck := &analysis.Analyzer{Name: "stuck", Doc: "never returns", Langs: []string{"shell"}, Run: func(p *analysis.Pass) error {
		<-p.Context.Done()
		time.Sleep(50 * time.Millisecond)
		return p.Context.Err()
	}}
	res, err := Run(context.Background(), Options{Paths: []string{root}, Base: root, Analyzers: []*analysis.Analyzer{stuck}, SkillTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Skills[0]; s.Verdict != Block || !hasRule(s.Findings, "SG8103", "did not finish") {
		t.Errorf("stuck analysis: %+v", s)
	}
}
