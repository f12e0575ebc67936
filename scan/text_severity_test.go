package scan

import (
	"context"
	"path/filepath"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysistest"
	"skillgate.dev/skillgate/finding"
)

// TestTextLayerSeverity checks, through the whole pipeline, that a
// webhook in a SKILL.md code block is high and the same URL in prose is
// medium.
func TestTextLayerSeverity(t *testing.T) {
	fx := analysistest.Load(t, "../rules/testdata/SG3002-text-codeblock.txtar")
	res, err := Run(context.Background(), Options{Paths: []string{fx.Dir}, Base: filepath.Dir(fx.Dir), Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]finding.Severity{8: finding.High, 11: finding.Medium}
	for _, f := range res.Skills[0].Findings {
		if f.RuleID != "SG3002" {
			continue
		}
		if sev, ok := want[f.Location.StartLine]; !ok || f.Severity != sev {
			t.Errorf("%s: severity %s", f, f.Severity)
		}
		delete(want, f.Location.StartLine)
	}
	if len(want) > 0 {
		t.Errorf("missing SG3002 findings on lines %v", want)
	}
}
