package shell_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"sort"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/rules"
)

// TestRealWorld runs the analyzer over the scripts listed in $SHFILES
// and prints rule counts (SHOW=RULE prints the findings). It is a
// measuring aid for precision on real scripts, skipped unless SHFILES is
// set.
func TestRealWorld(t *testing.T) {
	list := os.Getenv("SHFILES")
	if list == "" {
		t.Skip("SHFILES not set")
	}
	f, err := os.Open(list)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	counts := map[string]int{}
	cat := rules.MustLoad()
	n := 0
	for sc.Scan() {
		data, err := os.ReadFile(sc.Text())
		if err != nil {
			continue
		}
		n++
		res, _ := analysis.Run(context.Background(), memSkill(data), cat, []*analysis.Analyzer{shell.Analyzer})
		for _, fd := range res.Findings {
			counts[fd.RuleID]++
			if os.Getenv("SHOW") == fd.RuleID {
				fmt.Printf("%s:%d %s\n   %s\n", sc.Text(), fd.Location.StartLine, fd.Message, fd.Location.Snippet)
			}
		}
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("files", n)
	for _, k := range keys {
		fmt.Println(k, counts[k])
	}
}
