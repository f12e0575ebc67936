package analysis

import (
	"bytes"
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// Analyzer is one static analysis.
type Analyzer struct {
	// Name is a short lowercase identifier ("shell", "markdown").
	Name string
	// Doc says what the analyzer finds, first sentence a summary.
	Doc string
	// Rules are the catalog IDs the analyzer may report; reporting any
	// other ID is an error caught by the tests.
	Rules []string
	// Langs are the unit languages the analyzer reads; "*" means every
	// text unit, "binary" binary files.
	Langs []string
	// Extract, when set, runs in the first phase and returns derived
	// units (code embedded in the units it was given). It may report
	// findings and mark executed files through the pass.
	Extract func(*Pass) ([]*Unit, error)
	// Run runs in the second phase, once per skill, over every unit of
	// the analyzer's languages (derived units included).
	Run func(*Pass) error
}

func (a *Analyzer) wants(lang string) bool {
	return slices.Contains(a.Langs, lang) || slices.Contains(a.Langs, "*") && lang != "binary"
}

// Unit is a piece of code or text to analyse: a whole file, or code
// embedded in one (a fenced block, a decoded payload).
type Unit struct {
	// Path is the skill-relative path of the file the unit is in.
	Path string
	// Lang is the language the unit is analysed as.
	Lang string
	// Src is the unit's text.
	Src []byte
	// Line and Col give the position of Src[0] in the file (1-based).
	// Lines of Src map to Line+n; Col applies to Src's first line only.
	Line, Col int
	// File is the file the unit comes from.
	File *skill.File
	// Virtual is set for content that does not appear in the file as is
	// (decoded payloads): every finding in it is placed at (Line, Col) and
	// the position inside the decoded text goes into the trace.
	Virtual bool
	// Label names a virtual unit's content in traces ("the hook's
	// command"); "" means "the decoded content".
	Label string
	// Origin is prepended to the trace of every finding in the unit; it
	// says how the unit was reached ("SKILL.md:12 runs scripts/x.sh",
	// "decoded from base64 at x.py:3").
	Origin finding.Trace
	// Executed is set when something in the skill runs this unit's file.
	Executed bool
	// Depth counts derivations (0 for files), bounding decode recursion.
	Depth int
	// Args are the command-line arguments a derived program is run with
	// (`python3 - "$f" <<EOF`), as far as they are known; nil otherwise.
	Args []string
}

// Position maps a 1-based line and column inside Src to a location in
// the file, with the snippet of that line.
func (u *Unit) Position(line, col int) finding.Location {
	if u.Virtual {
		return finding.Location{Path: u.Path, StartLine: u.Line, StartColumn: u.Col}
	}
	l := finding.Location{Path: u.Path, StartLine: u.Line + line - 1, StartColumn: col}
	if line == 1 && col > 0 && u.Col > 1 {
		l.StartColumn = col + u.Col - 1
	}
	return l
}

// LineText returns line n (1-based) of Src without its newline.
func (u *Unit) LineText(n int) string {
	return lineOf(u.Src, n)
}

func lineOf(src []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimSuffix(string(src), "\r")
}

// Pass is what an analyzer sees of one skill.
type Pass struct {
	Context  context.Context
	Analyzer *Analyzer
	Skill    *skill.Skill
	Rules    *rules.Catalog
	// Units are the units in the analyzer's languages.
	Units []*Unit
	// All are every unit of the skill, for analyzers that need context
	// beyond their language (e.g. which file a SKILL.md block runs).
	All []*Unit

	st *state
}

// Report records a finding. Its rule must be one the analyzer declares.
func (p *Pass) Report(f finding.Finding) {
	if !slices.Contains(p.Analyzer.Rules, f.RuleID) {
		p.st.errs = append(p.st.errs, fmt.Errorf("analyzer %s reported undeclared rule %s", p.Analyzer.Name, f.RuleID))
		return
	}
	p.st.add(f)
}

// ReportAt records a finding at a position inside a unit, prefixing the
// unit's origin to the trace and placing virtual-unit findings at their
// anchor with the inner position in the trace.
func (p *Pass) ReportAt(u *Unit, line, col int, rule, format string, args ...any) {
	p.ReportUnit(u, line, col, finding.Finding{RuleID: rule, Message: fmt.Sprintf(format, args...)})
}

// ReportUnit is ReportAt for a finding the analyzer has filled in (trace,
// severity); its Location is set from (line, col). A Snippet the analyzer
// set (e.g. with a secret redacted) is kept.
func (p *Pass) ReportUnit(u *Unit, line, col int, f finding.Finding) {
	snippet := f.Location.Snippet
	f.Location = u.Position(line, col)
	f.Location.Snippet = snippet
	if f.Location.Snippet == "" {
		f.Location.Snippet = u.LineText(line)
	}
	var tr finding.Trace
	tr = append(tr, u.Origin...)
	if u.Virtual {
		label := u.Label
		if label == "" {
			label = "the decoded content"
		}
		tr = append(tr, finding.Step{
			Location: f.Location,
			Note:     fmt.Sprintf("line %d of %s: %s", line, label, finding.ShortSnippet(u.LineText(line), 120)),
		})
	}
	if len(tr) > 0 {
		f.Trace = append(tr, f.Trace...)
	}
	p.Report(f)
}

// Capability records one use of a capability.
func (p *Pass) Capability(kind finding.CapabilityKind, value string, loc finding.Location) {
	p.st.caps = append(p.st.caps, finding.Capability{Kind: kind, Value: value, Location: loc})
}

// CapabilityAt records a capability at a position inside a unit.
func (p *Pass) CapabilityAt(u *Unit, line, col int, kind finding.CapabilityKind, value string) {
	p.Capability(kind, value, u.Position(line, col))
}

// MarkExecuted records that something in the skill runs the file at
// path as lang; step says where and how. The file is then analysed as
// lang in the Run phase.
func (p *Pass) MarkExecuted(path, lang string, step finding.Step) {
	p.st.execs = append(p.st.execs, execMark{path: path, lang: lang, step: step})
}

// Result is what the analyzers found in one skill.
type Result struct {
	Findings     []finding.Finding
	Capabilities []finding.Capability
}

type execMark struct {
	path, lang string
	step       finding.Step
}

type state struct {
	findings []finding.Finding
	caps     []finding.Capability
	execs    []execMark
	errs     []error
	memo     map[any]any
}

// Memo returns the value kept under key for the skill being analysed,
// making it with mk the first time. An analyzer's Extract and Run phases
// share work through it (a file parsed once, not twice); keys should be
// of a type private to the analyzer.
func (p *Pass) Memo(key any, mk func() any) any {
	if v, ok := p.st.memo[key]; ok {
		return v
	}
	v := mk()
	if p.st.memo == nil {
		p.st.memo = map[any]any{}
	}
	p.st.memo[key] = v
	return v
}

func (s *state) add(f finding.Finding) { s.findings = append(s.findings, f) }

// safeCall runs fn and turns a panic into an error with a stack excerpt.
func safeCall(name string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			stack := string(debug.Stack())
			if len(stack) > 2000 {
				stack = stack[:2000]
			}
			err = fmt.Errorf("analyzer %s panicked: %v\n%s", name, r, stack)
		}
	}()
	return fn()
}
