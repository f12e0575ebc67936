package execcall_test

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/execcall"
	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

func TestExeccall(t *testing.T) {
	res := analysistest.Run(t, analysistest.TestData(), execcall.Analyzer, "execcall")
	var got []string
	for _, c := range res[0].Result.(goflow.Caps) {
		got = append(got, fmt.Sprintf("%d %s", res[0].Pass.Fset.Position(c.Pos).Line, c.Value))
	}
	want := []string{"14 *", "15 sh -c", "17 *", "19 *", "20 *", "21 sudo", "22 xmrig", "26 git", "27 sh -c", "29 go", "31 git"}
	if !slices.Equal(got, want) {
		t.Errorf("capabilities:\n got %q\nwant %q", got, want)
	}
}
