package pattern

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
)

// Default returns the analyzer for the embedded catalog's data-driven
// rules. It is built on first use, not at package initialisation, so that
// programs that never scan (the sandbox's init, `skillgate version`) do
// not pay for parsing the catalog.
func Default() *analysis.Analyzer {
	defaultOnce.Do(func() { defaultAnalyzer = New(rules.MustLoad()) })
	return defaultAnalyzer
}

var (
	defaultOnce     sync.Once
	defaultAnalyzer *analysis.Analyzer
)

// New returns a pattern analyzer for the rules with a match block in cat.
// The analyzer declares exactly those rules; it runs whichever of them the
// pass's catalog holds.
func New(cat *rules.Catalog) *analysis.Analyzer {
	var ids []string
	for _, r := range cat.PatternRules() {
		ids = append(ids, r.ID)
	}
	return &analysis.Analyzer{
		Name:  "pattern",
		Doc:   "run the catalog's data-driven regular-expression rules over the files in their languages",
		Rules: ids,
		Langs: []string{"*"},
		Run:   run,
	}
}

// maxMatches bounds the findings one rule makes in one unit; a file that
// matches thousands of times says nothing more with the rest.
const maxMatches = 100

var placeholder = regexp.MustCompile(`\{[a-zA-Z_][a-zA-Z0-9_]*\}`)

func run(p *analysis.Pass) error {
	var active []*rules.Rule
	for _, r := range p.Rules.PatternRules() {
		if slices.Contains(p.Analyzer.Rules, r.ID) {
			active = append(active, r)
		}
	}
	for _, u := range p.Units {
		if err := p.Context.Err(); err != nil {
			return err
		}
		for _, r := range active {
			if !applies(r, u.Lang) {
				continue
			}
			for _, m := range matches(r.Match, u.Src) {
				p.ReportAt(u, m.line, m.col, r.ID, "%s", message(r, m))
			}
		}
	}
	return nil
}

// applies reports whether a rule runs on a unit of the given language.
func applies(r *rules.Rule, lang string) bool {
	return slices.Contains(r.Languages, lang) || slices.Contains(r.Languages, "any") && lang != "binary"
}

// match is one match of a rule in a unit.
type match struct {
	line, col int
	text      string
	groups    map[string]string
}

// matches finds a rule's matches in src. Line rules are matched over the
// whole unit at once with (?m) semantics — one regexp pass instead of one
// call per line — and a match that spans lines (a pattern with \s can
// cross a newline) is redone line by line over the lines it spans, so the
// result is what line-by-line matching gives. Unless drops a match whose
// line (multiline rules: whose matched text) also matches the exception.
func matches(m *rules.Match, src []byte) []match {
	re := m.Regexp()
	var out []match
	add := func(start int, loc []int, base []byte, lineText []byte) {
		if len(out) >= maxMatches {
			return
		}
		if un := m.UnlessRegexp(); un != nil && un.Match(lineText) {
			return
		}
		line := 1 + bytes.Count(src[:start], []byte{'\n'})
		if n := len(out); n > 0 && out[n-1].line == line {
			return // one finding per rule and line
		}
		col := start - (bytes.LastIndexByte(src[:start], '\n') + 1) + 1
		mm := match{line: line, col: col, text: string(base[loc[0]:loc[1]])}
		for i, name := range re.SubexpNames() {
			if name != "" && loc[2*i] >= 0 {
				if mm.groups == nil {
					mm.groups = map[string]string{}
				}
				mm.groups[name] = string(base[loc[2*i]:loc[2*i+1]])
			}
		}
		out = append(out, mm)
	}
	if m.Multiline {
		for _, loc := range re.FindAllSubmatchIndex(src, maxMatches) {
			add(loc[0], loc, src, src[loc[0]:loc[1]])
		}
		return out
	}
	if lits := requiredLiterals(re.String()); lits != nil {
		for _, ls := range candidateLines(src, lits) {
			le := ls + lineEnd(src[ls:])
			line := src[ls:le]
			for _, l := range re.FindAllSubmatchIndex(line, -1) {
				add(ls+l[0], l, line, line)
			}
		}
		return out
	}
	lineRE := lineRegexp(re)
	for _, loc := range lineRE.FindAllSubmatchIndex(src, -1) {
		if len(out) >= maxMatches {
			break
		}
		ls := bytes.LastIndexByte(src[:loc[0]], '\n') + 1
		if !bytes.Contains(src[loc[0]:loc[1]], []byte{'\n'}) {
			le := ls + lineEnd(src[ls:])
			add(loc[0], loc, src, src[ls:le])
			continue
		}
		// Spanning match: redo the spanned lines one by one.
		for off := ls; off < loc[1]; {
			le := off + lineEnd(src[off:])
			line := src[off:le]
			for _, l := range re.FindAllSubmatchIndex(line, -1) {
				add(off+l[0], l, line, line)
			}
			off = le + 1
		}
	}
	return out
}

// candidateLines returns the sorted start offsets of the lines that hold
// at least one of lits.
func candidateLines(src []byte, lits []string) []int {
	seen := map[int]bool{}
	var starts []int
	for _, lit := range lits {
		for i := 0; ; {
			j := bytes.Index(src[i:], []byte(lit))
			if j < 0 {
				break
			}
			ls := bytes.LastIndexByte(src[:i+j], '\n') + 1
			if !seen[ls] {
				seen[ls] = true
				starts = append(starts, ls)
			}
			i = ls + lineEnd(src[ls:]) // next line
			if i >= len(src) {
				break
			}
		}
	}
	slices.Sort(starts)
	return starts
}

func lineEnd(b []byte) int {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return i
	}
	return len(b)
}

// lineRegexps caches the (?m) form of each rule pattern.
var lineRegexps sync.Map // pattern string -> *regexp.Regexp

// lineRegexp returns re with ^ and $ matching at line boundaries, as
// they do when each line is matched on its own.
func lineRegexp(re *regexp.Regexp) *regexp.Regexp {
	if v, ok := lineRegexps.Load(re.String()); ok {
		return v.(*regexp.Regexp)
	}
	l := regexp.MustCompile("(?m:" + re.String() + ")")
	lineRegexps.Store(re.String(), l)
	return l
}

// message fills the rule's message template: {name} takes the value of
// the named capture group, any other placeholder the matched text.
func message(r *rules.Rule, m match) string {
	return placeholder.ReplaceAllStringFunc(r.Message, func(ph string) string {
		name := strings.Trim(ph, "{}")
		if v, ok := m.groups[name]; ok {
			return v
		}
		return finding.ShortSnippet(m.text, 80)
	})
}
