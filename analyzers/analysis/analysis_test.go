package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

func load(t *testing.T, files map[string]string) *skill.Skill {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fw")
	for p, c := range files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(c), 0o644)
	}
	s, err := skill.Load(context.Background(), dir, "fw", skill.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// extractor turns every line "RUN <file> <lang>" of a markdown unit into
// an exec mark and every "CODE <text>" line into a derived shell unit at
// that line; a virtual unit is derived from "BLOB <text>".
var extractor = &analysis.Analyzer{
	Name:  "extractor",
	Doc:   "test extractor",
	Langs: []string{"markdown"},
	Extract: func(p *analysis.Pass) ([]*analysis.Unit, error) {
		var out []*analysis.Unit
		for _, u := range p.Units {
			for i, line := range strings.Split(string(u.Src), "\n") {
				f := strings.Fields(line)
				switch {
				case len(f) == 3 && f[0] == "RUN":
					loc := u.Position(i+1, 1)
					p.MarkExecuted(f[1], f[2], finding.Step{Location: loc, Note: "runs " + f[1]})
				case len(f) >= 2 && f[0] == "CODE":
					out = append(out, &analysis.Unit{Path: u.Path, Lang: "shell", Src: []byte(strings.Join(f[1:], " ")), Line: u.Line + i, Col: 6, File: u.File,
						Origin: finding.Trace{{Location: u.Position(i+1, 1), Note: "code in prose"}}})
				case len(f) >= 2 && f[0] == "BLOB":
					out = append(out, &analysis.Unit{Path: u.Path, Lang: "shell", Src: []byte("line one\n" + strings.Join(f[1:], " ")), Line: u.Line + i, Col: 6, File: u.File, Virtual: true})
				}
			}
		}
		return out, nil
	},
}

// reporter reports SG2017 at every "BAD" in shell units, and an
// undeclared rule at every "ROGUE".
var reporter = &analysis.Analyzer{
	Name:  "reporter",
	Doc:   "test reporter",
	Rules: []string{"SG2017"},
	Langs: []string{"shell"},
	Run: func(p *analysis.Pass) error {
		for _, u := range p.Units {
			for i, line := range strings.Split(string(u.Src), "\n") {
				if j := strings.Index(line, "BAD"); j >= 0 {
					p.ReportAt(u, i+1, j+1, "SG2017", "bad at %d", i+1)
				}
				if strings.Contains(line, "ROGUE") {
					p.ReportAt(u, i+1, 1, "SG2001", "not declared")
				}
			}
		}
		return nil
	},
}

func run(t *testing.T, s *skill.Skill) []finding.Finding {
	t.Helper()
	res, err := analysis.Run(context.Background(), s, rules.MustLoad(), []*analysis.Analyzer{extractor, reporter})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func find(fs []finding.Finding, rule string) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestDerivedUnitsMapToTheFile(t *testing.T) {
	s := load(t, map[string]string{"SKILL.md": "---\nname: fw\ndescription: d\n---\ntext\nCODE echo BAD\n"})
	got := find(run(t, s), "SG2017")
	if len(got) != 1 {
		t.Fatalf("findings = %v", got)
	}
	f := got[0]
	if f.Location.Path != "SKILL.md" || f.Location.StartLine != 6 || f.Location.StartColumn != 6+5 {
		t.Errorf("location %v, want SKILL.md:6:11", f.Location)
	}
	if len(f.Trace) == 0 || f.Trace[0].Note != "code in prose" {
		t.Errorf("origin not in trace: %v", f.Trace)
	}
	if f.Category != finding.DynamicExecution || f.Severity == finding.SeverityUnset {
		t.Errorf("catalog not applied: %+v", f)
	}
}

func TestVirtualUnitsPointAtTheAnchor(t *testing.T) {
	s := load(t, map[string]string{"SKILL.md": "x\nBLOB BAD payload\n"})
	got := find(run(t, s), "SG2017")
	if len(got) != 1 || got[0].Location.StartLine != 2 || got[0].Location.StartColumn != 6 {
		t.Fatalf("findings = %v", got)
	}
	if tr := got[0].Trace; len(tr) == 0 || !strings.Contains(tr[len(tr)-1].Note, "line 2 of the decoded content") {
		t.Errorf("trace lacks the inner position: %v", tr)
	}
}

// TestExecMarks: a data-named text file that something runs is analysed
// in the language it is run as (and SG2016 says so); a binary that is run
// is critical.
func TestExecMarks(t *testing.T) {
	s := load(t, map[string]string{
		"SKILL.md":   "RUN notes.txt shell\nRUN tool.png shell\nRUN ok.sh shell\n",
		"notes.txt":  "echo fine\necho BAD\n",
		"tool.png":   "\x7fELF\x02\x01\x01\x00\x00\x00",
		"ok.sh":      "echo fine\n",
		"unused.txt": "echo BAD\n",
	})
	fs := run(t, s)
	bad := find(fs, "SG2017")
	if len(bad) != 1 || bad[0].Location.Path != "notes.txt" || bad[0].Location.StartLine != 2 {
		t.Errorf("SG2017 = %v, want one at notes.txt:2 (unused.txt is not run)", bad)
	}
	if len(bad) == 1 && (len(bad[0].Trace) == 0 || bad[0].Trace[0].Note != "runs notes.txt") {
		t.Errorf("exec step missing from trace: %v", bad[0].Trace)
	}
	if d := find(fs, "SG2016"); len(d) != 1 || !strings.Contains(d[0].Message, "notes.txt") {
		t.Errorf("SG2016 = %v", d)
	}
	var runBinary bool
	for _, f := range find(fs, "SG8001") {
		if strings.Contains(f.Message, "tool.png") && f.Severity == finding.Critical {
			runBinary = true
		}
	}
	if !runBinary {
		t.Errorf("running a binary is not a critical SG8001: %v", fs)
	}
}

// TestUndeclaredRule: an analyzer reporting a rule it did not declare is
// a failure the scan shows (SG8103), never a silent drop.
func TestUndeclaredRule(t *testing.T) {
	s := load(t, map[string]string{"SKILL.md": "x\n", "a.sh": "ROGUE\n"})
	fs := run(t, s)
	if len(find(fs, "SG2001")) != 0 {
		t.Error("undeclared rule reported as is")
	}
	if got := find(fs, "SG8103"); len(got) != 1 || !strings.Contains(got[0].Message, "undeclared rule SG2001") {
		t.Errorf("SG8103 = %v", got)
	}
}

func TestCancelled(t *testing.T) {
	s := load(t, map[string]string{"SKILL.md": "x\n", "a.sh": "echo\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := analysis.Run(ctx, s, rules.MustLoad(), []*analysis.Analyzer{extractor, reporter}); err == nil {
		t.Error("cancelled run returned no error")
	}
}

// nester derives from every unit a new unit of the same text, forever:
// the depth limit must stop it and say so.
var nester = &analysis.Analyzer{
	Name:  "nester",
	Doc:   "derives without end",
	Langs: []string{"markdown"},
	Extract: func(p *analysis.Pass) ([]*analysis.Unit, error) {
		var out []*analysis.Unit
		for _, u := range p.Units {
			out = append(out, &analysis.Unit{Path: u.Path, Lang: "markdown", Src: u.Src, Line: u.Line, Col: 1, File: u.File})
		}
		return out, nil
	},
}

func TestDerivationDepthIsReported(t *testing.T) {
	s := load(t, map[string]string{"SKILL.md": "x\n"})
	res, err := analysis.Run(context.Background(), s, rules.MustLoad(), []*analysis.Analyzer{nester})
	if err != nil {
		t.Fatal(err)
	}
	if got := find(res.Findings, "SG8101"); len(got) != 1 || !strings.Contains(got[0].Message, "layers deep") {
		t.Errorf("SG8101 = %v", got)
	}
}
