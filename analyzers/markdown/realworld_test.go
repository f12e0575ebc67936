package markdown_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"sort"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/markdown"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/rules"
)

// TestRealWorld runs the analyzers over the Markdown files listed in
// $MDFILES and prints rule counts (set SHOW=RULE to print findings). It
// is a measuring aid for precision, skipped unless MDFILES is set.
func TestRealWorld(t *testing.T) {
	list := os.Getenv("MDFILES")
	if list == "" {
		t.Skip("MDFILES not set")
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
		s := memSkill("x", append([]byte("---\nname: x\ndescription: x\n---\n"), data...), nil)
		res, _ := analysis.Run(context.Background(), s, cat, []*analysis.Analyzer{markdown.Analyzer, shell.Analyzer})
		for _, fd := range res.Findings {
			counts[fd.RuleID]++
			if os.Getenv("SHOW") == fd.RuleID {
				fmt.Printf("%s:%d %s\n   %s\n", sc.Text(), fd.Location.StartLine-4, fd.Message, fd.Location.Snippet)
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
