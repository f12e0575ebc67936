package rules

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"skillgate.dev/skillgate/finding"
)

func TestCatalogLoads(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.All()) == 0 {
		t.Fatal("empty catalog")
	}
	for _, r := range c.All() {
		if !strings.HasPrefix(r.ID, "SG") {
			t.Errorf("%s: bad id", r.ID)
		}
	}
}

// TestDocsFresh fails when docs/rules.md does not match the catalog.
func TestDocsFresh(t *testing.T) {
	want := MustLoad().Markdown()
	got, err := os.ReadFile("../docs/rules.md")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("docs/rules.md is stale; run `go generate ./rules` (err=%v)", err)
	}
}

func TestParseRejects(t *testing.T) {
	base := "id: SG2999\nname: x-y\ntitle: T\ncategory: backdoor\nseverity: high\nconfidence: high\nmessage: m\nexplain: e\nremediation: r\nsince: 0.1.0\n"
	if _, err := Parse("ok.yaml", []byte(base)); err != nil {
		t.Fatalf("valid rule rejected: %v", err)
	}
	for name, mod := range map[string]func(string) string{
		"bad-id":         func(s string) string { return strings.Replace(s, "SG2999", "SG29", 1) },
		"bad-name":       func(s string) string { return strings.Replace(s, "x-y", "X_Y", 1) },
		"bad-category":   func(s string) string { return strings.Replace(s, "backdoor", "backdoors", 1) },
		"bad-severity":   func(s string) string { return strings.Replace(s, "severity: high", "severity: severe", 1) },
		"unknown-key":    func(s string) string { return s + "capabilty: EXEC\n" },
		"no-explain":     func(s string) string { return strings.Replace(s, "explain: e\n", "", 1) },
		"manifest-high":  func(s string) string { return strings.Replace(s, "backdoor", "manifest", 1) },
		"bad-regex":      func(s string) string { return s + "languages: [any]\nmatch: {kind: regex, pattern: '('}\n" },
		"match-no-langs": func(s string) string { return s + "match: {kind: regex, pattern: 'x'}\n" },
		"unknown-lang":   func(s string) string { return s + "languages: [cobol]\n" },
		"bad-match-kind": func(s string) string { return s + "languages: [any]\nmatch: {kind: glob, pattern: 'x'}\n" },
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse("r.yaml", []byte(mod(base))); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestLoadFSRejectsDuplicates(t *testing.T) {
	rule := func(id, name string) []byte {
		return []byte("id: " + id + "\nname: " + name + "\ntitle: T\ncategory: backdoor\nseverity: high\nconfidence: high\nmessage: m\nexplain: e\nremediation: r\nsince: 0.1.0\n")
	}
	_, err := LoadFS(fstest.MapFS{"SG2998.yaml": {Data: rule("SG2998", "same")}, "SG2999.yaml": {Data: rule("SG2999", "same")}})
	if err == nil {
		t.Error("duplicate names accepted")
	}
	_, err = LoadFS(fstest.MapFS{"SG2998.yaml": {Data: rule("SG2999", "a")}})
	if err == nil {
		t.Error("file named after another rule accepted")
	}
}

func TestApply(t *testing.T) {
	c := MustLoad()
	f := finding.Finding{RuleID: "SG2001"}
	if err := c.Apply(&f); err != nil {
		t.Fatal(err)
	}
	if f.Severity != finding.Critical || f.Category != finding.RemoteCodeExecution || f.Message == "" {
		t.Errorf("Apply = %+v", f)
	}
	f = finding.Finding{RuleID: "SG2001", Severity: finding.Low}
	c.Apply(&f)
	if f.Severity != finding.Low {
		t.Error("analyzer severity overwritten")
	}
	if err := c.Apply(&finding.Finding{RuleID: "SG0000"}); err == nil {
		t.Error("unknown rule applied")
	}
}

func FuzzParse(f *testing.F) {
	entries, _ := catalogFS.ReadDir("catalog")
	for _, e := range entries {
		data, _ := catalogFS.ReadFile("catalog/" + e.Name())
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("fuzz.yaml", data)
		if err == nil && (r.ID == "" || r.Severity == finding.SeverityUnset) {
			t.Fatalf("invalid rule accepted: %+v", r)
		}
	})
}
