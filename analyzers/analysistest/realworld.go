package analysistest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"sort"
	"testing"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// RealWorld runs analyzers over the files listed, one path per line, in
// the file named by the environment variable env, and prints how often
// each rule fires (SHOW=RULE also prints that rule's findings). It is a
// measuring aid for precision on real files, skipped unless env is set.
// wrap turns a file's bytes into a skill; lineOffset is subtracted from
// printed lines (text wrap added in front).
func RealWorld(t *testing.T, env string, wrap func([]byte) *skill.Skill, lineOffset int, analyzers ...*analysis.Analyzer) {
	t.Helper()
	list := os.Getenv(env)
	if list == "" {
		t.Skip(env + " not set")
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
		res, _ := analysis.Run(context.Background(), wrap(data), cat, analyzers)
		for _, fd := range res.Findings {
			counts[fd.RuleID]++
			if os.Getenv("SHOW") == fd.RuleID {
				fmt.Printf("%s:%d %s\n   %s\n", sc.Text(), fd.Location.StartLine-lineOffset, fd.Message, fd.Location.Snippet)
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("files", n)
	for _, k := range keys {
		fmt.Println(k, counts[k])
	}
}
