package netcall_test

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
	"skillgate.dev/skillgate/analyzers/golang/netcall"
)

func TestNetcall(t *testing.T) {
	res := analysistest.Run(t, analysistest.TestData(), netcall.Analyzer, "netcall")
	if len(res) != 1 {
		t.Fatalf("got %d results", len(res))
	}
	var got []string
	for _, c := range res[0].Result.(goflow.Caps) {
		got = append(got, fmt.Sprintf("%d %s %s", res[0].Pass.Fset.Position(c.Pos).Line, c.Kind, c.Value))
	}
	want := []string{
		"13 network api.example.com",
		"14 network 203.0.113.7:4444",
		"16 network files.example.org",
		"19 network other.example.net",
		"20 network ws.example.com",
		"21 network mail.example.com:25",
		"25 network *",
		"34 network 203.0.113.99:22",
	}
	if !slices.Equal(got, want) {
		t.Errorf("capabilities:\n got %q\nwant %q", got, want)
	}
}
