package finding

import (
	"testing"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":                      "plain text",
		"esc \x1b[31mred":                 `esc \x1b[31mred`,
		"tab\tok":                         "tab\tok",
		"bell\a":                          `bell\x07`,
		"a\u200bb":                        "a⟦1 invisible⟧b",
		"x\U000E0049\U000E0067\U000E006E": "x⟦3 invisible⟧",
		"rtl \u202egnp.exe":               "rtl ⟦1 invisible⟧gnp.exe",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSortDedup(t *testing.T) {
	a := Finding{RuleID: "SG2001", Message: "m", Location: Location{Path: "b", StartLine: 2}}
	b := Finding{RuleID: "SG2001", Message: "m", Location: Location{Path: "a", StartLine: 9}}
	got := Sort([]Finding{a, b, a})
	if len(got) != 2 || got[0].Location.Path != "a" {
		t.Errorf("Sort = %v", got)
	}
}

func TestSeverityRoundTrip(t *testing.T) {
	for _, s := range []Severity{Info, Low, Medium, High, Critical} {
		b, _ := s.MarshalText()
		var got Severity
		if err := got.UnmarshalText(b); err != nil || got != s {
			t.Errorf("%v round trip: %v %v", s, got, err)
		}
	}
	if _, err := ParseSeverity("severe"); err == nil {
		t.Error("ParseSeverity accepted severe")
	}
}

func TestSummarizeAlwaysHasEveryKind(t *testing.T) {
	c := Summarize([]Capability{{Kind: CapNetwork, Value: "b"}, {Kind: CapNetwork, Value: "a"}, {Kind: CapNetwork, Value: "a"}})
	if len(c) != len(CapabilityKinds) {
		t.Errorf("kinds = %d", len(c))
	}
	if got := c[CapNetwork]; len(got) != 2 || got[0] != "a" {
		t.Errorf("network = %v", got)
	}
}
