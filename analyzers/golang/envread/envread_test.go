package envread_test

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/envread"
	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

func TestEnvread(t *testing.T) {
	res := analysistest.Run(t, analysistest.TestData(), envread.Analyzer, "envread")
	var got []string
	for _, c := range res[0].Result.(goflow.Caps) {
		got = append(got, fmt.Sprintf("%d %s %s", res[0].Pass.Fset.Position(c.Pos).Line, c.Kind, c.Value))
	}
	want := []string{"9 env *", "11 env *", "15 env HOME", "15 env GITHUB_TOKEN"}
	if !slices.Equal(got, want) {
		t.Errorf("capabilities:\n got %q\nwant %q", got, want)
	}
}
