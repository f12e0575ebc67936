package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Severity orders findings by how much harm they indicate.
type Severity int

// Severities, lowest first. The zero value means "not set" so that an
// analyzer can leave the catalog's default in place.
const (
	SeverityUnset Severity = iota
	Info
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"", "info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses one of info, low, medium, high, critical.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if i > 0 && n == s {
			return Severity(i), nil
		}
	}
	return SeverityUnset, fmt.Errorf("unknown severity %q (want info, low, medium, high or critical)", s)
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Confidence says how sure an analyzer is that a finding is what it claims.
type Confidence int

// Confidences, lowest first; the zero value means "not set".
const (
	ConfidenceUnset Confidence = iota
	LowConfidence
	MediumConfidence
	HighConfidence
)

var confidenceNames = [...]string{"", "low", "medium", "high"}

func (c Confidence) String() string {
	if c < 0 || int(c) >= len(confidenceNames) {
		return fmt.Sprintf("confidence(%d)", int(c))
	}
	return confidenceNames[c]
}

// ParseConfidence parses one of low, medium, high.
func ParseConfidence(s string) (Confidence, error) {
	for i, n := range confidenceNames {
		if i > 0 && n == s {
			return Confidence(i), nil
		}
	}
	return ConfidenceUnset, fmt.Errorf("unknown confidence %q (want low, medium or high)", s)
}

func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

func (c *Confidence) UnmarshalText(b []byte) error {
	v, err := ParseConfidence(string(b))
	*c = v
	return err
}

// Category is one word of the closed vocabulary in DESIGN 4.2.
type Category string

// The categories. The set is closed: [ValidCategory] rejects anything else.
const (
	NetworkEgress        Category = "network-egress"
	Exfiltration         Category = "exfiltration"
	RemoteCodeExecution  Category = "remote-code-execution"
	DynamicExecution     Category = "dynamic-execution"
	Obfuscation          Category = "obfuscation"
	Backdoor             Category = "backdoor"
	Persistence          Category = "persistence"
	SensitiveAccess      Category = "sensitive-access"
	PromptInjection      Category = "prompt-injection"
	Typosquat            Category = "typosquat"
	MaliciousDependency  Category = "malicious-dependency"
	UnknownDependency    Category = "unknown-dependency"
	VulnerableDependency Category = "vulnerable-dependency"
	UnpinnedDependency   Category = "unpinned-dependency"
	InstallHook          Category = "install-hook"
	BinaryArtifact       Category = "binary-artifact"
	PrivilegeEscalation  Category = "privilege-escalation"
	ResourceAbuse        Category = "resource-abuse"
	HardcodedSecret      Category = "hardcoded-secret"
	Manifest             Category = "manifest"
	IncompleteAnalysis   Category = "incomplete-analysis"
)

// Categories lists every category in the order DESIGN 4.2 gives them.
var Categories = []Category{
	NetworkEgress, Exfiltration, RemoteCodeExecution, DynamicExecution,
	Obfuscation, Backdoor, Persistence, SensitiveAccess, PromptInjection,
	Typosquat, MaliciousDependency, UnknownDependency, VulnerableDependency,
	UnpinnedDependency, InstallHook, BinaryArtifact, PrivilegeEscalation,
	ResourceAbuse, HardcodedSecret, Manifest, IncompleteAnalysis,
}

// ValidCategory reports whether c belongs to the closed vocabulary.
func ValidCategory(c Category) bool { return slices.Contains(Categories, c) }

// Location points into a file of a skill. Path is relative to the skill
// root and uses forward slashes. A file inside an archive is written
// "archive.zip!member/path". Lines and columns are 1-based; zero means
// unknown.
type Location struct {
	Path        string `json:"path"`
	StartLine   int    `json:"startLine,omitempty"`
	StartColumn int    `json:"startColumn,omitempty"`
	EndLine     int    `json:"endLine,omitempty"`
	EndColumn   int    `json:"endColumn,omitempty"`
	// Snippet is the source line(s) the location covers, for code frames
	// and fingerprints. It is never printed in full when long.
	Snippet string `json:"snippet,omitempty"`
}

func (l Location) String() string {
	switch {
	case l.StartLine == 0:
		return l.Path
	case l.StartColumn == 0:
		return fmt.Sprintf("%s:%d", l.Path, l.StartLine)
	}
	return fmt.Sprintf("%s:%d:%d", l.Path, l.StartLine, l.StartColumn)
}

// Step is one hop of a trace: where it happens and what happens there.
type Step struct {
	Location Location `json:"location"`
	Note     string   `json:"note"`
}

// Trace is the chain of evidence from a source to a sink, in order.
type Trace []Step

// Dependency identifies the package a dependency finding is about.
type Dependency struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"`
	Manifest  string `json:"manifest,omitempty"`
}

// Suppression records why a finding does not count towards the verdict.
// Suppressed findings are still reported.
type Suppression struct {
	Kind    string `json:"kind"` // "inline", "baseline" or "policy"
	Reason  string `json:"reason"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
}

// Finding is one reported problem.
type Finding struct {
	RuleID     string      `json:"ruleId"`
	Category   Category    `json:"category"`
	Severity   Severity    `json:"severity"`
	Confidence Confidence  `json:"confidence"`
	Message    string      `json:"message"`
	Location   Location    `json:"location"`
	Trace      Trace       `json:"trace,omitempty"`
	Dependency *Dependency `json:"dependency,omitempty"`
	Target     string      `json:"target,omitempty"`
	// Fingerprint identifies the finding across unrelated edits of the
	// skill: rule, path and normalised snippet, never line numbers.
	Fingerprint string       `json:"fingerprint,omitempty"`
	Suppressed  *Suppression `json:"suppressed,omitempty"`
}

// Compare orders findings by path, line, column, rule and message, the
// order every report uses.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Location.Path, b.Location.Path),
		cmp.Compare(a.Location.StartLine, b.Location.StartLine),
		cmp.Compare(a.Location.StartColumn, b.Location.StartColumn),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(targetKey(a), targetKey(b)),
	)
}

func targetKey(f Finding) string {
	if f.Dependency == nil {
		return f.Target
	}
	return f.Dependency.Ecosystem + "/" + f.Dependency.Name + "@" + f.Dependency.Version + " " + f.Target
}

// Sort sorts findings in report order and removes exact duplicates (same
// rule, location and message), which arise when two views of one file (a
// script and the SKILL.md block that runs it) lead to the same evidence.
func Sort(fs []Finding) []Finding {
	slices.SortStableFunc(fs, Compare)
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return Compare(a, b) == 0
	})
}

// String renders a finding as "path:line:col: RULE: message", the form
// used in test expectations and plain logs.
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Location, f.RuleID, f.Message)
}

// ShortSnippet trims a snippet to at most n runes on one line.
func ShortSnippet(s string, n int) string {
	s = Printable(strings.TrimSpace(s))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Printable makes attacker-controlled text safe to show on a terminal or
// in a report: control characters (including ESC, which could drive the
// reviewer's terminal) are escaped as \xNN, and runs of invisible
// formatting characters (zero-width, bidi controls, Unicode tags) are
// replaced by a visible marker saying how many there were.
func Printable(s string) string {
	var b strings.Builder
	invisible := 0
	flush := func() {
		if invisible > 0 {
			fmt.Fprintf(&b, "⟦%d invisible⟧", invisible)
			invisible = 0
		}
	}
	for _, r := range s {
		switch {
		case r == '\t':
			flush()
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			flush()
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.Is(unicode.Cf, r) || r >= 0xe0000 && r <= 0xe007f:
			invisible++
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}
