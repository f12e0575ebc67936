package shell

import (
	"fmt"
	"slices"
	"strings"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
)

// Analyzer is the shell analyzer.
var Analyzer = &analysis.Analyzer{
	Name: "shell",
	Doc:  "shell: pipe-to-interpreter, droppers, reverse shells, exfiltration, persistence and privilege use in shell scripts and shell embedded in SKILL.md",
	Rules: []string{
		"SG2001", "SG2002", "SG4003", "SG2003", "SG2004", "SG2005", "SG2006", "SG2010", "SG2011", "SG2013",
		"SG2014", "SG2015", "SG2017", "SG3001", "SG3004", "SG3005", "SG3006", "SG4001", "SG4002",
		"SG5001", "SG5002", "SG5003", "SG6002", "SG8102",
	},
	Langs:   []string{"shell"},
	Extract: extract,
	Run:     run,
}

func extract(p *analysis.Pass) ([]*analysis.Unit, error) {
	var out []*analysis.Unit
	for _, u := range p.Units {
		if err := p.Context.Err(); err != nil {
			return out, err
		}
		pr := parsed(p, u)
		w := newWalker(p, u, true)
		w.stmts(pr.stmts)
		w.deriveIFS(pr.stmts)
		out = append(out, w.derived...)
	}
	return out, nil
}

// maxErrors bounds the syntax errors reported per unit.
const maxErrors = 5

func run(p *analysis.Pass) error {
	cache := map[string]classified{}
	for _, u := range p.Units {
		if err := p.Context.Err(); err != nil {
			return err
		}
		pr := parsed(p, u)
		for i, e := range pr.errs {
			if i == maxErrors {
				p.ReportAt(u, pr.errLines[i], 0, "SG8102", "%d more shell syntax errors; the lines they affect were not analysed", len(pr.errs)-maxErrors)
				break
			}
			msg := e
			if j := strings.Index(msg, ": "); j >= 0 && strings.Count(msg[:j], ":") <= 1 {
				msg = msg[j+2:]
			}
			p.ReportAt(u, pr.errLines[i], 0, "SG8102", "shell syntax error: %s; analysed what did parse", msg)
		}
		if pr.gaveUp && len(pr.errs) <= maxErrors {
			p.ReportAt(u, 1, 0, "SG8102", "shell parsing stopped early; the rest of the script was not analysed")
		}
		w := newWalker(p, u, false)
		w.classCache = cache
		w.stmts(pr.stmts)
		w.reportIFS(pr.stmts)
		w.finish()
	}
	return nil
}

// finish reports what only the whole script shows.
func (w *walker) finish() {
	keys := make([]string, 0, len(w.downloads))
	for k := range w.downloads {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d := w.downloads[k]
		if d.chmod == nil || d.ran {
			continue
		}
		l := d.chmod.Location.StartLine
		name := d.chmodName
		if name == "" {
			name = display(k)
		}
		f := finding.Finding{RuleID: "SG2002", Message: fmt.Sprintf("a downloaded file is made executable: %s", name), Trace: finding.Trace{d.step, *d.chmod}}
		f.Location = d.chmod.Location
		f.Location.Snippet = lineAt(w.u, l)
		tr := append(finding.Trace{}, w.u.Origin...)
		f.Trace = append(tr, f.Trace...)
		w.pass.Report(f)
	}
	if len(w.credReads) > 0 && len(w.netUses) > 0 && !w.exfil {
		n := w.netUses[0]
		f := finding.Finding{
			RuleID:   "SG3005",
			Message:  display(fmt.Sprintf("reads %s and also sends data with %s", noteTarget(w.credReads[0].Note), n.prog)),
			Location: n.step.Location,
			Trace:    append(append(append(finding.Trace{}, w.u.Origin...), w.credReads[0]), n.step),
		}
		f.Location.Snippet = lineAt(w.u, f.Location.StartLine)
		w.pass.Report(f)
	}
}

func noteTarget(note string) string {
	s := strings.TrimPrefix(note, "reads ")
	if i := strings.Index(s, " ("); i >= 0 {
		s = s[:i]
	}
	return s
}

// lineAt returns the text of a file line a step points to.
func lineAt(u *analysis.Unit, fileLine int) string {
	if u.Virtual {
		return ""
	}
	return u.LineText(fileLine - u.Line + 1)
}

// parseKey keys a unit's parse in the skill's memo.
type parseKey struct{ u *analysis.Unit }

// parsed parses a unit once for both phases.
func parsed(p *analysis.Pass, u *analysis.Unit) *Parsed {
	return p.Memo(parseKey{u}, func() any { return Parse(u.Src, u.Path) }).(*Parsed)
}
