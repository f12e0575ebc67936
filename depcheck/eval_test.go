package depcheck

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"skillgate.dev/skillgate/depcheck/registry"
	"skillgate.dev/skillgate/finding"
)

func readEval(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open("testdata/eval/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	return rows
}

// TestEvaluation measures the name checks on a labelled set: published
// squats (recall, with the right target), popular look-alike legitimate
// packages (flagged at medium or above) and invented names (reported
// unknown).
func TestEvaluation(t *testing.T) {
	squats := readEval(t, "squats.tsv")
	hit := 0
	for _, r := range squats {
		j, err := Judge(r[0], r[1])
		if err != nil {
			t.Fatal(err)
		}
		targets := strings.Split(r[2], "|")
		if j.Squat != nil && slices.Contains(targets, j.Squat.Target) {
			hit++
			continue
		}
		got := "no match"
		if j.Squat != nil {
			got = j.Squat.Target + " (" + j.Squat.Technique + ")"
		}
		t.Logf("missed squat %s %s: want %s, got %s", r[0], r[1], r[2], got)
	}
	legit := readEval(t, "legit.tsv")
	flagged := 0
	for _, r := range legit {
		j, err := Judge(r[0], r[1])
		if err != nil {
			t.Fatal(err)
		}
		sev, _ := j.SquatSeverity(false)
		if sev >= finding.Medium || j.Unknown {
			flagged++
			t.Logf("legitimate %s %s flagged: squat=%+v unknown=%v", r[0], r[1], j.Squat, j.Unknown)
		}
	}
	invented := readEval(t, "invented.tsv")
	unknown := 0
	for _, r := range invented {
		j, err := Judge(r[0], r[1])
		if err != nil {
			t.Fatal(err)
		}
		if j.Unknown {
			unknown++
		} else {
			t.Logf("invented %s %s not reported unknown", r[0], r[1])
		}
	}
	recall := float64(hit) / float64(len(squats))
	fp := float64(flagged) / float64(len(legit))
	unk := float64(unknown) / float64(len(invented))
	t.Logf("squat recall with the right target: %d/%d = %.1f%%", hit, len(squats), 100*recall)
	t.Logf("legitimate flagged at medium or above: %d/%d = %.1f%%", flagged, len(legit), 100*fp)
	t.Logf("invented names reported unknown: %d/%d = %.1f%%", unknown, len(invented), 100*unk)
	if recall < 0.90 {
		t.Errorf("recall %.1f%% < 90%%", 100*recall)
	}
	if fp > 0.02 {
		t.Errorf("legitimate flagged %.1f%% > 2%%", 100*fp)
	}
	if unk < 0.95 {
		t.Errorf("invented unknown %.1f%% < 95%%", 100*unk)
	}
}

// TestBackgroundFlagRate reports (without asserting) how often existing,
// less popular packages are flagged at medium or above: a deterministic
// sample of every 400th unranked PyPI name and every 20th npm name with
// 10,000 to 1,000,000 downloads a month. Most of them are legitimate, so
// this approximates the false-positive rate on ordinary dependencies.
func TestBackgroundFlagRate(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	type sample struct{ eco, name string }
	var ss []sample
	pyIdx, err := registry.PyPIBlocked()
	if err != nil {
		t.Fatal(err)
	}
	pyIdx.Each(func(i int, name string, v uint32) {
		if v == 0 && i%400 == 0 {
			ss = append(ss, sample{registry.PyPI, name})
		}
	})
	npmIdx, err := registry.NPMBlocked()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	npmIdx.Each(func(i int, name string, v uint32) {
		if v >= 10_000 && v < registry.PopularNPMDownloads {
			if n%20 == 0 {
				ss = append(ss, sample{registry.NPM, name})
			}
			n++
		}
	})
	flagged := map[string]int{}
	total := map[string]int{}
	for _, s := range ss {
		j, err := Judge(s.eco, s.name)
		if err != nil {
			t.Fatal(err)
		}
		total[s.eco]++
		if sev, _ := j.SquatSeverity(false); sev >= finding.Medium {
			flagged[s.eco]++
			if testing.Verbose() && os.Getenv("SKILLGATE_EVAL_LIST") != "" {
				t.Logf("%s %s -> %s (%s, %s)", s.eco, s.name, j.Squat.Target, j.Squat.Technique, sev)
			}
		}
	}
	for _, eco := range []string{registry.PyPI, registry.NPM} {
		t.Logf("%s: %d of %d sampled existing less-popular names flagged at medium or above (%.1f%%)",
			eco, flagged[eco], total[eco], 100*float64(flagged[eco])/float64(max(total[eco], 1)))
	}
}
